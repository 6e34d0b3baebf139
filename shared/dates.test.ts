import { describe, expect, it } from 'vitest';
import { helsinkiDate } from './dates.ts';

describe('helsinkiDate', () => {
  it('gives the Finnish date across midnight and the clock changes, whatever was asked before', () => {
    const cases: [string, string][] = [
      ['2026-12-02T21:59:59.999Z', '2026-12-02'], // winter, UTC+2
      ['2026-12-02T22:00:00.000Z', '2026-12-03'],
      ['2026-06-30T20:59:59.999Z', '2026-06-30'], // summer, UTC+3
      ['2026-06-30T21:00:00.000Z', '2026-07-01'],
      ['2026-03-29T00:59:59.999Z', '2026-03-29'], // the spring change (03:00 local becomes 04:00)
      ['2026-10-24T20:59:59.999Z', '2026-10-24'], // the night before the autumn change
      ['2026-10-24T21:00:00.000Z', '2026-10-25'],
    ];
    // Each asked twice and in an order that jumps back and forth: the minute remembered is never reused wrongly.
    for (const [at, date] of [...cases, ...cases.toReversed()]) expect(helsinkiDate(new Date(at)), at).toBe(date);
  });

  it('refuses an invalid instant as the formatter does', () => {
    expect(() => helsinkiDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
