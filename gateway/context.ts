import type { Access } from '../shared/policy.ts';
import type { Scoped } from '../shared/request-scope.ts';
import type { RequestFacts } from './facts.ts';
import type { Caller, Purpose } from '../shared/vocabulary.ts';

// What every part of a request needs to read. State that parts of the gateway build up during a
// request (releases, look-ups) is kept by the plugin that owns it (gateway/plugins/), not here.

export interface GatewayContext extends Scoped {
  caller: Caller;
  /** null when the X-TYM-Purpose header is missing: then no operation on personal data runs */
  purpose: Purpose | null;
  access: Access | null;
  caseReference: string | null;
  /** Idempotency-Key header: a retried mutation is applied once */
  idempotencyKey: string | null;
  requestId: string;
  /** Facts for the persons of this request's fetches, batch-loaded from the joint subgraph. */
  facts: RequestFacts;
}
