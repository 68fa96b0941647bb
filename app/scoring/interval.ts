// Crawford-Howell percentile and its Crawford-Garthwaite 95% interval (SCORING.md section 7).
import { brentRoot, noncentralTCdfAt, normalCdf, studentTCdf } from "./distributions";

const ROOT_TOLERANCE = 1e-12;
const MAX_BRACKET_STEPS = 200;
const Z_975 = 1.959963984540054;

/** 100 * T_df(t) with t = (x - mean) / (sdUsed * sqrt((n + 1) / n)); df = n - 1 (vb-1) or dfUsed (vb-2). */
export function crawfordHowellPercentile(x: number, mean: number, sdUsed: number, n: number, df = n - 1): number {
  const t = (x - mean) / (sdUsed * Math.sqrt((n + 1) / n));
  return 100 * studentTCdf(t, df);
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

/**
 * The 95% limits of the noncentrality of an observed t with df degrees of freedom: `low` with
 * NCT_df,low(t) = 0.975 and `high` with NCT_df,high(t) = 0.025 (as MBESS conf.limits.nct).
 */
export function noncentralityLimits(t: number, df: number): { low: number; high: number } {
  const cdf = noncentralTCdfAt(t, df);
  return { low: solveDelta(cdf, t, df, 0.975, Z_975), high: solveDelta(cdf, t, df, 0.025, -Z_975) };
}

/** 95% interval of the percentile with c = (x - mean) / sdUsed: deltas of the noncentral t, mapped by Phi. */
export function crawfordGarthwaiteInterval(c: number, n: number, df = n - 1): { ciLow: number; ciHigh: number } {
  const d = c * Math.sqrt(n);
  const { low: deltaLow, high: deltaHigh } = noncentralityLimits(d, df);
  const rootN = Math.sqrt(n);
  return { ciLow: 100 * normalCdf(deltaLow / rootN), ciHigh: 100 * normalCdf(deltaHigh / rootN) };
}
