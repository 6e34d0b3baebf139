import { describe, expect, it } from 'vitest';
import { TabulationCache, type Tabulation } from './cache.ts';
import type { Needs } from './queries.ts';

const COUNTS: Needs = { reviews: false, median: false };
const MEDIAN: Needs = { reviews: false, median: true };
const REVIEWS: Needs = { reviews: true, median: false };
const YEAR = { from: '2024-01-01', to: '2024-12-31' };

function harness(ttlMs = 60_000, entries = 10) {
  let now = 0;
  const calls: Needs[] = [];
  const cache = new TabulationCache(ttlMs, entries, () => now);
  const tabulate = async (needs: Needs) => {
    calls.push(needs);
    return { finest: [], lattice: { id: calls.length } } as unknown as Tabulation;
  };
  const get = (area: string, needs: Needs, period: { from: string | null; to: string } = YEAR) =>
    cache.get(area, period, needs, tabulate);
  return {
    get,
    calls,
    tick: (ms: number) => {
      now += ms;
    },
  };
}

describe('the tabulation cache', () => {
  it('answers an area and period from one tabulation until it expires', async () => {
    const h = harness();
    const first = await h.get('ita-uusimaa', COUNTS);
    expect(await h.get('ita-uusimaa', COUNTS)).toBe(first);
    h.tick(59_999);
    expect(await h.get('ita-uusimaa', COUNTS)).toBe(first);
    h.tick(1);
    expect(await h.get('ita-uusimaa', COUNTS)).not.toBe(first);
    expect(h.calls).toHaveLength(2);
  });

  it('keeps areas and periods apart', async () => {
    const h = harness();
    await h.get('ita-uusimaa', COUNTS);
    await h.get('keski-uusimaa', COUNTS);
    await h.get('ita-uusimaa', COUNTS, { from: null, to: '2024-12-31' });
    await h.get('ita-uusimaa', COUNTS, { from: '2024-01-01', to: '2024-12-30' });
    expect(h.calls).toHaveLength(4);
  });

  it('measures what a query needs beyond a fresh tabulation, keeping what that one measured', async () => {
    const h = harness();
    await h.get('ita-uusimaa', MEDIAN);
    const counts = await h.get('ita-uusimaa', COUNTS);
    expect(h.calls).toEqual([MEDIAN]);
    const both = await h.get('ita-uusimaa', REVIEWS);
    expect(both).not.toBe(counts);
    expect(h.calls[1]).toEqual({ reviews: true, median: true });
    expect(await h.get('ita-uusimaa', MEDIAN)).toBe(both);
  });

  it('runs one statement for concurrent requests, and keeps no failure', async () => {
    let runs = 0;
    const cache = new TabulationCache(60_000, 10, () => 0);
    const failing = () => {
      runs++;
      return Promise.reject(new Error('connection lost'));
    };
    const [a, b] = [cache.get('ita-uusimaa', YEAR, COUNTS, failing), cache.get('ita-uusimaa', YEAR, COUNTS, failing)];
    await expect(a).rejects.toThrow('connection lost');
    await expect(b).rejects.toThrow('connection lost');
    expect(runs).toBe(1);
    const ok = await cache.get('ita-uusimaa', YEAR, COUNTS, async () => ({ finest: [] }) as unknown as Tabulation);
    expect(ok.finest).toEqual([]);
  });

  it('drops the least recently used tabulation beyond its size', async () => {
    const h = harness(60_000, 2);
    await h.get('a', COUNTS);
    await h.get('b', COUNTS);
    await h.get('a', COUNTS);
    await h.get('c', COUNTS); // drops b, used longest ago
    await h.get('a', COUNTS);
    expect(h.calls).toHaveLength(3);
    await h.get('b', COUNTS);
    expect(h.calls).toHaveLength(4);
  });

  it('tabulates every query afresh when the cache time is 0', async () => {
    const h = harness(0);
    await h.get('ita-uusimaa', COUNTS);
    await h.get('ita-uusimaa', COUNTS);
    expect(h.calls).toHaveLength(2);
  });
});
