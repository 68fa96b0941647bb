// The whole document of the `score` command (SCORING.md section 8).
import type { Questionnaire } from "../questionnaire/types";
import { buildBenchmark } from "./benchmark";
import { scoreCandidate } from "./candidate";
import { ALGORITHM_VERSION, type RespondentInput, type ScoreReport } from "./types";

export function scoreAll(
  q: Questionnaire,
  agents: readonly RespondentInput[],
  candidates: readonly RespondentInput[],
): ScoreReport {
  const snapshot = buildBenchmark(q, agents);
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.respondent)) throw new Error(`duplicate candidate "${candidate.respondent}"`);
    seen.add(candidate.respondent);
  }
  const scenarios: ScoreReport["benchmark"]["scenarios"] = {};
  for (const [id, consensus] of Object.entries(snapshot.scenarios))
    scenarios[id] = { m: consensus.m, shares: consensus.shares };
  return {
    algorithmVersion: ALGORITHM_VERSION,
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
