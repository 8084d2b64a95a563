import { describe as suite, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { describe, mean, median, sampleSd, tQuantile } from './statistics';

suite('statistics', () => {
  it('t quantiles match the printed table (0.975: df 1 → 12.706, 4 → 2.776, 10 → 2.228, 29 → 2.045, 120 → 1.980)', () => {
    for (const [df, t] of [[1, 12.706], [4, 2.776], [10, 2.228], [29, 2.045], [120, 1.98]]) expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it('a worked case: changes 2, 4, 4, 4, 5, 5, 7, 9 → mean 5, median 4.5, s = 2.138, 95 % CI 5 ± 2.365 · 2.138/√8 = [3.213, 6.787]', () => {
    const s = describe([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s).toMatchObject({ n: 8, mean: 5, median: 4.5 });
    expect(s.sd).toBeCloseTo(2.13809, 4);
    expect(s.ci95!.lower).toBeCloseTo(3.2125, 3);
    expect(s.ci95!.upper).toBeCloseTo(6.7875, 3);
  });

  it('no interval for fewer than two values; nothing at all for none', () => {
    expect(describe([3])).toEqual({ n: 1, mean: 3, median: 3, sd: null, ci95: null });
    expect(describe([])).toEqual({ n: 0, mean: null, median: null, sd: null, ci95: null });
  });

  it('for any sample: the median lies between min and max, the mean in its interval, and the interval is symmetric', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 60 }), (xs) => {
      const s = describe(xs);
      expect(s.median!).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(s.median!).toBeLessThanOrEqual(Math.max(...xs));
      expect(s.ci95!.lower).toBeLessThanOrEqual(s.mean! + 1e-9);
      expect(s.ci95!.upper).toBeGreaterThanOrEqual(s.mean! - 1e-9);
      expect(s.mean! - s.ci95!.lower).toBeCloseTo(s.ci95!.upper - s.mean!, 6);
      expect(mean(xs)).toBe(s.mean);
      expect(median(xs)).toBe(s.median);
      expect(sampleSd(xs)).toBe(s.sd);
    }));
  });
});
