// The gateway's signed ticket (DESIGN.md decision 4): carried in the GraphQL `extensions` of every
// subgraph request, it tells the subgraph who asks, for what purpose, and what it may return for
// each person. A subgraph that cannot verify it returns nothing.
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, type CryptoKey } from 'jose';
import type { PersonGrants } from './policy.ts';
import { isPurpose, ORGS, ROLES_BY_ORG, type Caller, type Purpose } from './vocabulary.ts';

export const TICKET_ISSUER = 'tym-gateway';
export const TICKET_EXTENSION = 'tymTicket';
/** Long enough for one subgraph fetch, short enough that a captured ticket is soon worthless. */
export const TICKET_TTL_SECONDS = 30;

export interface TicketClaims {
  caller: Caller;
  purpose: Purpose;
  caseReference: string | null;
  requestId: string;
  /** sha256 of the GraphQL document the ticket was issued for: it cannot be reused for another query. */
  doc: string;
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

export async function signTicket(key: CryptoKey, kid: string, audience: string, claims: TicketClaims): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'tym-ticket+jwt' })
    .setIssuer(TICKET_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${TICKET_TTL_SECONDS}s`)
    .sign(key);
}

export class TicketError extends Error {}

/** Verifies signature, issuer, audience, expiry and the document binding; throws TicketError otherwise. */
export async function verifyTicket(
  token: unknown,
  keys: CryptoKey[],
  audience: string,
  query: string | undefined,
): Promise<Ticket> {
  if (typeof token !== 'string' || !token) throw new TicketError('no ticket');
  let payload: Record<string, unknown> | undefined;
  for (const key of keys) {
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: TICKET_ISSUER,
        audience,
        algorithms: ['EdDSA'],
        typ: 'tym-ticket+jwt',
        clockTolerance: 2,
      }));
      break;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw new TicketError(`ticket refused: ${code ?? (e as Error).message}`);
    }
  }
  if (!payload) throw new TicketError('ticket refused: signature does not verify');
  const caller = payload.caller as Caller | undefined;
  if (!caller || !ORGS.includes(caller.org) || !ROLES_BY_ORG[caller.org].includes(caller.role) || !Array.isArray(caller.areas)) {
    throw new TicketError('ticket refused: malformed caller');
  }
  if (typeof payload.purpose !== 'string' || !isPurpose(payload.purpose)) throw new TicketError('ticket refused: malformed purpose');
  if (query === undefined || payload.doc !== documentHash(query)) throw new TicketError('ticket refused: issued for another document');
  return {
    caller,
    purpose: payload.purpose,
    caseReference: (payload.caseReference as string | null) ?? null,
    requestId: String(payload.requestId ?? ''),
    doc: String(payload.doc),
    grants: payload.grants as Ticket['grants'],
    ...(typeof payload.idempotencyKey === 'string' ? { idempotencyKey: payload.idempotencyKey } : {}),
    audience,
    id: String(payload.jti),
    expiresAt: Number(payload.exp),
  };
}

/** The gateway asks the joint subgraph for person facts with a ticket bound to exactly these persons. */
export const FACTS_PATH = '/facts';
export const factsDocument = (hetus: readonly string[]): string => `facts:${JSON.stringify(hetus)}`;
