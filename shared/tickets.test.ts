import fc from 'fast-check';
import { describe, it, expect, beforeAll } from 'vitest';
import { randomUUID, sign, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { generateEd25519, importKey, type VerifyKey } from './keys.ts';
import {
  canonicalJson,
  documentHash,
  MemoryTicketUses,
  signTicket,
  verifyTicket,
  TicketError,
  TicketGate,
  TICKET_ISSUER,
  TICKET_TTL_SECONDS,
  variablesHash,
  type TicketClaims,
} from './tickets.ts';

const QUERY =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ' +
  'employment { education { degree } } } } }';
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

let signing: KeyObject;
let verifying: VerifyKey;
let otherSigning: KeyObject;
let otherVerifying: VerifyKey;

beforeAll(async () => {
  const a = await generateEd25519('ticket-a', false);
  const b = await generateEd25519('ticket-b', false);
  signing = await importKey(a.privateJwk);
  verifying = { kid: 'ticket-a', key: await importKey(a.publicJwk) };
  otherSigning = await importKey(b.privateJwk);
  otherVerifying = { kid: 'ticket-b', key: await importKey(b.publicJwk) };
});

/** The error verifyTicket throws; fails the test if it resolves or throws anything but a TicketError. */
async function refusal(
  token: unknown,
  opts: { keys?: VerifyKey[]; audience?: string; query?: string | undefined } = {},
): Promise<string> {
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
  opts: {
    typ?: string | null;
    iat?: number | null;
    exp?: number;
    iss?: string;
    aud?: string;
    key?: KeyObject;
    jti?: string | null;
  } = {},
): Promise<string> {
  const header: { alg: string; kid: string; typ?: string } = { alg: 'EdDSA', kid: 'ticket-a' };
  if (opts.typ !== null) header.typ = opts.typ ?? 'tym-ticket+jwt';
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ vars: variablesHash(undefined), ...payload })
    .setProtectedHeader(header)
    .setIssuer(opts.iss ?? TICKET_ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setExpirationTime(opts.exp ?? now + TICKET_TTL_SECONDS - 5);
  if (opts.iat !== null) jwt.setIssuedAt(opts.iat ?? now - 5);
  if (opts.jti !== null) jwt.setJti(opts.jti ?? randomUUID());
  return jwt.sign(opts.key ?? signing);
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
    const a = await verifyTicket(
      await signTicket(signing, 'ticket-a', AUDIENCE, claims()),
      [verifying],
      AUDIENCE,
      QUERY,
    );
    const b = await verifyTicket(
      await signTicket(signing, 'ticket-a', AUDIENCE, claims()),
      [verifying],
      AUDIENCE,
      QUERY,
    );
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
    expect(
      await refusal(`${tob64({ alg: 'EdDSA', kid: 'ticket-a', typ: 'tym-ticket+jwt' })}.${tob64(claims())}.`),
    ).toBe('ticket refused: signature does not verify');
  });

  it('a ticket signed by another key (forged)', async () => {
    const token = await signTicket(otherSigning, 'ticket-a', AUDIENCE, claims());
    expect(await refusal(token)).toBe('ticket refused: signature does not verify');
  });

  it('when no key is configured', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    expect(await refusal(token, { keys: [] })).toBe('ticket refused: unknown key id');
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
    expect(await refusal(altered, { keys: [verifying, otherVerifying] })).toBe(
      'ticket refused: signature does not verify',
    );
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

describe('the lifetime a subgraph accepts is capped, whatever the ticket says', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a ticket claiming a one-hour lifetime, though in time and well signed', async () => {
    const token = await handMade({ ...claims() }, { iat: now() - 1, exp: now() + 3600 });
    expect(await refusal(token)).toBe('ticket refused: lifetime over the cap');
  });

  it('accepts a ticket of exactly the cap, and honours a lower configured cap', async () => {
    const token = await handMade({ ...claims() }, { iat: now() - 1, exp: now() + 29 });
    await expect(verifyTicket(token, [verifying], AUDIENCE, QUERY)).resolves.toMatchObject({ purpose: 'PLANNING' });
    await expect(
      verifyTicket(token, [verifying], AUDIENCE, QUERY, undefined, { maxLifetimeSeconds: 10 }),
    ).rejects.toThrow('lifetime over the cap');
  });

  it('refuses a ticket without an issue time, without an id, or issued in the future', async () => {
    expect(await refusal(await handMade({ ...claims() }, { iat: null }))).toMatch(
      /^ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED/,
    );
    expect(await refusal(await handMade({ ...claims() }, { jti: null }))).toMatch(
      /^ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED/,
    );
    expect(await refusal(await handMade({ ...claims() }, { iat: now() + 60, exp: now() + 80 }))).toMatch(
      /^ticket refused: /,
    );
  });

  it('signTicket itself stays within the cap (issue and expiry from one clock reading)', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const { iat, exp } = b64json(token.split('.')[1]!);
    expect(exp - iat).toBe(TICKET_TTL_SECONDS);
  });
});

describe('a ticket binds the variables', () => {
  const variables = { representations: [{ __typename: 'Person', hetu: '150385-9013' }] };

  it('accepts the same variables however their keys are ordered', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims({ vars: variablesHash(variables) }));
    const reordered = { representations: [{ hetu: '150385-9013', __typename: 'Person' }] };
    await expect(verifyTicket(token, [verifying], AUDIENCE, QUERY, reordered)).resolves.toMatchObject({
      purpose: 'PLANNING',
    });
  });

  it('refuses other variables: another person, one more person, or none', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims({ vars: variablesHash(variables) }));
    const other = { representations: [{ __typename: 'Person', hetu: '111190-903A' }] };
    const more = { representations: [...variables.representations, { __typename: 'Person', hetu: '111190-903A' }] };
    for (const v of [other, more, undefined, {}]) {
      await expect(verifyTicket(token, [verifying], AUDIENCE, QUERY, v)).rejects.toThrow('issued for other variables');
    }
  });

  it('a ticket signed without variables binds "no variables"', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    await expect(verifyTicket(token, [verifying], AUDIENCE, QUERY, {})).resolves.toBeDefined();
    await expect(verifyTicket(token, [verifying], AUDIENCE, QUERY, variables)).rejects.toThrow(
      'issued for other variables',
    );
  });

  it('canonical JSON sorts keys at every depth and drops undefined members like JSON does', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, b: null }] })).toBe('{"a":[{"b":null,"d":2}],"b":1}');
    expect(canonicalJson([undefined, 'x\u0000'])).toBe('[null,"x\\u0000"]');
  });

  it('canonical JSON is the same text whatever the values: sorted entries, JSON for the rest', () => {
    // The form hashes were bound by before: any change of text would refuse the tickets of a rolling upgrade.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        expect(canonicalJson(json)).toBe(reference(json));
        expect(canonicalJson(anything)).toBe(reference(anything));
      }),
      { numRuns: 300, seed: 381 },
    );
  });
});

describe('TicketGate: a ticket is accepted once, and every refusal is logged', () => {
  const gate = (uses = new MemoryTicketUses()) => {
    const lines: string[] = [];
    return { lines, gate: new TicketGate({ keys: [verifying], audience: AUDIENCE, uses, log: (l) => lines.push(l) }) };
  };

  it('accepts a ticket the first time and refuses it the second, logging the ticket id and reason only', async () => {
    const { gate: g, lines } = gate();
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const first = await g.accept(token, QUERY, undefined);
    await expect(g.accept(token, QUERY, undefined)).rejects.toThrow('ticket refused: already used');
    expect(lines).toEqual([`${AUDIENCE}: ticket refused: already used (ticket ${first.id})`]);
    expect(lines.join('\n')).not.toContain('150385-9013');
    expect(lines.join('\n')).not.toContain('SECTION_15');
  });

  it('logs forged and altered tickets without taking a place in the store', async () => {
    const uses = new MemoryTicketUses();
    const { gate: g, lines } = gate(uses);
    const forged = await signTicket(otherSigning, 'ticket-a', AUDIENCE, claims());
    await expect(g.accept(forged, QUERY, undefined)).rejects.toBeInstanceOf(TicketError);
    await expect(g.accept('garbage', QUERY, undefined)).rejects.toBeInstanceOf(TicketError);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^employment: ticket refused: signature does not verify \(ticket [0-9a-f-]{36}\)$/);
    expect(lines[1]).toBe('employment: ticket refused: ERR_JWS_INVALID (ticket -)');
    expect(uses.size).toBe(0);
  });

  it('a full store refuses new tickets rather than forget one that could be replayed', async () => {
    const uses = new MemoryTicketUses(2);
    const until = Date.now() / 1000 + 30;
    expect(await uses.claim('a', until)).toBe(true);
    expect(await uses.claim('b', until)).toBe(true);
    await expect(uses.claim('c', until)).rejects.toThrow('replay store full');
    expect(await uses.claim('a', until)).toBe(false);
  });

  it('a full store makes room by forgetting only expired tickets', async () => {
    const uses = new MemoryTicketUses(2);
    const past = Date.now() / 1000 - 1;
    expect(await uses.claim('old', past)).toBe(true);
    expect(await uses.claim('b', past + 31)).toBe(true);
    expect(await uses.claim('c', past + 31)).toBe(true);
    expect(uses.size).toBe(2);
  });
});

describe('documentHash', () => {
  it('is the base64url sha256 of the exact document', () => {
    expect(documentHash('')).toBe('47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
    expect(documentHash('{ me { hetu } }')).not.toBe(documentHash('{ me { hetu }}'));
  });
});

/** A compact JWS over exactly this header and payload, signed as signTicket signs (for tickets no API makes). */
const signedRaw = (header: Record<string, unknown>, payload: unknown, key: KeyObject = signing) => {
  const input = `${tob64(header)}.${tob64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
};
const ticketBody = (over: Record<string, unknown> = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return {
    ...claims(),
    vars: variablesHash(undefined),
    iss: TICKET_ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 20,
    jti: randomUUID(),
    ...over,
  };
};
const HEADER = { alg: 'EdDSA', kid: 'ticket-a', typ: 'tym-ticket+jwt' };

describe('tickets are standard JWS: any JOSE library reads ours, and ours reads theirs', () => {
  it('jose verifies a ticket signTicket made, with the header and claims the contract names', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const { payload, protectedHeader } = await jwtVerify(token, verifying.key, {
      issuer: TICKET_ISSUER,
      audience: AUDIENCE,
      typ: 'tym-ticket+jwt',
      algorithms: ['EdDSA'],
      requiredClaims: ['iat', 'exp', 'jti'],
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: 'ticket-a', typ: 'tym-ticket+jwt' });
    expect(payload.grants).toEqual(claims().grants);
  });

  it('verifyTicket accepts a ticket jose signed (handMade) and an audience list naming this subgraph', async () => {
    await expect(verifyTicket(await handMade({ ...claims() }), [verifying], AUDIENCE, QUERY)).resolves.toBeDefined();
    const listed = signedRaw(HEADER, ticketBody({ aud: ['kela', AUDIENCE] }));
    await expect(verifyTicket(listed, [verifying], AUDIENCE, QUERY)).resolves.toBeDefined();
  });

  it.each([
    ['a critical extension it does not know', { ...HEADER, crit: ['exp'] }, 'ERR_JWS_INVALID'],
    ['an unencoded payload (b64)', { ...HEADER, b64: false }, 'ERR_JWS_INVALID'],
    ['another algorithm', { ...HEADER, alg: 'ES256' }, 'ERR_JOSE_ALG_NOT_ALLOWED'],
  ])('refuses a header with %s', async (_what, header, code) => {
    expect(await refusal(signedRaw(header, ticketBody()))).toBe(`ticket refused: ${code}`);
  });

  it('refuses a signed payload that is not a claims object, and a ticket not yet valid (nbf)', async () => {
    expect(await refusal(signedRaw(HEADER, ['not', 'claims']))).toBe('ticket refused: ERR_JWT_INVALID');
    const later = ticketBody({ nbf: Math.floor(Date.now() / 1000) + 60 });
    expect(await refusal(signedRaw(HEADER, later))).toBe('ticket refused: ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('refuses a token with a part that is not base64url, or more or fewer than three parts', async () => {
    const token = await signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const [h, p, s] = token.split('.');
    for (const bad of [`${h}.${p}`, `${token}.${s}`, `${h}.${p}!.${s}`, `${h}.${p}.${s}=`]) {
      expect(await refusal(bad)).toBe('ticket refused: ERR_JWS_INVALID');
    }
  });
});

describe('keys by id: rotation without downtime', () => {
  const gateOf = (keys: VerifyKey[]) => {
    const lines: string[] = [];
    const gate = new TicketGate({ keys, audience: AUDIENCE, uses: new MemoryTicketUses(), log: (l) => lines.push(l) });
    return { gate, lines };
  };

  it('accepts old and new key tickets while both are published, and old ones no more once retired', async () => {
    const oldTicket = () => signTicket(signing, 'ticket-a', AUDIENCE, claims());
    const newTicket = () => signTicket(otherSigning, 'ticket-b', AUDIENCE, claims());
    const overlap = gateOf([verifying, otherVerifying]);
    await expect(overlap.gate.accept(await oldTicket(), QUERY, undefined)).resolves.toBeDefined();
    await expect(overlap.gate.accept(await newTicket(), QUERY, undefined)).resolves.toBeDefined();
    const retired = gateOf([otherVerifying]);
    await expect(retired.gate.accept(await newTicket(), QUERY, undefined)).resolves.toBeDefined();
    const refusal = await retired.gate.accept(await oldTicket(), QUERY, undefined).catch((e) => e);
    expect(refusal).toBeInstanceOf(TicketError);
    expect(refusal.refusal).toBe('unknown-key');
    expect(retired.lines).toEqual([
      expect.stringMatching(/^employment: ticket refused: unknown key id \(ticket [\w-]+\)$/),
    ]);
  });

  it('refuses a kid no key has, though the signature is by a known key, and a ticket without a kid', async () => {
    const unknown = signedRaw({ ...HEADER, kid: 'ticket-c' }, ticketBody());
    expect(await refusal(unknown, { keys: [verifying, otherVerifying] })).toBe('ticket refused: unknown key id');
    const { kid: _none, ...withoutKid } = HEADER;
    expect(await refusal(signedRaw(withoutKid, ticketBody()))).toBe('ticket refused: unknown key id');
  });

  it('a known kid with another key signature is refused as a forgery', async () => {
    const forged = signedRaw(HEADER, ticketBody(), otherSigning);
    expect(await refusal(forged, { keys: [verifying, otherVerifying] })).toBe(
      'ticket refused: signature does not verify',
    );
  });

  it('gives each refusal a short fixed cause', async () => {
    const causes = async (token: unknown, query = QUERY) =>
      (await verifyTicket(token, [verifying], AUDIENCE, query).catch((e) => e)).refusal;
    expect(await causes(undefined)).toBe('missing');
    expect(await causes('x.y')).toBe('malformed');
    expect(await causes(await handMade({ ...claims() }, { exp: Math.floor(Date.now() / 1000) - 10 }))).toBe('expired');
    expect(await causes(await signTicket(signing, 'ticket-a', AUDIENCE, claims()), 'other')).toBe('document');
  });
});
