// Metrics (prom-client) for Prometheus, served on a port of their own (startMetricsEndpoint), never
// beside /graphql: caseworker traffic cannot reach them. Labels are bounded vocabularies (services,
// operations as root fields of the schema, outcomes, reasons, categories, causes): no personal data,
// no caller-chosen text.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HttpService } from './http.ts';
import type { Outcome } from './request-scope.ts';

export const registry = new Registry();

const requests = new Counter({
  name: 'tym_requests_total',
  help: 'Requests answered, by service, operation (type and root fields) and outcome',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [registry],
});
const requestSeconds = new Histogram({
  name: 'tym_request_duration_seconds',
  help: 'Time to answer a request, by service, operation and outcome',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const refusals = new Counter({
  name: 'tym_refusals_total',
  help: 'Fields and operations refused by the policy, by service, reason and data category (none: not one field)',
  labelNames: ['service', 'reason', 'category'] as const,
  registers: [registry],
});
const ticketsRefused = new Counter({
  name: 'tym_tickets_refused_total',
  help: 'Tickets a subgraph refused, by cause',
  labelNames: ['service', 'cause'] as const,
  registers: [registry],
});
const logCommitSeconds = new Histogram({
  name: 'tym_log_commit_duration_seconds',
  help: 'Disclosure-log group commits: time from the transaction start until the entries are durable',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
const logBatchEntries = new Histogram({
  name: 'tym_log_commit_batch_entries',
  help: 'Disclosure-log entries per group commit',
  buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
  registers: [registry],
});
const logBatchRequests = new Histogram({
  name: 'tym_log_commit_batch_requests',
  help: 'Requests whose entries and look-ups one group commit wrote',
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
  registers: [registry],
});
const logEntries = new Counter({
  name: 'tym_log_entries_written_total',
  help: 'Disclosure-log entries committed',
  registers: [registry],
});
const logFailures = new Counter({
  name: 'tym_log_commit_failures_total',
  help: 'Disclosure-log group commits that failed (their requests were answered without personal data)',
  registers: [registry],
});
const releaseCommitSeconds = new Histogram({
  name: 'tym_release_commit_duration_seconds',
  help: "Release-record group commits (reads' ticket claims with their release records), by database",
  labelNames: ['database'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
const releaseBatchClaims = new Histogram({
  name: 'tym_release_commit_batch_claims',
  help: 'Ticket claims (requests) one release-record group commit wrote, by database',
  labelNames: ['database'] as const,
  buckets: [1, 2, 5, 10, 25, 50, 100, 250],
  registers: [registry],
});
const releaseFailures = new Counter({
  name: 'tym_release_commit_failures_total',
  help: 'Release-record group commits that failed (their requests were answered without the data), by database',
  labelNames: ['database'] as const,
  registers: [registry],
});
const alerts = new Counter({
  name: 'tym_access_alerts_total',
  help: 'Unusual-search alerts raised for supervisors, by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});
const poolSize = new Gauge({
  name: 'tym_db_pool_size',
  help: 'Connections a database pool may open (PGlite: 1, it runs one statement at a time)',
  labelNames: ['database'] as const,
  registers: [registry],
});
const statementsInFlight = new Gauge({
  name: 'tym_db_statements_in_flight',
  help: 'Statements running or waiting for a connection, by database: against tym_db_pool_size, the pool use',
  labelNames: ['database'] as const,
  registers: [registry],
});
const statements = new Counter({
  name: 'tym_db_statements_total',
  help: 'Statements run, by database',
  labelNames: ['database'] as const,
  registers: [registry],
});

export const countRequest = (service: string, operation: string, outcome: Outcome, seconds: number): void => {
  requests.inc({ service, operation, outcome });
  requestSeconds.observe({ service, operation, outcome }, seconds);
};

export const countRefusal = (service: string, reason: string, category: string): void =>
  refusals.inc({ service, reason, category });

/** The cause of a ticket refusal as a label, from the refusal's own words (shared/tickets.ts). */
export function ticketRefusalCause(message: string): string {
  const causes: [RegExp, string][] = [
    [/^no ticket/, 'missing'],
    [/already used/, 'replayed'],
    [/replay store full/, 'replay_store_full'],
    [/another document/, 'other_document'],
    [/other variables/, 'other_variables'],
    [/lifetime over the cap/, 'lifetime'],
    [/in the future|ERR_JWT_CLAIM_VALIDATION_FAILED.*nbf/, 'not_yet_valid'],
    [/ERR_JWT_EXPIRED/, 'expired'],
    [/signature|ERR_JWS_SIGNATURE_VERIFICATION_FAILED|ERR_JWKS_NO_MATCHING_KEY/, 'signature'],
    [/ERR_JWT_CLAIM_VALIDATION_FAILED/, 'claims'],
    [/malformed/, 'malformed'],
  ];
  return causes.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid';
}

export const countTicketRefused = (service: string, message: string): void =>
  ticketsRefused.inc({ service, cause: ticketRefusalCause(message) });

export function countLogCommit(seconds: number, entries: number, requestsInBatch: number): void {
  logCommitSeconds.observe(seconds);
  logBatchEntries.observe(entries);
  logBatchRequests.observe(requestsInBatch);
  logEntries.inc(entries);
}

export const countLogFailure = (): void => logFailures.inc();

export function countReleaseCommit(database: string, seconds: number, claims: number): void {
  releaseCommitSeconds.observe({ database }, seconds);
  releaseBatchClaims.observe({ database }, claims);
}
export const countReleaseFailure = (database: string): void => releaseFailures.inc({ database });
export const countAlert = (kind: string): void => alerts.inc({ kind });

export const setPoolSize = (database: string, size: number): void => poolSize.set({ database }, size);

/** One statement on `database` starts; the function returned ends it. */
export function statementStarted(database: string): () => void {
  statements.inc({ database });
  statementsInFlight.inc({ database });
  return () => statementsInFlight.dec({ database });
}

let defaultsCollected = false;

/**
 * GET /metrics on its own listener (TYM_METRICS_HOST, default loopback; TYM_METRICS_PORT), in the text
 * format Prometheus scrapes. Process metrics (CPU, memory, event loop) are added when it starts.
 */
export async function startMetricsEndpoint(opts: { host: string; port: number }): Promise<HttpService> {
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: registry, prefix: 'tym_' });
    defaultsCollected = true;
  }
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(text);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
