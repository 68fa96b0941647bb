// Crawford-Howell percentile and its Crawford-Garthwaite 95% interval (SCORING.md section 7).
import { brentRoot, noncentralTCdfAt, normalCdf, studentTCdf } from "./distributions";

const ROOT_TOLERANCE = 1e-12;
const MAX_BRACKET_STEPS = 200;
const Z_975 = 1.959963984540054;

/** 100 * T_df(t) with t = (x - mean) / (sdUsed * sqrt((n + 1) / n)), df = n - 1. */
export function crawfordHowellPercentile(x: number, mean: number, sdUsed: number, n: number): number {
  const t = (x - mean) / (sdUsed * Math.sqrt((n + 1) / n));
  return 100 * studentTCdf(t, n - 1);
}

/** The delta with NCT(d; df, delta) = target (the CDF falls as delta grows), from R's normal approximation on. */
function solveDelta(cdf: (delta: number) => number, d: number, df: number, target: number, z: number): number {
  const f = (delta: number) => cdf(delta) - target;
  const spread = Math.sqrt(1 + (d * d) / (2 * df));
  const guess = d * (1 - 1 / (4 * df)) - z * spread;
  let step = 0.125 * spread;
  let lo = guess - step;
  let hi = guess + step;
  let fLower = f(lo);
  let fUpper = f(hi);
  for (let i = 0; fLower < 0 && i < MAX_BRACKET_STEPS; i += 1) {
    hi = lo;
    fUpper = fLower;
    step *= 2;
    lo -= step;
    fLower = f(lo);
  }
  for (let i = 0; fUpper > 0 && i < MAX_BRACKET_STEPS; i += 1) {
    lo = hi;
    fLower = fUpper;
    step *= 2;
    hi += step;
    fUpper = f(hi);
  }
  return brentRoot(f, lo, hi, ROOT_TOLERANCE, { fLower, fUpper });
}

/** 95% interval of the percentile with c = (x - mean) / sdUsed: deltas of the noncentral t, mapped by Phi. */
export function crawfordGarthwaiteInterval(c: number, n: number): { ciLow: number; ciHigh: number } {
  const df = n - 1;
  const d = c * Math.sqrt(n);
  const cdf = noncentralTCdfAt(d, df);
  const deltaLow = solveDelta(cdf, d, df, 0.975, Z_975);
  const deltaHigh = solveDelta(cdf, d, df, 0.025, -Z_975);
  const rootN = Math.sqrt(n);
  return { ciLow: 100 * normalCdf(deltaLow / rootN), ciHigh: 100 * normalCdf(deltaHigh / rootN) };
}
