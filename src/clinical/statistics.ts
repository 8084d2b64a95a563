import jstat from 'jstat';

/**
 * Plain descriptive statistics for the outcome summary (no I/O, unit-tested).
 *
 * The 95 % confidence interval of a mean is the Student t interval: mean ± t(0.975, n − 1) · s / √n,
 * with s the sample standard deviation (n − 1 in the denominator). It assumes the changes are roughly
 * normal or n is large enough for the central limit theorem; with n < 2 there is no interval (null).
 * The t quantile comes from jStat.
 */
export interface Summary {
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  ci95: { lower: number; upper: number } | null;
}

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  // compensated (Kahan) sum: a cohort of similar values does not lose digits
  let sum = 0;
  let c = 0;
  for (const x of xs) {
    const y = x - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum / xs.length;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  const ss = xs.reduce((acc, x) => acc + (x - m) ** 2, 0);
  return Math.sqrt(ss / (xs.length - 1));
}

/** t quantile, e.g. tQuantile(0.975, 4) = 2.776. */
export function tQuantile(p: number, df: number): number {
  return jstat.jStat.studentt.inv(p, df);
}

export function describe(xs: readonly number[]): Summary {
  const n = xs.length;
  const m = mean(xs);
  const sd = sampleSd(xs);
  const ci95 = m !== null && sd !== null ? (() => {
    const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
    return { lower: m - half, upper: m + half };
  })() : null;
  return { n, mean: m, median: median(xs), sd, ci95 };
}
