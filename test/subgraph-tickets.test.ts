// Subgraphs reached directly, past the gateway: without a ticket the gateway signed for exactly this
// subgraph, this document and now, a subgraph answers nothing; with one, it answers exactly what the
// ticket's grants allow (docs/DESIGN.md decision 4, docs/LAW.md rule 16).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeRows } from '../shared/db.ts';
import { sql } from 'drizzle-orm';
import { captureLogs } from '../shared/logger.ts';
import { SignJWT } from 'jose';
import { generateEd25519, importKey, verifyKeyOf } from '../shared/keys.ts';
import type { PersonGrants } from '../shared/policy.ts';
import {
  documentHash,
  FACTS_PATH,
  factsDocument,
  signTicket,
  TICKET_EXTENSION,
  TICKET_ISSUER,
  variablesHash,
  type TicketClaims,
} from '../shared/tickets.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import { serveSubgraph } from '../shared/subgraph.ts';
import { DbTicketUses } from '../shared/ticket-uses.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import type { SubgraphName } from '../shared/config.ts';
import type { Caller } from '../shared/vocabulary.ts';
import type { System } from '../cli/system.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';
import { TicketedDataSource } from '../gateway/datasource.ts';

const CLIENT = '150385-9013';
const OTHER_CLIENT = '050402A9055';
const IU = 'ita-uusimaa';

const entities = (hetus: string[], selection: string) =>
  `{ _entities(representations: [${hetus.map((h) => `{ __typename: "Person", hetu: "${h}" }`).join(', ')}]) ` +
  `{ ... on Person { hetu ${selection} } } }`;

/** Per subgraph: a caller whose own rules do not refuse first, a query, and grants that allow all of it. */
const TARGETS: Record<SubgraphName, { caller: Caller; selection: string; allowAll: PersonGrants; dataKey: string }> = {
  joint: {
    caller: { sub: 'es@iu', org: 'employment', role: 'employment-specialist', areas: [IU] },
    selection: 'joint { identity { firstName } plan { deadline } }',
    allowAll: { IDENTITY: 'SECTION_15', PLAN: 'SECTION_15' },
    dataKey: 'firstName',
  },
  employment: {
    caller: { sub: 'es@iu', org: 'employment', role: 'employment-specialist', areas: [IU] },
    selection: 'employment { education { degree } benefitStatements { givenOn } }',
    allowAll: { own: { COMPETENCE: 'OWN', ORG_INTERNAL: 'OWN' } },
    dataKey: 'degree',
  },
  wellbeing: {
    caller: { sub: 'sw@iu', org: 'wellbeing', role: 'social-worker', areas: [IU] },
    selection: 'wellbeing { socialSituation { summary } diagnoses { code } }',
    allowAll: { own: { SOCIAL_SITUATION: 'OWN', ORG_INTERNAL: 'OWN' } },
    dataKey: 'summary',
  },
  kela: {
    caller: { sub: 'was@iu', org: 'kela', role: 'work-ability-specialist', areas: [IU] },
    selection: 'kela { benefits { type } payments { amount } }',
    allowAll: { own: { SOCIAL_SITUATION: 'OWN', ORG_INTERNAL: 'OWN' } },
    dataKey: 'amount',
  },
};
const NAMES = Object.keys(TARGETS) as SubgraphName[];

const claimsFor = (caller: Caller, query: string, grants?: Record<string, PersonGrants>): TicketClaims => ({
  caller,
  purpose: 'ASSESSMENT',
  caseReference: null,
  requestId: randomUUID(),
  doc: documentHash(query),
  ...(grants ? { grants } : {}),
});

/** Rewrites a JWT's payload and keeps its header and signature, as an attacker replaying a captured ticket would. */
function alterPayload(token: string, edit: (json: string) => string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const json = Buffer.from(payload, 'base64url').toString('utf8');
  const changed = edit(json);
  expect(changed).not.toBe(json);
  return [header, Buffer.from(changed, 'utf8').toString('base64url'), signature].join('.');
}

interface Captured {
  url: string;
  body: { query: string; variables?: unknown; extensions?: Record<string, unknown> };
}

for (const backend of BACKENDS) {
  describe(`subgraphs reached directly on ${backend.name}`, () => {
    let system: System;
    const realFetch = globalThis.fetch.bind(globalThis);
    // RemoteGraphQLDataSource's sendRequest, private in its types: the one place every subgraph fetch passes.
    type Send = (request: { http?: { url: string } } & Record<string, unknown>, context: unknown) => Promise<unknown>;
    const sending = TicketedDataSource.prototype as unknown as { sendRequest: Send };
    const realSend = sending.sendRequest;
    const captured: Captured[] = [];
    let capturing = false;
    /** While set, the gateway's fetches to this URL are captured and never sent: their tickets stay unused. */
    let holdBack: string | null = null;

    // Sign as signTicket does, but with chosen times: the real key, so only the expiry can be wrong.
    const timedTicket = (audience: string, claims: TicketClaims, iat: number, exp: number) =>
      new SignJWT({ ...claims, vars: claims.vars ?? variablesHash(undefined) })
        .setProtectedHeader({ alg: 'EdDSA', kid: system.keys.ticket.kid, typ: 'tym-ticket+jwt' })
        .setIssuer(TICKET_ISSUER)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setJti(randomUUID())
        .setExpirationTime(exp)
        .sign(system.keys.ticket.privateKey);
    const realTicket = (audience: string, claims: TicketClaims) =>
      signTicket(system.keys.ticket.privateKey, system.keys.ticket.kid, audience, claims);
    const post = async (url: string, body: unknown) => {
      const res = await realFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, text, json: JSON.parse(text) as any };
    };
    /** The same request handed to the subgraph in this process, as the gateway of `tym start` sends it. */
    const inProcess = async (name: SubgraphName, body: Record<string, unknown>) => {
      const answer = await system.subgraphs[name].inProcess(JSON.parse(JSON.stringify(body)), {
        'content-type': 'application/json',
      });
      // Every answer, refusals too, is handed over as the value Apollo made, not as text to parse again.
      expect(answer.value).toBeTypeOf('object');
      return { status: answer.status, text: answer.body, json: JSON.parse(answer.body) as any };
    };
    /** An answer with each release report's categories and bases as sorted pairs. */
    const comparable = (answer: any) => ({
      ...answer,
      extensions: {
        ...answer.extensions,
        tymReleased: answer.extensions?.tymReleased?.map((r: any) => ({
          ...r,
          categories: undefined,
          bases: undefined,
          pairs: r.categories.map((c: string, i: number) => `${c} ${r.bases[i]}`).sort(),
        })),
      },
    });
    const TRANSPORTS = {
      http: (name: SubgraphName, body: Record<string, unknown>) => post(system.subgraphs[name].url, body),
      'in process': inProcess,
    };
    const postGraphQL = (name: SubgraphName, query: string, ticket?: string, transport = TRANSPORTS.http) =>
      transport(name, {
        query,
        ...(ticket === undefined ? {} : { extensions: { [TICKET_EXTENSION]: ticket } }),
      });
    /** The subgraphs' log lines written while `run` runs. */
    const logged = async (run: () => Promise<void>): Promise<string> => {
      const lines: string[] = [];
      const stopCapture = captureLogs((line) => void lines.push(line));
      try {
        await run();
      } finally {
        stopCapture();
      }
      return lines.join('\n');
    };
    /** A gateway request, and the fetch it made to `name`'s subgraph as sent: body, ticket and all. */
    const capture = async (name: SubgraphName, request: () => Promise<void>): Promise<Captured['body']> => {
      captured.length = 0;
      capturing = true;
      try {
        await request();
      } finally {
        capturing = false;
      }
      const fetch = captured.find((c) => c.url === system.subgraphs[name].url);
      expect(fetch, `the gateway fetched from the ${name} subgraph`).toBeDefined();
      return fetch!.body;
    };

    beforeAll(async () => {
      // The gateway's subgraph fetches as they leave its data source, over HTTP or in process alike: the
      // tickets it really issues.
      sending.sendRequest = async function (this: unknown, request, context) {
        const { http, ...body } = request;
        const url = http?.url ?? '';
        if (capturing || holdBack === url) captured.push({ url, body: JSON.parse(JSON.stringify(body)) });
        if (holdBack === url) return { data: { _entities: [null] } };
        return realSend.call(this, request, context);
      };
      system = await startTestSystem(backend);
    });
    afterAll(async () => {
      sending.sendRequest = realSend;
      await system?.close();
    });

    for (const name of NAMES) {
      it(`${name}: missing, forged, expired, unsigned, misaddressed or altered ticket → 401 and nothing`, async () => {
        const target = TARGETS[name];
        const query = entities([CLIENT], target.selection);
        const claims = claimsFor(target.caller, query, { [CLIENT]: target.allowAll });
        const now = Math.floor(Date.now() / 1000);
        const forger = await generateEd25519('forger', false);
        const forgerKey = await importKey(forger.privateJwk);
        const otherAudience = NAMES.find((n) => n !== name)!;
        const refusedGrant: PersonGrants =
          name === 'joint'
            ? { IDENTITY: '!NO_LEGAL_BASIS' }
            : { own: { ...target.allowAll.own, ORG_INTERNAL: '!ORG_INTERNAL' } };
        const refusing = await realTicket(name, { ...claims, grants: { [CLIENT]: refusedGrant } });
        const unsignedHeader = Buffer.from(
          JSON.stringify({ alg: 'none', kid: system.keys.ticket.kid, typ: 'tym-ticket+jwt' }),
        ).toString('base64url');
        const validPayload = (await realTicket(name, claims)).split('.')[1];

        const attacks: Record<string, string | undefined> = {
          none: undefined,
          empty: '',
          garbage: 'abc.def.ghi',
          forged: await signTicket(forgerKey, 'forger', name, claims),
          forgedWithTheRealKid: await signTicket(forgerKey, system.keys.ticket.kid, name, claims),
          unsigned: `${unsignedHeader}.${validPayload}.`,
          expired: await timedTicket(name, claims, now - 120, now - 60),
          otherAudience: await realTicket(otherAudience, claims),
          otherDocument: await realTicket(name, {
            ...claims,
            doc: documentHash(entities([OTHER_CLIENT], target.selection)),
          }),
          alteredGrant:
            name === 'joint'
              ? alterPayload(refusing, (j) => j.replaceAll('"!NO_LEGAL_BASIS"', '"SECTION_15"'))
              : alterPayload(refusing, (j) => j.replaceAll('"!ORG_INTERNAL"', '"OWN"')),
        };
        // Over HTTP and in process (the gateway of `tym start`) alike: the same door.
        const answered: Record<string, unknown> = {};
        for (const [via, transport] of Object.entries(TRANSPORTS)) {
          for (const [label, ticket] of Object.entries(attacks)) {
            const res = await postGraphQL(name, query, ticket, transport);
            expect(res.status, `${via}: ${label}`).toBe(401);
            expect(res.json.data ?? null, `${via}: ${label}`).toBeNull();
            expect(res.json.errors?.[0]?.extensions?.code, `${via}: ${label}`).toBe('UNAUTHENTICATED');
            expect(res.text, `${via}: ${label}`).not.toContain(target.dataKey);
          }

          // The same claims, properly signed and in time, are answered: the refusals above are the ticket's doing.
          for (const ticket of [await realTicket(name, claims), await timedTicket(name, claims, now - 5, now + 25)]) {
            const ok = await postGraphQL(name, query, ticket, transport);
            expect(ok.status, via).toBe(200);
            expect(ok.json.errors, via).toBeUndefined();
            expect(ok.text, via).toContain(target.dataKey);
            answered[via] = comparable(ok.json);
          }
        }
        // The in-process answer is handed over as a value, never written as text: it is the same answer
        // (the order in which a release report names categories follows the order the fields resolved in).
        expect(answered['in process']).toEqual(answered.http);
      });
    }

    it(
      'a ticket the gateway really issued is accepted once: replayed as issued, or with its grant altered, it ' +
        'is refused',
      async () => {
        const token = await system.token({ org: 'wellbeing', role: 'social-worker', areas: [IU] });
        const body = await capture('employment', async () => {
          const r = await gql<any>(
            system.url,
            `query ($hetu: ID!) { client(hetu: $hetu) { employment { education { degree } benefitStatements { ` +
              `givenOn } } } }`,
            { token, purpose: 'PLANNING', variables: { hetu: CLIENT } },
          );
          expect(r.data.client.employment.education.length).toBeGreaterThan(0);
          expect(r.data.client.employment.benefitStatements).toBeNull();
        });
        const ticket = String(body.extensions?.[TICKET_EXTENSION]);
        const claims = JSON.parse(Buffer.from(ticket.split('.')[1]!, 'base64url').toString('utf8'));
        expect(claims.grants[CLIENT]).toMatchObject({ COMPETENCE: 'SECTION_15', ORG_INTERNAL: '!ORG_INTERNAL' });
        expect(claims.exp - claims.iat).toBeLessThanOrEqual(30);

        // Replayed exactly as issued, well within its lifetime: already used, whichever way it comes (the
        // gateway's own fetch went in process; the record of accepted tickets is the subgraph's database).
        const inProcessReplay = await inProcess('employment', body);
        expect(inProcessReplay.status).toBe(401);
        expect(inProcessReplay.text).not.toContain('degree');
        let replay!: Awaited<ReturnType<typeof post>>;
        const log = await logged(async () => {
          replay = await post(system.subgraphs.employment.url, body);
        });
        expect(replay.status).toBe(401);
        expect(replay.json.data ?? null).toBeNull();
        expect(replay.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(replay.text).not.toContain('degree');
        // The subgraph logs the refusal, its reason and the ticket id; never the grants or the person.
        expect(log).toContain(`employment: ticket refused: already used (ticket ${claims.jti})`);
        expect(log).not.toContain(CLIENT);
        expect(log).not.toContain('SECTION_15');
        // The caller learns nothing of the reason: the very answer of a request with no ticket at all.
        expect(replay.text).not.toContain('already used');
        const none = await post(system.subgraphs.employment.url, { ...body, extensions: {} });
        expect(replay.json).toEqual(none.json);
        expect(inProcessReplay.json).toEqual(none.json);

        const altered = alterPayload(ticket, (j) => j.replaceAll('"!ORG_INTERNAL"', '"OWN"'));
        const attack = await post(system.subgraphs.employment.url, {
          ...body,
          extensions: { ...body.extensions, [TICKET_EXTENSION]: altered },
        });
        expect(attack.status).toBe(401);
        expect(attack.json.data ?? null).toBeNull();
        expect(attack.text).not.toContain('givenOn');
        expect(attack.text).not.toContain('degree');
      },
    );

    it('a captured ticket reused with other variables (another person) is refused, even when unused', async () => {
      const token = await system.token({ org: 'wellbeing', role: 'social-worker', areas: [IU] });
      // A fetch whose ticket the subgraph has not yet seen: the gateway's own fetch is held back.
      captured.length = 0;
      holdBack = system.subgraphs.employment.url;
      try {
        await gql<any>(
          system.url,
          `query ($hetu: ID!) { client(hetu: $hetu) { employment { education { degree } } } }`,
          { token, purpose: 'PLANNING', variables: { hetu: CLIENT } },
        );
      } finally {
        holdBack = null;
      }
      const body = captured.find((c) => c.url === system.subgraphs.employment.url)!.body;
      expect(body?.variables).toMatchObject({ representations: [expect.objectContaining({ hetu: CLIENT })] });
      const swapped = JSON.parse(JSON.stringify(body.variables).replaceAll(CLIENT, OTHER_CLIENT));
      const grants = JSON.parse(
        Buffer.from(String(body.extensions?.[TICKET_EXTENSION]).split('.')[1]!, 'base64url').toString('utf8'),
      ).grants;
      expect(Object.keys(grants)).toEqual([CLIENT]);
      let attack!: Awaited<ReturnType<typeof post>>;
      const log = await logged(async () => {
        attack = await post(system.subgraphs.employment.url, { ...body, variables: swapped });
      });
      expect(attack.status).toBe(401);
      expect(attack.json.data ?? null).toBeNull();
      expect(attack.text).not.toContain('degree');
      expect(log).toContain('employment: ticket refused: issued for other variables');
      // The untouched fetch is still good: only the variables made the difference.
      const ok = await post(system.subgraphs.employment.url, body);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('degree');
    });

    for (const name of NAMES) {
      it(`${name}: a ticket claiming a one-hour lifetime is refused and the refusal logged`, async () => {
        const target = TARGETS[name];
        const query = entities([CLIENT], target.selection);
        const now = Math.floor(Date.now() / 1000);
        const ticket = await timedTicket(
          name,
          claimsFor(target.caller, query, { [CLIENT]: target.allowAll }),
          now - 1,
          now + 3600,
        );
        let res!: Awaited<ReturnType<typeof post>>;
        const log = await logged(async () => {
          res = await postGraphQL(name, query, ticket);
        });
        expect(res.status).toBe(401);
        expect(res.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(res.text).not.toContain(target.dataKey);
        expect(log).toContain(`${name}: ticket refused: lifetime over the cap`);
      });
    }

    it('the gateway of one process reaches its subgraphs in process, not over loopback HTTP', async () => {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      try {
        const token = await system.token({ org: 'kela', role: 'work-ability-specialist', areas: [IU] });
        const r = await gql<any>(
          system.url,
          `{ client(hetu: "${CLIENT}") { joint { identity { firstName } } employment { education { degree } } ` +
            `wellbeing { socialSituation { summary } } kela { benefits { type } } } }`,
          { token, purpose: 'COORDINATION' },
        );
        expect(r.errors).toBeUndefined();
        expect(r.data.client.kela.benefits.length).toBeGreaterThan(0);
        const subgraphUrls = new Set(NAMES.map((n) => system.subgraphs[n].url));
        const urls = fetchSpy.mock.calls.map(([input]) => (input instanceof Request ? input.url : String(input)));
        expect(urls.filter((u) => subgraphUrls.has(u))).toEqual([]);
      } finally {
        fetchSpy.mockRestore();
      }
    });

    it("a write's ticket is claimed before it runs: replayed, it writes nothing more", async () => {
      const token = await system.token({ org: 'employment', role: 'employment-specialist', areas: [IU] });
      const appointments = async () => {
        const [row] = await executeRows<{ n: number }>(
          system.databases.joint.db,
          sql`select count(*)::int as n from appointments`,
        );
        return Number(row!.n);
      };
      const body = await capture('joint', async () => {
        const r = await gql<any>(
          system.url,
          'mutation($hetu: ID!) { recordAppointment(hetu: $hetu, input: { at: "2026-12-01T10:00:00Z", mode: ' +
            'REMOTE, participants: [employment] }) { mode } }',
          { token, purpose: 'PLANNING', variables: { hetu: CLIENT } },
        );
        expect(r.errors).toBeUndefined();
        expect(r.data.recordAppointment.mode).toBe('REMOTE');
      });
      const before = await appointments();
      for (const replay of [await inProcess('joint', body), await post(system.subgraphs.joint.url, body)]) {
        expect(replay.status).toBe(401);
        expect(replay.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(replay.json.data ?? null).toBeNull();
      }
      expect(await appointments()).toBe(before);
    });

    it('a subgraph stopped answers no in-process call either', async () => {
      const second = await serveSubgraph(SUBGRAPH_SERVICES.kela.definition, {
        host: '127.0.0.1',
        port: 0,
        policy: loadPolicy(),
        ticketKeys: [verifyKeyOf(system.keys.ticket)],
        requestScope: () => system.services.kela.requestScope(),
      });
      await second.close();
      await expect(second.inProcess({ query: '{ __typename }' }, {})).rejects.toThrow('kela is not serving');
    });

    it('several processes of one subgraph share the record of accepted tickets (its database)', async () => {
      const employment = system.services.employment;
      const second = await serveSubgraph(SUBGRAPH_SERVICES.employment.definition, {
        host: '127.0.0.1',
        port: 0,
        policy: loadPolicy(),
        ticketKeys: [verifyKeyOf(system.keys.ticket)],
        requestScope: () => employment.requestScope(),
        ticketUses: new DbTicketUses(employment.database.db),
      });
      try {
        const target = TARGETS.employment;
        const query = entities([CLIENT], target.selection);
        const ticket = await realTicket('employment', claimsFor(target.caller, query, { [CLIENT]: target.allowAll }));
        const first = await post(system.subgraphs.employment.url, {
          query,
          extensions: { [TICKET_EXTENSION]: ticket },
        });
        expect(first.status).toBe(200);
        expect(first.text).toContain(target.dataKey);
        const elsewhere = await post(second.url, { query, extensions: { [TICKET_EXTENSION]: ticket } });
        expect(elsewhere.status).toBe(401);
        expect(elsewhere.text).not.toContain(target.dataKey);
      } finally {
        await second.close();
      }
    });

    describe('a valid ticket gives exactly what its grants say', () => {
      const cases: {
        name: SubgraphName;
        grants: PersonGrants;
        selection: string;
        visible: string[];
        refused: Record<string, string>;
      }[] = [
        {
          name: 'joint',
          grants: { IDENTITY: 'SECTION_15', PLAN: '!NOT_NECESSARY_FOR_ROLE' },
          selection: 'joint { identity { firstName } plan { deadline } customership { status } }',
          visible: ['joint.identity'],
          refused: { 'joint.plan': 'NOT_NECESSARY_FOR_ROLE', 'joint.customership': 'NO_LEGAL_BASIS' },
        },
        {
          name: 'employment',
          grants: {
            own: { COMPETENCE: '!NOT_NECESSARY_FOR_ROLE', SERVICE_NEED: 'OWN', ORG_INTERNAL: '!NO_LEGAL_BASIS' },
          },
          selection:
            'employment { education { degree } jobSeeker { status } benefitStatements { givenOn } services { type } }',
          visible: ['employment.jobSeeker'],
          refused: {
            'employment.education': 'NOT_NECESSARY_FOR_ROLE',
            'employment.benefitStatements': 'NO_LEGAL_BASIS',
            'employment.services': 'NO_LEGAL_BASIS',
          },
        },
        {
          name: 'wellbeing',
          grants: { own: { SOCIAL_SITUATION: 'OWN', ORG_INTERNAL: '!PURPOSE_NOT_ALLOWED' } },
          selection: 'wellbeing { socialSituation { summary } diagnoses { code } workAbility { summary } }',
          visible: ['wellbeing.socialSituation'],
          refused: { 'wellbeing.diagnoses': 'PURPOSE_NOT_ALLOWED', 'wellbeing.workAbility': 'NO_LEGAL_BASIS' },
        },
        {
          name: 'kela',
          grants: { own: { SOCIAL_SITUATION: '!NO_LEGAL_BASIS', HEALTH_WORK_CAPACITY: 'OWN', ORG_INTERNAL: 'OWN' } },
          selection: 'kela { benefits { type } rehabilitation { type } payments { amount } }',
          visible: ['kela.rehabilitation', 'kela.payments'],
          refused: { 'kela.benefits': 'NO_LEGAL_BASIS' },
        },
      ];
      for (const c of cases) {
        it(`${c.name}: refused categories are null with the grant's reason, granted ones answer`, async () => {
          const query = entities([CLIENT], c.selection);
          const res = await postGraphQL(
            c.name,
            query,
            await realTicket(c.name, claimsFor(TARGETS[c.name].caller, query, { [CLIENT]: c.grants })),
          );
          expect(res.status).toBe(200);
          const entity = res.json.data._entities[0];
          expect(entity.hetu).toBe(CLIENT);
          for (const path of c.visible) {
            const value = path.split('.').reduce((v: any, k) => v?.[k], entity);
            expect(value, path).not.toBeNull();
            if (Array.isArray(value)) expect(value.length, path).toBeGreaterThan(0);
          }
          for (const [path, reason] of Object.entries(c.refused)) {
            expect(
              path.split('.').reduce((v: any, k) => v?.[k], entity),
              path,
            ).toBeNull();
            const error = res.json.errors?.find((e: any) => e.path?.join('.') === `_entities.0.${path}`);
            expect(error?.extensions, path).toMatchObject({ code: 'FORBIDDEN', reason });
          }
          expect(res.json.errors).toHaveLength(Object.keys(c.refused).length);
        });
      }

      // docs/LAW.md rule 10: OWN covers the caller's own controllers' rows only, whatever a ticket says.
      for (const name of ['employment', 'wellbeing', 'kela'] as const) {
        it(`${name}: OWN granted for other controllers' rows, or own rows granted nothing, gives nothing`, async () => {
          const target = TARGETS[name];
          const query = entities([CLIENT], target.selection);
          for (const grants of [{ ...target.allowAll.own }, { own: {} }, {}] as PersonGrants[]) {
            const res = await postGraphQL(
              name,
              query,
              await realTicket(name, claimsFor(target.caller, query, { [CLIENT]: grants })),
            );
            expect(res.status).toBe(200);
            expect(res.text, JSON.stringify(grants)).not.toContain(target.dataKey);
            for (const e of res.json.errors)
              expect(e.extensions, JSON.stringify(grants)).toMatchObject({
                code: 'FORBIDDEN',
                reason: 'NO_LEGAL_BASIS',
              });
          }
        });
      }

      for (const name of ['employment', 'wellbeing', 'kela'] as const) {
        it(`${name}: a person the grants do not name is a null entity`, async () => {
          const target = TARGETS[name];
          const query = entities([CLIENT, OTHER_CLIENT], target.selection);
          const res = await postGraphQL(
            name,
            query,
            await realTicket(name, claimsFor(target.caller, query, { [CLIENT]: target.allowAll })),
          );
          expect(res.status).toBe(200);
          expect(res.json.data._entities).toHaveLength(2);
          expect(res.json.data._entities[0]?.hetu).toBe(CLIENT);
          expect(res.json.data._entities[1]).toBeNull();
          expect(res.text).not.toContain(OTHER_CLIENT);
        });
      }
    });

    it('the joint facts route answers only a ticket bound to exactly the persons asked about', async () => {
      const url = new URL(FACTS_PATH, system.subgraphs.joint.url).toString();
      const caller = TARGETS.joint.caller;
      const base = { caller, purpose: 'ASSESSMENT' as const, caseReference: null, requestId: randomUUID() };
      const hetus = [CLIENT];
      const doc = documentHash(factsDocument(hetus));
      const now = Math.floor(Date.now() / 1000);
      const forger = await generateEd25519('forger', false);
      const attacks: Record<string, unknown> = {
        none: undefined,
        otherPersons: await realTicket('joint', { ...base, doc: documentHash(factsDocument([OTHER_CLIENT])) }),
        morePersons: await realTicket('joint', { ...base, doc: documentHash(factsDocument([CLIENT, OTHER_CLIENT])) }),
        otherAudience: await realTicket('employment', { ...base, doc }),
        forged: await signTicket(await importKey(forger.privateJwk), system.keys.ticket.kid, 'joint', { ...base, doc }),
        expired: await timedTicket('joint', { ...base, doc }, now - 120, now - 60),
      };
      for (const [label, ticket] of Object.entries(attacks)) {
        const res = await post(url, { hetus, ...(ticket === undefined ? {} : { ticket }) });
        expect(res.status, label).toBe(401);
        expect(res.text, label).not.toContain(IU);
        expect(res.text, label).not.toContain('activeCustomership');
      }
      const good = await realTicket('joint', { ...base, doc });
      const ok = await post(url, { hetus, ticket: good });
      expect(ok.status).toBe(200);
      expect(ok.json.facts).toEqual([expect.objectContaining({ hetu: CLIENT, activeCustomership: { area: IU } })]);
      // Single use here too.
      let again!: Awaited<ReturnType<typeof post>>;
      const log = await logged(async () => {
        again = await post(url, { hetus, ticket: good });
      });
      expect(again.status).toBe(401);
      expect(again.text).not.toContain(IU);
      expect(log).toContain('joint: ticket refused: already used');
    });
  });
}
