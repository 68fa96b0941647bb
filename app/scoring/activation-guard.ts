// When activating a benchmark needs a written reason (issue 21, point 6): a value whose items the agents answer too
// inconsistently to trust (alpha below GUARD_MIN_ALPHA), or a value with fewer than MIN_BENCHMARK_N included agents
// with a score (no percentiles on it). Plain data in, plain data out; the wording lives with the benchmark page.
import { MIN_BENCHMARK_N } from "./benchmark";
import type { BenchmarkSnapshot } from "./types";

/** Below this Cronbach's alpha a value's agents disagree too much to activate without a reason. */
export const GUARD_MIN_ALPHA = 0.5;

export type ActivationConcern =
  { kind: "low-alpha"; valueId: string; alpha: number } | { kind: "few-agents"; valueId: string; n: number };

/** The concerns of a draft snapshot, per value in the given order: few agents first, then low alpha. */
export function activationConcerns(snapshot: BenchmarkSnapshot, valueIds: readonly string[]): ActivationConcern[] {
  const concerns: ActivationConcern[] = [];
  for (const valueId of valueIds) {
    const stats = snapshot.values[valueId];
    const n = stats?.n ?? 0;
    if (n < MIN_BENCHMARK_N) concerns.push({ kind: "few-agents", valueId, n });
    if (stats && stats.alpha !== null && stats.alpha < GUARD_MIN_ALPHA) {
      concerns.push({ kind: "low-alpha", valueId, alpha: stats.alpha });
    }
  }
  return concerns;
}
