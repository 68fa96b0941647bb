// Public API of the vb-1 scoring engine: pure functions of plain data (SCORING.md).
export { ALGORITHM_VERSION, InvalidAnswerError } from "./types";
export type {
  AlgorithmVersion,
  Answers,
  Band,
  BenchmarkOverrides,
  BenchmarkSnapshot,
  CandidateResult,
  CandidateValueResult,
  ExcludedAgent,
  FlagName,
  FlagResult,
  RespondentInput,
  ScenarioConsensus,
  ScoreReport,
  ValueStats,
} from "./types";
export { computeFlags } from "./flags";
export { buildBenchmark, leaveOneOutMeans, type LeaveOneOutMeans } from "./benchmark";
export { agentValueScores, scoreCandidate } from "./candidate";
export { scoreAll } from "./report";
export { adverseImpact, type AdverseImpactRow, type SelectionCount } from "./fairness";
export { reverseKey } from "./plan";
