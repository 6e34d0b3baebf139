// Every look-up is seen (docs/LAW.md rule 16; act 906/2019 §23): the look-ups counted for the unusual-search
// alerts are the root fields the operation actually executes, whatever the document's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { makeHetu } from '../shared/hetu.ts';
import type { System } from '../cli/system.ts';
import { lookups } from '../gateway/audit/db/schema.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const SMALL_WORLD = { clients: 5, seed: 7 };
const ELSEWHERE = '240679-904V'; // an active client of Keski-Uusimaa: outside an Itä-Uusimaa caseload
const MINE = '150385-9013';

for (const backend of BACKENDS) {
  describe(`look-ups on ${backend.name}`, () => {
    let system: System;
    let n = 0;
    /** A fresh official per test, so that their look-ups are exactly this test's. */
    const official = async (role = 'employment-specialist') => {
      const sub = `official-${++n}@porvoo`;
      const token = await system.token({ org: 'employment', role, areas: ['ita-uusimaa'], sub });
      const ask = (query: string, variables?: Record<string, unknown>, purpose = 'ASSESSMENT') =>
        gql<any>(system.url, query, { token, purpose, variables });
      const seen = async () => {
        const rows = await (system.gateway.audit.db.db as any)
          .select()
          .from(lookups)
          .where(eq(lookups.sub, sub))
          .orderBy(asc(lookups.id));
        return (rows as (typeof lookups.$inferSelect)[]).map((r) => `${r.hetu ?? 'invalid'}:${r.outcome}`);
      };
      return { ask, seen };
    };

    beforeAll(async () => {
      system = await startTestSystem(backend, SMALL_WORLD, {
        alerts: { windowMinutes: 60, outsideCaseload: 3, invalidHetus: 2 },
      });
    });
    afterAll(async () => system?.close());

    it('counts a look-up inside an inline fragment', async () => {
      const { ask, seen } = await official();
      await ask(`{ ... on Query { client(hetu: "${ELSEWHERE}") { joint { identity { lastName } } } } }`);
      expect(await seen()).toEqual([`${ELSEWHERE}:OUTSIDE_CASELOAD`]);
    });

    it('counts a look-up inside a named fragment, and fragments within fragments', async () => {
      const { ask, seen } = await official();
      await ask(
        `{ ...Outer } fragment Outer on Query { ...Inner } fragment Inner on Query { client(hetu: ` +
          `"${ELSEWHERE}") { hetu } }`,
      );
      expect(await seen()).toEqual([`${ELSEWHERE}:OUTSIDE_CASELOAD`]);
    });

    it('counts every alias as its own look-up', async () => {
      const { ask, seen } = await official();
      await ask(
        `{ a: client(hetu: "${ELSEWHERE}") { hetu } b: client(hetu: "${MINE}") { hetu } ... on Query { c: ` +
          `client(hetu: "123") { hetu } } }`,
      );
      expect((await seen()).sort()).toEqual(
        [`${ELSEWHERE}:OUTSIDE_CASELOAD`, `${MINE}:IN_CASELOAD`, 'invalid:INVALID_HETU'].sort(),
      );
    });

    it('reads the identity code from variables, also inside fragments', async () => {
      const { ask, seen } = await official();
      await ask('query($h: ID!) { ...L } fragment L on Query { client(hetu: $h) { hetu } }', { h: ELSEWHERE });
      expect(await seen()).toEqual([`${ELSEWHERE}:OUTSIDE_CASELOAD`]);
    });

    it('honours @include and @skip: what executes is counted, what does not is not', async () => {
      const { ask, seen } = await official();
      const q =
        `query($v: Boolean!) { client(hetu: "${ELSEWHERE}") @include(if: $v) { hetu } x: client(hetu: ` +
        `"${MINE}") @skip(if: $v) { hetu } }`;
      await ask(q, { v: true });
      expect(await seen()).toEqual([`${ELSEWHERE}:OUTSIDE_CASELOAD`]);
      await ask(q, { v: false });
      expect(await seen()).toEqual([`${ELSEWHERE}:OUTSIDE_CASELOAD`, `${MINE}:IN_CASELOAD`]);
    });

    it('counts writes aimed at a person, by argument or in an input', async () => {
      const { ask, seen } = await official();
      const hetu = makeHetu('1971-03-04', 981);
      const start = await ask(
        'mutation($h: ID!) { ...S } ' +
          'fragment S on Mutation { startCustomership(input: { hetu: $h, area: "ita-uusimaa", ' +
          'identity: { firstName: "Testi", lastName: "Asukas", municipality: "Porvoo" } }) { status } }',
        { h: hetu },
      );
      expect(start.data?.startCustomership?.status).toBe('ACTIVE');
      await ask(
        `mutation { recordAssessment(hetu: "${hetu}", kind: SERVICE_NEED, summary: "Needs a work trial") { summary } }`,
      );
      expect(await seen()).toEqual([`${hetu}:IN_CASELOAD`, `${hetu}:IN_CASELOAD`]);
    });

    it("counts a supervisor's view of a person's disclosures", async () => {
      const { ask, seen } = await official('supervisor');
      await ask(`{ ... on Query { disclosures(hetu: "${ELSEWHERE}") { at } } }`, undefined, 'COORDINATION');
      expect(await seen()).toEqual([`${ELSEWHERE}:OUTSIDE_CASELOAD`]);
    });

    it('raises the unusual-search alert for look-ups hidden in fragments', async () => {
      const { ask } = await official();
      const sub = `official-${n}@porvoo`;
      const others = ['240679-904V', ...['1980-01-01', '1981-02-02', '1982-03-03'].map((d, i) => makeHetu(d, 950 + i))];
      const hidden = 'query($h: ID!) { ...L } fragment L on Query { ... on Query { client(hetu: $h) { hetu } } }';
      for (const hetu of others) await ask(hidden, { h: hetu });
      const sup = await system.token({
        org: 'employment',
        role: 'supervisor',
        areas: ['ita-uusimaa'],
        sub: 'sup@porvoo',
      });
      // Alerts are raised just after the look-ups' commit: ask until it has happened (or 10 s pass).
      let kinds: string[] = [];
      for (const until = Date.now() + 10_000; Date.now() < until && kinds.length === 0; ) {
        const r = await gql<any>(system.url, '{ accessAlerts(area: "ita-uusimaa") { official kind count } }', {
          token: sup,
          purpose: 'COORDINATION',
        });
        expect(r.errors).toBeUndefined();
        kinds = r.data.accessAlerts.filter((a: any) => a.official === sub).map((a: any) => a.kind);
        if (kinds.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(kinds).toEqual(['OUTSIDE_CASELOAD']);
    });
  });
}
