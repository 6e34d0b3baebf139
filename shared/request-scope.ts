// What the process knows about the request it is working on, wherever it is in the code: its id
// (quoted by a caseworker, found in every log line), its trace, and what the metrics record at its
// end. Kept in an AsyncLocalStorage, so that no function signature has to carry it.
import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** set for a request made in this process (shared/http.ts `inProcessGraphQL`): its result, kept as a value */
  inProcess?: { result?: Record<string, unknown> };
}

const storage = new AsyncLocalStorage<RequestScope>();

export const currentRequest = (): RequestScope | undefined => storage.getStore();

export const runInRequest = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);

/** The trace id of a W3C traceparent header (`00-<32 hex>-<16 hex>-<2 hex>`), if it is one. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const value = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const match = value ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(value.trim()) : null;
  return match && !/^0+$/.test(match[1]!) ? match[1] : undefined;
}
