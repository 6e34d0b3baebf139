// The one way the app calls the gateway: POST /graphql on its own origin with the bearer token, the
// purpose and case reference (X-TYM-Purpose, X-TYM-Case) and, for writes, an Idempotency-Key that stays
// the same across retries of one attempt, so that a retried write is applied once.
// Operations are the generated documents of web/src/operations/*.graphql (web/src/gql/graphql.ts): each
// carries the SHA-256 of its text, and the text sent is the one the gateway's manifest of trusted documents
// was made from, so that in production the gateway runs it.
import type { TypedDocumentString } from './gql/graphql.ts';
import texts from './gql/persisted-documents.json';
import { session, signOut } from './session.ts';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; missing?: string[]; serviceName?: string; requestId?: string };
}

export interface BasisEntry {
  path: (string | number)[];
  register: string;
  category: string;
  basis: string;
  controller?: string;
}

export interface Answer<T> {
  data: T | null;
  errors: GqlError[];
  /** path → the legal basis the gateway released that datum on (the `tymBasis` extension) */
  basis: Map<string, BasisEntry>;
}

export interface CallOptions {
  purpose: string;
  caseReference?: string;
  idempotencyKey?: string;
}

export const newIdempotencyKey = (): string => crypto.randomUUID();

const DOCUMENTS = texts as Record<string, string>;

export type Operation<T, V> = TypedDocumentString<T, V>;

export async function gql<T, V>(operation: Operation<T, V>, variables: V, opts: CallOptions): Promise<Answer<T>> {
  const query = DOCUMENTS[(operation.__meta__ as { hash: string }).hash];
  const s = session.value;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tym-purpose': opts.purpose };
  if (s) headers.authorization = `Bearer ${s.token}`;
  if (opts.caseReference) headers['x-tym-case'] = opts.caseReference;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let body: { data?: T | null; errors?: GqlError[]; extensions?: { tymBasis?: BasisEntry[] } };
  try {
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    body = await res.json();
  } catch {
    return { data: null, errors: [{ message: 'network', extensions: { code: 'NETWORK' } }], basis: new Map() };
  }
  const errors = body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) signOut();
  const basis = new Map((body.extensions?.tymBasis ?? []).map((b) => [b.path.join('.'), b] as const));
  return { data: body.data ?? null, errors, basis };
}

/** The error at exactly this path, e.g. a withheld field. */
export const errorAt = (a: Answer<unknown>, path: string) => a.errors.find((e) => e.path?.join('.') === path);
