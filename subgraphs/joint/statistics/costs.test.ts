import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadStatisticsConfig } from './configuration.ts';
import { apportion, CostInputError, shareCosts, type CostFigures } from './costs.ts';

const { agreements } = loadStatisticsConfig();
const ita = agreements.get('ita-uusimaa')!;
const keski = agreements.get('keski-uusimaa')!;

const figures = (over: Partial<CostFigures> = {}): CostFigures => ({
  leadPay: 62_000,
  runningCosts: 18_000,
  developmentDays: 9_000,
  registrants: { employment: 10, wellbeing: 12, kela: 2 },
  staffCosts: {},
  ...over,
});
const byOrg = (s: ReturnType<typeof shareCosts>) => Object.fromEntries(s.parties.map((p) => [p.org, p]));

describe('cost shares from the seed agreements', () => {
  it('Keski-Uusimaa: common costs 50/50 between the employment authority and the wellbeing area, none to Kela', () => {
    const s = byOrg(shareCosts(keski, figures()));
    expect(s.employment!.common).toBe(40_000);
    expect(s.wellbeing!.common).toBe(40_000);
    expect(s.kela!.common).toBe(0);
    expect([s.employment!.commonShare, s.wellbeing!.commonShare, s.kela!.commonShare]).toEqual([0.5, 0.5, 0]);
    const { commonBasis, developmentDaysBasis } = shareCosts(keski, figures());
    expect([commonBasis, developmentDaysBasis]).toEqual(['AGREED', 'REGISTRANTS']);
  });

  it('Itä-Uusimaa: the agreement is silent, so common costs follow headcount, 3 FTE to 6.6 FTE (act §10)', () => {
    const result = shareCosts(ita, figures());
    const s = byOrg(result);
    // 80 000 × 3 / 9.6 = 25 000; 80 000 × 6.6 / 9.6 = 55 000
    expect(s.employment!.common).toBe(25_000);
    expect(s.wellbeing!.common).toBe(55_000);
    expect(s.employment!.commonShare).toBe(0.3125);
    expect(result.commonRule).toMatch(/headcount.*3 FTE.*6\.6 FTE/);
    expect(result.commonBasis).toBe('HEADCOUNT');
  });

  it('development days by registrants, Kela included', () => {
    const s = byOrg(shareCosts(keski, figures()));
    // 9 000 over 24 registrants: 375 each
    expect([s.employment!.developmentDays, s.wellbeing!.developmentDays, s.kela!.developmentDays]).toEqual([
      3_750, 4_500, 750,
    ]);
    expect(s.kela!.developmentDayShare).toBeCloseTo(2 / 24, 12);
  });

  it('each party pays its own staff, and the totals add up to every figure given', () => {
    const result = shareCosts(
      keski,
      figures({ staffCosts: { employment: 510_000.5, wellbeing: 600_000, kela: 31_000 } }),
    );
    const s = byOrg(result);
    expect(s.employment!.staff).toBe(510_000.5);
    expect(s.employment!.total).toBe(510_000.5 + 40_000 + 3_750);
    expect(s.kela!.total).toBe(31_000 + 750);
    expect(result.total).toBe(510_000.5 + 600_000 + 31_000 + 62_000 + 18_000 + 9_000);
  });

  it('splits to the cent, with the cents left over going to the largest remainders', () => {
    // 100.00 over 1 : 1 : 1 registrants: 33.34 + 33.33 + 33.33
    const s = byOrg(
      shareCosts(
        keski,
        figures({
          leadPay: 0,
          runningCosts: 0.01,
          developmentDays: 100,
          registrants: { employment: 1, wellbeing: 1, kela: 1 },
        }),
      ),
    );
    expect([s.employment!.developmentDays, s.wellbeing!.developmentDays, s.kela!.developmentDays]).toEqual([
      33.34, 33.33, 33.33,
    ]);
    expect(s.employment!.common + s.wellbeing!.common).toBe(0.01);
  });

  it('apportions any amount exactly, each share within a cent of its exact value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 100_000 }), { minLength: 3, maxLength: 3 })
          .filter((w) => w.some((x) => x > 0)),
        (cents, [a, b, c]) => {
          const out = apportion(cents, { a: a!, b: b!, c: c! }, ['a', 'b', 'c']);
          expect(out.a + out.b + out.c).toBe(cents);
          const sum = a! + b! + c!;
          for (const [k, w] of [
            ['a', a!],
            ['b', b!],
            ['c', c!],
          ] as const)
            expect(Math.abs(out[k] - (cents * w) / sum)).toBeLessThan(1);
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });

  it('refuses figures it cannot share', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof CostInputError ? e.reason : String(e);
      }
      return 'accepted';
    };
    expect(reason(() => shareCosts(keski, figures({ registrants: {} })))).toBe('NO_REGISTRANTS');
    expect(reason(() => shareCosts(keski, figures({ registrants: {}, developmentDays: 0 })))).toBe('accepted');
    expect(reason(() => shareCosts(keski, figures({ leadPay: -1 })))).toBe('INVALID_AMOUNT');
    expect(reason(() => shareCosts(keski, figures({ runningCosts: 1.005 })))).toBe('INVALID_AMOUNT');
    expect(reason(() => shareCosts(keski, figures({ registrants: { kela: 1.5 } })))).toBe('INVALID_REGISTRANTS');
  });
});
