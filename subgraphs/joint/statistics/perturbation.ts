// The perturbation of released figures, so that no two tables an analyst can ask for can be
// subtracted to count a few persons (docs/LAW.md rule 9: statistics give aggregates, no person).
//
// Threshold suppression keeps the tables of one period consistent (suppression.ts), but two
// overlapping periods are different populations: January–June less January–May counts, cell by
// cell, the customerships that started in June, however small. Suppression cannot be kept
// consistent over every pair of periods, so the figures carry noise, by the cell key method of the
// Australian Bureau of Statistics (also Eurostat's for census tables):
//
//   - each customership has a record key, 32 random bits fixed when it was written (queries.ts);
//   - the key of a set of customerships is the sum of its members' keys modulo 2³², so it is the
//     same whenever the same set is counted, and unrelated between sets that differ at all;
//   - a set of n > 0 customerships is released as n + d, d looked up by its key in the
//     perturbation table of config/statistics.yaml (zero mean, a few persons either way); the
//     empty set is 0.
//
// Noise drawn afresh for every set a table counts could still be averaged away: January–June less
// January–May and February–June less February–May count the same June starters, from different
// sets. So the counts of customerships rest on cumulative sets only (queries.ts CUMULATIVE): with
// F the period's first day and T its last, s a customership's start date and e its end,
//
//   clients = |s ≤ T| − |e < F|      started = |s ≤ T| − |s < F|      ended = |e ≤ T| − |e < F|
//
// and the rows by status at the end of the period split those sets the same way for every F:
//
//   ACTIVE: clients = |s ≤ T| − |e ≤ T|,  started = clients − (|s < F| − |s < F and e ≤ T|)
//   ENDED:  clients = ended = |e ≤ T| − |e < F|,  started = |e ≤ T| − |s < F and e ≤ T|
//
// (an ACTIVE row's sets are those of its group over all statuses, an ENDED row's those of its own
// end reason). Periods are whole months (the resolver refuses others), so each set is one of a
// few per month of the record, each perturbed once and for good: subtracting any two tables leaves
// at least two perturbations that do not cancel unless the sets are the same, and asking more
// periods gives no new draw of the same set to average.
//
// Shares and the median rest on sets that depend on the period in more ways; they are computed
// from perturbed counts (the median moved by its set's noise, in days), so a difference of two of
// them is as uncertain as a difference of counts, and they are withheld below the threshold.
import { CUMULATIVE, KEYED, median, type Cumulative, type MeasureRow } from './queries.ts';

const KEY_SPACE = 2 ** 32;

/** Noise by a set's key: the table's value whose cumulative probability first exceeds key / 2³². */
export class Perturbation {
  /** the largest noise either way */
  readonly bound: number;
  private readonly cumulative: number[];

  /** `probabilities` of the noise −D … D, in that order (2D + 1 of them). */
  constructor(readonly probabilities: readonly number[]) {
    this.bound = (probabilities.length - 1) / 2;
    let sum = 0;
    this.cumulative = probabilities.map((p) => (sum += p));
  }

  noise(key: number): number {
    const u = key / KEY_SPACE;
    const i = this.cumulative.findIndex((c) => u < c);
    return (i < 0 ? this.cumulative.length - 1 : i) - this.bound;
  }

  /** A set's size as released: the same set always the same, the empty set 0. */
  size(n: number, key: number): number {
    return n === 0 ? 0 : n + this.noise(key);
  }
}

/** What a row of a table counts at the end of the period: every status, or only ACTIVE or ENDED ones. */
export type RowStatus = 'ALL' | 'ACTIVE' | 'ENDED';

export interface Released {
  clients: number;
  started: number;
  ended: number;
  planOnTimeShare: number | null;
  reviewsOnTimeShare: number | null;
  medianDaysToPlan: number | null;
}

const keyIndex = (m: (typeof KEYED)[number]) => CUMULATIVE.length + KEYED.indexOf(m);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * A row's figures as released. `row`: its measures (with every customership of its group read for
 * the cumulative sets); `group`: for an ACTIVE row, the same group over all statuses and end reasons.
 * A share or median resting on fewer than `threshold` customerships says too much about each: null.
 */
export function release(
  p: Perturbation,
  row: MeasureRow,
  status: RowStatus,
  group: MeasureRow,
  threshold: number,
): Released {
  const size = (of: MeasureRow, set: Cumulative) => {
    const i = CUMULATIVE.indexOf(set);
    return p.size(of.sizes[i]!, of.keys[i]!);
  };
  let clients: number;
  let started: number;
  let ended: number;
  if (status === 'ACTIVE') {
    clients = size(group, 'startedByEnd') - size(group, 'endedByEnd');
    started = clients - (size(group, 'startedBefore') - size(group, 'startedBeforeEndedByEnd'));
    ended = 0;
  } else if (status === 'ENDED') {
    clients = ended = size(row, 'endedByEnd') - size(row, 'endedBefore');
    started = size(row, 'endedByEnd') - size(row, 'startedBeforeEndedByEnd');
  } else {
    clients = size(row, 'startedByEnd') - size(row, 'endedBefore');
    started = size(row, 'startedByEnd') - size(row, 'startedBefore');
    ended = size(row, 'endedByEnd') - size(row, 'endedBefore');
  }
  const keyed = (n: number, m: (typeof KEYED)[number]) => p.size(n, row.keys[keyIndex(m)]!);
  const share = (part: number, whole: number) => (whole > 0 ? clamp(part / whole, 0, 1) : null);
  const enough = (n: number) => n >= threshold;
  return {
    clients: Math.max(0, clients),
    started: Math.max(0, started),
    ended: Math.max(0, ended),
    planOnTimeShare: enough(row.planEligible)
      ? share(keyed(row.plansOnTime, 'plansOnTime'), keyed(row.planEligible, 'planEligible'))
      : null,
    reviewsOnTimeShare:
      enough(row.reviewedClients) && row.reviewsDue > 0
        ? share(keyed(row.reviewsOnTime, 'reviewsOnTime'), keyed(row.reviewsDue, 'reviewsDue'))
        : null,
    medianDaysToPlan: enough(row.plans)
      ? Math.max(0, median(row.daysToPlan)! + p.noise(row.keys[keyIndex('plans')]!))
      : null,
  };
}
