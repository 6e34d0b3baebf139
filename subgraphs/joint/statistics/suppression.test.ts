import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppress, type Cell, type FinestCell, type SuppressedLattice } from './suppression.ts';

const K = 5;
const bits = (m: number) => [0, 1, 2, 3, 4, 5].filter((d) => m & (1 << d));

/** A table as a query publishes it: its cells by values, null where suppressed. */
function published(l: SuppressedLattice, mask: number): Map<string, number | null> {
  return new Map(l.level(mask).map((c) => [l.valuesOf(c).join('/'), c.suppressed ? null : c.clients]));
}

/**
 * The analyst's differencing attack across two published groupings: a parent cell from a coarser
 * table minus the visible cells below it in a finer table. Recovers a cell when exactly one is
 * hidden, and pins cells when the hidden ones must each hold at least one client.
 */
function differencing(l: SuppressedLattice, dims: number): { cell: string; learned: string }[] {
  const found: { cell: string; learned: string }[] = [];
  for (const parent of l.cells) {
    if (parent.suppressed) continue;
    for (let d = 0; d < dims; d++) {
      if (parent.mask & (1 << d) || bits(parent.mask | (1 << d)).length > l.options.maxLevel) continue;
      const children = l
        .level(parent.mask | (1 << d))
        .filter((c) => bits(parent.mask).every((e) => c.index[e] === parent.index[e]));
      const hidden = children.filter((c) => c.suppressed);
      const rest = parent.clients - children.filter((c) => !c.suppressed).reduce((s, c) => s + c.clients, 0);
      const name = (c: Cell) => `${bits(c.mask).join('')}:${l.valuesOf(c).join('/')}`;
      if (hidden.length === 1) found.push({ cell: name(hidden[0]!), learned: `exactly ${rest}` });
      // Each hidden row still shows, so holds at least one: the largest any of them can hold.
      else if (hidden.length > 1 && rest - (hidden.length - 1) < K) {
        for (const h of hidden)
          if (h.primary) found.push({ cell: name(h), learned: `at most ${rest - (hidden.length - 1)}` });
      }
    }
  }
  return found;
}

/** Modular Gauss–Jordan: which suppressed cells are determined by all the published additive relations together. */
function determinedByAllTables(l: SuppressedLattice, dims: number): Cell[] {
  const P = 1_000_003;
  const unknown = l.cells.filter((c) => c.suppressed);
  const col = new Map(unknown.map((c, i) => [c.id, i]));
  const rows: number[][] = [];
  for (const parent of l.cells) {
    for (let d = 0; d < dims; d++) {
      if (parent.mask & (1 << d) || bits(parent.mask | (1 << d)).length > l.options.maxLevel) continue;
      const children = l
        .level(parent.mask | (1 << d))
        .filter((c) => bits(parent.mask).every((e) => c.index[e] === parent.index[e]));
      const row = new Array<number>(unknown.length).fill(0);
      if (parent.suppressed) row[col.get(parent.id)!] = 1;
      for (const c of children) if (c.suppressed) row[col.get(c.id)!] = P - 1;
      if (row.some((x) => x !== 0)) rows.push(row);
    }
  }
  const inv = (a: number) => {
    let [r, x, y, v] = [P, 0, a, 1];
    while (y) {
      const q = Math.floor(r / y);
      [r, y] = [y, r - q * y];
      [x, v] = [v, x - q * v];
    }
    return ((x % P) + P) % P;
  };
  let rank = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknown.length && rank < rows.length; c++) {
    const p = rows.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p]!, rows[rank]!];
    const pr = rows[rank]!;
    const f = inv(pr[c]!);
    for (let j = 0; j < pr.length; j++) pr[j] = (pr[j]! * f) % P;
    for (let i = 0; i < rows.length; i++) {
      if (i === rank || rows[i]![c] === 0) continue;
      const g = rows[i]![c]!;
      const ri = rows[i]!;
      for (let j = 0; j < ri.length; j++) if (pr[j]) ri[j] = (((ri[j]! - g * pr[j]!) % P) + P) % P;
    }
    pivots.push(c);
    rank++;
  }
  return pivots.filter((c, i) => rows[i]!.every((x, j) => j === c || x === 0)).map((c) => unknown[c]!);
}

/** The same pattern a naive rule gives, table by table: never exactly one suppressed row in a table. */
function naiveTable(cells: { values: string; clients: number }[]): Map<string, number | null> {
  const hidden = new Set(cells.filter((c) => c.clients < K).map((c) => c.values));
  if (hidden.size === 1) {
    const next = cells.filter((c) => !hidden.has(c.values)).sort((a, b) => a.clients - b.clients)[0];
    if (next) hidden.add(next.values);
  }
  return new Map(cells.map((c) => [c.values, hidden.has(c.values) ? null : c.clients]));
}

const cells2 = (rows: [string, string, number][]): FinestCell[] =>
  rows.map(([m, a, clients]) => ({ values: [m, a], clients }));
// Porvoo's under-30 cell is small; every other cell and every margin is large.
const MUNICIPALITY_BY_AGE = cells2([
  ['Porvoo', 'under-30', 3],
  ['Porvoo', '30-49', 10],
  ['Porvoo', '50+', 12],
  ['Loviisa', 'under-30', 8],
  ['Loviisa', '30-49', 9],
  ['Loviisa', '50+', 7],
  ['Askola', 'under-30', 6],
  ['Askola', '30-49', 11],
  ['Askola', '50+', 9],
]);

describe('small-cell suppression', () => {
  it('suppresses a cell below the threshold and leaves larger ones when nothing can be worked out', () => {
    const l = suppress(
      [
        { values: ['a'], clients: 7 },
        { values: ['b'], clients: 5 },
        { values: ['c'], clients: 9 },
      ],
      { dimensions: 1, maxLevel: 1, threshold: K },
    );
    expect([...published(l, 1)]).toEqual([
      ['a', 7],
      ['b', 5],
      ['c', 9],
    ]);
    expect(published(l, 0).get('')).toBe(21);
  });

  it(
    'never leaves exactly one suppressed row beside a published total: the next smallest row that protects it ' +
      'goes too',
    () => {
      const l = suppress(
        [
          { values: ['a'], clients: 2 },
          { values: ['b'], clients: 6 },
          { values: ['c'], clients: 30 },
        ],
        { dimensions: 1, maxLevel: 1, threshold: K },
      );
      // a = 2 alone would be total − b − c; b (6) is the smallest row that lets a reach the threshold.
      expect([...published(l, 1)]).toEqual([
        ['a', null],
        ['b', null],
        ['c', 30],
      ]);
      expect(published(l, 0).get('')).toBe(38);
    },
  );

  it('does not let two hidden rows be pinned to one client each by the total', () => {
    // 1 + 1 hidden beside a total: each is then known to be exactly 1.
    const l = suppress(
      [
        { values: ['a'], clients: 1 },
        { values: ['b'], clients: 1 },
        { values: ['c'], clients: 8 },
        { values: ['d'], clients: 20 },
      ],
      { dimensions: 1, maxLevel: 1, threshold: K },
    );
    expect([...published(l, 1)]).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
      ['d', 20],
    ]);
    expect(differencing(l, 1)).toEqual([]);
  });

  it('suppresses the total too when its rows, all hidden, would give each other away', () => {
    const small = suppress(
      [
        { values: ['a'], clients: 2 },
        { values: ['b'], clients: 2 },
        { values: ['c'], clients: 2 },
      ],
      { dimensions: 1, maxLevel: 1, threshold: K },
    );
    expect(published(small, 0).get('')).toBeNull(); // 6 over three rows: each at most 4
    const enough = suppress(
      [
        { values: ['a'], clients: 3 },
        { values: ['b'], clients: 3 },
      ],
      { dimensions: 1, maxLevel: 1, threshold: K },
    );
    expect(published(enough, 0).get('')).toBe(6); // each of the two could hold up to 5
    const tiny = suppress([{ values: ['a'], clients: 4 }], { dimensions: 1, maxLevel: 1, threshold: K });
    expect(published(tiny, 0).get('')).toBeNull();
  });

  it('defeats differencing two groupings: municipality against municipality × age group', () => {
    // The attack works against suppression decided table by table.
    const byMunicipality = new Map<string, number>();
    for (const c of MUNICIPALITY_BY_AGE)
      byMunicipality.set(c.values[0]!, (byMunicipality.get(c.values[0]!) ?? 0) + c.clients);
    const naive = naiveTable(MUNICIPALITY_BY_AGE.map((c) => ({ values: c.values.join('/'), clients: c.clients })));
    const naiveMunicipalities = naiveTable([...byMunicipality].map(([values, clients]) => ({ values, clients })));
    const porvooVisible = ['30-49', '50+']
      .map((a) => naive.get(`Porvoo/${a}`))
      .filter((x): x is number => typeof x === 'number');
    expect(naive.get('Porvoo/under-30')).toBeNull();
    expect(porvooVisible).toHaveLength(2);
    expect(naiveMunicipalities.get('Porvoo')! - porvooVisible.reduce((s, x) => s + x, 0)).toBe(3);

    // The lattice-wide pattern: a second cell of Porvoo goes, and of under-30 too.
    const l = suppress(MUNICIPALITY_BY_AGE, { dimensions: 2, maxLevel: 2, threshold: K });
    const cross = published(l, 3);
    expect(cross.get('Porvoo/under-30')).toBeNull();
    expect(['Porvoo/30-49', 'Porvoo/50+'].filter((k) => cross.get(k) === null)).toHaveLength(1);
    expect(['Loviisa/under-30', 'Askola/under-30'].filter((k) => cross.get(k) === null)).toHaveLength(1);
    expect(published(l, 1).get('Porvoo')).toBe(25);
    expect(published(l, 2).get('under-30')).toBe(17);
    expect(differencing(l, 2)).toEqual([]);
    expect(determinedByAllTables(l, 2)).toEqual([]);

    // Both attacks do find the cell when only the primary suppression is kept.
    for (const c of l.cells) c.suppressed = c.primary;
    expect(differencing(l, 2).map((f) => f.cell)).toContain('01:Porvoo/under-30');
    expect(determinedByAllTables(l, 2).map((c) => l.valuesOf(c))).toEqual([['Porvoo', 'under-30']]);
  });

  it('gives every query over the same counts the same pattern, whatever order they arrive in', () => {
    const a = suppress(MUNICIPALITY_BY_AGE, { dimensions: 2, maxLevel: 2, threshold: K });
    const b = suppress([...MUNICIPALITY_BY_AGE].reverse(), { dimensions: 2, maxLevel: 2, threshold: K });
    for (const mask of [0, 1, 2, 3]) expect(published(b, mask)).toEqual(published(a, mask));
  });

  const world = fc
    .array(
      fc.record({
        m: fc.constantFrom('P', 'L', 'A'),
        a: fc.constantFrom('y', 'm', 'o'),
        s: fc.constantFrom('1', '2', '3', '4'),
        e: fc.constantFrom('ACTIVE', 'EMPLOYED'),
      }),
      { minLength: 1, maxLength: 90 },
    )
    .map((people) => {
      const counts = new Map<string, number>();
      for (const p of people)
        counts.set([p.m, p.a, p.s, p.e].join('|'), (counts.get([p.m, p.a, p.s, p.e].join('|')) ?? 0) + 1);
      return [...counts].map(([k, clients]) => ({ values: k.split('|'), clients }));
    });

  it(
    'holds every relation of the lattice: no suppressed cell recoverable by differencing any two groupings ' +
      '(property)',
    () => {
      fc.assert(
        fc.property(world, fc.integer({ min: 1, max: 3 }), (finest, maxLevel) => {
          const l = suppress(finest, { dimensions: 4, maxLevel, threshold: K });
          for (const c of l.cells) if (c.clients < K) expect(c.suppressed).toBe(true);
          expect(differencing(l, 4)).toEqual([]);
        }),
        { numRuns: 300, seed: 20251 },
      );
    },
  );

  it('leaves no suppressed cell determined by all published tables taken together (property)', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 3 }), (finest, maxLevel) => {
        const l = suppress(finest, { dimensions: 4, maxLevel, threshold: K });
        expect(determinedByAllTables(l, 4).map((c) => l.valuesOf(c))).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
