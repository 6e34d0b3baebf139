// What a service knows about one request it is answering: its id (quoted by a caseworker, found in every
// log line of it), its trace, and what the metrics record at its end. Made by the HTTP front
// (shared/http.ts) and handed on explicitly, in each request's GraphQL context (`scope`), rather than
// kept in an AsyncLocalStorage: on Node.js 20 that turns on a hook for every promise the process makes,
// about a tenth of the CPU of a request that makes thousands of them (a page of 50 makes about 9,000).
import type { Span } from '@opentelemetry/api';

export type Outcome = 'ok' | 'partial' | 'client_error' | 'server_error';

export interface RequestScope {
  /** the gateway's id of the request; a subgraph takes it from the ticket once the ticket is accepted */
  requestId: string;
  /** the W3C trace id the request belongs to, when known (a span, or the caller's traceparent) */
  traceId?: string;
  /** the service answering: gateway, joint, employment, wellbeing, kela, audit */
  service: string;
  /** the operation as a bounded label: its type and root fields, never the caller's operation name */
  operation?: string;
  /** the outcome, read once the answer has left (shared/request-telemetry.ts) */
  outcome?: () => Outcome;
  /** the server span of the request, when tracing is on */
  span?: Span;
}

/** A GraphQL context that carries its request's scope (the gateway's and every subgraph's do). */
export interface Scoped {
  scope: RequestScope;
}

/** The scope of a GraphQL context, if it carries one. */
export const scopeOf = (contextValue: unknown): RequestScope | undefined =>
  (contextValue as Partial<Scoped> | null | undefined)?.scope;

/**
 * The fields that tie a log line to its request: the id, and the trace (without one the request id, as 32
 * hex digits, stands in: the same in every service the request reached).
 */
export function requestFields(scope: Pick<RequestScope, 'requestId' | 'traceId'> | undefined): {
  requestId?: string;
  traceId?: string;
} {
  if (!scope) return {};
  return { requestId: scope.requestId, traceId: scope.traceId ?? scope.requestId.replaceAll('-', '') };
}

/** The trace id of a W3C traceparent header (`00-<32 hex>-<16 hex>-<2 hex>`), if it is one. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const value = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const match = value ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(value.trim()) : null;
  return match && !/^0+$/.test(match[1]!) ? match[1] : undefined;
}
