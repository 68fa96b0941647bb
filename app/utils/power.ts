// Sample sizes for the validity page (issue 17): how many people a difference or a correlation of a given size needs
// to be seen at 80% power, two-sided 5% level. Pure; the distributions are the engine's (app/scoring).
import { brentRoot, noncentralTCdf, normalCdf, studentTQuantile } from "~/scoring/distributions";

export const POWER = 0.8;
export const ALPHA = 0.05;
/** The effect sizes the page plans for: a medium difference (Cohen's d) and a moderate correlation. */
export const PLANNED_D = 0.5;
export const PLANNED_R = 0.3;

/** Phi^-1(p) by root finding on the engine's normal CDF. */
export function normalQuantile(p: number): number {
  return brentRoot((z) => normalCdf(z) - p, -40, 40);
}

/** Power of the two-sided two-sample t test with n per group for a true standardized difference d (noncentral t). */
export function twoSampleTPower(d: number, nPerGroup: number, alpha = ALPHA): number {
  const df = 2 * nPerGroup - 2;
  const ncp = d * Math.sqrt(nPerGroup / 2);
  const tc = studentTQuantile(1 - alpha / 2, df);
  return 1 - noncentralTCdf(tc, df, ncp) + noncentralTCdf(-tc, df, ncp);
}

/** The smallest number per group with which the t test finds a difference d with the given power (d = 0.5: 64). */
export function agentsPerGroupForD(d = PLANNED_D, power = POWER, alpha = ALPHA): number {
  let n = 2;
  while (twoSampleTPower(d, n, alpha) < power) n += 1;
  return n;
}

/** People needed to find a correlation r with the given power, by Fisher's z (r = .30: 85). */
export function peopleForR(r = PLANNED_R, power = POWER, alpha = ALPHA): number {
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z / Math.atanh(r)) ** 2 + 3);
}
