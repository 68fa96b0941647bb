import type { ScenarioItemPlan } from "./plan";
import type { ScenarioConsensus } from "./types";

/** Below this many answering agents a scenario item is not scored for anyone. */
export const MIN_SCENARIO_AGENTS = 5;

/** share_k = (c_k + 1) / (m + K) over the included agents' choices (null = unanswered). */
export function scenarioConsensus(item: ScenarioItemPlan, choices: readonly (string | null)[]): ScenarioConsensus {
  const counts = new Map<string, number>(item.optionIds.map((id) => [id, 0]));
  let m = 0;
  for (const choice of choices) {
    if (choice === null) continue;
    m += 1;
    counts.set(choice, (counts.get(choice) ?? 0) + 1);
  }
  const optionCount = item.optionIds.length;
  const shares: Record<string, number> = {};
  for (const id of item.optionIds) shares[id] = ((counts.get(id) ?? 0) + 1) / (m + optionCount);
  return { m, shares, scored: m >= MIN_SCENARIO_AGENTS };
}

/** Item score p = share_j / max_k share_k of each option. */
export function consensusScores(item: ScenarioItemPlan, consensus: ScenarioConsensus): Map<string, number> {
  const top = Math.max(...item.optionIds.map((id) => consensus.shares[id]));
  return new Map(item.optionIds.map((id) => [id, consensus.shares[id] / top]));
}

/**
 * The agents' counts c_k behind the stored shares: c_k = share_k * (m + K) - 1, an integer (rounded against floating
 * point). The snapshot keeps the shares only; reports show these counts beside them ("0 of 7 agents").
 */
export function consensusCounts(optionIds: readonly string[], consensus: ScenarioConsensus): Record<string, number> {
  const optionCount = optionIds.length;
  return Object.fromEntries(
    optionIds.map((id) => [id, Math.round((consensus.shares[id] ?? 0) * (consensus.m + optionCount)) - 1]),
  );
}

/**
 * vb-2 leave-one-out (section 5): the item score of an included top agent who chose option j, against the
 * consensus of the others: share_k = (c_k - [k = j] + 1) / (m - 1 + K), p = share_j / max_k share_k.
 * The counts c_k are recovered from the stored shares (c_k = share_k * (m + K) - 1, an integer).
 */
export function leaveOneOutScores(item: ScenarioItemPlan, consensus: ScenarioConsensus): Map<string, number> {
  const optionCount = item.optionIds.length;
  const byOption = consensusCounts(item.optionIds, consensus);
  const counts = item.optionIds.map((id) => byOption[id]);
  const denominator = consensus.m - 1 + optionCount;
  const scores = new Map<string, number>();
  item.optionIds.forEach((chosen, j) => {
    if (counts[j] < 1) return; // nobody chose it: no included agent can have chosen it
    const shares = counts.map((c, k) => (c - (k === j ? 1 : 0) + 1) / denominator);
    scores.set(chosen, shares[j] / Math.max(...shares));
  });
  return scores;
}
