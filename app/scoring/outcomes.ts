// Outcomes: does a value go with doing the job well? (SCORING.md section 12, vb-2 only.)
import { studentTCdf, studentTQuantile } from "./distributions";
import type { Correlation } from "./types";

/** r, its interval and p need this many pairs. */
export const MIN_CORRELATION_N = 10;
/** Phi^-1(0.975). */
export const Z_975 = 1.959963984540054;

/** The smallest |r| significant at the two-sided 5% level with n pairs: tc / sqrt(n - 2 + tc^2); null for n < 3. */
export function criticalR(n: number): number | null {
  if (n < 3) return null;
  const tc = studentTQuantile(0.975, n - 2);
  return tc / Math.sqrt(n - 2 + tc * tc);
}

/** Two-sided p of r with n pairs from t = r sqrt((n-2)/(1-r^2)) with n - 2 df, as R's cor.test. */
export function correlationP(r: number, n: number): number {
  const df = n - 2;
  const t = r * Math.sqrt(df / (1 - r * r));
  // 2 * min(lower, upper), as cor.test; the upper tail as the lower tail of -t (no cancellation).
  return 2 * Math.min(studentTCdf(t, df), studentTCdf(-t, df));
}

function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Pearson r of paired values (two-pass: means first). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Rounding can put |r| a hair above 1, where atanh is NaN.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** The correlation entry of section 12 over the pairs (x, y). */
export function correlation(x: readonly number[], y: readonly number[]): Correlation {
  const n = x.length;
  const rCritical = criticalR(n);
  if (n < MIN_CORRELATION_N || isConstant(x) || isConstant(y))
    return { n, r: null, ciLow: null, ciHigh: null, p: null, rCritical };
  const r = pearson(x, y);
  const z = Math.atanh(r);
  const half = Z_975 / Math.sqrt(n - 3);
  return { n, r, ciLow: Math.tanh(z - half), ciHigh: Math.tanh(z + half), p: correlationP(r, n), rCritical };
}
