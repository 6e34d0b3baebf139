import type DataLoader from 'dataloader';
import type { Access, PersonFacts } from '../shared/policy.ts';
import type { ReleaseReport } from '../shared/subgraph.ts';
import type { Caller, Purpose, Register } from '../shared/vocabulary.ts';

export interface GatewayContext {
  caller: Caller;
  /** null when the X-TYM-Purpose header is missing: then no operation on personal data runs */
  purpose: Purpose | null;
  access: Access | null;
  caseReference: string | null;
  /** Idempotency-Key header: a retried mutation is applied once */
  idempotencyKey: string | null;
  requestId: string;
  /** What the subgraphs reported releasing and using in this request: the disclosure log's material. */
  released: (ReleaseReport & { register: Register })[];
  /** `client(hetu)` look-ups of the operation: response key and argument */
  lookups: { key: string; hetu: unknown }[];
  /** Facts for the persons of this request's fetches, batch-loaded from the joint subgraph. */
  facts: DataLoader<string, PersonFacts>;
}
