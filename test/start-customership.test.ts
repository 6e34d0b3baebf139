// Writes decided by the policy (shared/policy/writes.ts) through the whole system: a start checks
// residence first, a refused start that tells of a running customership is logged as that
// disclosure, and every write is logged with the basis the policy decided (docs/LAW.md rules 2, 7, 10,
// 14, 18–20). On PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { makeHetu } from '../shared/hetu.ts';
import type { Basis } from '../shared/vocabulary.ts';
import type { System } from '../cli/system.ts';
import { entries } from '../gateway/audit/db/schema.ts';
import { customerships, persons } from '../subgraphs/joint/db/schema.ts';
import { BACKENDS, gql, startTestSystem, withoutRequestIds } from './support/system.ts';

// The policy as shipped, except that a test may make it decide another basis for writes: the log
// must then say that basis, which shows the basis comes from the decision and is no constant.
const basisOverride = vi.hoisted(() => ({ value: null as Basis | null }));
vi.mock('../shared/policy/writes.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../shared/policy/writes.ts')>();
  const overridden = <D extends { allowed: boolean }>(d: D): D =>
    d.allowed && basisOverride.value ? { ...d, basis: basisOverride.value } : d;
  return {
    ...real,
    decideWrite: (...args: Parameters<typeof real.decideWrite>) => overridden(real.decideWrite(...args)),
    decideStart: (...args: Parameters<typeof real.decideStart>) => overridden(real.decideStart(...args)),
  };
});

const IU = 'ita-uusimaa';
const KU = 'keski-uusimaa';
const specialist = {
  org: 'employment',
  role: 'employment-specialist',
  areas: [IU],
  sub: 'erkki.specialist@porvoo',
} as const;
const socialWorker = { org: 'wellbeing', role: 'social-worker', areas: [IU], sub: 'sari.worker@itauusimaa' } as const;
const kela = { org: 'kela', role: 'work-ability-specialist', areas: [IU, KU], sub: 'kaisa.kela@kela' } as const;
const keskiSupervisor = { org: 'wellbeing', role: 'supervisor', areas: [KU], sub: 'ville.supervisor@keusote' } as const;
const ACTIVE_IN_KESKI = '240679-904V';

const START = 'mutation($input: StartCustomershipInput!) { startCustomership(input: $input) { status area } }';
const END =
  'mutation($hetu: ID!) { endCustomership(hetu: $hetu, reason: EMPLOYED, agreedBy: [employment, wellbeing, ' +
  'kela]) { status } }';
const ASSESS =
  'mutation($hetu: ID!) { recordAssessment(hetu: $hetu, kind: SERVICE_NEED, summary: "Needs a work trial") { id } }';
const identity = (municipality: string) => ({ firstName: 'Testi', lastName: 'Asukas', municipality });

let serial = 0;
const newPerson = () => makeHetu('1972-03-04', 900 + (serial++ % 100));

for (const backend of BACKENDS) {
  describe(`writes decided by the policy on ${backend.name}`, () => {
    let system: System;
    const tokens = new Map<object, string>();
    const call = (who: object, query: string, variables: Record<string, unknown>, purpose = 'ASSESSMENT') =>
      gql<any>(system.url, query, { token: tokens.get(who), purpose, variables });
    const start = (who: object, hetu: string, area: string, extra: Record<string, unknown> = {}) =>
      call(who, START, { input: { hetu, area, ...extra } });
    const log = (hetu: string) =>
      (system.gateway.audit.db.db as any)
        .select()
        .from(entries)
        .where(eq(entries.hetu, hetu))
        .orderBy(asc(entries.seq)) as Promise<(typeof entries.$inferSelect)[]>;
    const jointDb = () => system.databases.joint.db as any;
    const customershipsOf = async (hetu: string) =>
      (await jointDb().select({ n: count() }).from(customerships).where(eq(customerships.hetu, hetu)))[0].n as number;

    beforeAll(async () => {
      system = await startTestSystem(backend);
      for (const who of [specialist, socialWorker, kela, keskiSupervisor])
        tokens.set(who, await system.token(who as any));
    });
    afterAll(async () => system?.close());

    it(
      'answers a start for a client of another area with CONFLICT, and logs that disclosure for the client ' +
        'and that area',
      async () => {
        const before = await customershipsOf(ACTIVE_IN_KESKI);
        const r = await start(specialist, ACTIVE_IN_KESKI, IU, { identity: identity('Porvoo') });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ACTIVE' });
        expect(r.data ?? null).toBeNull();
        expect(await customershipsOf(ACTIVE_IN_KESKI)).toBe(before);

        const logged = (await log(ACTIVE_IN_KESKI)).filter((e) => e.recipientSub === specialist.sub);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({
          kind: 'DISCLOSURE',
          register: 'joint',
          categories: ['CUSTOMERSHIP'],
          basis: 'SECTION_15',
          recipientOrg: 'employment',
          recipientRole: 'employment-specialist',
          personArea: KU,
          purpose: 'ASSESSMENT',
        });

        // The client sees it (without the official), and so do the supervisors of the client's area.
        const citizen = await system.token({ org: 'citizen', role: 'citizen', sub: ACTIVE_IN_KESKI });
        const mine = await gql<any>(
          system.url,
          '{ myDisclosures { recipientOrg recipientRole basis categories purpose recipient } }',
          { token: citizen, purpose: 'DATA_SUBJECT_ACCESS' },
        );
        expect(mine.errors).toBeUndefined();
        expect(mine.data.myDisclosures).toContainEqual({
          recipientOrg: 'employment',
          recipientRole: 'employment-specialist',
          basis: 'SECTION_15',
          categories: ['CUSTOMERSHIP'],
          purpose: 'ASSESSMENT',
          recipient: null,
        });
        const sup = await call(
          keskiSupervisor,
          'query($hetu: ID!) { disclosures(hetu: $hetu) { recipient categories basis } }',
          { hetu: ACTIVE_IN_KESKI },
          'COORDINATION',
        );
        expect(sup.errors).toBeUndefined();
        expect(sup.data.disclosures).toContainEqual({
          recipient: specialist.sub,
          categories: ['CUSTOMERSHIP'],
          basis: 'SECTION_15',
        });
      },
    );

    it('checks residence first: a non-resident or unknown residence learns nothing about the person', async () => {
      const fresh = newPerson();
      const cases: [Record<string, unknown>, string][] = [
        [{ identity: identity('Hyvinkää') }, 'MUNICIPALITY_NOT_IN_AREA'],
        [{}, 'MUNICIPALITY_REQUIRED'],
      ];
      for (const [extra, reason] of cases) {
        const answers = [];
        for (const hetu of [ACTIVE_IN_KESKI, fresh]) {
          const r = await start(specialist, hetu, IU, extra);
          expect(r.errors?.[0]?.extensions, `${hetu} ${reason}`).toMatchObject({ code: 'BAD_USER_INPUT', reason });
          answers.push(JSON.stringify({ data: r.data ?? null, errors: withoutRequestIds(r.errors) }));
        }
        expect(answers[0]).toBe(answers[1]);
      }
      // Only the earlier test's entry.
      expect((await log(ACTIVE_IN_KESKI)).filter((e) => e.recipientSub === specialist.sub)).toHaveLength(1);
      expect(await log(fresh)).toEqual([]);
      expect(await customershipsOf(fresh)).toBe(0);
    });

    it(
      "takes the municipality from the identity given, or else only from what the caller's own controller " + 'stored',
      async () => {
        const hetu = newPerson();
        // Kela stores the person as a resident of Hyvinkää with a customership in Keski-Uusimaa, which ends.
        expect((await start(kela, hetu, KU, { identity: identity('Hyvinkää') })).data?.startCustomership).toEqual({
          status: 'ACTIVE',
          area: KU,
        });
        expect((await call(kela, END, { hetu })).data?.endCustomership).toEqual({ status: 'ENDED' });

        // Kela's own entry says Hyvinkää: Kela cannot start in Itä-Uusimaa without giving a new municipality.
        expect((await start(kela, hetu, IU)).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'MUNICIPALITY_NOT_IN_AREA',
        });
        // Another controller's entry is not the employment authority's to rely on: as if nothing were known.
        expect((await start(specialist, hetu, IU)).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'MUNICIPALITY_REQUIRED',
        });
        expect(await customershipsOf(hetu)).toBe(1);

        // With the identity given, the employment authority starts; its own entry then serves the next start.
        expect((await start(specialist, hetu, IU, { identity: identity('Porvoo') })).data?.startCustomership).toEqual({
          status: 'ACTIVE',
          area: IU,
        });
        expect((await call(specialist, END, { hetu })).data?.endCustomership).toEqual({ status: 'ENDED' });
        expect((await start(socialWorker, hetu, IU)).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'MUNICIPALITY_REQUIRED',
        });
        const again = await start(specialist, hetu, IU);
        expect(again.errors).toBeUndefined();
        const rows = await jointDb()
          .select({ municipality: customerships.municipality, status: customerships.status })
          .from(customerships)
          .where(eq(customerships.hetu, hetu));
        expect(rows).toContainEqual({ municipality: 'Porvoo', status: 'ACTIVE' });
        const [person] = await jointDb()
          .select({ recordedByOrg: persons.recordedByOrg })
          .from(persons)
          .where(eq(persons.hetu, hetu));
        expect(person.recordedByOrg).toBe('employment');
      },
    );

    it('logs every write with the basis the policy decided', async () => {
      const hetu = newPerson();
      await start(specialist, hetu, IU, { identity: identity('Loviisa') });
      await call(specialist, ASSESS, { hetu });
      expect((await log(hetu)).map((e) => `${e.kind}:${e.categories.join('+')}:${e.basis}`)).toEqual([
        'USE:CUSTOMERSHIP+IDENTITY:SECTION_15',
        'USE:SERVICE_NEED:SECTION_15',
      ]);

      // Were the policy to decide another basis, the log would say that one.
      const other = newPerson();
      basisOverride.value = 'CONSENT';
      try {
        expect((await start(specialist, other, IU, { identity: identity('Loviisa') })).errors).toBeUndefined();
        expect((await call(specialist, ASSESS, { hetu: other })).errors).toBeUndefined();
      } finally {
        basisOverride.value = null;
      }
      expect((await log(other)).map((e) => `${e.kind}:${e.categories.join('+')}:${e.basis}`)).toEqual([
        'USE:CUSTOMERSHIP+IDENTITY:CONSENT',
        'USE:SERVICE_NEED:CONSENT',
      ]);
    });
  });
}
