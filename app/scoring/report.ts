// The whole document of the `score` command (SCORING.md section 8).
import type { Questionnaire } from "../questionnaire/types";
import { buildBenchmark } from "./benchmark";
import { agentValueScores, scoreCandidate } from "./candidate";
import { correlation } from "./outcomes";
import {
  CURRENT_ALGORITHM,
  type AlgorithmVersion,
  type BenchmarkSnapshot,
  type CandidateResult,
  type Correlation,
  type MetricOutcomes,
  type OutcomeTable,
  type RespondentInput,
  type ScoreReport,
} from "./types";

export interface ScoreAllOptions {
  /** Default: the current algorithm (vb-2). */
  algorithm?: AlgorithmVersion;
  /** An outcomes table (vb-2 only, section 12); absent = `outcomes: null`. */
  outcomes?: OutcomeTable;
}

/** The correlation of x (null = no score) with the metric over the respondents that have both. */
function correlate(
  respondents: readonly string[],
  xs: readonly (number | null)[],
  outcomes: OutcomeTable,
  metric: string,
): Correlation {
  const x: number[] = [];
  const y: number[] = [];
  respondents.forEach((respondent, i) => {
    const value = outcomes.values.get(respondent)?.get(metric);
    const score = xs[i];
    if (score === null || value === undefined) return;
    x.push(score);
    y.push(value);
  });
  return correlation(x, y);
}

/** Section 12: per metric, the agents' (included, both groups) and the candidates' correlations. */
export function outcomeCorrelations(
  q: Questionnaire,
  snapshot: BenchmarkSnapshot,
  agents: readonly RespondentInput[],
  candidates: readonly RespondentInput[],
  results: readonly CandidateResult[],
  outcomes: OutcomeTable,
): Record<string, MetricOutcomes> {
  const excluded = new Set([
    ...snapshot.excluded.map((e) => e.respondent),
    ...(snapshot.contrast?.excluded ?? []).map((e) => e.respondent),
  ]);
  const included = agents.filter((agent) => !excluded.has(agent.respondent));
  const agentIds = included.map((agent) => agent.respondent);
  const agentScores = included.map((agent) => agentValueScores(q, snapshot, agent));
  const candidateIds = results.map((result) => result.respondent);
  const report: Record<string, MetricOutcomes> = {};
  for (const metric of outcomes.metrics) {
    const agentValues: Record<string, Correlation> = {};
    const candidateValues: Record<string, Correlation> = {};
    for (const value of q.values) {
      agentValues[value.id] = correlate(
        agentIds,
        agentScores.map((scores) => scores[value.id]),
        outcomes,
        metric,
      );
      candidateValues[value.id] = correlate(
        candidateIds,
        results.map((result) => result.values[value.id].score),
        outcomes,
        metric,
      );
    }
    report[metric] = {
      agents: { values: agentValues },
      candidates: {
        values: candidateValues,
        overall: correlate(
          candidateIds,
          results.map((result) => result.overall),
          outcomes,
          metric,
        ),
      },
    };
  }
  return report;
}

export function scoreAll(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  candidates: readonly RespondentInput[],
  options: ScoreAllOptions = {},
): ScoreReport {
  const algorithm = options.algorithm ?? CURRENT_ALGORITHM;
  if (algorithm === "vb-1" && options.outcomes) throw new Error("outcomes need algorithm vb-2");
  const snapshot = buildBenchmark(q, agents, {}, algorithm);
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.respondent)) throw new Error(`duplicate candidate "${candidate.respondent}"`);
    seen.add(candidate.respondent);
  }
  const scenarios: ScoreReport["benchmark"]["scenarios"] = {};
  for (const [id, consensus] of Object.entries(snapshot.scenarios))
    scenarios[id] = { m: consensus.m, shares: consensus.shares };
  const benchmark: ScoreReport["benchmark"] = {
    agents: snapshot.agents,
    excluded: snapshot.excluded.map(({ respondent, flags }) => ({ respondent, flags })),
    values: snapshot.values,
    scenarios,
  };
  const results = candidates.map((candidate) => scoreCandidate(q, snapshot, candidate));
  const head = { algorithmVersion: algorithm, questionnaire: { id: q.id, version: q.version }, benchmark };
  if (algorithm === "vb-1") return { ...head, candidates: results };
  return {
    ...head,
    contrast: snapshot.contrast ?? null,
    candidates: results,
    outcomes: options.outcomes ? outcomeCorrelations(q, snapshot, agents, candidates, results, options.outcomes) : null,
  };
}
