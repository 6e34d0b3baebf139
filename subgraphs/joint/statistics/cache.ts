// Tabulations of an area and period kept for a short while. One statement tabulates every grouping
// of an area and period at once (the finest measures, from which any grouping adds up) and the
// suppression is decided over all of them, so one tabulation answers any grouping an analyst asks
// for next. Concurrent requests for the same tabulation share one statement.
import type { Needs, Period, MeasureRow } from './queries.ts';
import type { SuppressedLattice } from './suppression.ts';
import type { StatTable } from './types.ts';

export interface Tabulation {
  finest: MeasureRow[];
  lattice: SuppressedLattice;
  /** The tables published from it so far, by grouping: asked again, one is answered as it is. */
  tables: Map<string, StatTable>;
}

interface Entry {
  at: number;
  needs: Needs;
  tabulation: Promise<Tabulation>;
}

const covers = (have: Needs, want: Needs) => (have.reviews || !want.reviews) && (have.median || !want.median);
const union = (a: Needs, b: Needs): Needs => ({ reviews: a.reviews || b.reviews, median: a.median || b.median });

export class TabulationCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tabulation of `area` over `period` measuring at least `needs`, computed by `tabulate` when none is fresh. */
  get(
    area: string,
    period: Period,
    needs: Needs,
    tabulate: (needs: Needs) => Promise<Tabulation>,
  ): Promise<Tabulation> {
    if (this.ttlMs === 0) return tabulate(needs);
    const key = `${area}\u0000${period.from ?? ''}\u0000${period.to}`;
    const now = this.now();
    const entry = this.entries.get(key);
    const fresh = entry && now - entry.at < this.ttlMs ? entry : undefined;
    if (fresh && covers(fresh.needs, needs)) {
      // Least recently used goes first: re-inserting moves the key to the end.
      this.entries.delete(key);
      this.entries.set(key, fresh);
      return fresh.tabulation;
    }
    // A fresh tabulation that measured less is replaced by one that measures both.
    const wanted = fresh ? union(fresh.needs, needs) : needs;
    const tabulation = tabulate(wanted);
    const created: Entry = { at: now, needs: wanted, tabulation };
    this.entries.delete(key);
    this.entries.set(key, created);
    tabulation.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(old);
    }
    return tabulation;
  }
}
