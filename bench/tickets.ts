// What a ticket costs: one signature at the gateway and one verification at the subgraph, for a ticket
// carrying the grants of a page of 50 persons. Compares the JWS made with jose over WebCrypto (how
// tickets were signed before: a CryptoKey, a promise per operation) with shared/tickets.ts (node:crypto
// KeyObjects made once, synchronous). Both make the same standard compact JWS, which each verifies.
// Usage: npx tsx bench/tickets.ts [--tickets 3000] [--rounds 4]
import { randomUUID } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { generateEd25519, importKey } from '../shared/keys.ts';
import {
  documentHash,
  signTicket,
  TICKET_ISSUER,
  type TicketClaims,
  variablesHash,
  verifyTicket,
} from '../shared/tickets.ts';
import { arg } from './support.ts';

const TICKETS = arg('tickets', 3000);
const ROUNDS = arg('rounds', 4);
const CONCURRENCY = arg('concurrency', 8);
const QUERY =
  '{ _entities(representations: $representations) { ... on Person { employment { education { degree } } } } }';
const claims: TicketClaims = {
  caller: { sub: 'es@iu', org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] },
  purpose: 'ASSESSMENT',
  caseReference: 'DNRO-2026-117',
  requestId: randomUUID(),
  doc: documentHash(QUERY),
  grants: Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [
      `0101${String(i).padStart(2, '0')}-9${String(i).padStart(2, '0')}X`,
      { own: { COMPETENCE: 'OWN', ORG_INTERNAL: 'OWN' }, COMPETENCE: 'SECTION_15', ORG_INTERNAL: '!ORG_INTERNAL' },
    ]),
  ),
};

const { privateJwk, publicJwk } = await generateEd25519('bench', false);
const webcrypto = {
  sign: (await importJWK(privateJwk, 'EdDSA')) as CryptoKey,
  verify: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey,
};
const keyObjects = { sign: await importKey(privateJwk), verify: [{ kid: 'bench', key: await importKey(publicJwk) }] };

/** The earlier signTicket and verifyTicket's signature checks, with jose over WebCrypto. */
async function joseTicket(): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ ...claims, vars: variablesHash(undefined) })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'bench', typ: 'tym-ticket+jwt' })
    .setIssuer(TICKET_ISSUER)
    .setAudience('employment')
    .setIssuedAt(now)
    .setJti(randomUUID())
    .setExpirationTime(now + 30)
    .sign(webcrypto.sign);
  const { payload } = await jwtVerify(token, webcrypto.verify, {
    issuer: TICKET_ISSUER,
    audience: 'employment',
    algorithms: ['EdDSA'],
    typ: 'tym-ticket+jwt',
    clockTolerance: 2,
    requiredClaims: ['iat', 'exp', 'jti'],
  });
  // The bindings verifyTicket checks after the signature, as both versions do.
  if (payload.doc !== documentHash(QUERY) || payload.vars !== variablesHash(undefined)) throw new Error('binding');
}

async function nodeTicket(): Promise<void> {
  const token = await signTicket(keyObjects.sign, 'bench', 'employment', claims);
  await verifyTicket(token, keyObjects.verify, 'employment', QUERY);
}

/**
 * Microseconds per ticket (sign + verify), of wall time and of the process's CPU time (every thread:
 * WebCrypto works on the thread pool). On a busy shared machine wall time mostly measures waiting for
 * a core; CPU time is what the work costs. One after another, or with several in flight as the
 * gateway's parallel fetches make them.
 */
async function perTicket(fn: () => Promise<void>, concurrency: number): Promise<{ wall: number; cpu: number }> {
  let left = TICKETS;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - started) * 1000) / TICKETS, cpu: (used.user + used.system) / TICKETS };
}

for (let i = 0; i < 200; i++) await Promise.all([joseTicket(), nodeTicket()]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: { wall: number; cpu: number }[]) =>
  `wall ${median(xs.map((x) => x.wall))
    .toFixed(0)
    .padStart(5)} µs   cpu ${median(xs.map((x) => x.cpu))
    .toFixed(0)
    .padStart(5)} µs`;
console.log(`sign + verify per ticket (50 persons' grants, ${TICKETS} tickets x ${ROUNDS} rounds, median round)`);
for (const concurrency of [1, CONCURRENCY]) {
  const results = { jose: [] as { wall: number; cpu: number }[], node: [] as { wall: number; cpu: number }[] };
  // A B B A …: drift of a shared machine weighs on both alike.
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['jose', 'node'] as const) : (['node', 'jose'] as const);
    for (const which of order)
      results[which].push(await perTicket(which === 'jose' ? joseTicket : nodeTicket, concurrency));
  }
  console.log(`  ${concurrency} in flight`);
  console.log(`    jose over WebCrypto (before)   ${show(results.jose)}`);
  console.log(`    node:crypto KeyObjects (now)   ${show(results.node)}`);
}
