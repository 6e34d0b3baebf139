// The gateway's signed ticket (docs/DESIGN.md decision 4): carried in the GraphQL `extensions` of every
// subgraph request, it tells the subgraph who asks, for what purpose, and what it may return for
// each person. A subgraph that cannot verify it returns nothing.
import { createHash, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { VerifyKey } from './keys.ts';
import type { PersonGrants } from './policy.ts';
import { isPurpose, ORGS, ROLES_BY_ORG, type Caller, type Purpose } from './vocabulary.ts';
import { loggerFor } from './logger.ts';
import { requestFields, type RequestScope } from './request-scope.ts';

const ticketLog = loggerFor('tickets');

export const TICKET_ISSUER = 'tym-gateway';
export const TICKET_EXTENSION = 'tymTicket';
/** Long enough for one subgraph fetch, short enough that a captured ticket is soon worthless. */
export const TICKET_TTL_SECONDS = 30;
/** The longest lifetime (exp - iat) a subgraph accepts, whatever the ticket says (TYM_TICKET_MAX_LIFETIME_SECONDS). */
export const DEFAULT_TICKET_MAX_LIFETIME_SECONDS = 30;
/** Clock difference tolerated between the gateway and a subgraph. */
export const TICKET_CLOCK_TOLERANCE_SECONDS = 2;

export interface TicketClaims {
  caller: Caller;
  purpose: Purpose;
  caseReference: string | null;
  requestId: string;
  /** sha256 of the GraphQL document the ticket was issued for: it cannot be reused for another query. */
  doc: string;
  /**
   * sha256 of the request's variables as canonical JSON (`variablesHash`): the persons of an entity
   * fetch and a mutation's arguments cannot be swapped under a captured ticket. Absent: no variables.
   */
  vars?: string;
  /** The client's Idempotency-Key header, for mutations. */
  idempotencyKey?: string;
  /** Per-person, per-category decisions for the persons in this fetch; absent for root fetches. */
  grants?: Record<string, PersonGrants>;
}
export interface Ticket extends TicketClaims {
  audience: string;
  id: string;
  expiresAt: number;
}

export const documentHash = (query: string): string => createHash('sha256').update(query).digest('base64url');

/**
 * JSON with object keys sorted at every depth, so that the gateway and a subgraph hash the same
 * variables alike however they were serialised. Like JSON.stringify, it drops undefined members.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Built as one string, without the arrays of entries a map and join would make: the persons of a page
  // are hashed twice per fetch (gateway and subgraph).
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += value[i] === undefined ? 'null' : canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as `<` does. Keys mostly come in order already (an
  // entity's `__typename` before `hetu`), and a sort allocates even then: checked first.
  const keys = Object.keys(record);
  if (!inOrder(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** The hash a ticket binds a request's variables by; no variables and `{}` are the same request. */
export const variablesHash = (variables: unknown): string =>
  createHash('sha256')
    .update(canonicalJson(variables ?? {}))
    .digest('base64url');

const TICKET_TYPE = 'tym-ticket+jwt';
const base64urlJson = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * Signs a ticket as a compact JWS (RFC 7515; EdDSA, RFC 8037), the same a JOSE library makes, so that an
 * organisation's subgraph may verify it with any. Signed here with node:crypto and a KeyObject made once
 * at start: synchronous, with about half the CPU time of jose over WebCrypto per ticket (bench/tickets.ts).
 */
export async function signTicket(key: KeyObject, kid: string, audience: string, claims: TicketClaims): Promise<string> {
  // One clock reading for both times: the lifetime is exactly the TTL, never a second over the subgraphs' cap.
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    ...claims,
    vars: claims.vars ?? variablesHash(undefined),
    iss: TICKET_ISSUER,
    aud: audience,
    iat: now,
    exp: now + TICKET_TTL_SECONDS,
    jti: randomUUID(),
  };
  const input = `${base64urlJson({ alg: 'EdDSA', kid, typ: TICKET_TYPE })}.${base64urlJson(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/** Why a ticket was refused, as a short fixed code (for counting refusals; the message says more). */
export type TicketRefusal =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'signature'
  | 'expired'
  | 'claims'
  | 'lifetime'
  | 'document'
  | 'variables'
  | 'replayed'
  | 'store-full';

export class TicketError extends Error {
  constructor(
    message: string,
    readonly refusal: TicketRefusal = 'malformed',
  ) {
    super(message);
  }
}

const refused = (refusal: TicketRefusal, why: string) => new TicketError(`ticket refused: ${why}`, refusal);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A base64url JSON object, or undefined when the part is anything else. */
function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The payload of a compact JWS signed by one of `keys`, picked by the header's `kid` (a ticket names
 * the key that signed it, so that old and new keys are accepted side by side during a rotation and a
 * retired key is refused by name). The codes in the messages are those a JOSE library gives.
 */
function verifiedPayload(token: string, keys: readonly VerifyKey[]): Record<string, unknown> {
  const parts = token.split('.');
  const [h = '', p = '', s = ''] = parts;
  if (parts.length !== 3 || !BASE64URL.test(h) || !BASE64URL.test(p) || !/^[A-Za-z0-9_-]*$/.test(s))
    throw refused('malformed', 'ERR_JWS_INVALID');
  const header = jsonObject(h);
  if (!header) throw refused('malformed', 'ERR_JWS_INVALID');
  if (header.alg !== 'EdDSA') throw refused('malformed', 'ERR_JOSE_ALG_NOT_ALLOWED');
  // No JWS extension is understood here, so a header asking for one (`crit`, unencoded `b64`) is refused.
  if ('crit' in header || 'b64' in header) throw refused('malformed', 'ERR_JWS_INVALID');
  const key = keys.find((k) => k.kid === header.kid);
  if (!key) throw refused('unknown-key', 'unknown key id');
  let valid = false;
  try {
    valid = verify(null, Buffer.from(`${h}.${p}`), key.key, Buffer.from(s, 'base64url'));
  } catch {
    // a key of another type: no signature of it verifies
  }
  if (!valid) throw refused('signature', 'signature does not verify');
  if (header.typ !== TICKET_TYPE) throw refused('claims', 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  const payload = jsonObject(p);
  if (!payload) throw refused('malformed', 'ERR_JWT_INVALID');
  return payload;
}

/**
 * Verifies signature, issuer, audience, expiry, the lifetime cap and the document and variables
 * binding; throws TicketError otherwise. Single use is the TicketGate's part (it needs a store).
 */
export async function verifyTicket(
  token: unknown,
  keys: readonly VerifyKey[],
  audience: string,
  query: string | undefined,
  variables?: unknown,
  { maxLifetimeSeconds = DEFAULT_TICKET_MAX_LIFETIME_SECONDS }: { maxLifetimeSeconds?: number } = {},
): Promise<Ticket> {
  if (typeof token !== 'string' || !token) throw new TicketError('no ticket', 'missing');
  const payload = verifiedPayload(token, keys);
  const { iss, aud, iat, exp, nbf, jti } = payload;
  const now = Math.floor(Date.now() / 1000);
  const tolerance = TICKET_CLOCK_TOLERANCE_SECONDS;
  if (
    iss !== TICKET_ISSUER ||
    !(aud === audience || (Array.isArray(aud) && aud.includes(audience))) ||
    typeof iat !== 'number' ||
    !Number.isFinite(iat) ||
    typeof exp !== 'number' ||
    !Number.isFinite(exp) ||
    jti === undefined ||
    (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + tolerance))
  ) {
    throw refused('claims', 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  }
  if (exp <= now - tolerance) throw refused('expired', 'ERR_JWT_EXPIRED');
  // The subgraph caps the lifetime, whatever the ticket says: a leaked long-lived ticket is worth no more than 30 s.
  if (iat > Date.now() / 1000 + tolerance) throw refused('claims', 'issued in the future');
  if (exp - iat > maxLifetimeSeconds) throw refused('lifetime', 'lifetime over the cap');
  if (typeof jti !== 'string' || !/^[\w-]{1,64}$/.test(jti)) throw refused('malformed', 'malformed ticket id');
  const caller = payload.caller as Caller | undefined;
  if (
    !caller ||
    !ORGS.includes(caller.org) ||
    !ROLES_BY_ORG[caller.org].includes(caller.role) ||
    !Array.isArray(caller.areas)
  ) {
    throw refused('malformed', 'malformed caller');
  }
  if (typeof payload.purpose !== 'string' || !isPurpose(payload.purpose))
    throw refused('malformed', 'malformed purpose');
  if (query === undefined || payload.doc !== documentHash(query))
    throw refused('document', 'issued for another document');
  if (payload.vars !== variablesHash(variables)) throw refused('variables', 'issued for other variables');
  return {
    caller,
    purpose: payload.purpose,
    caseReference: (payload.caseReference as string | null) ?? null,
    requestId: String(payload.requestId ?? ''),
    doc: String(payload.doc),
    vars: String(payload.vars),
    grants: payload.grants as Ticket['grants'],
    ...(typeof payload.idempotencyKey === 'string' ? { idempotencyKey: payload.idempotencyKey } : {}),
    audience,
    id: jti,
    expiresAt: exp,
  };
}

/** Where a subgraph remembers the tickets it accepted, until they expire. */
export interface TicketUses {
  /** Records a ticket's first use and answers true; false when it was accepted before. `until` in epoch seconds. */
  claim(id: string, until: number): Promise<boolean>;
}

/**
 * The accepted tickets of one process, in memory. It cannot see what another process of the same
 * subgraph accepted: run one process per subgraph with it, or use the database-backed store
 * (shared/ticket-uses.ts). Bounded: when it is full of unexpired tickets it refuses new ones (fail
 * closed) rather than forget one that could then be replayed. A full store means more than
 * `maxEntries` tickets within one lifetime, far beyond this service's throughput.
 */
export class MemoryTicketUses implements TicketUses {
  private readonly until = new Map<string, number>();
  private nextSweep = 0;
  constructor(private readonly maxEntries = 200_000) {}

  async claim(id: string, until: number): Promise<boolean> {
    const now = Date.now() / 1000;
    if (now >= this.nextSweep || this.until.size >= this.maxEntries) this.sweep(now);
    const known = this.until.get(id);
    if (known !== undefined && known >= now) return false;
    if (this.until.size >= this.maxEntries) throw new TicketError('ticket refused: replay store full', 'store-full');
    this.until.set(id, until);
    return true;
  }

  get size(): number {
    return this.until.size;
  }

  private sweep(now: number): void {
    for (const [id, until] of this.until) if (until < now) this.until.delete(id);
    this.nextSweep = now + 5;
  }
}

/** The id a token claims, for the log line of a refusal (unverified: only for finding the request). */
function claimedId(token: unknown): string {
  try {
    const jti = typeof token === 'string' ? decodeJwt(token).jti : undefined;
    return typeof jti === 'string' && /^[\w-]{1,64}$/.test(jti) ? jti : '-';
  } catch {
    return '-';
  }
}

/**
 * A subgraph's door: a ticket is accepted once, within its (capped) lifetime, for exactly the document
 * and variables it was signed for. Every refusal is logged here with its reason and the ticket id (never
 * its grants or persons); the caller only learns that it was refused.
 */
export class TicketGate {
  private readonly maxLifetimeSeconds: number;
  private readonly log: (line: string, request?: RequestScope) => void;
  constructor(
    private readonly opts: {
      keys: readonly VerifyKey[];
      audience: string;
      uses: TicketUses;
      maxLifetimeSeconds?: number;
      /** where refusals are written; default the log, under the request's id when the gate is told it */
      log?: (line: string, request?: RequestScope) => void;
    },
  ) {
    this.maxLifetimeSeconds = opts.maxLifetimeSeconds ?? DEFAULT_TICKET_MAX_LIFETIME_SECONDS;
    this.log = opts.log ?? ((line, request) => ticketLog.warn(requestFields(request), line));
  }

  async accept(
    token: unknown,
    document: string | undefined,
    variables: unknown,
    request?: RequestScope,
  ): Promise<Ticket> {
    const ticket = await this.verify(token, document, variables, request);
    await this.claim(ticket, undefined, request);
    return ticket;
  }

  /** Everything but single use: a genuine ticket, in time, for exactly this document and these variables. */
  async verify(
    token: unknown,
    document: string | undefined,
    variables: unknown,
    request?: RequestScope,
  ): Promise<Ticket> {
    try {
      const { keys, audience } = this.opts;
      return await verifyTicket(token, keys, audience, document, variables, {
        maxLifetimeSeconds: this.maxLifetimeSeconds,
      });
    } catch (e) {
      if (e instanceof TicketError)
        this.log(`${this.opts.audience}: ${e.message} (ticket ${claimedId(token)})`, request);
      throw e;
    }
  }

  /**
   * Single use: the verified ticket's first use is recorded, a second is refused. Only a genuine ticket (verified
   * first) takes a place in the store. `claimed` claims it elsewhere (with the release record, in one statement)
   * and answers whether this was its first use.
   */
  async claim(
    ticket: Ticket,
    claimed?: (id: string, until: number) => Promise<boolean>,
    request?: RequestScope,
  ): Promise<void> {
    const until = ticket.expiresAt + TICKET_CLOCK_TOLERANCE_SECONDS;
    try {
      if (await (claimed ?? ((id, t) => this.opts.uses.claim(id, t)))(ticket.id, until)) return;
      throw new TicketError('ticket refused: already used', 'replayed');
    } catch (e) {
      if (e instanceof TicketError) this.log(`${this.opts.audience}: ${e.message} (ticket ${ticket.id})`, request);
      throw e;
    }
  }
}

/** The gateway asks the joint subgraph for person facts with a ticket bound to exactly these persons. */
export const FACTS_PATH = '/facts';
export const factsDocument = (hetus: readonly string[]): string => `facts:${JSON.stringify(hetus)}`;
