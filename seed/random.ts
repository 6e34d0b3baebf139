// A small seeded PRNG (mulberry32). The demo world must be reproducible from (clients, seed, today),
// so nothing in the generator may use Math.random or the clock.

/** Mixes several integers into one 32-bit seed (murmur3 finaliser), so nearby inputs give unrelated streams. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Seeds above 2^32 still differ from their low bits.
    h = Math.imul(h ^ Math.floor(part / 0x1_0000_0000), 0x27d4eb2d);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Up to `n` distinct items, in the list's order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const chosen: T[] = [];
    let needed = Math.min(n, items.length);
    for (let i = 0; i < items.length && needed > 0; i++) {
      if (this.next() * (items.length - i) < needed) {
        chosen.push(items[i]!);
        needed--;
      }
    }
    return chosen;
  }

  /** A day number in [from, to], both included. */
  dayBetween(from: number, to: number): number {
    return to <= from ? from : this.int(from, to);
  }
}

/** A picker over fixed weights, with the cumulative table built once. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Random) => T {
  const items = entries.map(([item]) => item);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) cumulative.push((total += w));
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}
