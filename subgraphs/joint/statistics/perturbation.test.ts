import { describe, expect, it } from 'vitest';
import { Perturbation, release } from './perturbation.ts';
import { CUMULATIVE, KEYED, type MeasureRow } from './queries.ts';
import { loadStatisticsConfig } from './configuration.ts';
import { parseSettings } from './settings.ts';

const TABLE = [0.1, 0.2, 0.4, 0.2, 0.1];
const p = new Perturbation(TABLE);

/** A row whose cumulative sets have the given sizes and keys. */
function row(sizes: number[], keys: number[], more: Partial<MeasureRow> = {}): MeasureRow {
  return {
    values: [],
    clients: sizes[0]! - sizes[4]!,
    started: sizes[0]! - sizes[1]!,
    ended: sizes[2]! - sizes[4]!,
    sizes,
    keys: [...keys, ...KEYED.map(() => 0)],
    planEligible: 0,
    plansOnTime: 0,
    reviewsDue: 0,
    reviewsOnTime: 0,
    reviewedClients: 0,
    plans: 0,
    daysToPlan: [],
    ...more,
  };
}

describe('the perturbation', () => {
  it('draws the noise from the table by the key, as often as the table says', () => {
    const counts = new Map<number, number>();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const d = p.noise(Math.floor((i / n) * 2 ** 32));
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([-1, -2, 0, 1, 2]);
    for (const [i, q] of TABLE.entries()) expect(counts.get(i - 2)! / n).toBeCloseTo(q, 3);
    expect(p.noise(2 ** 32 - 1)).toBe(2);
    expect(p.noise(0)).toBe(-2);
  });

  it('releases the empty set as 0, and the same set always alike', () => {
    expect(p.size(0, 12345)).toBe(0);
    expect(p.size(7, 3_000_000_000)).toBe(p.size(7, 3_000_000_000));
    expect(new Perturbation([1]).size(7, 3_000_000_000)).toBe(7);
  });

  it("works each row's counts out of its cumulative sets, so that the beginning of the period cancels", () => {
    const [T, B, E, BE, EB] = [40, 10, 12, 6, 3];
    const keys = [0.95, 0.05, 0.5, 0.25, 0.75].map((u) => Math.floor(u * 2 ** 32));
    const r = release(p, row([T, B, E, BE, EB], keys), 'ALL', row([T, B, E, BE, EB], keys), 5);
    // noises: s ≤ T +2, s < F −2, e ≤ T 0, s < F and e ≤ T −1, e < F +1
    expect(r).toMatchObject({ clients: T + 2 - (EB + 1), started: T + 2 - (B - 2), ended: E - (EB + 1) });
    // ACTIVE rows rest on the group's sets over every status; ENDED rows on their own.
    const active = release(p, row([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]), 'ACTIVE', row([T, B, E, BE, EB], keys), 5);
    expect(active).toMatchObject({ clients: T + 2 - E, started: T + 2 - E - (B - 2 - (BE - 1)), ended: 0 });
    const ended = release(
      p,
      row([E, BE, E, BE, EB], [keys[2]!, keys[3]!, keys[2]!, keys[3]!, keys[4]!]),
      'ENDED',
      row([T, B, E, BE, EB], keys),
      5,
    );
    expect(ended).toMatchObject({ clients: E - (EB + 1), ended: E - (EB + 1), started: E - (BE - 1) });
  });

  it('works shares out of perturbed counts, and withholds them and the median below the threshold', () => {
    const keys = CUMULATIVE.map(() => 0);
    const base = row([20, 0, 0, 0, 0], keys, {
      planEligible: 10,
      plansOnTime: 7,
      plans: 4,
      daysToPlan: [30, 40, 50, 60],
    });
    base.keys = [...keys, ...[0.5, 0.95, 0.5, 0.5, 0.5].map((u) => Math.floor(u * 2 ** 32))]; // plansOnTime +2
    const r = release(p, base, 'ALL', base, 5);
    expect(r.planOnTimeShare).toBeCloseTo(9 / 10, 12);
    expect(r.medianDaysToPlan).toBeNull();
    expect(r.reviewsOnTimeShare).toBeNull();
  });
});

describe('the perturbation settings', () => {
  const yaml = (noise: string) => `suppression: { threshold: 5 }
perturbation: { noise: ${noise} }
limits: { maxDimensions: 3, maxRows: 2000, maxQueriesPerRequest: 3 }
cache: { seconds: 60, entries: 20 }
tabulation: { slices: 4 }`;

  it('reads the documented table', () => {
    expect(loadStatisticsConfig().settings.noise).toEqual(TABLE);
    expect(parseSettings(yaml('[1]')).noise).toEqual([1]);
  });

  it('refuses a table that is even, lopsided or does not add up to 1, naming the line', () => {
    expect(() => parseSettings(yaml('[0.5, 0.5]'))).toThrow(/line 2.*odd number/);
    expect(() => parseSettings(yaml('[0.2, 0.3, 0.5]'))).toThrow(/symmetric/);
    expect(() => parseSettings(yaml('[0.1, 0.3, 0.1]'))).toThrow(/add up to 1/);
    expect(() => parseSettings(yaml('[-0.1, 1.2, -0.1]'))).toThrow(/probabilities/);
  });
});
