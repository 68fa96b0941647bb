// The values benchmark of the included agents (SCORING.md sections 4 and 5).
import type { Questionnaire } from "../questionnaire/types";
import { scenarioConsensus } from "./consensus";
import { computeFlags } from "./flags";
import { questionnairePlan, readScenario } from "./plan";
import { computeContrast } from "./contrast";
import { ascending, cronbachAlpha, mean, quantileType7, sampleSd } from "./stats";
import {
  CURRENT_ALGORITHM,
  type AlgorithmVersion,
  type BenchmarkOverrides,
  type BenchmarkSnapshot,
  type ExcludedAgent,
  type RespondentInput,
  type ScenarioConsensus,
  type ValueStats,
} from "./types";
import { itemScore, responseScorer, validateDropped, valueScore, type ValueScorer } from "./values";

export const MIN_BENCHMARK_N = 5;
export const FULL_BENCHMARK_N = 10;
export const SHRINKAGE_WEIGHT = 4;
export const SD_FLOOR = 2.5;

interface AgentSelection {
  /** Included top agents: they form the benchmark. */
  included: RespondentInput[];
  /** Excluded top agents. */
  excluded: ExcludedAgent[];
  /** Included comparison agents (vb-2, section 11). */
  comparison: RespondentInput[];
  /** Excluded comparison agents. */
  comparisonExcluded: ExcludedAgent[];
}

function assertUniqueRespondents(inputs: readonly RespondentInput[]): void {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input.respondent)) throw new Error(`duplicate respondent "${input.respondent}"`);
    seen.add(input.respondent);
  }
}

function selectAgents(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  overrides: BenchmarkOverrides,
  algorithm: AlgorithmVersion,
): AgentSelection {
  const excludedByRecruiter = new Set(overrides.exclude ?? []);
  const reincluded = new Set(overrides.include ?? []);
  const selection: AgentSelection = { included: [], excluded: [], comparison: [], comparisonExcluded: [] };
  for (const agent of agents) {
    const comparison = agent.group === "comparison";
    if (comparison && algorithm === "vb-1")
      throw new Error(`agent "${agent.respondent}": a comparison group needs algorithm vb-2`);
    const { flags, hard } = computeFlags(q, agent, algorithm);
    const excluded = comparison ? selection.comparisonExcluded : selection.excluded;
    if (excludedByRecruiter.has(agent.respondent))
      excluded.push({ respondent: agent.respondent, flags, reason: "recruiter" });
    else if (hard && !reincluded.has(agent.respondent))
      excluded.push({ respondent: agent.respondent, flags, reason: "flags" });
    else (comparison ? selection.comparison : selection.included).push(agent);
  }
  return selection;
}

function scenarioBenchmark(q: Questionnaire, included: readonly RespondentInput[]): Record<string, ScenarioConsensus> {
  const scenarios: Record<string, ScenarioConsensus> = {};
  for (const item of questionnairePlan(q).scenarios) {
    const choices = included.map((agent) => readScenario(agent.respondent, agent.answers, item));
    scenarios[item.id] = scenarioConsensus(item, choices);
  }
  return scenarios;
}

/**
 * Alpha over agents who answered every item it reads: vb-1 all scored items of the value, vb-2 its likert and
 * rating items only (scenario scores depend on the consensus).
 */
function valueAlpha(
  scorer: ValueScorer,
  included: readonly RespondentInput[],
  algorithm: AlgorithmVersion,
): number | null {
  const items = algorithm === "vb-1" ? scorer.items : scorer.items.filter((scored) => scored.kind === "scaled");
  const rows: number[][] = [];
  for (const agent of included) {
    const row = items.map((scored) => itemScore(agent.respondent, agent.answers, scored));
    if (row.every((p) => p !== null)) rows.push(row as number[]);
  }
  return cronbachAlpha(rows);
}

/** The value stats of section 4 (sdUsed and dfUsed filled in later); vb-2 has the `dfUsed` key, vb-1 does not. */
function describe(scores: readonly number[], alpha: number | null, algorithm: AlgorithmVersion): ValueStats {
  const sorted = ascending(scores);
  const head = { n: sorted.length, mean: mean(sorted), sd: sampleSd(sorted), sdUsed: null };
  const tail = {
    median: quantileType7(sorted, 0.5),
    p10: quantileType7(sorted, 0.1),
    p90: quantileType7(sorted, 0.9),
    alpha,
  };
  return algorithm === "vb-1" ? { ...head, ...tail } : { ...head, dfUsed: null, ...tail };
}

/** vb-2: the degrees of freedom that go with sdUsed: n - 1 (n >= 10), n - 1 + 4 (5..9, the prior's), else null. */
export function dfUsedOf(n: number): number | null {
  if (n < MIN_BENCHMARK_N) return null;
  return n >= FULL_BENCHMARK_N ? n - 1 : n - 1 + SHRINKAGE_WEIGHT;
}

/** Mean of sd^2 over the values with n >= 2 (the pooled spread s0^2). */
export function pooledVariance(stats: readonly ValueStats[]): number | null {
  const variances = stats.filter((s) => s.n >= 2 && s.sd !== null).map((s) => (s.sd as number) ** 2);
  if (variances.length === 0) return null;
  return variances.reduce((sum, v) => sum + v, 0) / variances.length;
}

export function spreadUsed(stats: ValueStats, pooled: number | null): number | null {
  if (stats.n < MIN_BENCHMARK_N || stats.sd === null) return null;
  const sd = stats.sd;
  const spread =
    stats.n >= FULL_BENCHMARK_N || pooled === null
      ? sd
      : Math.sqrt(((stats.n - 1) * sd * sd + SHRINKAGE_WEIGHT * pooled) / (stats.n - 1 + SHRINKAGE_WEIGHT));
  return Math.max(spread, SD_FLOOR);
}

/**
 * The benchmark of the included top agents under an algorithm (sections 4 and 5; vb-1: section 13 undone).
 * vb-2 scores the included top agents' scenario items leave-one-out and adds the contrast with the comparison
 * agents (section 11; null without comparison agents). vb-1 refuses comparison agents and virtue items.
 */
export function buildBenchmark(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  overrides: BenchmarkOverrides = {},
  algorithm: AlgorithmVersion = CURRENT_ALGORITHM,
): BenchmarkSnapshot {
  assertUniqueRespondents(agents);
  if (algorithm === "vb-1" && (q.virtues ?? []).length > 0)
    throw new Error(`questionnaire ${q.id}: virtue items need algorithm vb-2`);
  const { included, excluded, comparison, comparisonExcluded } = selectAgents(q, agents, overrides, algorithm);
  const scenarios = scenarioBenchmark(q, included);
  const scorer = responseScorer(questionnairePlan(q), scenarios);
  for (const agent of agents) validateDropped(agent.respondent, agent.answers, scorer);
  const leaveOneOut = algorithm !== "vb-1";
  const topScores = scorer.values.map((valueScorer) => {
    const scores: number[] = [];
    for (const agent of included) {
      const score = valueScore(agent.respondent, agent.answers, valueScorer, leaveOneOut);
      if (score !== null) scores.push(score);
    }
    return scores;
  });
  const described = scorer.values.map((valueScorer, index) =>
    describe(topScores[index], valueAlpha(valueScorer, included, algorithm), algorithm),
  );
  const pooled = pooledVariance(described);
  const values: Record<string, ValueStats> = {};
  scorer.values.forEach((valueScorer, index) => {
    const stats = described[index];
    values[valueScorer.value.id] =
      algorithm === "vb-1"
        ? { ...stats, sdUsed: spreadUsed(stats, pooled) }
        : { ...stats, sdUsed: spreadUsed(stats, pooled), dfUsed: dfUsedOf(stats.n) };
  });
  const snapshot: BenchmarkSnapshot = {
    algorithmVersion: algorithm,
    questionnaire: { id: q.id, version: q.version },
    agents: agents.length - comparison.length - comparisonExcluded.length,
    included: included.map((agent) => agent.respondent),
    excluded,
    values,
    scenarios,
  };
  if (algorithm === "vb-1") return snapshot;
  const comparisonAgents = comparison.length + comparisonExcluded.length;
  snapshot.contrast =
    comparisonAgents === 0
      ? null
      : computeContrast(
          scorer,
          values,
          topScores,
          comparison,
          comparisonAgents,
          comparisonExcluded.map(({ respondent, flags }) => ({ respondent, flags })),
        );
  return snapshot;
}

export interface LeaveOneOutMeans {
  respondent: string;
  /** Value id -> the benchmark mean without this agent (consensus recomputed too). */
  means: Record<string, number | null>;
}

/** Each included agent's pull on the mean: the benchmark rebuilt without that agent. */
export function leaveOneOutMeans(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  overrides: BenchmarkOverrides = {},
  algorithm: AlgorithmVersion = CURRENT_ALGORITHM,
): LeaveOneOutMeans[] {
  const full = buildBenchmark(q, agents, overrides, algorithm);
  return full.included.map((respondent) => {
    const without = buildBenchmark(
      q,
      agents,
      { ...overrides, exclude: [...(overrides.exclude ?? []), respondent] },
      algorithm,
    );
    const means: Record<string, number | null> = {};
    for (const value of q.values) means[value.id] = without.values[value.id].mean;
    return { respondent, means };
  });
}
