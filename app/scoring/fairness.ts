// Adverse-impact check (SCORING.md section 9). Takes counts only: demographics never reach the engine.
import { logGamma } from "./distributions";

export const FOUR_FIFTHS = 0.8;
export const SMALL_GROUP_SHARE = 0.02;
const FISHER_RELATIVE_ERROR = 1 + 1e-7;

export interface SelectionCount {
  group: string;
  selected: number;
  total: number;
}

export interface AdverseImpactRow extends SelectionCount {
  rate: number | null;
  /** The highest-rate group that the others are compared with. */
  reference: boolean;
  /** Under 2% of the total: listed, left out of ratios and tests. */
  excludedSmall: boolean;
  impactRatio: number | null;
  flagged: boolean;
  /** Pooled two-proportion z of (reference rate - this rate); null for the reference itself. */
  z: number | null;
  /** Fisher's exact test, two-sided, against the reference group. */
  fisherP: number | null;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Two-sided Fisher exact p of the 2x2 table [[a, b], [c, d]] (R's fisher.test convention). */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const low = Math.max(0, col1 - row2);
  const high = Math.min(col1, row1);
  const logP: number[] = [];
  for (let x = low; x <= high; x += 1) logP.push(logChoose(row1, x) + logChoose(row2, col1 - x));
  const top = Math.max(...logP);
  const weights = logP.map((lp) => Math.exp(lp - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const observed = weights[a - low] * FISHER_RELATIVE_ERROR;
  const extreme = weights.filter((w) => w <= observed).reduce((sum, w) => sum + w, 0);
  return Math.min(1, extreme / total);
}

/** Pooled two-proportion z statistic of (x1/n1 - x2/n2); null when the pooled variance is 0. */
export function pooledTwoProportionZ(x1: number, n1: number, x2: number, n2: number): number | null {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se > 0 ? (x1 / n1 - x2 / n2) / se : null;
}

function assertCounts(groups: readonly SelectionCount[]): void {
  for (const g of groups) {
    if (!Number.isInteger(g.selected) || !Number.isInteger(g.total) || g.selected < 0 || g.selected > g.total) {
      throw new RangeError(`group "${g.group}": selected ${g.selected} of ${g.total} is not a valid count`);
    }
  }
}

export function adverseImpact(groups: readonly SelectionCount[]): AdverseImpactRow[] {
  assertCounts(groups);
  const grandTotal = groups.reduce((sum, g) => sum + g.total, 0);
  const isSmall = (g: SelectionCount) => g.total === 0 || g.total / grandTotal < SMALL_GROUP_SHARE;
  let reference: SelectionCount | null = null;
  for (const g of groups) {
    if (!isSmall(g) && (reference === null || g.selected / g.total > reference.selected / reference.total))
      reference = g;
  }
  return groups.map((g): AdverseImpactRow => {
    const rate = g.total > 0 ? g.selected / g.total : null;
    const base = { group: g.group, selected: g.selected, total: g.total, rate };
    const blank = { impactRatio: null, flagged: false, z: null, fisherP: null };
    if (isSmall(g) || reference === null) return { ...base, reference: false, excludedSmall: isSmall(g), ...blank };
    const referenceRate = reference.selected / reference.total;
    const impactRatio = referenceRate > 0 ? (rate as number) / referenceRate : null;
    const flagged = impactRatio !== null && impactRatio < FOUR_FIFTHS;
    if (g === reference) return { ...base, reference: true, excludedSmall: false, ...blank, impactRatio, flagged };
    return {
      ...base,
      reference: false,
      excludedSmall: false,
      impactRatio,
      flagged,
      z: pooledTwoProportionZ(reference.selected, reference.total, g.selected, g.total),
      fisherP: fisherExactTwoSided(
        reference.selected,
        reference.total - reference.selected,
        g.selected,
        g.total - g.selected,
      ),
    };
  });
}
