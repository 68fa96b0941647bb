// Statistics of `npm run bench` (issue 19): every figure is the median of several runs with their min and max.
// Plain TypeScript, no app imports, so unit tests and every bench module can use it.

/** Median, min and max of a figure's runs; `runs` keeps the order the runs were measured in. */
export type RunSummary = { median: number; min: number; max: number; runs: number[] };

/** The q-quantile by the nearest-rank method (the value at rank ceil(q·n), 1-based); NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be between 0 and 1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** The median: the middle value, or the mean of the two middle values for an even count; NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of the runs of one figure; refuses an empty list (a figure without runs is not a figure). */
export function summarizeRuns(runs: readonly number[]): RunSummary {
  if (runs.length === 0) throw new Error("summarizeRuns: no runs to summarize");
  if (runs.some((r) => !Number.isFinite(r)))
    throw new Error(`summarizeRuns: a run is not a number: ${runs.join(", ")}`);
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: [...runs] };
}

/** "median 5.2 (4.9–6.1, 5 runs)" with the given decimals. */
export function formatSummary(s: RunSummary, digits = 1, unit = ""): string {
  const f = (x: number) => `${x.toFixed(digits)}${unit}`;
  return `median ${f(s.median)} (${f(s.min)}–${f(s.max)}, ${s.runs.length} runs)`;
}
