// The whole document of the `score` command (SCORING.md section 8).
import type { Questionnaire } from "../questionnaire/types";
import { buildBenchmark } from "./benchmark";
import { scoreCandidate } from "./candidate";
import {
  CURRENT_ALGORITHM,
  type AlgorithmVersion,
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

export function scoreAll(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  candidates: readonly RespondentInput[],
  options: ScoreAllOptions = {},
): ScoreReport {
  const algorithm = options.algorithm ?? CURRENT_ALGORITHM;
  const snapshot = buildBenchmark(q, agents, {}, algorithm);
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.respondent)) throw new Error(`duplicate candidate "${candidate.respondent}"`);
    seen.add(candidate.respondent);
  }
  const scenarios: ScoreReport["benchmark"]["scenarios"] = {};
  for (const [id, consensus] of Object.entries(snapshot.scenarios))
    scenarios[id] = { m: consensus.m, shares: consensus.shares };
  return {
    algorithmVersion: algorithm,
    questionnaire: { id: q.id, version: q.version },
    benchmark: {
      agents: snapshot.agents,
      excluded: snapshot.excluded.map(({ respondent, flags }) => ({ respondent, flags })),
      values: snapshot.values,
      scenarios,
    },
    candidates: candidates.map((candidate) => scoreCandidate(q, snapshot, candidate)),
  };
}
