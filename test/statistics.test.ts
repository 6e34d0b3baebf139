// Statistics, staffing and cost shares through the gateway, on a small hand-made joint record whose
// every measure is worked out by hand below; on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { dropDatabase, locate, openDatabase, withDatabase, type Db, type Location } from '../shared/db.ts';
import { finnishDate } from '../shared/policy.ts';
import { buildWorld } from '../seed/world.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { seedJoint } from '../subgraphs/joint/seed.ts';
import { DIMENSIONS as ALL_DIMENSIONS } from '../subgraphs/joint/statistics/dimensions.ts';
import { median, rollUp, statisticsQuery, type MeasureRow } from '../subgraphs/joint/statistics/queries.ts';
import { loadStatisticsConfig } from '../subgraphs/joint/statistics/configuration.ts';
import { makeHetu } from '../shared/hetu.ts';
import { addDays, addMonths } from '../shared/dates.ts';
import type { System } from '../cli/system.ts';
import { customerships, persons, planReviews, plans, schema, type JointSchema } from '../subgraphs/joint/db/schema.ts';
import { BACKENDS, codes, gql, startTestSystem, TEST_WORLD, type GqlResult } from './support/system.ts';

// ---- the fixture ---------------------------------------------------------------------------------
// Dates are Finnish calendar dates; a bare date is recorded at 10:00 in Finland (08:00 UTC in winter,
// 07:00 in summer: always the same calendar day). The period under study is the year 2024.

interface Fixture {
  area: string;
  municipality: string;
  birth: string;
  start: string;
  /** an exact instant instead of the start date at 10:00 */
  startAt?: string;
  end?: string;
  plan?: string;
  reviews?: string[];
}
const at = (date: string) => new Date(`${date}T08:00:00Z`);

async function insert(system: System, fixtures: Fixture[]): Promise<void> {
  const db = system.databases.joint.db as any;
  let individual = 900;
  const by = { recordedByOrg: 'employment', recordedByOfficial: 'Testaaja, TE specialist' };
  for (const f of fixtures) {
    const hetu = makeHetu(f.birth, individual++);
    await db
      .insert(persons)
      .values({ hetu, firstName: 'Testi', lastName: 'Asiakas', municipality: f.municipality, ...by });
    const [c] = await db
      .insert(customerships)
      .values({
        hetu,
        area: f.area,
        status: f.end ? 'ENDED' : 'ACTIVE',
        startedAt: f.startAt ? new Date(f.startAt) : at(f.start),
        planDeadline: addMonths(f.start, 3),
        youth: Number(f.start.slice(0, 4)) - Number(f.birth.slice(0, 4)) < 30,
        endedAt: f.end ? at(f.end) : null,
        endReason: f.end ? 'EMPLOYED' : null,
        agreedBy: f.end ? ['employment', 'wellbeing'] : null,
        municipality: f.municipality,
        ...by,
      })
      .returning();
    if (!f.plan) continue;
    const [p] = await db
      .insert(plans)
      .values({
        hetu,
        customershipId: c.id,
        nextReviewDue: addMonths(f.reviews?.at(-1) ?? f.plan, 3),
        ...by,
        recordedAt: at(f.plan),
      })
      .returning();
    // Each review meets the occasion three months after the plan or the review before it (§6).
    let due = addMonths(f.plan, 3);
    for (const r of f.reviews ?? []) {
      await db.insert(planReviews).values({ planId: p.id, note: 'Reviewed', dueOn: due, ...by, recordedAt: at(r) });
      due = addMonths(r, 3);
    }
  }
}

/**
 * Every customership's copy of its plan and reviews (kept by the database) against them; the copies, for comparing
 * later.
 */
async function expectPlanFacts(db: Db<JointSchema>) {
  const copies = await db
    .select({
      id: customerships.id,
      planCreatedOn: customerships.planCreatedOn,
      planNextReviewDue: customerships.planNextReviewDue,
      reviewDues: customerships.reviewDues,
      onTimeReviewDues: customerships.onTimeReviewDues,
    })
    .from(customerships)
    .orderBy(customerships.id);
  const allPlans = await db.select().from(plans);
  const reviews = await db.select().from(planReviews);
  expect(reviews.length).toBeGreaterThan(20);
  expect(copies.filter((c) => c.reviewDues.length > 0).length).toBeGreaterThan(5);
  for (const copy of copies) {
    const plan = allPlans.find((p) => p.customershipId === copy.id);
    const own = reviews.filter((r) => r.planId === plan?.id);
    expect(copy, copy.id).toEqual({
      id: copy.id,
      planCreatedOn: plan?.createdOn ?? null,
      planNextReviewDue: plan?.nextReviewDue ?? null,
      reviewDues: own.map((r) => r.dueOn).sort(),
      onTimeReviewDues: own
        .filter((r) => r.reviewedOn! <= r.dueOn)
        .map((r) => r.dueOn)
        .sort(),
    });
  }
  return copies;
}

const ita = (municipality: string, birth: string, start: string, rest: Partial<Fixture> = {}): Fixture => ({
  area: 'ita-uusimaa',
  municipality,
  birth,
  start,
  ...rest,
});

// Block A: Porvoo, under 30, started January 2024, going on. a1 started 00:30 on 1 January in
// Finland, which is still 31 December in UTC.
const A = [
  ita('Porvoo', '2000-03-01', '2024-01-01', {
    startAt: '2023-12-31T22:30:00Z',
    plan: '2024-02-15',
    reviews: ['2024-05-10', '2024-09-01'],
  }),
  ita('Porvoo', '2001-04-02', '2024-01-05', {
    plan: '2024-03-05',
    reviews: ['2024-06-01', '2024-09-01', '2024-11-30'],
  }),
  ita('Porvoo', '2002-05-03', '2024-01-10', { plan: '2024-05-10', reviews: ['2024-08-01'] }),
  ita('Porvoo', '2003-06-04', '2024-01-20'),
  ita('Porvoo', '2000-07-05', '2024-01-25', { plan: '2024-04-25', reviews: ['2025-01-10'] }),
];
// Block B: Loviisa, 50 or over, started March 2024, all ended in 2024 (employed).
const B = [
  ita('Loviisa', '1960-01-11', '2024-03-01', { end: '2024-05-15' }),
  ita('Loviisa', '1961-02-12', '2024-03-04', { plan: '2024-04-04', reviews: ['2024-07-01'], end: '2024-10-01' }),
  ita('Loviisa', '1962-03-13', '2024-03-11', { plan: '2024-06-20', end: '2024-12-31' }),
  ita('Loviisa', '1963-04-14', '2024-03-18', { plan: '2024-05-18', reviews: ['2024-08-30'], end: '2024-11-01' }),
  ita('Loviisa', '1964-05-15', '2024-03-25', { end: '2024-09-30' }),
];
// Block C: Porvoo, 30–49, started November 2023, going on.
const C = [
  ita('Porvoo', '1985-01-21', '2023-11-01', {
    plan: '2023-12-01',
    reviews: ['2024-02-20', '2024-05-20', '2024-08-25', '2024-11-20'],
  }),
  ita('Porvoo', '1985-02-22', '2023-11-06', { plan: '2024-01-06' }),
  ita('Porvoo', '1985-03-23', '2023-11-10', {
    plan: '2024-02-10',
    reviews: ['2024-05-01', '2024-08-01', '2024-10-25'],
  }),
  ita('Porvoo', '1985-04-24', '2023-11-15', { plan: '2024-03-01', reviews: ['2024-06-01'] }),
  ita('Porvoo', '1985-05-25', '2023-11-20', {
    plan: '2023-12-20',
    reviews: ['2024-03-10', '2024-06-15', '2024-09-10', '2024-12-10'],
  }),
  ita('Porvoo', '1985-06-26', '2023-11-28', {
    plan: '2024-01-28',
    reviews: ['2024-04-28', '2024-07-20', '2024-10-21'],
  }),
];
// Outside the period: ended before it, started after it.
const OUTSIDE = [
  ita('Porvoo', '1970-01-01', '2023-06-01', { plan: '2023-07-01', end: '2023-12-15' }),
  ita('Porvoo', '1971-01-01', '2025-02-01'),
];
// Keski-Uusimaa, March 2024, going on: Hyvinkää's under-30 cell is small, every margin large.
const keski = (municipality: string, birth: string, n: number): Fixture[] =>
  Array.from({ length: n }, (_, i) => ({
    area: 'keski-uusimaa',
    municipality,
    birth,
    start: `2024-03-${String(i + 1).padStart(2, '0')}`,
  }));
const KESKI = [
  ...keski('Hyvinkää', '2001-01-01', 3),
  ...keski('Hyvinkää', '1984-01-01', 10),
  ...keski('Hyvinkää', '1964-01-01', 12),
  ...keski('Järvenpää', '2001-01-01', 8),
  ...keski('Järvenpää', '1984-01-01', 9),
  ...keski('Järvenpää', '1964-01-01', 7),
  ...keski('Tuusula', '2001-01-01', 6),
  ...keski('Tuusula', '1984-01-01', 11),
  ...keski('Tuusula', '1964-01-01', 9),
];

// ---- worked by hand (period 2024-01-01 – 2024-12-31) --------------------------------------------
// planOnTimeShare: plans made by the deadline (start + 3 months) among customerships with a plan
//   or whose deadline passed while they went on. A: a1 a2 a5 on time, a3 late, a4 none → 3/5.
//   B: b1 ended before its deadline without a plan (not counted); b2 b4 on time, b3 late, b5 none → 2/4.
//   C: all but c4 on time → 5/6.
// reviewsOnTimeShare: reviews due in the period (3 months after the plan or previous review), made
//   by the due date; one due and unmade by the period's end counts as late.
//   A: a1 05-15 ✓, 08-10 ✗, 12-01 unmade ✗; a2 06-05 ✓, 09-01 ✓, 12-01 ✓; a3 08-10 ✓, 11-01 unmade ✗;
//      a5 07-25 unmade ✗ (the 2025 review is after the period) → 5 of 9, over 4 customerships.
//   B: b2 07-04 ✓ (next due 10-01, the day it ended: not counted); b3 09-20 unmade ✗;
//      b4 08-18 ✗ (next due after it ended) → 1 of 3, over 3.
//   C: c1 03-01 ✓ 05-20 ✓ 08-20 ✗ 11-25 ✓; c2 04-06 unmade ✗; c3 05-10 ✓ 08-01 ✓ 11-01 ✓;
//      c4 06-01 ✓, 09-01 unmade ✗; c5 03-20 ✓ 06-10 ✗ 09-15 ✓ 12-10 ✓; c6 04-28 ✓ 07-28 ✓ 10-20 ✗
//      → 12 of 17, over 6.
// medianDaysToPlan: A 45, 60, 121, 91; B 31, 101, 61; C 30, 61, 92, 107, 30, 61.
// A share or median resting on fewer than 5 customerships is null.
//
// These are the true figures, which the tabulation gives exactly; the gateway releases them
// perturbed (config/statistics.yaml perturbation): each count within twice the largest noise (a
// difference of two perturbed sets), each share worked out from a numerator and a denominator each
// off by at most the largest noise, the median moved by at most it.
const share = (part: number, whole: number): Share => ({ part, whole });
interface Share {
  part: number;
  whole: number;
}
type Expected = Record<string, number | Share | null | boolean>;
const EXPECTED: Record<string, Expected> = {
  total: {
    clients: 16,
    started: 10,
    ended: 5,
    planOnTimeShare: share(10, 15),
    reviewsOnTimeShare: share(18, 29),
    medianDaysToPlan: 61,
  },
  Porvoo: {
    clients: 11,
    started: 5,
    ended: 0,
    planOnTimeShare: share(8, 11),
    reviewsOnTimeShare: share(17, 26),
    medianDaysToPlan: 61,
  },
  Loviisa: {
    clients: 5,
    started: 5,
    ended: 5,
    planOnTimeShare: null,
    reviewsOnTimeShare: null,
    medianDaysToPlan: null,
  },
  'under-30': {
    clients: 5,
    started: 5,
    ended: 0,
    planOnTimeShare: share(3, 5),
    reviewsOnTimeShare: null,
    medianDaysToPlan: null,
  },
  '30-49': {
    clients: 6,
    started: 0,
    ended: 0,
    planOnTimeShare: share(5, 6),
    reviewsOnTimeShare: share(12, 17),
    medianDaysToPlan: 61,
  },
};
const NOISE = (loadStatisticsConfig().settings.noise.length - 1) / 2;

const ROW =
  'key { dimension value } clients started ended planOnTimeShare reviewsOnTimeShare medianDaysToPlan suppressed';
const STATS = `query($area: ID!, $from: Date, $to: Date, $groupBy: [StatDimension!]) {
  statistics(area: $area, from: $from, to: $to, groupBy: $groupBy) { rows { ${ROW} } total { ${ROW} } } }`;
const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const DIMENSIONS = ['MUNICIPALITY', 'AGE_GROUP', 'START_MONTH', 'STATUS', 'END_REASON'];

interface Row {
  key: { dimension: string; value: string }[];
  clients: number | null;
  suppressed: boolean;
  [k: string]: unknown;
}
const byKey = (rows: Row[]) =>
  Object.fromEntries(rows.map(({ key, ...rest }) => [key.map((k) => k.value).join('/'), rest]));
/** The true figures exactly as worked out by hand. */
const close = (actual: Record<string, unknown>, expected: Expected) => {
  for (const [k, v] of Object.entries(expected)) {
    if (v !== null && typeof v === 'object') expect(actual[k], k).toBeCloseTo(v.part / v.whole, 12);
    else expect(actual[k], k).toEqual(v);
  }
};
/** The released figures: within the perturbation of those worked out by hand, and published. */
const near = (actual: Record<string, unknown>, expected: Expected) => {
  expect(actual.suppressed).toBe(false);
  for (const [k, v] of Object.entries(expected)) {
    const x = actual[k] as number | null;
    if (v === null) expect(x, k).toBeNull();
    else if (typeof v === 'object') {
      expect(x, k).toBeGreaterThanOrEqual(Math.max(0, v.part - NOISE) / (v.whole + NOISE) - 1e-12);
      expect(x, k).toBeLessThanOrEqual(Math.min(1, (v.part + NOISE) / Math.max(1, v.whole - NOISE)) + 1e-12);
    } else {
      const bound = k === 'medianDaysToPlan' ? NOISE : 2 * NOISE;
      expect(Math.abs(x! - (v as number)), `${k}: ${x} for ${v}`).toBeLessThanOrEqual(bound);
    }
  }
};

for (const backend of BACKENDS) {
  describe(`statistics on ${backend.name}`, () => {
    let system: System;
    const tokens: Record<string, string> = {};
    const ask = <T = any>(
      who: string,
      query: string,
      variables: Record<string, unknown> = {},
      purpose: string | null = 'STATISTICS',
    ) => gql<T>(system.url, query, { token: tokens[who], purpose, variables }) as Promise<GqlResult<any>>;
    const table = async (area: string, groupBy: string[], period = YEAR) => {
      const r = await ask('analyst', STATS, { area, ...period, groupBy });
      expect(r.errors).toBeUndefined();
      return r.data.statistics as { rows: Row[]; total: Row };
    };
    /** The true figures of a table as the tabulation counts them, before suppression and perturbation. */
    const truth = async (area: string, groupBy: string[], period: { from: string | null; to: string } = YEAR) => {
      const finest = await statisticsQuery(system.databases.joint.db as unknown as Db<JointSchema>, area, period, {
        reviews: true,
        median: true,
      });
      const dims = ALL_DIMENSIONS.filter((d) => groupBy.includes(d));
      const { rows, total } = rollUp(finest, dims);
      const measures = (m: MeasureRow) => ({
        clients: m.clients,
        started: m.started,
        ended: m.ended,
        planOnTimeShare: m.planEligible >= 5 ? m.plansOnTime / m.planEligible : null,
        reviewsOnTimeShare: m.reviewedClients >= 5 && m.reviewsDue > 0 ? m.reviewsOnTime / m.reviewsDue : null,
        medianDaysToPlan: m.plans >= 5 ? median(m.daysToPlan) : null,
      });
      const key = (m: MeasureRow) => groupBy.map((d) => m.values[dims.indexOf(d as never)]).join('/');
      return { rows: Object.fromEntries(rows.map((m) => [key(m), measures(m)])), total: measures(total) };
    };

    beforeAll(async () => {
      system = await startTestSystem(backend, TEST_WORLD, { seed: false });
      await insert(system, [...A, ...B, ...C, ...OUTSIDE, ...KESKI]);
      const callers = {
        analyst: { org: 'employment', role: 'analyst', areas: ['ita-uusimaa', 'keski-uusimaa'] },
        lead: { org: 'employment', role: 'network-lead', areas: ['ita-uusimaa'] },
        supervisor: { org: 'wellbeing', role: 'supervisor', areas: ['ita-uusimaa'] },
        kelaAnalyst: { org: 'kela', role: 'analyst', areas: ['keski-uusimaa'] },
        specialist: { org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] },
        itaAnalyst: { org: 'wellbeing', role: 'analyst', areas: ['ita-uusimaa'] },
      };
      for (const [name, who] of Object.entries(callers)) tokens[name] = await system.token(who);
      tokens.citizen = await system.token({ org: 'citizen', role: 'citizen', sub: makeHetu('1980-01-01', 950) });
    });
    afterAll(async () => system?.close());

    it("keeps each customership's copy of its plan and reviews equal to them, whoever writes them", async () => {
      const db = system.databases.joint.db as unknown as Db<JointSchema>;
      const before = await expectPlanFacts(db);
      // Deleting a review (an operator's correction) copies its plan's reviews again; so does
      // writing it back.
      const [review] = await db.select().from(planReviews).limit(1);
      const [gone] = await db.delete(planReviews).where(eq(planReviews.id, review!.id)).returning();
      const [plan] = await db.select().from(plans).where(eq(plans.id, gone!.planId));
      const [after] = await db.select().from(customerships).where(eq(customerships.id, plan!.customershipId));
      expect(after!.reviewDues).toHaveLength(before.find((c) => c.id === plan!.customershipId)!.reviewDues.length - 1);
      const { reviewedOn: _generated, ...row } = gone!;
      await db.insert(planReviews).values(row);
      expect(await expectPlanFacts(db)).toEqual(before);
      // A plan's next review date moved, and the plan deleted and written back.
      await db.update(plans).set({ nextReviewDue: '2031-01-01' }).where(eq(plans.id, plan!.id));
      const [moved] = await db.select().from(customerships).where(eq(customerships.id, plan!.customershipId));
      expect(moved!.planNextReviewDue).toBe('2031-01-01');
      await db.update(plans).set({ nextReviewDue: plan!.nextReviewDue }).where(eq(plans.id, plan!.id));
      const ownReviews = await db.select().from(planReviews).where(eq(planReviews.planId, plan!.id));
      await db.delete(plans).where(eq(plans.id, plan!.id));
      const [planless] = await db.select().from(customerships).where(eq(customerships.id, plan!.customershipId));
      expect(planless).toMatchObject({
        planCreatedOn: null,
        planNextReviewDue: null,
        reviewDues: [],
        onTimeReviewDues: [],
      });
      const { createdOn: _created, ...planRow } = plan!;
      await db.insert(plans).values(planRow);
      await db.insert(planReviews).values(ownReviews.map(({ reviewedOn: _r, ...r }) => r));
      expect(await expectPlanFacts(db)).toEqual(before);
    });

    it('computes every measure of the total as worked out by hand', async () => {
      close((await truth('ita-uusimaa', [])).total, EXPECTED.total!);
      const t = await table('ita-uusimaa', []);
      expect(t.rows).toEqual([]);
      expect(t.total.key).toEqual([]);
      near(t.total, EXPECTED.total!);
    });

    it(
      'groups by municipality and by age group at the start, with the small-population shares and medians ' +
        'withheld',
      async () => {
        const tm = (await truth('ita-uusimaa', ['MUNICIPALITY'])).rows;
        close(tm.Porvoo!, EXPECTED.Porvoo!);
        close(tm.Loviisa!, EXPECTED.Loviisa!);
        const m = byKey((await table('ita-uusimaa', ['MUNICIPALITY'])).rows);
        expect(Object.keys(m)).toEqual(['Loviisa', 'Porvoo']);
        near(m.Porvoo!, EXPECTED.Porvoo!);
        near(m.Loviisa!, EXPECTED.Loviisa!);
        const ta = (await truth('ita-uusimaa', ['AGE_GROUP'])).rows;
        close(ta['under-30']!, EXPECTED['under-30']!);
        close(ta['30-49']!, EXPECTED['30-49']!);
        close(ta['50+']!, EXPECTED.Loviisa!);
        const a = byKey((await table('ita-uusimaa', ['AGE_GROUP'])).rows);
        expect(Object.keys(a)).toEqual(['under-30', '30-49', '50+']);
        near(a['under-30']!, EXPECTED['under-30']!);
        near(a['30-49']!, EXPECTED['30-49']!);
        near(a['50+']!, EXPECTED.Loviisa!);
      },
    );

    it('takes start months, status and end reason in Finnish time as they stood at the end of the period', async () => {
      const grouping = ['START_MONTH', 'STATUS', 'END_REASON'];
      const expected: [string, number, number][] = [
        ['2023-11/ACTIVE/NONE', 6, 0],
        ['2024-01/ACTIVE/NONE', 5, 5],
        ['2024-03/ENDED/EMPLOYED', 5, 5],
      ];
      const tt = (await truth('ita-uusimaa', grouping)).rows;
      expect(
        Object.entries(tt)
          .map(([k, m]) => [k, m.clients, m.started])
          .sort(),
      ).toEqual(expected);
      const t = await table('ita-uusimaa', grouping);
      expect(t.rows.map((r) => r.key.map((k) => k.dimension).join(' '))).toEqual(
        expected.map(() => grouping.join(' ')),
      );
      // An ACTIVE row's started is the difference of two differences of perturbed sets.
      for (const [r, [key, clients, started]] of t.rows.map((r, i) => [r, expected[i]!] as const)) {
        expect(r.key.map((k) => k.value).join('/')).toBe(key);
        near(r, { clients });
        expect(Math.abs((r.started as number) - started), key).toBeLessThanOrEqual(4 * NOISE);
      }
      // Seen from the end of June, three of block B had not ended yet, and the later start is still out.
      const JUNE = { from: '2024-01-01', to: '2024-06-30' };
      close((await truth('ita-uusimaa', [], JUNE)).total, { clients: 16, started: 10, ended: 1 });
      near((await table('ita-uusimaa', [], JUNE)).total, { clients: 16, started: 10, ended: 1 });
      // From July: reviews due from 07-01 only. A: a1 ✗✗, a2 ✓✓, a3 ✓✗, a5 ✗; B as before;
      // C: c1 08-20 ✗ 11-25 ✓, c3 ✓✓, c4 ✗, c5 ✓✓, c6 ✓✗.
      const AUTUMN = { from: '2024-07-01', to: '2024-12-31' };
      const autumn = {
        clients: 15,
        started: 0,
        ended: 4,
        planOnTimeShare: share(10, 15),
        reviewsOnTimeShare: share(10, 19),
        medianDaysToPlan: 61,
      };
      close((await truth('ita-uusimaa', [], AUTUMN)).total, autumn);
      near((await table('ita-uusimaa', [], AUTUMN)).total, autumn);
      // Without a period: everything up to today, the 2023 and 2025 customerships included.
      close((await truth('ita-uusimaa', [], { from: null, to: finnishDate() })).total, {
        clients: 18,
        started: 18,
        ended: 6,
      });
      const r = await ask(
        'analyst',
        '{ statistics(area: "ita-uusimaa") { total { clients started ended suppressed } } }',
      );
      near(r.data.statistics.total, { clients: 18, started: 18, ended: 6 });
    });

    it('lets the roles of the steering group and analysis in, on their own areas only', async () => {
      const q = '{ statistics(area: "ita-uusimaa", from: "2024-01-01", to: "2024-12-31") { total { clients } } }';
      const seen = new Set<number>();
      for (const who of ['analyst', 'lead', 'supervisor', 'itaAnalyst']) {
        const r = await ask(who, q);
        expect(r.errors, who).toBeUndefined();
        seen.add(r.data.statistics.total.clients);
      }
      // Every caller is given the same figure: the same customerships, the same perturbation.
      expect(seen.size).toBe(1);
      expect(Math.abs([...seen][0]! - 16)).toBeLessThanOrEqual(2 * NOISE);
      const kela = await ask('kelaAnalyst', '{ statistics(area: "keski-uusimaa") { total { clients } } }');
      expect(Math.abs(kela.data.statistics.total.clients - 75)).toBeLessThanOrEqual(2 * NOISE);
      const refusals: [string, string, string | null, string][] = [
        ['specialist', q, 'STATISTICS', 'NOT_NECESSARY_FOR_ROLE'],
        ['citizen', q, 'STATISTICS', 'NOT_NECESSARY_FOR_ROLE'],
        ['itaAnalyst', '{ statistics(area: "keski-uusimaa") { total { clients } } }', 'STATISTICS', 'NO_LEGAL_BASIS'],
        ['kelaAnalyst', q, 'STATISTICS', 'NO_LEGAL_BASIS'],
        ['analyst', '{ statistics(area: "lappi") { total { clients } } }', 'STATISTICS', 'NO_LEGAL_BASIS'],
        ['analyst', q, 'PLANNING', 'PURPOSE_NOT_ALLOWED'],
        ['analyst', q, 'COORDINATION', 'PURPOSE_NOT_ALLOWED'],
        ['supervisor', '{ staffing(area: "ita-uusimaa") { totalFte } }', 'PLANNING', 'PURPOSE_NOT_ALLOWED'],
        ['specialist', '{ staffing(area: "ita-uusimaa") { totalFte } }', 'STATISTICS', 'NOT_NECESSARY_FOR_ROLE'],
        ['itaAnalyst', '{ staffing(area: "keski-uusimaa") { totalFte } }', 'STATISTICS', 'NO_LEGAL_BASIS'],
      ];
      for (const [who, query, purpose, reason] of refusals) {
        const r = await ask(who, query, {}, purpose);
        expect(r.data ?? null, `${who} ${purpose} ${query}`).toBeNull();
        expect(r.errors?.[0]?.extensions, `${who} ${purpose} ${query}`).toMatchObject({ code: 'FORBIDDEN', reason });
      }
      expect(codes(await ask('analyst', q, {}, null))).toEqual(['PURPOSE_REQUIRED']);
    });

    it('reaches no personal field with STATISTICS', async () => {
      const hetu = makeHetu('2000-03-01', 900);
      const r = await ask(
        'supervisor',
        `{ client(hetu: "${hetu}") { joint { customership { status } identity { firstName } plan { deadline } } } }`,
      );
      expect(r.data.client.joint).toEqual({ customership: null, identity: null, plan: null });
      expect(r.errors?.map((e) => e.extensions?.reason)).toEqual([
        'PURPOSE_NOT_ALLOWED',
        'PURPOSE_NOT_ALLOWED',
        'PURPOSE_NOT_ALLOWED',
      ]);
      const list = await ask('supervisor', '{ caseload { totalCount } }');
      expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' });
    });

    it('suppresses small cells, and a second cell of the same group so that none can be worked out', async () => {
      const t = await table('keski-uusimaa', ['MUNICIPALITY', 'AGE_GROUP']);
      const rows = byKey(t.rows);
      expect(rows['Hyvinkää/under-30']).toMatchObject({
        suppressed: true,
        clients: null,
        started: null,
        ended: null,
        planOnTimeShare: null,
        reviewsOnTimeShare: null,
        medianDaysToPlan: null,
      });
      for (const municipality of ['Hyvinkää', 'Järvenpää', 'Tuusula']) {
        const hidden = ['under-30', '30-49', '50+'].filter((a) => rows[`${municipality}/${a}`]!.suppressed);
        expect(hidden.length, municipality).not.toBe(1);
      }
      near(t.total, { clients: 75 });
    });

    it('defeats differencing any two groupings of the same period', async () => {
      // Every table an analyst can ask for over the period, and every way one is the sum of another.
      const subsets: string[][] = [[]];
      for (const d of DIMENSIONS) for (const s of [...subsets]) if (s.length < 3) subsets.push([...s, d]);
      // What is suppressed is released; the figures are perturbed, so the differencing is done on
      // the true counts beneath, which the suppression pattern must protect on its own.
      const tables = new Map<string, Map<string, Row>>();
      for (const s of subsets) {
        const t = await table('keski-uusimaa', s);
        const counts = await truth('keski-uusimaa', s);
        const trueClients = (r: Row) =>
          (r.key.length ? counts.rows[r.key.map((k) => k.value).join('/')]! : counts.total).clients;
        tables.set(
          s.join(','),
          new Map(
            [...t.rows, t.total].map((r) => [
              r.key
                .map((k) => `${k.dimension}=${k.value}`)
                .sort()
                .join('|'),
              { ...r, clients: r.suppressed ? null : trueClients(r) },
            ]),
          ),
        );
      }
      let suppressed = 0;
      const recovered: string[] = [];
      for (const coarse of subsets) {
        for (const d of DIMENSIONS) {
          if (coarse.includes(d) || coarse.length >= 3) continue;
          const fine = DIMENSIONS.filter((x) => coarse.includes(x) || x === d);
          for (const [key, parent] of tables.get(DIMENSIONS.filter((x) => coarse.includes(x)).join(','))!) {
            if (parent.suppressed) continue;
            const prefix = key ? key.split('|') : [];
            const children = [...tables.get(fine.join(','))!.entries()]
              .filter(([k]) => k !== '' && prefix.every((p) => k.split('|').includes(p)))
              .map(([, r]) => r);
            const hidden = children.filter((c) => c.suppressed);
            suppressed += hidden.length;
            const rest = parent.clients! - children.reduce((s, c) => s + (c.clients ?? 0), 0);
            if (hidden.length === 1 || (hidden.length > 1 && rest - (hidden.length - 1) < 5))
              recovered.push(`${key} by ${d}: ${rest} over ${hidden.length}`);
          }
        }
      }
      expect(suppressed).toBeGreaterThan(0);
      expect(recovered).toEqual([]);
    });

    it("gives the area's staffing against its agreement", async () => {
      const fields =
        '{ area activeClients totalFte clientsPerFte clientEstimate estimatedClientsPerFte fte { org title fte } }';
      const k = (await ask('kelaAnalyst', `{ staffing(area: "keski-uusimaa") ${fields} }`)).data.staffing;
      expect(k).toMatchObject({ area: 'keski-uusimaa', activeClients: 75, totalFte: 22.7, clientEstimate: 1000 });
      expect(k.clientsPerFte).toBeCloseTo(75 / 22.7, 12);
      expect(k.estimatedClientsPerFte).toBeCloseTo(1000 / 22.7, 12);
      expect(k.fte).toHaveLength(10);
      expect(k.fte).toContainEqual({ org: 'wellbeing', title: 'social instructor', fte: 5 });
      const i = (await ask('lead', `{ staffing(area: "ita-uusimaa") ${fields} }`)).data.staffing;
      // Active today: blocks A and C, and the customership started in 2025.
      expect(i).toMatchObject({
        activeClients: 12,
        totalFte: 10,
        clientsPerFte: 1.2,
        clientEstimate: null,
        estimatedClientsPerFte: null,
      });
      expect(i.fte).toEqual([
        { org: 'employment', title: 'employment specialist', fte: 3 },
        { org: 'wellbeing', title: 'social worker, social instructor, public health nurse', fte: 6.6 },
        { org: 'kela', title: 'work-ability specialist', fte: 0.4 },
      ]);
    });

    it(
      "shares a year's costs by the agreement: Keski-Uusimaa 50/50, Itä-Uusimaa by headcount, development " +
        'days by registrants',
      async () => {
        const COSTS =
          `query($area: ID!, $year: Int!, $figures: CostFiguresInput!) { costShares(area: $area, year: $year, ` +
          `figures: $figures) {
        area year commonRule developmentDaysRule commonBasis total parties { org staff commonShare common ` +
          `developmentDayShare developmentDays total } } }`;
        const figures = {
          leadPay: 62000,
          runningCosts: 18000,
          developmentDays: 9000,
          registrants: [
            { org: 'employment', count: 10 },
            { org: 'wellbeing', count: 12 },
            { org: 'kela', count: 2 },
          ],
          staffCosts: [{ org: 'kela', amount: 31000 }],
        };
        const k = await ask('analyst', COSTS, { area: 'keski-uusimaa', year: 2026, figures });
        expect(k.errors).toBeUndefined();
        expect(
          k.data.costShares.parties.map((p: any) => [p.org, p.staff, p.common, p.developmentDays, p.total]),
        ).toEqual([
          ['employment', 0, 40000, 3750, 43750],
          ['wellbeing', 0, 40000, 4500, 44500],
          ['kela', 31000, 0, 750, 31750],
        ]);
        expect(k.data.costShares.total).toBe(120000);
        const i = await ask('analyst', COSTS, { area: 'ita-uusimaa', year: 2026, figures });
        expect(i.data.costShares.parties.map((p: any) => [p.org, p.commonShare, p.common])).toEqual([
          ['employment', 0.3125, 25000],
          ['wellbeing', 0.6875, 55000],
          ['kela', 0, 0],
        ]);
        expect(i.data.costShares.commonRule).toMatch(/headcount/);
        expect(i.data.costShares.commonBasis).toBe('HEADCOUNT');
        const outside = await ask('analyst', COSTS, { area: 'ita-uusimaa', year: 2031, figures });
        expect(outside.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'OUTSIDE_AGREEMENT_TERM',
        });
        const municipality = await ask('analyst', COSTS, {
          area: 'ita-uusimaa',
          year: 2026,
          figures: { ...figures, registrants: [{ org: 'municipality', count: 3 }] },
        });
        expect(municipality.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_PARTY' });
        const nobody = await ask('analyst', COSTS, {
          area: 'ita-uusimaa',
          year: 2026,
          figures: { ...figures, registrants: [] },
        });
        expect(nobody.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_REGISTRANTS' });
        const wrongPurpose = await ask('analyst', COSTS, { area: 'ita-uusimaa', year: 2026, figures }, 'COORDINATION');
        expect(wrongPurpose.errors?.[0]?.extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'PURPOSE_NOT_ALLOWED',
        });
      },
    );

    it('bounds an ad hoc query: too many groupings, rows or tables are QUERY_TOO_COMPLEX', async () => {
      const four = await ask('analyst', STATS, {
        area: 'ita-uusimaa',
        groupBy: ['MUNICIPALITY', 'AGE_GROUP', 'STATUS', 'END_REASON'],
      });
      expect(four.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      // 7 municipalities × 3 age groups × over 400 months
      const long = await ask('analyst', STATS, {
        area: 'ita-uusimaa',
        from: '1990-01-01',
        to: '2026-12-31',
        groupBy: ['MUNICIPALITY', 'AGE_GROUP', 'START_MONTH'],
      });
      expect(long.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(long.errors?.[0]?.message).toMatch(/at most 2000/);
      const short = await ask('analyst', STATS, {
        area: 'ita-uusimaa',
        ...YEAR,
        groupBy: ['MUNICIPALITY', 'AGE_GROUP', 'START_MONTH'],
      });
      expect(short.errors).toBeUndefined();
      const aliases = [1, 2, 3, 4].map((i) => `s${i}: statistics(area: "ita-uusimaa") { total { clients } }`).join(' ');
      const many = await ask('analyst', `{ ${aliases} }`);
      expect(codes(many)).toContain('QUERY_TOO_COMPLEX');
      const twice = await ask('analyst', STATS, { area: 'ita-uusimaa', groupBy: ['STATUS', 'STATUS'] });
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUPLICATE_DIMENSION' });
      const backwards = await ask('analyst', STATS, { area: 'ita-uusimaa', from: '2024-12-01', to: '2024-01-31' });
      expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PERIOD' });
    });

    // Last: it adds to the joint record.
    it('answers every grouping of a period from one tabulation of it, kept apart per joint database', async () => {
      const before = await table('ita-uusimaa', [], YEAR);
      // Each backend adds a different number of customerships started in 2024, further apart than
      // the perturbation reaches, so that a tabulation shared between the two databases of this
      // process would show.
      const added = [1, 10][BACKENDS.indexOf(backend)]!;
      await insert(
        system,
        Array.from({ length: added }, (_, i) => ita('Askola', `1990-06-${10 + i}`, '2024-06-03')),
      );
      // The year was tabulated before the write: regrouping it answers from the same counts, the
      // write showing once the tabulation expires (config/statistics.yaml, cache.seconds).
      const regrouped = await table('ita-uusimaa', ['MUNICIPALITY'], YEAR);
      expect(regrouped.total.clients).toBe(before.total.clients);
      expect(regrouped.rows.map((r) => r.key[0]!.value)).not.toContain('Askola');
      // A period not tabulated yet is counted afresh.
      const NOVEMBER = { from: '2024-01-01', to: '2024-11-30' };
      close((await truth('ita-uusimaa', [], NOVEMBER)).total, { clients: 16 + added });
      const fresh = await table('ita-uusimaa', ['MUNICIPALITY'], NOVEMBER);
      near(fresh.total, { clients: 16 + added });
      expect(fresh.rows.map((r) => r.key[0]!.value)).toContain('Askola');
    });
  });
}

for (const backend of BACKENDS) {
  describe(`the seeded joint record on ${backend.name}`, () => {
    const today = finnishDate();
    let joint: Awaited<ReturnType<typeof openDatabase<typeof schema>>>;
    const location: Location = backend.pgUrl
      ? { kind: 'postgres', url: withDatabase(backend.pgUrl, `tymtest_${randomBytes(4).toString('hex')}_joint`) }
      : locate('joint', { dataDir: null });
    beforeAll(async () => {
      joint = await openDatabase({ location, schema, migrationsFolder: SUBGRAPH_SERVICES.joint.migrationsFolder });
      await seedJoint(joint.db, buildWorld({ clients: 150, seed: 3, today }));
      // A customership starting at half past midnight Finnish time on the first of every month of
      // six years, so that every slice boundary (the first of a month) has one starting on it.
      const by = {
        recordedByOrg: 'employment',
        recordedByArea: 'ita-uusimaa',
        recordedByOfficial: 'Virtanen, TE specialist',
      };
      const firsts = Array.from({ length: 72 }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, -i));
      await joint.db.insert(customerships).values(
        firsts.map((first, i) => ({
          hetu: makeHetu('1980-05-05', 100 + i),
          area: 'ita-uusimaa',
          status: 'ENDED',
          startedAt: new Date(`${addDays(first, -1)}T22:30:00Z`),
          planDeadline: addMonths(first, 3),
          youth: false,
          endedAt: new Date(`${addMonths(first, 2)}T08:00:00Z`),
          endReason: 'EMPLOYED',
          municipality: 'Porvoo',
          ...by,
        })),
      );
    });
    afterAll(async () => {
      await joint?.close();
      if (location.kind === 'postgres') await dropDatabase(location.url);
    });

    it("keeps each customership's copy of its plan and reviews equal to them when seeded in bulk", async () => {
      await expectPlanFacts(joint.db);
    });

    it('tabulates the same in slices by start date as in one statement (PostgreSQL; PGlite uses one)', async () => {
      const needs = { reviews: true, median: true };
      const periods = [
        { from: null, to: today },
        { from: addMonths(today, -12), to: today },
        { from: addMonths(today, -30), to: addMonths(today, -18) },
        { from: null, to: addMonths(today, -40) },
      ];
      for (const period of periods) {
        const before = joint.stats.queries;
        const whole = await statisticsQuery(joint.db, 'ita-uusimaa', period, needs, 1);
        const statementsWhole = joint.stats.queries - before;
        const sliced = await statisticsQuery(joint.db, 'ita-uusimaa', period, needs, 4);
        const statementsSliced = joint.stats.queries - before - statementsWhole;
        const normal = (rows: MeasureRow[]) =>
          rollUp(rows, ALL_DIMENSIONS)
            .rows.map((r) => ({ ...r, daysToPlan: [...r.daysToPlan].sort((a, b) => a - b) }))
            .sort((a, b) => a.values.join().localeCompare(b.values.join()));
        expect(whole.length, JSON.stringify(period)).toBeGreaterThan(0);
        expect(normal(sliced), JSON.stringify(period)).toEqual(normal(whole));
        if (backend.pgUrl && period.to === today) expect(statementsSliced).toBeGreaterThan(statementsWhole);
        if (!backend.pgUrl) expect(statementsSliced).toBe(statementsWhole);
      }
    });
  });
}
