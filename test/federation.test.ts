// The federated system end to end: gateway + four subgraphs on their own databases, real tickets,
// real JWTs. Runs on PGlite, and on PostgreSQL when TYM_TEST_PG_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { generateEd25519, importKey } from '../shared/keys.ts';
import { makeHetu } from '../shared/hetu.ts';
import { finnishDate, type PersonFacts } from '../shared/policy.ts';
import { buildWorld } from '../seed/world.ts';
import { documentHash, signTicket, TICKET_EXTENSION } from '../shared/tickets.ts';
import { AUDIENCE, DEV_ISSUER } from '../gateway/auth.ts';
import type { System } from '../cli/system.ts';
import { promiseHooksOn } from '../bench/support.ts';
import { BACKENDS, codes, errorAt, gql, startTestSystem, statementsRun, TEST_WORLD } from './support/system.ts';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../shared/db.ts';
import { consents, customerships, type JointSchema } from '../subgraphs/joint/db/schema.ts';
import { activeCustomershipFacts, loadFacts, personFacts } from '../subgraphs/joint/facts.ts';

const FULL =
  `query Full($hetu: ID!) { client(hetu: $hetu) { hetu
  joint { customership { status area startedAt endedAt endReason youth planDeadline officials { org name } }
          identity { firstName lastName municipality phone email }
          serviceNeed { summary recordedAt recordedBy { org area } } socialSituation { summary } ` +
  `workCapacity { summary }
          plan { createdAt deadline nextReviewDue services { provider description status } reviews { note } }
          appointments { at mode participants } consents { recipientOrg categories validUntil inForce } }
  employment { jobSeeker { status unemployedSince } education { degree field year } workHistory { title ` +
  `startedOn endedOn }
               skills { name } services { type } benefitStatements { givenOn } }
  wellbeing { socialSituation { summary } workAbility { summary } rehabilitativeWork { provider } diagnoses { code } }
  kela { benefits { type status since } rehabilitation { type status } payments { paidOn amount } } } }`;

const JOINT_FIELDS = [
  'customership',
  'identity',
  'serviceNeed',
  'socialSituation',
  'workCapacity',
  'plan',
  'appointments',
  'consents',
];
const specialist = { org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] };

for (const backend of BACKENDS) {
  describe(`federated system on ${backend.name}`, () => {
    let system: System;
    let token: string;
    const world = buildWorld({ ...TEST_WORLD, today: finnishDate() });

    beforeAll(async () => {
      system = await startTestSystem(backend);
      token = await system.token(specialist);
    });
    afterAll(async () => system?.close());

    it('answers /health once the gateway and every subgraph answer', async () => {
      const res = await fetch(system.url.replace('/graphql', '/health'));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        subgraphs: { joint: 'ok', employment: 'ok', wellbeing: 'ok', kela: 'ok' },
      });
    });

    it('answers without a hook on every promise the process makes (no AsyncLocalStorage)', async () => {
      // An AsyncLocalStorage used once turns promise hooks on for the whole process, at a tenth of a page's CPU.
      expect(await promiseHooksOn()).toBe(false);
      const r = await gql<any>(system.url, FULL, { token, purpose: 'ASSESSMENT', variables: { hetu: '150385-9013' } });
      expect(r.data.client.joint.customership).not.toBeNull();
      expect(await promiseHooksOn()).toBe(false);
    });

    it('gives a caseworker the unified view: joint record, own register, other registers by section 15', async () => {
      const r = await gql<any>(system.url, FULL, {
        token,
        purpose: 'ASSESSMENT',
        variables: { hetu: '150385-9013' },
      });
      const c = r.data.client;
      for (const f of JOINT_FIELDS) expect(c.joint[f], f).not.toBeNull();
      expect(c.joint.customership).toMatchObject({ status: 'ACTIVE', area: 'ita-uusimaa' });
      expect(c.joint.plan.services.map((s: any) => s.provider)).toEqual(
        expect.arrayContaining(['employment', 'wellbeing', 'kela']),
      );
      expect(c.employment.education.length).toBeGreaterThan(0);
      expect(c.employment.benefitStatements.length).toBeGreaterThan(0); // own register: ORG_INTERNAL included
      expect(c.wellbeing.socialSituation.summary).toBeTruthy();
      expect(c.kela.benefits.length).toBeGreaterThan(0);
      // Other organisations' ORG_INTERNAL data never leave them: null with the reason, at the field's path.
      expect(c.wellbeing.diagnoses).toBeNull();
      expect(c.kela.payments).toBeNull();
      expect(errorAt(r, 'client.wellbeing.diagnoses')?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ORG_INTERNAL',
      });
      expect(errorAt(r, 'client.kela.payments')?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ORG_INTERNAL',
      });
      expect(r.errors).toHaveLength(2);
    });

    it("refuses a non-client, an ended client, another area's client and an unknown person identically", async () => {
      const unknown = makeHetu('1977-07-07', 999);
      const shapes = [];
      for (const hetu of ['111190-903A', '020270-9022', '240679-904V', unknown]) {
        const r = await gql<any>(system.url, FULL, { token, purpose: 'ASSESSMENT', variables: { hetu } });
        expect(r.data.client.hetu).toBe(hetu);
        for (const f of JOINT_FIELDS) expect(r.data.client.joint[f], `${hetu} ${f}`).toBeNull();
        const jointErrors = (r.errors ?? []).filter(
          (e) => e.path?.[1] === 'joint' || e.path?.[1] === 'wellbeing' || e.path?.[1] === 'kela',
        );
        // Subgraphs answer in parallel, so errors arrive in any order: compare them as a set.
        shapes.push(
          JSON.stringify(
            jointErrors
              .map((e) => ({ path: e.path, message: e.message, extensions: { ...e.extensions, requestId: undefined } }))
              .sort((a, b) => a.path!.join('.').localeCompare(b.path!.join('.'))),
          ),
        );
      }
      expect(new Set(shapes).size).toBe(1);
      expect(shapes[0]).toContain('NO_LEGAL_BASIS');
      expect(shapes[0]).not.toMatch(/exist|ended|not a client|another area|unknown/i);
    });

    it('treats the century-sign twin of a client as another person (docs/LAW.md rule 21)', async () => {
      const r = await gql<any>(system.url, FULL, { token, purpose: 'ASSESSMENT', variables: { hetu: '150385Y9013' } });
      expect(r.data.client.hetu).toBe('150385Y9013');
      expect(r.data.client.joint.customership).toBeNull();
      expect(errorAt(r, 'client.joint.customership')?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NO_LEGAL_BASIS',
      });
      expect(r.data.client.employment.education).toEqual([]);
    });

    it('rejects an invalid hetu with BAD_USER_INPUT / INVALID_HETU and returns nothing', async () => {
      for (const hetu of ['150385-9014', '310285-9013', '150385G9013', '15038-9013', 'x']) {
        const r = await gql<any>(system.url, FULL, { token, purpose: 'ASSESSMENT', variables: { hetu } });
        expect(r.data?.client ?? null, hetu).toBeNull();
        expect(r.errors?.[0]?.extensions, hetu).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_HETU' });
        expect(r.errors).toHaveLength(1);
      }
    });

    it('refuses a missing, forged or expired token with UNAUTHENTICATED and no data', async () => {
      const other = await generateEd25519('forger', false);
      const forged = await new SignJWT({ org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer(DEV_ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('x')
        .setExpirationTime('1h')
        .sign(await importKey(other.privateJwk));
      const expired = await new SignJWT({ org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer(DEV_ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('x')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(system.keys.issuer.privateKey);
      for (const [label, t] of [
        ['missing', null],
        ['forged', forged],
        ['expired', expired],
        ['garbage', 'abc.def.ghi'],
      ] as const) {
        const r = await gql(system.url, FULL, { token: t, purpose: 'ASSESSMENT', variables: { hetu: '150385-9013' } });
        expect(r.status, label).toBe(401);
        expect(codes(r), label).toEqual(['UNAUTHENTICATED']);
        expect(r.data ?? null, label).toBeNull();
      }
      // One opaque answer whatever the reason (test/tokens.test.ts): the reason is in the server log only.
      const r = await gql(system.url, FULL, {
        token: expired,
        purpose: 'ASSESSMENT',
        variables: { hetu: '150385-9013' },
      });
      expect(r.errors?.[0]?.message).not.toMatch(/expired/);
    });

    it('refuses a token whose claims are not a known organisation, role or area', async () => {
      await expect(system.token({ org: 'employment', role: 'decision-specialist', areas: [] })).rejects.toThrow(/role/);
      await expect(
        system.token({ org: 'employment', role: 'employment-specialist', areas: ['lappi'] }),
      ).rejects.toThrow(/area/);
      await expect(system.token({ org: 'municipality', role: 'municipal-employment-worker' })).rejects.toThrow(
        /municipality/,
      );
    });

    it('requires a purpose for personal data, and a known one', async () => {
      const missing = await gql(system.url, FULL, { token, variables: { hetu: '150385-9013' } });
      expect(codes(missing)).toEqual(['PURPOSE_REQUIRED']);
      expect(missing.data ?? null).toBeNull();
      const unknown = await gql(system.url, FULL, { token, purpose: 'CURIOSITY', variables: { hetu: '150385-9013' } });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_PURPOSE' });
      expect(unknown.data ?? null).toBeNull();
    });

    it("pages through the caseload of active clients in the caller's areas", async () => {
      const expected = world
        .filter((p) => p.joint?.customerships.some((c) => c.status === 'ACTIVE' && c.area === 'ita-uusimaa'))
        .map((p) => p.hetu);
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let i = 0; i < 20; i++) {
        const r: any = await gql<any>(
          system.url,
          'query($after: String) { caseload(first: 7, after: $after) { nodes { hetu } totalCount pageInfo { ' +
            'endCursor hasNextPage } } }',
          { token, purpose: 'COORDINATION', variables: { after } },
        );
        expect(r.errors).toBeUndefined();
        total = r.data.caseload.totalCount;
        seen.push(...r.data.caseload.nodes.map((n: any) => n.hetu));
        if (!r.data.caseload.pageInfo.hasNextPage) break;
        after = r.data.caseload.pageInfo.endCursor;
      }
      expect(total).toBe(expected.length);
      expect([...seen].sort()).toEqual([...expected].sort());
      const other = await gql(system.url, '{ caseload(area: "keski-uusimaa") { totalCount } }', {
        token,
        purpose: 'COORDINATION',
      });
      expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const badCursor = await gql(system.url, '{ caseload(after: "nope") { totalCount } }', {
        token,
        purpose: 'COORDINATION',
      });
      expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    });

    it('batches: a page of 50 unified persons costs the same SQL queries per subgraph as a page of 2', async () => {
      const kelaOfficer = await system.token({
        org: 'kela',
        role: 'work-ability-specialist',
        areas: ['ita-uusimaa', 'keski-uusimaa'],
      });
      const page = (n: number) =>
        `{ caseload(first: ${n}) { nodes { hetu
        joint { customership { status officials { name } } identity { lastName } serviceNeed { ` +
        `summary } socialSituation { summary } workCapacity { summary }
                plan { deadline services { provider } reviews { note } } appointments { at } consents { validUntil } }
        employment { jobSeeker { status } education { degree } workHistory { title } skills { name } services { type } }
        wellbeing { socialSituation { summary } workAbility { summary } rehabilitativeWork { provider } }
        kela { benefits { type } rehabilitation { type } payments { amount } } } } }`;
      const counts = (n: number) =>
        statementsRun(system, async () => {
          const r = await gql<any>(system.url, page(n), { token: kelaOfficer, purpose: 'COORDINATION' });
          expect(r.data.caseload.nodes).toHaveLength(n);
        });
      const small = await counts(2);
      const large = await counts(50);
      expect(large).toEqual(small);
      // One read per field, plus one statement claiming the ticket (ticket_uses) and recording the register's
      // own releases: employment reads jobSeeker, education, workHistory, skills, services; wellbeing three
      // fields (diagnoses is refused); Kela its own three lists.
      expect(large).toMatchObject({ employment: 6, wellbeing: 4, kela: 4 });
      // joint: the caseload page with its persons' facts, nine record loaders, and the claim with the release
      // record; the registers' grants take the facts from its answer
      expect(large.joint).toBe(11);
    });

    it("reads a person's facts in one statement, as the query builder's two would", async () => {
      const db = system.databases.joint.db as unknown as Db<JointSchema>;
      const everyone = (await db.select({ hetu: customerships.hetu }).from(customerships)).map((r) => r.hetu);
      const withConsents = (await db.select({ hetu: consents.hetu }).from(consents)).map((r) => r.hetu);
      const hetus = [
        ...new Set([...everyone.slice(0, 40), ...withConsents, '111190-903A', makeHetu('1990-01-01', 931)]),
      ];
      // The former look-up: active customerships, and consents not revoked, in two statements.
      const [active, open] = await Promise.all([
        db
          .select({ hetu: customerships.hetu, area: customerships.area })
          .from(customerships)
          .where(and(inArray(customerships.hetu, hetus), eq(customerships.status, 'ACTIVE'))),
        db
          .select()
          .from(consents)
          .where(and(inArray(consents.hetu, hetus), isNull(consents.revokedAt))),
      ]);
      const expected = hetus.map((hetu) => ({
        hetu,
        activeCustomership: active.find((a) => a.hetu === hetu)
          ? { area: active.find((a) => a.hetu === hetu)!.area }
          : null,
        consents: open
          .filter((c) => c.hetu === hetu)
          .map((c) => ({
            id: c.id,
            recipientOrg: c.recipientOrg,
            recipientMunicipality: c.recipientMunicipality,
            categories: c.categories,
            validFrom: c.validFrom,
            validUntil: c.validUntil,
            revokedAt: null,
          }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      }));
      const facts = (await loadFacts(db, hetus)).map((f) => ({
        ...f,
        consents: [...f.consents].sort((a, b) => a.id.localeCompare(b.id)),
      }));
      expect(withConsents.length).toBeGreaterThan(0);
      expect(facts.some((f) => f.activeCustomership) && facts.some((f) => !f.activeCustomership)).toBe(true);
      expect(facts).toEqual(expected);
    });

    it("reads the caseload page's facts with the page, as the look-up reads them", async () => {
      const db = system.databases.joint.db as unknown as Db<JointSchema>;
      const withConsents = new Set((await db.select({ hetu: consents.hetu }).from(consents)).map((r) => r.hetu));
      // The columns the caseload page selects, over every active client.
      const rows = await db
        .select({ hetu: customerships.hetu, ...activeCustomershipFacts })
        .from(customerships)
        .where(eq(customerships.status, 'ACTIVE'));
      const byId = (f: PersonFacts) => ({ ...f, consents: [...f.consents].sort((a, b) => a.id.localeCompare(b.id)) });
      const alongThePage = rows.map((r) => byId(personFacts(r)));
      const lookedUp = (
        await loadFacts(
          db,
          rows.map((r) => r.hetu),
        )
      ).map(byId);
      expect(rows.some((r) => withConsents.has(r.hetu))).toBe(true);
      expect(alongThePage.some((f) => f.consents.length > 0)).toBe(true);
      expect(alongThePage).toEqual(lookedUp);
    });

    it('counts the caseload only when the page asks for its total', async () => {
      const kelaOfficer = await system.token({ org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] });
      const jointStatements = async (query: string) => {
        await gql<any>(system.url, query, { token: kelaOfficer, purpose: 'COORDINATION' }); // warm
        let page: any;
        const { joint } = await statementsRun(system, async () => {
          const r = await gql<any>(system.url, query, { token: kelaOfficer, purpose: 'COORDINATION' });
          expect(r.errors).toBeUndefined();
          page = r.data.caseload;
        });
        return { n: joint, page };
      };
      const without = await jointStatements('{ caseload(first: 3) { nodes { hetu } } }');
      const withTotal = await jointStatements('{ caseload(first: 3) { totalCount nodes { hetu } } }');
      expect(withTotal.page.totalCount).toBeGreaterThan(3);
      expect(withTotal.n).toBe(without.n + 1);
    });

    it('a subgraph reached directly, without a valid ticket, returns nothing', async () => {
      const query =
        '{ _entities(representations: [{ __typename: "Person", hetu: "150385-9013" }]) { ... on Person { ' +
        'employment { education { degree } benefitStatements { givenOn } } } } }';
      const url = system.subgraphs.employment.url;
      const post = (body: unknown) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const none = await post({ query });
      expect(none.status).toBe(401);
      expect(JSON.stringify(await none.json())).not.toContain('degree":');
      const claims = {
        caller: { sub: 'x', org: 'employment' as const, role: 'employment-specialist', areas: ['ita-uusimaa'] },
        purpose: 'ASSESSMENT' as const,
        caseReference: null,
        requestId: 'r',
        doc: documentHash(query),
        grants: { '150385-9013': { own: { COMPETENCE: 'OWN' as const, ORG_INTERNAL: 'OWN' as const } } },
      };
      const forger = await generateEd25519('forger', false);
      const cases = {
        forged: await signTicket(await importKey(forger.privateJwk), 'forger', 'employment', claims),
        otherAudience: await signTicket(system.keys.ticket.privateKey, system.keys.ticket.kid, 'kela', claims),
        otherDocument: await signTicket(system.keys.ticket.privateKey, system.keys.ticket.kid, 'employment', {
          ...claims,
          doc: documentHash('{ other }'),
        }),
      };
      for (const [label, ticket] of Object.entries(cases)) {
        const res = await post({ query, extensions: { [TICKET_EXTENSION]: ticket } });
        const body = (await res.json()) as any;
        expect(res.status, label).toBe(401);
        expect(body.data ?? null, label).toBeNull();
        expect(body.errors[0].extensions.code, label).toBe('UNAUTHENTICATED');
      }
      // The real key and a matching document: exactly what the grants allow.
      const valid = await signTicket(system.keys.ticket.privateKey, system.keys.ticket.kid, 'employment', claims);
      const ok = (await (await post({ query, extensions: { [TICKET_EXTENSION]: valid } })).json()) as any;
      expect(ok.data._entities[0].employment.education.length).toBeGreaterThan(0);
    });

    it('each register records what it released, per ticket', async () => {
      await gql(system.url, FULL, {
        token,
        purpose: 'PLANNING',
        caseReference: 'DNRO-42',
        variables: { hetu: '150385-9013' },
      });
      const { releases } = await import('../shared/releases.ts');
      const rows = await (system.databases.kela.db as any).select().from(releases);
      const mine = rows.filter((r: any) => r.caseReference === 'DNRO-42');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ hetu: '150385-9013', recipientOrg: 'employment', purpose: 'PLANNING' });
      expect([...mine[0].categories].sort()).toEqual(['HEALTH_WORK_CAPACITY', 'SOCIAL_SITUATION']);
    });
  });
}
