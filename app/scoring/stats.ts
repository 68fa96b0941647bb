// Descriptive statistics. Inputs are sorted first where order could change the last bit of a sum,
// so results do not depend on the order of respondents.

export function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of ascending(values)) sum += value;
  return sum / values.length;
}

/** Sample variance (n - 1); null when n < 2. */
export function sampleVariance(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const sorted = ascending(values);
  const center = mean(sorted) as number;
  let squares = 0;
  for (const value of sorted) squares += (value - center) * (value - center);
  return squares / (values.length - 1);
}

export function sampleSd(values: readonly number[]): number | null {
  const variance = sampleVariance(values);
  return variance === null ? null : Math.sqrt(variance);
}

/** R's quantile type 7: linear interpolation between order statistics; `sorted` must be ascending. */
export function quantileType7(sorted: readonly number[], probability: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * probability;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}

const ZERO_VARIANCE = 1e-12;

/**
 * Raw Cronbach alpha (psych's raw_alpha) of `rows` (respondents) x k items.
 * Null with fewer than 3 rows, fewer than 2 items, or a total-score variance of 0.
 */
export function cronbachAlpha(rows: readonly (readonly number[])[]): number | null {
  const k = rows.length > 0 ? rows[0].length : 0;
  if (rows.length < 3 || k < 2) return null;
  let itemVarianceSum = 0;
  for (let item = 0; item < k; item += 1) {
    itemVarianceSum += sampleVariance(rows.map((row) => row[item])) as number;
  }
  const totals = rows.map((row) => ascending(row).reduce((sum, p) => sum + p, 0));
  const totalVariance = sampleVariance(totals) as number;
  if (totalVariance <= ZERO_VARIANCE) return null;
  return (k / (k - 1)) * (1 - itemVarianceSum / totalVariance);
}

export function median(values: readonly number[]): number | null {
  return quantileType7(ascending(values), 0.5);
}
