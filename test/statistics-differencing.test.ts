// The analyst as attacker: every table asked for is released safely on its own, but can two tables
// of different periods be subtracted to count a few persons? January–June less January–May counts,
// cell by cell, the customerships that started in June. On a seeded joint record with one client
// known to have started in June, this asks every whole-month period of last year (and every one
// from the beginning of the record), and subtracts every pair. On PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { System } from '../cli/system.ts';
import { addDays, addMonths } from '../shared/dates.ts';
import { makeHetu } from '../shared/hetu.ts';
import { finnishDate } from '../shared/policy.ts';
import { customerships, persons } from '../subgraphs/joint/db/schema.ts';
import { loadStatisticsConfig } from '../subgraphs/joint/statistics/configuration.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const K = loadStatisticsConfig().settings.threshold;
/** The largest noise on one perturbed set (config/statistics.yaml perturbation.noise). */
const NOISE = (loadStatisticsConfig().settings.noise.length - 1) / 2;
const YEAR = String(Number(finnishDate().slice(0, 4)) - 1);
const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}-01`;
const monthEnd = (m: number) => addDays(addMonths(month(m), 1), -1);

/** Every whole-month period of the year, and every one from the beginning of the record to a month's end. */
const PERIODS: { from: string | null; to: string }[] = [];
for (let last = 1; last <= 12; last++) {
  PERIODS.push({ from: null, to: monthEnd(last) });
  for (let first = 1; first <= last; first++) PERIODS.push({ from: month(first), to: monthEnd(last) });
}
const GROUPINGS = [['MUNICIPALITY', 'AGE_GROUP'], ['STATUS', 'AGE_GROUP'], []];
const COUNTS = ['clients', 'started', 'ended'] as const;
type Count = (typeof COUNTS)[number];

interface Stored {
  municipality: string | null;
  ageGroup: string | null;
  startedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
}

/** What the joint record holds, counted by the definitions of the README: the truth the attacker is after. */
function truth(
  all: Stored[],
  period: { from: string | null; to: string },
  grouping: string[],
): Map<string, Record<Count, number>> {
  const F = period.from ?? '0000-01-01';
  const T = period.to;
  const out = new Map<string, Record<Count, number>>();
  for (const c of all) {
    if (c.startedOn! > T || (c.endedOn !== null && c.endedOn < F)) continue;
    const ended = c.endedOn !== null && c.endedOn <= T;
    const value: Record<string, string> = {
      MUNICIPALITY: c.municipality ?? '(unknown)',
      AGE_GROUP: c.ageGroup!,
      STATUS: ended ? 'ENDED' : 'ACTIVE',
      END_REASON: ended ? (c.endReason ?? 'UNKNOWN') : 'NONE',
      START_MONTH: c.startedOn!.slice(0, 7),
    };
    // The row's key, and the total's (empty).
    for (const key of new Set([grouping.map((d) => value[d]).join('/'), ''])) {
      const cell = out.get(key) ?? { clients: 0, started: 0, ended: 0 };
      cell.clients++;
      if (c.startedOn! >= F) cell.started++;
      if (ended) cell.ended++;
      out.set(key, cell);
    }
  }
  return out;
}

const ROW = 'key { value } clients started ended suppressed';
const periodKey = (p: { from: string | null; to: string }) => `${p.from ?? 'start'}…${p.to}`;

for (const backend of BACKENDS) {
  describe(`differencing statistics across periods on ${backend.name}`, () => {
    let system: System;
    let token: string;
    let stored: Stored[];
    /** Every released table: period → grouping → row key → figures (null where suppressed). */
    const released = new Map<string, Map<string, Map<string, Record<Count, number> | null>>>();

    beforeAll(async () => {
      system = await startTestSystem(backend, { clients: 300, seed: 11 });
      // Askola's clients going on since a month before the year, twelve of them aged 50 or over, so
      // that no cell of Askola is small (nor, by start month, suppressed to protect another); and one more aged 50 or
      // over who started on 10 June: the person the
      // attacker knows of and wants to find in the tables.
      const db = system.databases.joint.db as any;
      const by = {
        recordedByOrg: 'employment',
        recordedByArea: 'ita-uusimaa',
        recordedByOfficial: 'Testaaja, TE specialist',
      };
      const births = [...Array(6).fill('1998'), ...Array(6).fill('1980'), ...Array(13).fill('1951')] as string[];
      for (const [i, year] of births.entries()) {
        const start = i === births.length - 1 ? `${YEAR}-06-10` : addMonths(month(1), -20);
        const hetu = makeHetu(`${year}-0${(i % 9) + 1}-${10 + (i % 18)}`, 850 + i);
        await db
          .insert(persons)
          .values({ hetu, firstName: 'Testi', lastName: 'Asiakas', municipality: 'Askola', ...by });
        await db.insert(customerships).values({
          hetu,
          area: 'ita-uusimaa',
          status: 'ACTIVE',
          startedAt: new Date(`${start}T08:00:00Z`),
          planDeadline: addMonths(start, 3),
          youth: year === '1998',
          municipality: 'Askola',
          ...by,
        });
      }
      stored = await system.databases.joint.db
        .select({
          municipality: customerships.municipality,
          ageGroup: customerships.ageGroup,
          startedOn: customerships.startedOn,
          endedOn: customerships.endedOn,
          endReason: customerships.endReason,
        })
        .from(customerships)
        .where(eq(customerships.area, 'ita-uusimaa'));
      token = await system.token({ org: 'employment', role: 'analyst', areas: ['ita-uusimaa'] });

      // Every table the attack uses: three groupings of a period in one request.
      const fields = GROUPINGS.map(
        (g, i) =>
          `t${i}: statistics(area: "ita-uusimaa", from: $from, to: $to, groupBy: [${g.join(', ')}]) { rows ` +
          `{ ${ROW} } total { ${ROW} } }`,
      );
      for (const period of PERIODS) {
        const r = await gql<any>(system.url, `query($from: Date, $to: Date) { ${fields.join(' ')} }`, {
          token,
          purpose: 'STATISTICS',
          variables: period,
        });
        expect(r.errors).toBeUndefined();
        const tables = new Map<string, Map<string, Record<Count, number> | null>>();
        GROUPINGS.forEach((g, i) => {
          const t = r.data![`t${i}`];
          tables.set(
            g.join(','),
            new Map(
              [...t.rows, t.total].map((row: any) => [
                row.key.map((k: { value: string }) => k.value).join('/'),
                row.suppressed ? null : { clients: row.clients, started: row.started, ended: row.ended },
              ]),
            ),
          );
        });
        released.set(periodKey(period), tables);
      }
    }, 600_000);
    afterAll(async () => system?.close());

    it('releases whole calendar months only, and says so', async () => {
      const ask = (from: string | null, to: string | null) =>
        gql<any>(
          system.url,
          'query($from: Date, $to: Date) { statistics(area: "ita-uusimaa", from: $from, to: $to) { total { ' +
            'clients } } }',
          { token, purpose: 'STATISTICS', variables: { from, to } },
        );
      for (const [from, to] of [
        [`${YEAR}-01-02`, monthEnd(6)],
        [month(1), `${YEAR}-06-29`],
        [`${YEAR}-06-15`, null],
      ]) {
        const r = await ask(from!, to);
        expect(r.data, `${from} ${to}`).toBeNull();
        expect(r.errors?.[0]?.extensions, `${from} ${to}`).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_PERIOD',
        });
        expect(r.errors?.[0]?.message).toMatch(/whole calendar months/);
      }
      // This month so far, and a period ending after today, are judged as of today.
      const today = finnishDate();
      for (const to of [today, addMonths(today, 2), null])
        expect((await ask(`${today.slice(0, 7)}-01`, to)).errors, String(to)).toBeUndefined();
    });

    it('keeps every released count within the documented noise of the truth', () => {
      let cells = 0;
      let off = 0;
      for (const period of PERIODS) {
        for (const g of GROUPINGS) {
          const t = truth(stored, period, g);
          for (const [key, figures] of released.get(periodKey(period))!.get(g.join(','))!) {
            if (!figures) continue;
            for (const m of COUNTS) {
              const error = Math.abs(figures[m] - t.get(key)![m]);
              // Each count is a difference of two perturbed sets; an ACTIVE row's started of four.
              expect(error, `${periodKey(period)} ${g} ${key} ${m}`).toBeLessThanOrEqual(4 * NOISE);
              off += error;
              cells++;
            }
          }
        }
      }
      expect(cells).toBeGreaterThan(1000);
      expect(off / cells).toBeLessThan(2);
    });

    it("gives no exact count of a few persons by subtracting two periods' tables", () => {
      // The attack: for every pair of periods and every cell released in both, the difference of
      // the released figures against the difference of the true ones, where that is 1 to K − 1
      // customerships. Released exact counts give every one of them away; the perturbation leaves
      // the attacker a guess that is wrong more often than right.
      let small = 0;
      let exact = 0;
      const exactByDifference = new Map<number, [number, number]>();
      const truths = new Map(
        PERIODS.map((p) => [periodKey(p), new Map(GROUPINGS.map((g) => [g.join(','), truth(stored, p, g)]))]),
      );
      for (let i = 0; i < PERIODS.length; i++) {
        for (let j = 0; j < PERIODS.length; j++) {
          if (i === j) continue;
          const [a, b] = [periodKey(PERIODS[i]!), periodKey(PERIODS[j]!)];
          for (const g of GROUPINGS) {
            const [ra, rb] = [released.get(a)!.get(g.join(','))!, released.get(b)!.get(g.join(','))!];
            const [ta, tb] = [truths.get(a)!.get(g.join(','))!, truths.get(b)!.get(g.join(','))!];
            for (const [key, fa] of ra) {
              const fb = rb.get(key);
              if (!fa || !fb) continue;
              for (const m of COUNTS) {
                const difference = ta.get(key)![m] - tb.get(key)![m];
                if (difference < 1 || difference >= K) continue;
                small++;
                const hit = fa[m] - fb[m] === difference ? 1 : 0;
                exact += hit;
                const [h, n] = exactByDifference.get(difference) ?? [0, 0];
                exactByDifference.set(difference, [h + hit, n + 1]);
              }
            }
          }
        }
      }
      expect(small).toBeGreaterThan(500);
      // With exact counts this is 1: every small difference is given away. With independent noise it
      // would be about 0.26 (the chance two draws of the noise agree); months shared by both periods
      // share their noise, and across runs (the record keys are random) it measured 0.42 to 0.56.
      // So the guess is right about half the time, not less: a known weakness, held here from growing.
      expect(exact / small, `${exact} of ${small} differences of 1 to ${K - 1} given exactly`).toBeLessThan(0.65);
      for (const [difference, [h, n]] of exactByDifference)
        expect(h / n, `difference ${difference}: ${h} of ${n}`).toBeLessThan(0.75);
    });

    it(
      "gives the June starter's cell the same difference from every beginning of the period: nothing to " + 'average',
      () => {
        // January–June less January–May for the cell of the one known June starter, the ends the same,
        // and the same from every other beginning: always the same figure, so no new draw to average.
        const cell = 'Askola/50+';
        const differences = new Set<number>();
        let asked = 6;
        for (const from of [null, ...[1, 2, 3, 4, 5].map(month)]) {
          const june = released
            .get(periodKey({ from, to: monthEnd(6) }))!
            .get('MUNICIPALITY,AGE_GROUP')!
            .get(cell);
          const may = released
            .get(periodKey({ from, to: monthEnd(5) }))!
            .get('MUNICIPALITY,AGE_GROUP')!
            .get(cell);
          expect(
            truth(stored, { from, to: monthEnd(6) }, ['MUNICIPALITY', 'AGE_GROUP']).get(cell)!.clients -
              truth(stored, { from, to: monthEnd(5) }, ['MUNICIPALITY', 'AGE_GROUP']).get(cell)!.clients,
          ).toBe(1);
          // Where both are released: a cell may be suppressed to protect another.
          if (june && may) differences.add(june.clients - may.clients);
          else asked--;
        }
        expect(asked).toBeGreaterThanOrEqual(3);
        expect(differences.size).toBe(1);
        // The same goes for every cell and every pair of ends: the beginning of the period cancels out.
        for (let last = 2; last <= 12; last++) {
          for (const g of GROUPINGS.filter((x) => !x.includes('STATUS'))) {
            const seen = new Map<string, Set<number>>();
            for (const from of [null, ...Array.from({ length: last - 1 }, (_, i) => month(i + 1))]) {
              const later = released.get(periodKey({ from, to: monthEnd(last) }))!.get(g.join(','))!;
              const earlier = released.get(periodKey({ from, to: monthEnd(last - 1) }))!.get(g.join(','))!;
              for (const [key, f] of later) {
                const e = earlier.get(key);
                if (!f || !e) continue;
                seen.set(key, (seen.get(key) ?? new Set()).add(f.clients - e.clients));
              }
            }
            for (const [key, values] of seen) expect([...values], `${g} ${key} to ${monthEnd(last)}`).toHaveLength(1);
          }
        }
      },
    );
  });
}
