import { describe, it, expect, beforeAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';
import { generateEd25519, importKey } from './keys.ts';
import {
  documentHash,
  signTicket,
  verifyTicket,
  TicketError,
  TICKET_ISSUER,
  TICKET_TTL_SECONDS,
  type TicketClaims,
} from './tickets.ts';

const QUERY = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { employment { education { degree } } } } }';
const AUDIENCE = 'employment';

const claims = (over: Partial<TicketClaims> = {}): TicketClaims => ({
  caller: { sub: 'emp-1', org: 'kela', role: 'service-specialist', areas: ['ita-uusimaa', 'keski-uusimaa'] },
  purpose: 'PLANNING',
  caseReference: 'TYM-2025-17',
  requestId: 'req-1',
  doc: documentHash(QUERY),
  grants: {
    '150385-9013': { COMPETENCE: 'SECTION_15', ORG_INTERNAL: '!ORG_INTERNAL' },
    '111190-903A': { COMPETENCE: '!NO_LEGAL_BASIS', ORG_INTERNAL: '!ORG_INTERNAL' },
  },
  ...over,
});

let signing: CryptoKey;
let verifying: CryptoKey;
let otherSigning: CryptoKey;
let otherVerifying: CryptoKey;

beforeAll(async () => {
  const a = await generateEd25519('ticket-a', false);
  const b = await generateEd25519('ticket-b', false);
  signing = await importKey(a.privateJwk);
  verifying = await importKey(a.publicJwk);
  otherSigning = await importKey(b.privateJwk);
  otherVerifying = await importKey(b.publicJwk);
});

/** The error verifyTicket throws; fails the test if it resolves or throws anything but a TicketError. */
async function refusal(token: unknown, opts: { keys?: CryptoKey[]; audience?: string; query?: string | undefined } = {}): Promise<string> {
  const query = 'query' in opts ? opts.query : QUERY;
  try {
    await verifyTicket(token, opts.keys ?? [verifying], opts.audience ?? AUDIENCE, query);
  } catch (e) {
    expect(e).toBeInstanceOf(TicketError);
    return (e as Error).message;
  }
  throw new Error('verifyTicket accepted a ticket it should refuse');
}

/** A ticket built like signTicket's, with every part replaceable. */
function handMade(
  payload: Record<string, unknown>,
  opts: { typ?: string | null; exp?: number; iss?: string; aud?: string; key?: CryptoKey } = {},
): Promise<string> {
  const header: { alg: string; kid: string; typ?: string } = { alg: 'EdDSA', kid: 'ticket-a' };
  if (opts.typ !== null) header.typ = opts.typ ?? 'tym-ticket+jwt';
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader(header)
    .setIssuer(opts.iss ?? TICKET_ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setJti(randomUUID())
    .setExpirationTime(opts.exp ?? now + TICKET_TTL_SECONDS)
    .sign(opts.key ?? signing);
}

const b64json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const tob64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('verifyTicket accepts', () => {
  it('a ticket signed by the gateway key, returning caller, purpose and grants', async () => {
    const c = claims();
    const before = Math.floor(Date.now() / 1000);
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, c);
    const t = await verifyTicket(token, [verifying], AUDIENCE, QUERY);
    expect(t.caller).toEqual(c.caller);
    expect(t.purpose).toBe('PLANNING');
    expect(t.grants).toEqual(c.grants);
    expect(t.caseReference).toBe('TYM-2025-17');
    expect(t.requestId).toBe('req-1');
    expect(t.doc).toBe(documentHash(QUERY));
    expect(t.audience).toBe(AUDIENCE);
    expect(t.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.expiresAt).toBeGreaterThanOrEqual(before + TICKET_TTL_SECONDS);
    expect(t.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + TICKET_TTL_SECONDS);
  });

  it('a root-fetch ticket without grants or case reference', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims({ grants: undefined, caseReference: null }));
    const t = await verifyTicket(token, [verifying], AUDIENCE, QUERY);
    expect(t.grants).toBeUndefined();
    expect(t.caseReference).toBeNull();
  });

  it('a ticket signed by any of several configured keys (key rotation)', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const t = await verifyTicket(token, [otherVerifying, verifying], AUDIENCE, QUERY);
    expect(t.purpose).toBe('PLANNING');
  });

  it('a ticket that expired this very second, within the 2 s clock tolerance', async () => {
    const token = await handMade({ ...claims() }, { exp: Math.floor(Date.now() / 1000) });
    const t = await verifyTicket(token, [verifying], AUDIENCE, QUERY);
    expect(t.caller.org).toBe('kela');
  });

  it('gives unique ticket ids', async () => {
    const a = await verifyTicket(await signTicket(signing, 'k', AUDIENCE, claims()), [verifying], AUDIENCE, QUERY);
    const b = await verifyTicket(await signTicket(signing, 'k', AUDIENCE, claims()), [verifying], AUDIENCE, QUERY);
    expect(a.id).not.toBe(b.id);
  });
});

describe('verifyTicket refuses with a TicketError', () => {
  it.each([undefined, null, '', 42, { token: 'x' }])('no ticket: %j', async (token) => {
    expect(await refusal(token)).toBe('no ticket');
  });

  it.each(['garbage', 'a.b.c', '...', 'Bearer x.y.z'])('a garbage string: %j', async (token) => {
    expect(await refusal(token)).toBe('ticket refused: ERR_JWS_INVALID');
  });

  it('a well-formed token with an empty signature', async () => {
    expect(await refusal(`${tob64({ alg: 'EdDSA', typ: 'tym-ticket+jwt' })}.${tob64(claims())}.`)).toBe(
      'ticket refused: signature does not verify',
    );
  });

  it('a ticket signed by another key (forged)', async () => {
    const token = await signTicket(otherSigning, 'ticket-a', AUDIENCE, claims());
    expect(await refusal(token)).toBe('ticket refused: signature does not verify');
  });

  it('when no key is configured', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    expect(await refusal(token, { keys: [] })).toBe('ticket refused: signature does not verify');
  });

  it('an unsigned ticket (alg none)', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const [, payload] = token.split('.');
    const unsigned = `${tob64({ alg: 'none', typ: 'tym-ticket+jwt' })}.${payload}.`;
    expect(await refusal(unsigned)).toMatch(/^ticket refused: ERR_/);
  });

  it('an expired ticket, beyond the clock tolerance', async () => {
    const token = await handMade({ ...claims() }, { exp: Math.floor(Date.now() / 1000) - 10 });
    expect(await refusal(token)).toBe('ticket refused: ERR_JWT_EXPIRED');
  });

  it('a ticket for another audience', async () => {
    const token = await signTicket(signing, 'ticket-a', 'wellbeing', claims());
    expect(await refusal(token)).toBe('ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(await refusal(token, { audience: 'kela' })).toBe('ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('a ticket from another issuer', async () => {
    const token = await handMade({ ...claims() }, { iss: 'someone-else' });
    expect(await refusal(token)).toBe('ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('a ticket issued for another document', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const other = QUERY.replace('degree', 'degree field');
    expect(await refusal(token, { query: other })).toBe('ticket refused: issued for another document');
    expect(await refusal(token, { query: `${QUERY} ` })).toBe('ticket refused: issued for another document');
    expect(await refusal(token, { query: undefined })).toBe('ticket refused: issued for another document');
  });

  it('a payload altered after signing (a refused grant turned into SECTION_15)', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const decoded = b64json(payload);
    expect(decoded.grants['111190-903A'].COMPETENCE).toBe('!NO_LEGAL_BASIS');
    decoded.grants['111190-903A'].COMPETENCE = 'SECTION_15';
    const tampered = `${header}.${tob64(decoded)}.${signature}`;
    expect(tampered).not.toBe(token);
    expect(await refusal(tampered)).toBe('ticket refused: signature does not verify');
  });

  it('a header altered after signing', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const altered = `${tob64({ ...b64json(header), kid: 'ticket-b' })}.${payload}.${signature}`;
    expect(await refusal(altered)).toBe('ticket refused: signature does not verify');
  });

  it.each([['JWT'], ['at+jwt'], [null]])('a ticket with typ %j', async (typ) => {
    const token = await handMade({ ...claims() }, { typ });
    expect(await refusal(token)).toBe('ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it.each([
    ['an unknown organisation', { sub: 'x', org: 'hospital', role: 'nurse', areas: ['ita-uusimaa'] }],
    ['a role its organisation does not have', { sub: 'x', org: 'kela', role: 'social-worker', areas: ['ita-uusimaa'] }],
    ['no role', { sub: 'x', org: 'kela', areas: ['ita-uusimaa'] }],
    ['areas not a list', { sub: 'x', org: 'kela', role: 'service-specialist', areas: 'ita-uusimaa' }],
    ['no caller at all', undefined],
  ])('a malformed caller: %s', async (_what, caller) => {
    const token = await handMade({ ...claims(), caller });
    expect(await refusal(token)).toBe('ticket refused: malformed caller');
  });

  it.each([['MARKETING'], ['planning'], [undefined], [7]])('an unknown purpose: %j', async (purpose) => {
    const token = await handMade({ ...claims(), purpose });
    expect(await refusal(token)).toBe('ticket refused: malformed purpose');
  });
});

describe('documentHash', () => {
  it('is the base64url sha256 of the exact document', () => {
    expect(documentHash('')).toBe('47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
    expect(documentHash('{ me { hetu } }')).not.toBe(documentHash('{ me { hetu }}'));
  });
});
