// The values benchmark of the included agents (SCORING.md sections 4 and 5).
import type { Questionnaire } from "../questionnaire/types";
import { scenarioConsensus } from "./consensus";
import { computeFlags } from "./flags";
import { questionnairePlan, readScenario } from "./plan";
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
  included: RespondentInput[];
  excluded: ExcludedAgent[];
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
): AgentSelection {
  const excludedByRecruiter = new Set(overrides.exclude ?? []);
  const reincluded = new Set(overrides.include ?? []);
  const included: RespondentInput[] = [];
  const excluded: ExcludedAgent[] = [];
  for (const agent of agents) {
    const { flags, hard } = computeFlags(q, agent);
    if (excludedByRecruiter.has(agent.respondent))
      excluded.push({ respondent: agent.respondent, flags, reason: "recruiter" });
    else if (hard && !reincluded.has(agent.respondent))
      excluded.push({ respondent: agent.respondent, flags, reason: "flags" });
    else included.push(agent);
  }
  return { included, excluded };
}

function scenarioBenchmark(q: Questionnaire, included: readonly RespondentInput[]): Record<string, ScenarioConsensus> {
  const scenarios: Record<string, ScenarioConsensus> = {};
  for (const item of questionnairePlan(q).scenarios) {
    const choices = included.map((agent) => readScenario(agent.respondent, agent.answers, item));
    scenarios[item.id] = scenarioConsensus(item, choices);
  }
  return scenarios;
}

/** Alpha over agents who answered every scored item of the value. */
function valueAlpha(scorer: ValueScorer, included: readonly RespondentInput[]): number | null {
  const rows: number[][] = [];
  for (const agent of included) {
    const row = scorer.items.map((scored) => itemScore(agent.respondent, agent.answers, scored));
    if (row.every((p) => p !== null)) rows.push(row as number[]);
  }
  return cronbachAlpha(rows);
}

function describe(scores: readonly number[], alpha: number | null): ValueStats {
  const sorted = ascending(scores);
  return {
    n: sorted.length,
    mean: mean(sorted),
    sd: sampleSd(sorted),
    sdUsed: null,
    median: quantileType7(sorted, 0.5),
    p10: quantileType7(sorted, 0.1),
    p90: quantileType7(sorted, 0.9),
    alpha,
  };
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

export function buildBenchmark(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  overrides: BenchmarkOverrides = {},
  algorithm: AlgorithmVersion = CURRENT_ALGORITHM,
): BenchmarkSnapshot {
  assertUniqueRespondents(agents);
  const { included, excluded } = selectAgents(q, agents, overrides);
  const scenarios = scenarioBenchmark(q, included);
  const scorer = responseScorer(questionnairePlan(q), scenarios);
  for (const agent of agents) validateDropped(agent.respondent, agent.answers, scorer);
  const described = scorer.values.map((valueScorer) => {
    const scores: number[] = [];
    for (const agent of included) {
      const score = valueScore(agent.respondent, agent.answers, valueScorer);
      if (score !== null) scores.push(score);
    }
    return describe(scores, valueAlpha(valueScorer, included));
  });
  const pooled = pooledVariance(described);
  const values: Record<string, ValueStats> = {};
  scorer.values.forEach((valueScorer, index) => {
    const stats = described[index];
    values[valueScorer.value.id] = { ...stats, sdUsed: spreadUsed(stats, pooled) };
  });
  return {
    algorithmVersion: algorithm,
    questionnaire: { id: q.id, version: q.version },
    agents: agents.length,
    included: included.map((agent) => agent.respondent),
    excluded,
    values,
    scenarios,
  };
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
): LeaveOneOutMeans[] {
  const full = buildBenchmark(q, agents, overrides);
  return full.included.map((respondent) => {
    const without = buildBenchmark(q, agents, { ...overrides, exclude: [...(overrides.exclude ?? []), respondent] });
    const means: Record<string, number | null> = {};
    for (const value of q.values) means[value.id] = without.values[value.id].mean;
    return { respondent, means };
  });
}
