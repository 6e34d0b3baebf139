// Traces (OpenTelemetry): off unless the standard OTEL_* variables ask for them, and then exported only
// where they say; nothing is ever sent anywhere by default (docs/adr/0008-no-phone-home.md). With
// tracing off, every helper here costs one boolean test. What leaves is filtered here once: only the
// attributes this project sets (ids, kinds, counts, codes) and no events, so that no span can carry
// a hetu, a name or a field value, whatever a library puts on it.
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
// The SDK and the exporter are loaded only when tracing starts: most processes never trace, and loading
// them cost every start a few hundred milliseconds.
import type { NodeTracerProvider, ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { IncomingHttpHeaders } from 'node:http';

let tracing = false;
let provider: NodeTracerProvider | undefined;

export const tracingOn = (): boolean => tracing;

/** Whether the environment asks for traces: an exporter named, or an OTLP endpoint given. */
export function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** The exporter OTEL_TRACES_EXPORTER names: `otlp` (the default; OTLP over HTTP, protobuf) or `console`. */
async function configuredExporter(env: NodeJS.ProcessEnv): Promise<SpanExporter> {
  const name = env.OTEL_TRACES_EXPORTER?.trim() || 'otlp';
  if (name === 'otlp') {
    const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf';
    if (protocol !== 'http/protobuf')
      throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL: only http/protobuf is supported, got "${protocol}"`);
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
    return new OTLPTraceExporter(); // endpoint, headers, timeout from the OTEL_EXPORTER_OTLP_* variables
  }
  if (name === 'console') return new (await import('@opentelemetry/sdk-trace-node')).ConsoleSpanExporter();
  throw new Error(`OTEL_TRACES_EXPORTER must be otlp, console or none, got "${name}"`);
}

/** The attributes that may leave the process; every other attribute, and every event, is dropped. */
const EXPORTED_ATTRIBUTES = new Set([
  'service', // @apollo/gateway's subgraph name on gateway.fetch
  'graphql.operation.type',
  'http.request.method',
  'http.response.status_code',
  'url.path',
  'db.system.name',
  'db.operation.name',
  'error.type',
]);
const exported = (key: string) => key.startsWith('tym.') || EXPORTED_ATTRIBUTES.has(key);

/** Wraps an exporter so that only allowed attributes, no events and no status message leave. */
export function filteringExporter(inner: SpanExporter): SpanExporter {
  const clean = (span: ReadableSpan): ReadableSpan => {
    const attributes: Attributes = {};
    for (const [key, value] of Object.entries(span.attributes)) if (exported(key)) attributes[key] = value;
    return Object.create(span, {
      attributes: { value: attributes },
      events: { value: [] },
      links: { value: span.links.map((l) => ({ context: l.context })) },
      status: { value: { code: span.status.code } },
    }) as ReadableSpan;
  };
  return {
    export: (spans, done) => inner.export(spans.map(clean), done),
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}

/**
 * Starts tracing for this process when the environment asks (or a test gives an exporter): W3C
 * traceparent propagation, the async context, the sampler of OTEL_TRACES_SAMPLER. Returns whether it runs.
 */
export async function startTracing(opts: {
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** a test's exporter, exported through synchronously */
  exporter?: SpanExporter;
}): Promise<boolean> {
  const env = opts.env ?? {};
  if (tracing) return true;
  if (!opts.exporter && !tracingConfigured(env)) return false;
  const [{ BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor }, resources, { ATTR_SERVICE_NAME }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
    ]);
  const { detectResources, envDetector, resourceFromAttributes } = resources;
  const exporter = filteringExporter(opts.exporter ?? (await configuredExporter(env)));
  if (tracing) return true; // another start finished while this one loaded the SDK
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (envDetector) win over the name given here.
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  provider = new NodeTracerProvider({
    resource,
    spanProcessors: [opts.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  provider.register();
  tracing = true;
  return true;
}

/** Exports what is left and stops tracing (a stopping process; a test's end). */
export async function stopTracing(): Promise<void> {
  if (!provider) return;
  const stopping = provider;
  provider = undefined;
  tracing = false;
  try {
    await stopping.shutdown();
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

const tracer = () => trace.getTracer('tym-gateway');

/** An error's kind for a span: its code or class, never its message. */
export function errorType(e: unknown): string {
  const code = (e as { extensions?: { code?: unknown } })?.extensions?.code;
  if (typeof code === 'string') return code;
  const name = (e as { name?: unknown })?.name;
  return typeof name === 'string' ? name : typeof e;
}

/**
 * Runs `fn` in a child span of the active one; with tracing off, just runs it. Attributes must be ids,
 * kinds, counts or codes (only `tym.*` and a few standard keys leave the process).
 */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span?: Span) => Promise<T> | T): Promise<T> {
  if (!tracing) return fn();
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', errorType(e));
      throw e;
    } finally {
      span.end();
    }
  });
}

/**
 * The server span of one HTTP request, child of the caller's traceparent when it sends one (the gateway's
 * fetches to a subgraph do). Runs `fn` inside it; undefined span when tracing is off.
 */
export function inServerSpan<T>(
  service: string,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  fn: (span?: Span) => Promise<T>,
): Promise<T> {
  if (!tracing) return fn();
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer().startSpan(
    `${service} ${method} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'tym.service': service, 'http.request.method': method, 'url.path': path },
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await fn(span);
    } finally {
      span.end();
    }
  });
}

/** Adds the active trace's traceparent to outgoing headers (the gateway's fetches to the subgraphs). */
export function injectTraceparent(headers: Record<string, string> | { set(name: string, value: string): void }): void {
  if (!tracing) return;
  if (typeof headers.set === 'function') {
    const target = headers as { set(name: string, value: string): void };
    propagation.inject(context.active(), target, { set: (carrier, key, value) => carrier.set(key, value) });
  } else {
    propagation.inject(context.active(), headers);
  }
}
