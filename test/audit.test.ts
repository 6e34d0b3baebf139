// The disclosure log (docs/LAW.md rules 16, 18–20): what is logged, the client's and the supervisor's
// views, unusual searches, group commit, tamper evidence and the fail-closed path.
import { disclosureEntry } from './support/disclosure-entry.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeJwt } from 'jose';
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { dropDatabase, withDatabase } from '../shared/db.ts';
import { makeHetu } from '../shared/hetu.ts';
import type { System } from '../cli/system.ts';
import { openAuditDatabase } from '../gateway/index.ts';
import { canonical, pruneChain, verifyChain, type EntryContent } from '../gateway/audit/chain.ts';
import { entries } from '../gateway/audit/db/schema.ts';
import { AuditWriter } from '../gateway/audit/writer.ts';
import { BACKENDS, codes, gql, startTestSystem, type Backend } from './support/system.ts';

const realFetch = globalThis.fetch;

const specialist = {
  org: 'employment',
  role: 'employment-specialist',
  areas: ['ita-uusimaa'],
  sub: 'eeva.specialist@porvoo',
};
const FULL = `query Look($hetu: ID!) { client(hetu: $hetu) {
  joint { identity { lastName } plan { deadline } serviceNeed { summary } }
  employment { education { degree } benefitStatements { givenOn } }
  wellbeing { socialSituation { summary } diagnoses { code } }
  kela { benefits { type } payments { amount } } } }`;

async function auditDbFor(backend: Backend) {
  if (!backend.pgUrl) return { ...(await openAuditDatabase({ kind: 'pglite', dir: null })), drop: async () => {} };
  const url = withDatabase(backend.pgUrl, `tymtest_audit_${randomBytes(4).toString('hex')}`);
  const db = await openAuditDatabase({ kind: 'postgres', url });
  return { ...db, drop: () => dropDatabase(url) };
}

/** A log database of its own for the tests of one describe block, opened before them and dropped after. */
function freshAuditDb(backend: Backend) {
  let opened: Awaited<ReturnType<typeof auditDbFor>> | undefined;
  beforeAll(async () => {
    opened = await auditDbFor(backend);
  });
  afterAll(async () => {
    await opened?.close();
    await opened?.drop();
  });
  return {
    get db() {
      if (!opened) throw new Error('the log database is opened in beforeAll');
      return opened.db;
    },
  };
}

const entry = (i: number, at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()): EntryContent =>
  disclosureEntry({ at, requestId: `r${i}`, hetu: makeHetu('1980-01-01', 900 + (i % 100)) });

for (const backend of BACKENDS) {
  describe(`disclosure log on ${backend.name}`, () => {
    let system: System;
    let token: string;
    const log = () =>
      (system.gateway.audit.db.db as any).select().from(entries).orderBy(asc(entries.seq)) as Promise<
        (typeof entries.$inferSelect)[]
      >;

    beforeAll(async () => {
      system = await startTestSystem(backend, undefined, {
        alerts: { windowMinutes: 60, outsideCaseload: 3, invalidHetus: 2 },
      });
      token = await system.token(specialist);
    });
    afterAll(async () => system?.close());

    it('logs per person and register the categories disclosed, with basis, caller, purpose and case', async () => {
      const r = await gql(system.url, FULL, {
        token,
        purpose: 'ASSESSMENT',
        caseReference: 'DNRO-2026-117',
        variables: { hetu: '150385-9013' },
      });
      expect(r.errors?.map((e) => e.extensions?.reason).sort()).toEqual(['ORG_INTERNAL', 'ORG_INTERNAL']);
      const mine = (await log()).filter((e) => e.caseReference === 'DNRO-2026-117');
      const summary = mine.map((e) => `${e.register}:${e.basis}:${e.categories.join('+')}`).sort();
      // Refused fields (wellbeing diagnoses, Kela payments) are not disclosures.
      expect(summary).toEqual([
        'employment:OWN:COMPETENCE+ORG_INTERNAL',
        'joint:SECTION_15:IDENTITY+PLAN+SERVICE_NEED',
        'kela:SECTION_15:SOCIAL_SITUATION',
        'wellbeing:SECTION_15:SOCIAL_SITUATION',
      ]);
      for (const e of mine) {
        expect(e).toMatchObject({
          kind: 'DISCLOSURE',
          hetu: '150385-9013',
          recipientSub: specialist.sub,
          recipientOrg: 'employment',
          recipientRole: 'employment-specialist',
          purpose: 'ASSESSMENT',
          operationName: 'Look',
        });
        expect(e.recipientAreas).toEqual(['ita-uusimaa']);
        expect(e.documentHash).toMatch(/^[\w-]{43}$/);
      }
      expect(new Set(mine.map((e) => e.requestId)).size).toBe(1);
      expect(mine.find((e) => e.register === 'joint')!.personArea).toBe('ita-uusimaa');
    });

    it('logs nothing for a request whose every field was refused', async () => {
      const before = (await log()).length;
      const r = await gql(system.url, '{ client(hetu: "240679-904V") { joint { identity { lastName } } } }', {
        token,
        purpose: 'ASSESSMENT',
      });
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect((await log()).length).toBe(before);
    });

    it('logs writes as use', async () => {
      const hetu = makeHetu('1969-09-09', 977);
      const START =
        'mutation($hetu: ID!) { startCustomership(input: { hetu: $hetu, area: "ita-uusimaa", identity: { ' +
        'firstName: "A", lastName: "B", municipality: "Porvoo" } }) { status } }';
      const start = await gql<any>(system.url, START, { token, purpose: 'ASSESSMENT', variables: { hetu } });
      expect(start.data.startCustomership.status).toBe('ACTIVE');
      await gql(
        system.url,
        'mutation($hetu: ID!) { recordAssessment(hetu: $hetu, kind: SERVICE_NEED, summary: "Needs a work ' +
          'trial") { id } }',
        { token, purpose: 'ASSESSMENT', variables: { hetu } },
      );
      const uses = (await log()).filter((e) => e.hetu === hetu);
      expect(uses.map((e) => `${e.kind}:${e.categories.join('+')}`)).toEqual([
        'USE:CUSTOMERSHIP+IDENTITY',
        'USE:SERVICE_NEED',
      ]);
    });

    it('shows the client who received their data, on what basis, but never the official', async () => {
      const citizen = await system.token({ org: 'citizen', role: 'citizen', sub: '150385-9013' });
      await gql(system.url, '{ me { joint { identity { lastName } } } }', {
        token: citizen,
        purpose: 'DATA_SUBJECT_ACCESS',
      });
      const r = await gql<any>(
        system.url,
        '{ myDisclosures { at recipientOrg recipientRole recipientArea purpose basis categories ' +
          'caseReference register recipient } }',
        { token: citizen, purpose: 'DATA_SUBJECT_ACCESS' },
      );
      expect(r.errors).toBeUndefined();
      const list = r.data.myDisclosures;
      // The client's own reads are not receipts.
      expect(list.some((d: any) => d.recipientOrg === 'citizen')).toBe(false);
      const wellbeing = list.find((d: any) => d.caseReference === 'DNRO-2026-117' && d.register === 'wellbeing');
      expect(wellbeing).toMatchObject({
        recipientOrg: 'employment',
        recipientRole: 'employment-specialist',
        recipientArea: 'ita-uusimaa',
        purpose: 'ASSESSMENT',
        basis: 'SECTION_15',
        categories: ['SOCIAL_SITUATION'],
        recipient: null,
      });
      expect(JSON.stringify(list)).not.toContain(specialist.sub);
      const official = await gql(system.url, '{ myDisclosures { at } }', { token, purpose: 'ASSESSMENT' });
      expect(official.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(official.data ?? null).toBeNull();
    });

    it("lets a supervisor of the client's area read the client's log, and nobody else", async () => {
      const Q = 'query($hetu: ID!) { disclosures(hetu: $hetu) { at recipient recipientOrg categories } }';
      const sup = await system.token({ org: 'wellbeing', role: 'supervisor', areas: ['ita-uusimaa'] });
      const ok = await gql<any>(system.url, Q, {
        token: sup,
        purpose: 'COORDINATION',
        variables: { hetu: '150385-9013' },
      });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.disclosures.some((d: any) => d.recipient === specialist.sub)).toBe(true);
      const refused: [Record<string, unknown>, string][] = [
        [{ org: 'wellbeing', role: 'supervisor', areas: ['keski-uusimaa'] }, 'NO_LEGAL_BASIS'],
        [{ org: 'wellbeing', role: 'social-worker', areas: ['ita-uusimaa'] }, 'NOT_NECESSARY_FOR_ROLE'],
        [{ org: 'municipality', role: 'municipal-employment-worker', municipality: 'Porvoo' }, 'NO_LEGAL_BASIS'],
      ];
      for (const [who, reason] of refused) {
        const r = await gql(system.url, Q, {
          token: await system.token(who as any),
          purpose: 'COORDINATION',
          variables: { hetu: '150385-9013' },
        });
        expect(r.errors?.[0]?.extensions, JSON.stringify(who)).toMatchObject({ code: 'FORBIDDEN', reason });
        expect(r.data ?? null).toBeNull();
      }
      // A non-client and an unknown person are refused the same way as another area's client.
      for (const hetu of ['111190-903A', makeHetu('1955-05-05', 951)]) {
        const r = await gql(system.url, Q, {
          token: await system.token({ org: 'wellbeing', role: 'supervisor', areas: ['keski-uusimaa'] }),
          purpose: 'COORDINATION',
          variables: { hetu },
        });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_LEGAL_BASIS' });
      }
    });

    it("runs the views in the gateway process, looking the client's facts up as the supervisor", async () => {
      const sup = { org: 'wellbeing', role: 'supervisor', areas: ['ita-uusimaa'], sub: 'sanna.supervisor@porvoo' };
      const token = await system.token(sup);
      const sent: { url: string; body: string }[] = [];
      const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
        sent.push({ url: String(input), body: typeof init?.body === 'string' ? init.body : '' });
        return realFetch(input, init);
      });
      let r: Awaited<ReturnType<typeof gql<any>>>;
      try {
        r = await gql<any>(system.url, 'query($hetu: ID!) { disclosures(hetu: $hetu) { at } }', {
          token,
          purpose: 'COORDINATION',
          variables: { hetu: '150385-9013' },
        });
      } finally {
        spy.mockRestore();
      }
      expect(r.errors).toBeUndefined();
      // After the caller's own request: one facts look-up, the request's own, signed for the supervisor.
      const joint = new URL(system.subgraphs.joint.url);
      expect(sent.slice(1).map((s) => new URL(s.url).origin)).toEqual([joint.origin]);
      const ticket = decodeJwt(JSON.parse(sent[1]!.body).ticket) as { caller: { sub: string }; purpose: string };
      expect(ticket.caller.sub).toBe(sup.sub);
      expect(ticket.purpose).toBe('COORDINATION');
    });

    it('flags an official who looks up many persons outside their caseload, or many invalid codes', async () => {
      const nosy = await system.token({ ...specialist, sub: 'nosy.official@porvoo' });
      for (const hetu of [
        '111190-903A',
        '020270-9022',
        '240679-904V',
        makeHetu('1960-06-06', 961),
        'not-a-hetu',
        '999999-9999',
        '150385-9014',
      ]) {
        await gql(system.url, FULL, { token: nosy, purpose: 'ASSESSMENT', variables: { hetu } });
      }
      // in caseload: no alert
      await gql(system.url, FULL, { token, purpose: 'ASSESSMENT', variables: { hetu: '150385-9013' } });
      await system.gateway.audit.writer.close();
      const sup = await system.token({ org: 'employment', role: 'supervisor', areas: ['ita-uusimaa'] });
      const r = await gql<any>(
        system.url,
        '{ accessAlerts(area: "ita-uusimaa") { official kind count windowMinutes } }',
        { token: sup, purpose: 'COORDINATION' },
      );
      expect(r.errors).toBeUndefined();
      const alerts = r.data.accessAlerts.filter((a: any) => a.official === 'nosy.official@porvoo');
      expect(alerts.map((a: any) => a.kind).sort()).toEqual(['INVALID_HETUS', 'OUTSIDE_CASELOAD']);
      expect(alerts.find((a: any) => a.kind === 'OUTSIDE_CASELOAD').count).toBe(4);
      expect(r.data.accessAlerts.some((a: any) => a.official === specialist.sub)).toBe(false);
      const other = await gql(system.url, '{ accessAlerts(area: "keski-uusimaa") { kind } }', {
        token: sup,
        purpose: 'COORDINATION',
      });
      expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    });

    it("group-commits concurrent requests: every request's entries, in fewer transactions", async () => {
      const before = await log();
      const commitsBefore = system.gateway.audit.writer.stats.commits;
      const N = 150;
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          gql(system.url, FULL, {
            token,
            purpose: 'PLANNING',
            caseReference: `LOAD-${i}`,
            variables: { hetu: '150385-9013' },
          }),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      const added = (await log()).slice(before.length);
      expect(new Set(added.map((e) => e.caseReference)).size).toBe(N);
      expect(added).toHaveLength(N * 4);
      expect(system.gateway.audit.writer.stats.commits - commitsBefore).toBeLessThan(N);
      expect(await verifyChain(system.gateway.audit.db.db)).toMatchObject({ ok: true });
    });

    it('withholds all personal data when the log cannot be written (fail closed)', async () => {
      // The log's database goes away: nothing personal may leave without its entry.
      await system.gateway.audit.writer.close();
      await system.gateway.audit.db.close();
      const r = await gql(system.url, FULL, { token, purpose: 'ASSESSMENT', variables: { hetu: '150385-9013' } });
      expect(r.status).toBe(503);
      expect(r.data ?? null).toBeNull();
      expect(codes(r)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(JSON.stringify(r)).not.toContain('Vocational');
    });
  });

  // The writer's timing, on the embedded database: the PostgreSQL driver's own timers would freeze too.
  describe.skipIf(backend.pgUrl)(`group commit on ${backend.name}`, () => {
    const audit = freshAuditDb(backend);
    afterAll(() => vi.useRealTimers());
    // Only the writer's gathering wait runs on these timers: a commit that waited for it would never end.
    const frozen = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    it('commits the entries of a request under way alone at once, waiting for nobody', async () => {
      const writer = new AuditWriter(audit.db);
      frozen();
      try {
        const arrived = writer.expect();
        const committed = writer.append({ entries: [entry(0)], lookups: [] });
        arrived();
        await committed;
      } finally {
        vi.useRealTimers();
      }
      expect(writer.stats).toMatchObject({ commits: 1, entries: 1 });
    });

    it('gathers the entries of requests under way into one commit, starting when the last has arrived', async () => {
      const writer = new AuditWriter(audit.db);
      frozen();
      try {
        const [a, b] = [writer.expect(), writer.expect()];
        const first = writer.append({ entries: [entry(1)], lookups: [] });
        a();
        const second = writer.append({ entries: [entry(2)], lookups: [] });
        b();
        await Promise.all([first, second]);
      } finally {
        vi.useRealTimers();
      }
      expect(writer.stats).toMatchObject({ commits: 1, entries: 2 });
    });

    it('waits for a request under way no longer than the gathering time', async () => {
      const writer = new AuditWriter(audit.db);
      frozen();
      try {
        writer.expect(); // a request that is slow to finish
        const committed = writer.append({ entries: [entry(3)], lookups: [] });
        await vi.advanceTimersByTimeAsync(4);
        await committed;
      } finally {
        vi.useRealTimers();
      }
      expect(writer.stats).toMatchObject({ commits: 1, entries: 1 });
    });
  });

  describe(`several writers on one log, ${backend.name}`, () => {
    const audit = freshAuditDb(backend);

    it('extends one chain whoever commits, each writer finding the head moved by the other', async () => {
      // Gateway replicas share the log database: a writer's next commit must chain onto the other's.
      const [a, b] = [new AuditWriter(audit.db), new AuditWriter(audit.db)];
      for (let round = 0; round < 4; round++) {
        await a.append({ entries: [entry(100 + round * 4), entry(101 + round * 4)], lookups: [] });
        await Promise.all([
          b.append({ entries: [entry(102 + round * 4)], lookups: [] }),
          a.append({ entries: [entry(103 + round * 4)], lookups: [] }),
        ]);
      }
      await Promise.all([a.close(), b.close()]);
      expect(a.stats.entries + b.stats.entries).toBe(16);
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 16 });
    });
  });

  describe(`entries as stored, ${backend.name}`, () => {
    const audit = freshAuditDb(backend);

    it("stores each request's entries as appended, in order, whichever requests share a commit", async () => {
      // The values a request's entries share travel once per request (shared/json-insert.ts): requests
      // differing in each of them, committed together, on the head read first and then on the known one.
      const at = (s: number) => new Date(Date.UTC(2026, 1, 1, 0, 0, s)).toISOString();
      // Twelve entries a request, so that a commit of three is past the size the grouped statement starts at.
      const request = (i: number, shared: Partial<EntryContent>) =>
        Array.from({ length: 12 }, (_, j) =>
          disclosureEntry({
            at: at(i),
            requestId: `req-${i}`,
            hetu: makeHetu('1975-05-05', 100 + i * 12 + j),
            register: ['joint', 'kela', 'wellbeing'][j % 3]!,
            categories: j % 3 === 1 ? ['IDENTITY', 'PLAN'] : ['IDENTITY'],
            basis: j % 3 === 2 ? 'OWN' : 'SECTION_15',
            personArea: j % 3 === 2 ? null : 'ita-uusimaa',
            ...shared,
          }),
        );
      const rounds = [
        [
          request(1, { caseReference: 'case "1"', operationName: 'Look', recipientMunicipality: '092' }),
          request(2, { recipientAreas: ['ita-uusimaa', 'keski-uusimaa'], documentHash: 'other' }),
          request(3, { recipientSub: 'y', recipientRole: 'supervisor', purpose: 'SUPERVISION' }),
        ],
        [request(4, {}), request(5, { recipientAreas: [] }), request(6, { at: at(7) })],
      ];
      const writer = new AuditWriter(audit.db);
      for (const round of rounds) {
        await Promise.all(round.map((entries) => writer.append({ entries, lookups: [] })));
      }
      expect(writer.stats).toMatchObject({ commits: 2, entries: 72 });
      const stored = await (audit.db as any).select().from(entries).orderBy(asc(entries.seq));
      expect(stored.map(canonical)).toEqual(rounds.flat(2).map(canonical));
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 72 });
    });
  });

  describe(`hash chain on ${backend.name}`, () => {
    const audit = freshAuditDb(backend);
    const db = () => audit.db as any;
    beforeAll(async () => {
      const writer = new AuditWriter(audit.db);
      await Promise.all(Array.from({ length: 20 }, (_, i) => writer.append({ entries: [entry(i)], lookups: [] })));
      await writer.close();
    });
    const rows = async () =>
      (await db().select().from(entries).orderBy(asc(entries.seq))) as (typeof entries.$inferSelect)[];

    it('verifies an intact chain', async () => {
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 20 });
    });

    it('names the first changed entry', async () => {
      const [, , third] = await rows();
      await db()
        .update(entries)
        .set({ categories: ['IDENTITY', 'HEALTH_WORK_CAPACITY'] })
        .where(eq(entries.seq, third!.seq));
      expect(await verifyChain(audit.db)).toMatchObject({
        ok: false,
        seq: third!.seq,
        problem: expect.stringMatching(/changed/),
      });
      await db().update(entries).set({ categories: third!.categories }).where(eq(entries.seq, third!.seq));
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true });
    });

    it('detects a reordering', async () => {
      const list = await rows();
      const [a, b] = [list[5]!, list[6]!];
      const content = (e: typeof a) => ({
        requestId: e.requestId,
        hetu: e.hetu,
        at: e.at,
        prevHash: e.prevHash,
        hash: e.hash,
      });
      await db().update(entries).set(content(b)).where(eq(entries.seq, a.seq));
      await db().update(entries).set(content(a)).where(eq(entries.seq, b.seq));
      expect(await verifyChain(audit.db)).toMatchObject({ ok: false, seq: a.seq });
      await db().update(entries).set(content(a)).where(eq(entries.seq, a.seq));
      await db().update(entries).set(content(b)).where(eq(entries.seq, b.seq));
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true });
    });

    it('detects a deleted entry, in the middle and at the end', async () => {
      const list = await rows();
      await db().delete(entries).where(eq(entries.seq, list[10]!.seq));
      expect(await verifyChain(audit.db)).toMatchObject({
        ok: false,
        seq: list[11]!.seq,
        problem: expect.stringMatching(/deleted/),
      });
      await db().insert(entries).values(list[10]!);
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true });
      await db()
        .delete(entries)
        .where(eq(entries.seq, list.at(-1)!.seq));
      expect(await verifyChain(audit.db)).toMatchObject({ ok: false, problem: expect.stringMatching(/end/) });
      await db().insert(entries).values(list.at(-1)!);
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 20 });
    });

    it('stays verifiable after pruning entries past the retention period', async () => {
      const pruned = await pruneChain(audit.db, new Date(Date.UTC(2026, 0, 1, 0, 0, 8)).toISOString());
      expect(pruned).toBe(8);
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 12 });
      const [first] = await rows();
      await db().update(entries).set({ purpose: 'STATISTICS' }).where(eq(entries.seq, first!.seq));
      expect(await verifyChain(audit.db)).toMatchObject({ ok: false, seq: first!.seq });
    });
  });

  describe(`pruning on ${backend.name}`, () => {
    const audit = freshAuditDb(backend);
    const times = async () =>
      ((await (audit.db as any).select().from(entries).orderBy(asc(entries.seq))) as { at: Date | string }[]).map((e) =>
        new Date(e.at).getUTCSeconds(),
      );

    it('prunes from the old end and never an entry younger than the cut-off, even one chained early', async () => {
      const writer = new AuditWriter(audit.db);
      // Chained in this order: the entry of second 9 before those of seconds 3 to 5.
      for (const second of [1, 2, 9, 3, 4, 5]) await writer.append({ entries: [entry(second)], lookups: [] });
      const cutOff = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
      expect(await pruneChain(audit.db, cutOff(0))).toBe(0);
      expect(await pruneChain(audit.db, cutOff(6))).toBe(2);
      expect(await times()).toEqual([9, 3, 4, 5]);
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 4 });
      expect(await pruneChain(audit.db, cutOff(10))).toBe(4);
      expect(await times()).toEqual([]);
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 0 });
      // The chain goes on from the anchor.
      await writer.append({ entries: [entry(11)], lookups: [] });
      expect(await verifyChain(audit.db)).toMatchObject({ ok: true, count: 1 });
    });
  });
}
