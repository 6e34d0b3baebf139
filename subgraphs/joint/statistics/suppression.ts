// Small-cell suppression with complementary suppression, for tables of customership counts.
//
// A statistics query publishes one table (the cells of its grouping, plus the total), but an
// analyst can ask for every grouping of up to `maxLevel` dimensions over the same area and period,
// and difference them: the municipality table against the municipality × age-group table recovers
// a cell suppressed in the latter if it is the only suppressed one of its municipality. So the
// suppression is decided once over the whole lattice of groupings of up to `maxLevel` dimensions,
// from the finest counts, and each query publishes its level of it. Every query over the same area
// and period sees the same pattern, whichever grouping it asked for.
//
// The lattice's additive relations are parent = sum of children, for a cell at level S and the
// cells at level S + one dimension below it. Each relation must end in one of:
//   - the parent published: no child suppressed, or at least two, together holding at least
//     threshold + (suppressed − 1) clients; a suppressed row is still listed, so each is known to
//     hold at least one client, and this keeps every one of them from being pinned below the
//     threshold by the parent minus the visible children;
//   - the parent suppressed: at least one child suppressed, so that the children do not add up to it.
// Cells below the threshold are suppressed first; then, until every relation holds, a failing
// relation suppresses one more child (one that breaks the fewest other relations, then the
// smallest that is enough), or, when no child is left, its parent. Suppression only ever grows, so
// this ends; the choices are deterministic, so the pattern depends only on the counts.

export interface FinestCell {
  /** one value per dimension */
  values: readonly string[];
  clients: number;
}

export interface Cell {
  id: number;
  /** bit d set: grouped by dimension d */
  mask: number;
  /** value indices per dimension (0 where not grouped) */
  index: number[];
  /** the indices packed into one number by the lattice's strides */
  packed: number;
  clients: number;
  suppressed: boolean;
  /** below the threshold itself, rather than suppressed to protect another cell */
  primary: boolean;
  asChild: Relation[];
  asParent: Relation[];
}

interface Relation {
  parent: Cell;
  children: Cell[];
  suppressedChildren: number;
  suppressedClients: number;
  queued: boolean;
}

export interface SuppressionOptions {
  dimensions: number;
  maxLevel: number;
  threshold: number;
}

const MASK_SPACE = 64;
const bitCount = (m: number) => {
  let n = 0;
  for (; m; m &= m - 1) n++;
  return n;
};

export class SuppressedLattice {
  readonly cells: Cell[] = [];
  private readonly byKey = new Map<number, Cell>();
  private readonly values: Map<string, number>[];
  private readonly names: string[][];
  private strides: number[] = [];

  constructor(
    finest: readonly FinestCell[],
    readonly options: SuppressionOptions,
  ) {
    this.values = Array.from({ length: options.dimensions }, () => new Map());
    this.names = Array.from({ length: options.dimensions }, () => ['']);
    this.build(finest);
    complement(this.cells, this.relations(), options.threshold);
  }

  /** The cell of a grouping (`mask`), by its values in ascending dimension order; undefined for an empty cell. */
  cell(mask: number, values: readonly string[]): Cell | undefined {
    let packed = 0;
    let i = 0;
    for (let d = 0; d < this.options.dimensions; d++) {
      if (!(mask & (1 << d))) continue;
      const idx = this.values[d]!.get(values[i++]!);
      if (idx === undefined) return undefined;
      packed += idx * this.strides[d]!;
    }
    return this.byKey.get(mask + MASK_SPACE * packed);
  }

  /** A cell's values, in ascending dimension order. */
  valuesOf(cell: Cell): string[] {
    const out: string[] = [];
    for (let d = 0; d < this.options.dimensions; d++)
      if (cell.mask & (1 << d)) out.push(this.names[d]![cell.index[d]!]!);
    return out;
  }

  /** Every non-empty cell of one grouping. */
  level(mask: number): Cell[] {
    return this.cells.filter((c) => c.mask === mask);
  }

  private build(finest: readonly FinestCell[]): void {
    const { dimensions, maxLevel } = this.options;
    if (dimensions > 6) throw new Error('at most six dimensions');
    const sorted = [...finest].sort((a, b) => compareTuples(a.values, b.values));
    const indices = sorted.map((f) =>
      f.values.map((v, d) => {
        let idx = this.values[d]!.get(v);
        if (idx === undefined) {
          idx = this.names[d]!.length;
          this.values[d]!.set(v, idx);
          this.names[d]!.push(v);
        }
        return idx;
      }),
    );
    let stride = 1;
    this.strides = this.names.map((n) => {
      const s = stride;
      stride *= n.length;
      return s;
    });
    if (stride * MASK_SPACE > Number.MAX_SAFE_INTEGER) throw new Error('too many distinct values to tabulate');

    const masks: number[] = [];
    for (let m = 0; m < 1 << dimensions; m++) if (bitCount(m) <= maxLevel) masks.push(m);
    // A row's packed indices under every mask, each from the mask without its lowest dimension.
    const packedBy = new Array<number>(1 << dimensions).fill(0);
    for (let i = 0; i < sorted.length; i++) {
      const idx = indices[i]!;
      for (let m = 1; m < 1 << dimensions; m++) {
        const d = 31 - Math.clz32(m & -m);
        packedBy[m] = packedBy[m & (m - 1)]! + idx[d]! * this.strides[d]!;
      }
      for (const mask of masks) {
        const packed = packedBy[mask]!;
        const key = mask + MASK_SPACE * packed;
        let cell = this.byKey.get(key);
        if (!cell) {
          cell = {
            id: this.cells.length,
            mask,
            index: idx.map((x, d) => (mask & (1 << d) ? x : 0)),
            packed,
            clients: 0,
            suppressed: false,
            primary: false,
            asChild: [],
            asParent: [],
          };
          this.byKey.set(key, cell);
          this.cells.push(cell);
        }
        cell.clients += sorted[i]!.clients;
      }
    }
  }

  private relations(): Relation[] {
    const out: Relation[] = [];
    const { dimensions } = this.options;
    // By parent and the dimension its children add: parent.id * dimensions + d.
    const byParent = new Array<Relation | undefined>(this.cells.length * dimensions);
    for (const cell of this.cells) {
      for (let d = 0; d < dimensions; d++) {
        if (!(cell.mask & (1 << d))) continue;
        const packed = cell.packed - cell.index[d]! * this.strides[d]!;
        const parent = this.byKey.get((cell.mask & ~(1 << d)) + MASK_SPACE * packed)!;
        const key = parent.id * dimensions + d;
        let rel = byParent[key];
        if (!rel) {
          rel = { parent, children: [], suppressedChildren: 0, suppressedClients: 0, queued: false };
          byParent[key] = rel;
          parent.asParent.push(rel);
          out.push(rel);
        }
        rel.children.push(cell);
        cell.asChild.push(rel);
      }
    }
    return out;
  }
}

export const suppress = (finest: readonly FinestCell[], options: SuppressionOptions): SuppressedLattice =>
  new SuppressedLattice(finest, options);

function complement(cells: readonly Cell[], relations: readonly Relation[], k: number): void {
  const holds = (r: Relation): boolean => {
    if (r.parent.suppressed) return r.suppressedChildren >= 1;
    const n = r.suppressedChildren;
    return n === 0 || (n >= 2 && r.suppressedClients >= k + n - 1);
  };
  /** How many other relations would fail if `c` were suppressed. */
  const breaks = (c: Cell, except: Relation): number => {
    let n = 0;
    for (const r of c.asChild) {
      if (r === except || r.parent.suppressed) continue;
      const m = r.suppressedChildren + 1;
      if (m === 1 || r.suppressedClients + c.clients < k + m - 1) n++;
    }
    for (const r of c.asParent) if (r.suppressedChildren === 0) n++;
    return n;
  };

  const queue: Relation[] = [];
  let head = 0;
  const enqueue = (r: Relation) => {
    if (!r.queued) {
      r.queued = true;
      queue.push(r);
    }
  };
  const mark = (c: Cell) => {
    c.suppressed = true;
    for (const r of c.asChild) {
      r.suppressedChildren++;
      r.suppressedClients += c.clients;
      enqueue(r);
    }
    for (const r of c.asParent) enqueue(r);
  };

  for (const c of cells) {
    if (c.clients < k) {
      c.primary = true;
      mark(c);
    }
  }
  for (const r of relations) enqueue(r);

  while (head < queue.length) {
    const r = queue[head++]!;
    r.queued = false;
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    if (holds(r)) continue;
    const open = r.children.filter((c) => !c.suppressed);
    if (open.length === 0) {
      mark(r.parent);
    } else {
      // With the parent published, pick a child that brings the suppressed clients up to what the
      // relation needs when one can; otherwise the largest, to get there in the fewest cells.
      const need = r.parent.suppressed ? 0 : k + r.suppressedChildren - r.suppressedClients;
      const enough = open.filter((c) => c.clients >= need);
      const pool = enough.length ? enough : open;
      const sign = enough.length ? 1 : -1;
      let best = pool[0]!;
      let bestBreaks = breaks(best, r);
      for (const c of pool.slice(1)) {
        const b = breaks(c, r);
        if (
          b < bestBreaks ||
          (b === bestBreaks &&
            (sign * (c.clients - best.clients) < 0 || (c.clients === best.clients && c.id < best.id)))
        ) {
          best = c;
          bestBreaks = b;
        }
      }
      mark(best);
    }
    enqueue(r);
  }
  for (const r of relations) if (!holds(r)) throw new Error('suppression did not converge');
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}
