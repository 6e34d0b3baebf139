// Traces, metrics and logs as an operator sees them (issue 14, items 1–3), on one system: a unified-view
// request is one trace across the gateway and the subgraphs; the Prometheus endpoint answers on its own
// port only; every log line of a request names its request id and trace id, which the caller gets in
// X-Request-Id and in every error; and neither spans, metrics nor log lines name a fixture person.
import { readFileSync } from 'node:fs';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { System } from '../cli/system.ts';
import { captureLogs } from '../shared/logger.ts';
import { startMetricsEndpoint, ticketRefusalCause } from '../shared/metrics.ts';
import { operationLabel } from '../shared/request-telemetry.ts';
import { startTracing, stopTracing, tracingConfigured } from '../shared/telemetry.ts';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { HttpService } from '../shared/http.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const CLIENT = '150385-9013';
const IU = 'ita-uusimaa';
const SPECIALIST = { org: 'employment', role: 'employment-specialist', areas: [IU] };
const UNIFIED_VIEW =
  '{ client(hetu: "150385-9013") { joint { identity { firstName lastName } plan { deadline } } ' +
  'employment { education { degree } } wellbeing { socialSituation { summary } diagnoses { code } } ' +
  'kela { benefits { type status } } } }';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The fixture persons' identity codes, names and contact details, and their free texts, from the data file. */
function fixturePersonalData(): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (['hetu', 'firstName', 'lastName', 'phone', 'email', 'name'].includes(key) || v.length > 30) found.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(JSON.parse(readFileSync(new URL('../seed/fixtures.json', import.meta.url), 'utf8')), '');
  return [...found];
}
const PERSONAL = fixturePersonalData();
const personalDataIn = (text: string) => PERSONAL.filter((value) => text.includes(value));

describe('observability settings', () => {
  it('traces only when the OTEL_* variables ask for them', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_SERVICE_NAME: 'x' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(
      false,
    );
    expect(tracingConfigured({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
  });

  it('labels an operation by its root fields, never by the name the caller gave it', () => {
    const op = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;
    expect(operationLabel(op('query Antti_Heikkinen { client(hetu: "150385-9013") { hetu } }'))).toBe('query client');
    expect(operationLabel(op('mutation { reviewPlan(hetu: "x", note: "y") { version } me { hetu } }'))).toBe(
      'mutation me,reviewPlan',
    );
    expect(operationLabel(undefined)).toBe('none');
  });

  it('names a refused ticket by a cause from a fixed list', () => {
    expect(ticketRefusalCause('no ticket')).toBe('missing');
    expect(ticketRefusalCause('ticket refused: already used')).toBe('replayed');
    expect(ticketRefusalCause('ticket refused: ERR_JWT_EXPIRED')).toBe('expired');
    expect(ticketRefusalCause('ticket refused: something new 150385-9013')).toBe('invalid');
  });

  it('finds personal data when a text holds it (the scans below can fail)', () => {
    expect(personalDataIn(`{"msg":"looked up ${CLIENT}"}`)).toContain(CLIENT);
    expect(personalDataIn('{"msg":"Heikkinen"}')).toContain('Heikkinen');
  });
});

describe('traces, metrics and logs of a running system', () => {
  const exporter = new InMemorySpanExporter();
  const lines: string[] = [];
  let stopCapture: () => void;
  let system: System;
  let metrics: HttpService;
  let unified: { requestId: string; status: number };
  let unauthenticated: { requestId: string; body: Record<string, unknown> };

  beforeAll(async () => {
    stopCapture = captureLogs((line) => lines.push(line), 'debug');
    await startTracing({ serviceName: 'tym-test', exporter });
    // Alerts at the first look-ups over the thresholds, so that one is raised cheaply.
    // A small world: the fixture persons are what the scans look for.
    system = await startTestSystem(
      BACKENDS[0]!,
      { clients: 5, seed: 7 },
      {
        alerts: { windowMinutes: 60, outsideCaseload: 1, invalidHetus: 1 },
      },
    );
    metrics = await startMetricsEndpoint({ host: '127.0.0.1', port: 0 });

    const specialist = await system.token(SPECIALIST);
    const res = await fetch(system.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${specialist}`,
        'x-tym-purpose': 'ASSESSMENT',
      },
      body: JSON.stringify({ query: UNIFIED_VIEW }),
    });
    unified = { requestId: res.headers.get('x-request-id') ?? '', status: res.status };

    // What else an operator's log sees: refusals, invalid codes, another area, a write, a citizen, bad tokens.
    const fixtures = JSON.parse(readFileSync(new URL('../seed/fixtures.json', import.meta.url), 'utf8')) as {
      hetu: string;
    }[];
    const other = await system.token({ org: 'kela', role: 'work-ability-specialist', areas: ['keski-uusimaa'] });
    for (const { hetu } of fixtures) {
      for (const token of [specialist, other]) {
        await gql(system.url, UNIFIED_VIEW.replace(CLIENT, hetu), { token, purpose: 'ASSESSMENT' });
      }
      const citizen = await system.token({ org: 'citizen', role: 'citizen', sub: hetu });
      await gql(system.url, '{ me { joint { identity { firstName lastName } } } }', {
        token: citizen,
        purpose: 'DATA_SUBJECT_ACCESS',
      });
    }
    for (const bad of ['150385-9014', 'not a hetu']) {
      await gql(system.url, `{ client(hetu: "${bad}") { joint { identity { lastName } } } }`, {
        token: specialist,
        purpose: 'ASSESSMENT',
      });
    }
    await gql(system.url, 'mutation($hetu: ID!, $note: String!) { reviewPlan(hetu: $hetu, note: $note) { version } }', {
      token: specialist,
      purpose: 'PLAN_REVIEW',
      variables: { hetu: CLIENT, note: 'Antti Heikkinen continues' },
    });
    await gql(system.url, UNIFIED_VIEW, { token: specialist, purpose: 'NOT_A_PURPOSE' });
    await gql(system.url, UNIFIED_VIEW, { token: `${specialist}x`, purpose: 'ASSESSMENT' });
    // Straight to a subgraph, without a ticket: refused there.
    await gql(
      system.subgraphs.kela.url,
      `{ _entities(representations: [{ __typename: "Person", hetu: "${CLIENT}" }]) {
      ... on Person { hetu } } }`,
    );
    const res401 = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tym-purpose': 'ASSESSMENT' },
      body: JSON.stringify({ query: UNIFIED_VIEW }),
    });
    unauthenticated = {
      requestId: res401.headers.get('x-request-id') ?? '',
      body: (await res401.json()) as Record<string, unknown>,
    };
    // A start and some thirty requests: longer than one start alone on a loaded machine.
  }, 300_000);

  afterAll(async () => {
    await metrics?.close();
    await system?.close();
    await stopTracing();
    stopCapture?.();
  });

  /** The spans of one trace, once the gateway's server span of the request has ended. */
  async function traceOf(requestId: string): Promise<ReadableSpan[]> {
    const root = await vi.waitFor(() => {
      const span = exporter
        .getFinishedSpans()
        .find((s) => s.attributes['tym.request_id'] === requestId && s.attributes['tym.service'] === 'gateway');
      if (!span) throw new Error('the request span has not ended yet');
      return span;
    });
    const traceId = root.spanContext().traceId;
    return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  }

  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  /** A trace as indented text: name, duration, attributes. */
  function treeOf(spans: ReadableSpan[]): string {
    const ms = (s: ReadableSpan) => (s.duration[0] * 1e3 + s.duration[1] / 1e6).toFixed(1);
    const out: string[] = [];
    const walk = (span: ReadableSpan, depth: number) => {
      out.push(`${'  '.repeat(depth)}${span.name} ${ms(span)} ms ${JSON.stringify(span.attributes)}`);
      const children = spans.filter((s) => parentOf(s) === span.spanContext().spanId);
      for (const child of children.sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]))
        walk(child, depth + 1);
    };
    for (const root of spans.filter((s) => !spans.some((p) => p.spanContext().spanId === parentOf(s)))) walk(root, 0);
    return out.join('\n');
  }

  it('makes one trace of a unified-view request, the subgraphs joining it through traceparent', async () => {
    expect(unified.status).toBe(200);
    expect(unified.requestId).toMatch(UUID);
    const spans = await traceOf(unified.requestId);
    const named = (name: string) => spans.filter((s) => s.name === name);
    const root = spans.find((s) => s.name === 'gateway POST /graphql')!;
    expect(root).toBeDefined();
    expect(root.attributes['tym.operation']).toBe('query client');
    for (const name of ['authenticate', 'gateway.plan', 'policy.grants', 'audit.commit'])
      expect(named(name).length, name).toBeGreaterThan(0);
    const fetches = named('gateway.fetch');
    expect(new Set(fetches.map((s) => s.attributes.service))).toEqual(
      new Set(['joint', 'employment', 'wellbeing', 'kela']),
    );
    // Each subgraph's server span is a child of the gateway's fetch to it: the traceparent crossed HTTP.
    for (const subgraph of ['employment', 'wellbeing', 'kela']) {
      const server = spans.find((s) => s.name === `${subgraph} POST /graphql`);
      expect(server, subgraph).toBeDefined();
      const fetch = fetches.find((s) => s.spanContext().spanId === parentOf(server!));
      expect(fetch?.attributes.service).toBe(subgraph);
      const children = spans.filter((s) => parentOf(s) === server!.spanContext().spanId).map((s) => s.name);
      expect(children).toContain('ticket.verify');
      expect(children).toContain('resolve Query._entities');
    }
    // The joint subgraph's answer brought the facts it decided on: no second look-up at /facts.
    expect(named('facts.lookup')).toEqual([]);
    expect(named('joint POST /facts')).toEqual([]);
    if (process.env.TYM_PRINT_TRACE) console.log(treeOf(spans));
    const sql = named('db.query');
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.every((s) => typeof s.attributes['db.operation.name'] === 'string')).toBe(true);
  });

  it('exports no personal data in any span: no hetu, name or field value', async () => {
    await traceOf(unauthenticated.requestId);
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(100);
    const text = JSON.stringify(
      spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
    );
    expect(personalDataIn(text)).toEqual([]);
    // Library attributes outside the allowed list never leave (the caller's operation name among them).
    expect(spans.some((s) => 'graphql.operation.name' in s.attributes || 'operationName' in s.attributes)).toBe(false);
  });

  it('gives the request id in X-Request-Id and in every error, and on each log line with the trace id', async () => {
    expect(unauthenticated.requestId).toMatch(UUID);
    const errors = unauthenticated.body.errors as { extensions: { code: string; requestId: string } }[];
    expect(errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(errors.every((e) => e.extensions.requestId === unauthenticated.requestId)).toBe(true);

    const spans = await traceOf(unified.requestId);
    const traceId = spans[0]!.spanContext().traceId;
    const ofRequest = lines.map((l) => JSON.parse(l)).filter((l) => l.requestId === unified.requestId);
    // The gateway's access line and the subgraphs' (which take the id from the ticket).
    const services = new Set(ofRequest.filter((l) => l.msg === 'request').map((l) => l.service));
    expect(services).toEqual(new Set(['gateway', 'joint', 'employment', 'wellbeing', 'kela']));
    expect(ofRequest.every((l) => l.traceId === traceId)).toBe(true);
    const access = ofRequest.find((l) => l.msg === 'request' && l.service === 'gateway');
    expect(access).toMatchObject({ level: 'info', operation: 'query client', status: 200 });
  });

  it('names the request in the errors Apollo answers before any context, as X-Request-Id does', async () => {
    const specialist = await system.token(SPECIALIST);
    for (const body of [{ variables: {} }, 'not a request', { query: '{ __typename }', variables: 'none' }]) {
      const res = await fetch(system.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-tym-purpose': 'ASSESSMENT',
          authorization: `Bearer ${specialist}`,
        },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const answer = (await res.json()) as { errors: { extensions: { requestId: string } }[] };
      expect(answer.errors.length).toBeGreaterThan(0);
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(UUID);
      expect(answer.errors.map((e) => e.extensions.requestId)).toEqual(answer.errors.map(() => requestId));
    }
  });

  it('names the request in the lines that say why a token or a ticket was refused', () => {
    const refusals = lines
      .map((l) => JSON.parse(l))
      .filter((l) => /token refused|ticket refused|no ticket/.test(String(l.msg)));
    // The forged token at the gateway, the subgraph asked without a ticket.
    expect(refusals.some((l) => /token refused/.test(l.msg))).toBe(true);
    expect(refusals.some((l) => /no ticket/.test(l.msg))).toBe(true);
    for (const l of refusals) {
      expect(l.requestId, l.msg).toMatch(UUID);
      expect(l.traceId, l.msg).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('logs no personal data over the whole run', () => {
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((l) => l.includes('token refused'))).toBe(true);
    expect(lines.some((l) => l.includes('unusual-search alert raised'))).toBe(true);
    expect(personalDataIn(lines.join('\n'))).toEqual([]);
  });

  it('serves metrics on their own port only, labelled without personal data', async () => {
    // The caseworkers' port has no metrics: there /metrics is only a path the web app does not know.
    const onGateway = await (await fetch(new URL('/metrics', system.url))).text();
    expect(onGateway).not.toMatch(/^# (HELP|TYPE) /m);
    expect(onGateway).not.toContain('tym_requests_total');
    const scrape = await (await fetch(metrics.url)).text();
    const sample = (pattern: RegExp) => {
      const m = new RegExp(`^${pattern.source} (\\S+)$`, 'm').exec(scrape);
      return m ? Number(m[1]) : undefined;
    };
    expect(
      sample(/tym_requests_total\{service="gateway",operation="query client",outcome="partial"\}/),
    ).toBeGreaterThan(0);
    expect(
      sample(/tym_request_duration_seconds_count\{service="kela",operation="query _entities",outcome="\w+"\}/),
    ).toBeGreaterThan(0);
    // The employment specialist's wellbeing diagnoses: refused as the wellbeing area's own data.
    expect(
      sample(/tym_refusals_total\{service="wellbeing",reason="ORG_INTERNAL",category="ORG_INTERNAL"\}/),
    ).toBeGreaterThan(0);
    expect(scrape).toMatch(/^tym_refusals_total\{service="\w+",reason="[A-Z_]+",category="[A-Z_]+"\} [1-9]/m);
    expect(sample(/tym_tickets_refused_total\{service="kela",cause="missing"\}/)).toBe(1);
    expect(sample(/tym_log_entries_written_total/)).toBeGreaterThan(0);
    expect(sample(/tym_log_commit_duration_seconds_count/)).toBeGreaterThan(0);
    expect(sample(/tym_log_commit_batch_entries_count/)).toBeGreaterThan(0);
    // Each register's release records, group-committed with the claims of the tickets they answered.
    expect(sample(/tym_release_commit_batch_claims_count\{database="memory_kela"\}/)).toBeGreaterThan(0);
    expect(sample(/tym_release_commit_duration_seconds_count\{database="memory_joint"\}/)).toBeGreaterThan(0);
    expect(sample(/tym_access_alerts_total\{kind="INVALID_HETUS"\}/)).toBe(1);
    expect(sample(/tym_db_pool_size\{database="memory_joint"\}/)).toBe(1);
    expect(sample(/tym_db_statements_total\{database="memory_audit"\}/)).toBeGreaterThan(0);
    expect(scrape).toMatch(/^tym_db_statements_in_flight\{database="memory_kela"\} \d+$/m);
    expect(scrape).toMatch(/^tym_process_cpu_user_seconds_total /m);
    expect(personalDataIn(scrape)).toEqual([]);
  });
});
