// A small HTTP front for an Apollo Server: POST/GET /graphql plus plain JSON routes (/health).
// We own it, rather than using the standalone server, so that the context sees the parsed body
// (the subgraphs verify the ticket in its `extensions`) and tests can bind ephemeral ports. Every
// request gets its id here (the X-Request-Id header), its server span, an access log line and its metrics.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { describeError } from './safe-errors.ts';
import { loggerFor } from './logger.ts';
import { countRequest } from './metrics.ts';
import { requestFields, traceIdOf, type Outcome, type RequestScope } from './request-scope.ts';
import { inServerSpan } from './telemetry.ts';

const log = loggerFor('http');

/** The response header that names the request: the id a caller quotes, found in every log line of it. */
export const REQUEST_ID_HEADER = 'x-request-id';

const MAX_BODY_BYTES = 1024 * 1024;

export type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  /** the request's scope: a route that learns the request's id (the joint subgraph's, from a ticket) sets it here */
  scope: RequestScope,
) => Promise<void> | void;

export interface HttpService {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** An error whose message is written for the caller; any other error answers only 'internal error'. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How long close() lets requests in flight finish before it cuts their connections (TYM_SHUTDOWN_GRACE_SECONDS;
 * the command line sets it once for the whole process).
 */
let shutdownGraceMs = 10_000;
export function setShutdownGrace(ms: number): void {
  shutdownGraceMs = ms;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveGraphQL<C extends BaseContext>(opts: {
  apollo: ApolloServer<C>;
  host: string;
  port: number;
  /** the request's GraphQL context; it carries `scope` for the plugins (shared/request-scope.ts `Scoped`) */
  context: (req: IncomingMessage, body: Record<string, unknown> | undefined, scope: RequestScope) => Promise<C>;
  routes?: Record<string, Route>;
  /** sees every request first; true when it answered it itself (the gateway's CORS preflight) */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** answers what no route and not /graphql takes (the gateway's web app); 404 without it */
  fallback?: Route;
  /** the service's name in log lines, metrics and spans (gateway, joint, …) */
  service?: string;
}): Promise<HttpService> {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const service = opts.service ?? 'graphql';
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, scope: RequestScope) => {
    try {
      if (opts.intercept?.(req, res)) return;
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: Record<string, unknown> | undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, {
            errors: [
              { message: 'request body is not JSON', extensions: { code: 'BAD_REQUEST', requestId: scope.requestId } },
            ],
          });
        }
      }
      const route = opts.routes?.[url.pathname];
      if (route) return await route(req, res, body, scope);
      if (url.pathname !== '/graphql') {
        if (opts.fallback) return await opts.fallback(req, res, body, scope);
        return sendJson(res, 404, { error: 'not found' });
      }

      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const result = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
        context: () => opts.context(req, body, scope),
      });
      const kept = result.body.kind === 'complete' ? takeResult(result.body.string) : undefined;
      res.statusCode = result.status ?? 200;
      for (const [k, v] of result.headers) res.setHeader(k, v);
      // A subgraph learns the gateway's request id from the ticket, after the header was first set.
      res.setHeader(REQUEST_ID_HEADER, scope.requestId);
      // Personal data or figures for one caller: no cache on the way may keep them.
      res.setHeader('cache-control', 'no-store');
      if (result.body.kind === 'complete') {
        res.end(kept ? `${JSON.stringify(kept)}\n` : withRequestId(result.body.string, result.status, scope));
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      // Only our own HttpError speaks to the caller: a driver's or library's message may carry SQL or data.
      if (e instanceof HttpError) {
        if (!res.headersSent) {
          sendJson(res, e.status, {
            errors: [{ message: e.message, extensions: { code: 'BAD_REQUEST', requestId: scope.requestId } }],
          });
        } else res.end();
        return;
      }
      const { requestId } = scope;
      log.error(
        { ...requestFields(scope), method: req.method, path: url.pathname, error: describeError(e) },
        'internal error',
      );
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
        });
      } else {
        res.end();
      }
    }
  };
  const server = createServer((req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) drained?.();
    });
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method?.toUpperCase() ?? 'GET';
    const scope: RequestScope = { requestId: randomUUID(), service, traceId: traceIdOf(req.headers.traceparent) };
    res.setHeader(REQUEST_ID_HEADER, scope.requestId);
    void inServerSpan(service, method, url.pathname, req.headers, async (span) => {
      if (span) {
        scope.span = span;
        scope.traceId = span.spanContext().traceId;
      }
      await handle(req, res, url, scope);
      finished(scope, url.pathname, res.statusCode, (performance.now() - started) / 1000);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host}:${port}/graphql`,
    port,
    // Stops accepting at once, lets the requests in flight finish within the grace period, then
    // cuts what is left: a stop never drops an answer that was nearly done.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, shutdownGraceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * What the HTTP front would have sent: the status, headers and body of one /graphql answer. The body is
 * kept as the value Apollo would have written as JSON (`value`): a caller in the same process reads it
 * as is, and `body` is its JSON text, made only when asked.
 */
export interface InProcessAnswer {
  status: number;
  headers: [string, string][];
  /** the answer's JSON value; undefined when it is only text (an answer in parts) */
  value: unknown;
  readonly body: string;
}

function inProcessAnswer(status: number, headers: [string, string][], value: unknown, text?: string): InProcessAnswer {
  return {
    status,
    headers,
    value,
    get body() {
      return (text ??= JSON.stringify(value));
    },
  };
}

/**
 * Apollo's `stringifyResult` for a server that also answers in process (`inProcessGraphQL`): the result is
 * kept as a value, and what Apollo takes for its text is the key it is kept under. The HTTP front writes
 * the value as JSON, as Apollo would have; a caller in the same process takes it as is, neither written as
 * text nor read back. (Apollo tells this function nothing of the request, so the key travels in the text.)
 * Fields Apollo leaves undefined are left out, as JSON would leave them.
 */
export function resultText(result: FormattedExecutionResult): string {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result) as [string, unknown][]) if (v !== undefined) kept[k] = v;
  const key = `${RESULT_KEY}${++resultsKept}`;
  keptResults.set(key, kept);
  return key;
}
const RESULT_KEY = '\u0000kept result ';
const keptResults = new Map<string, Record<string, unknown>>();
let resultsKept = 0;

/** The result `resultText` kept for this text, taken (once); undefined for a text Apollo wrote itself. */
function takeResult(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith(RESULT_KEY)) return undefined;
  const kept = keptResults.get(text);
  keptResults.delete(text);
  return kept;
}

/**
 * Apollo answers some malformed requests before any context exists (no query, a GET that would change data);
 * their errors then name a request id of their own (`REQUEST_ID_UNKNOWN`, gateway/plugins/error-masking.ts).
 * Replaced here by the request's own, as its X-Request-Id names it. Only in refusals: an answer with data
 * is never rewritten.
 */
function withRequestId(text: string, status: number | undefined, scope: RequestScope): string {
  return status !== undefined && status >= 400 && text.includes(REQUEST_ID_UNKNOWN)
    ? text.replaceAll(REQUEST_ID_UNKNOWN, scope.requestId)
    : text;
}
/** The request id an error is given where its request is not known; replaced as the answer leaves. */
export const REQUEST_ID_UNKNOWN = '00000000-0000-0000-0000-000000000000';

/** A service's /graphql, called in this process: the request's parsed JSON body and its headers (lower case). */
export interface InProcessGraphQL {
  (body: Record<string, unknown>, headers: Record<string, string>): Promise<InProcessAnswer>;
  /** From now on every call fails, as a closed port would refuse the connection. */
  stop(): void;
}

/**
 * The /graphql of `serveGraphQL` without the socket, for a caller in the same process (`tym start`: the
 * gateway's fetches to its subgraphs). The same request scope and id, server span, context (a subgraph's
 * ticket check), access log line and metrics; only the HTTP stack (and the loopback round trip) is left out.
 */
export function inProcessGraphQL<C extends BaseContext>(opts: {
  apollo: ApolloServer<C>;
  service: string;
  context: (body: Record<string, unknown>, scope: RequestScope) => Promise<C>;
}): InProcessGraphQL {
  let serving = true;
  const call = async (body: Record<string, unknown>, headers: Record<string, string>): Promise<InProcessAnswer> => {
    if (!serving) throw new Error(`${opts.service} is not serving`);
    const started = performance.now();
    const scope: RequestScope = {
      requestId: randomUUID(),
      service: opts.service,
      traceId: traceIdOf(headers.traceparent),
    };
    return inServerSpan(opts.service, 'POST', '/graphql', headers, async (span) => {
      if (span) {
        scope.span = span;
        scope.traceId = span.spanContext().traceId;
      }
      let answer: InProcessAnswer;
      try {
        const map = new HeaderMap();
        for (const [k, v] of Object.entries(headers)) map.set(k.toLowerCase(), v);
        const result = await opts.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: map, search: '', body },
          context: () => opts.context(body, scope),
        });
        const status = result.status ?? 200;
        if (result.body.kind === 'complete') {
          // Kept by `resultText` when the server writes its results through it; otherwise the text it wrote.
          const kept = takeResult(result.body.string);
          answer = kept
            ? inProcessAnswer(status, [...result.headers], kept)
            : inProcessAnswer(status, [...result.headers], undefined, withRequestId(result.body.string, status, scope));
        } else {
          // Answers in parts (never made here: no @defer) stay text, as the HTTP front would send them.
          let text = '';
          for await (const chunk of result.body.asyncIterator) text += chunk;
          answer = inProcessAnswer(status, [...result.headers], undefined, text);
        }
      } catch (e) {
        // As the HTTP front answers: only 'internal error', the cause in the log.
        log.error(
          { ...requestFields(scope), method: 'POST', path: '/graphql', error: describeError(e) },
          'internal error',
        );
        answer = inProcessAnswer(500, [['content-type', 'application/json; charset=utf-8']], {
          errors: [
            { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: scope.requestId } },
          ],
        });
      }
      finished(scope, '/graphql', answer.status, (performance.now() - started) / 1000);
      return answer;
    });
  };
  return Object.assign(call, {
    stop() {
      serving = false;
    },
  });
}

/** Probes are asked every few seconds: neither logged nor counted. */
const quiet = (path: string) => path.startsWith('/health');

/** The access log line, the request's metrics and its span's outcome, once the answer has left. */
function finished(scope: RequestScope, path: string, status: number, seconds: number): void {
  if (quiet(path)) return;
  const outcome: Outcome =
    scope.outcome?.() ?? (status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'ok');
  // A route beside /graphql (the joint subgraph's facts, the dev issuer) is its own operation.
  const operation = path === '/graphql' ? (scope.operation ?? 'none') : `route ${path}`;
  countRequest(scope.service, operation, outcome, seconds);
  scope.span?.setAttributes({
    'tym.operation': operation,
    'tym.outcome': outcome,
    'tym.request_id': scope.requestId,
    'http.response.status_code': status,
  });
  log.info(
    { ...requestFields(scope), service: scope.service, operation, outcome, status, ms: Math.round(seconds * 1000) },
    'request',
  );
}
