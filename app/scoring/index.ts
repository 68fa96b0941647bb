// Public API of the scoring engine (vb-1 and vb-2): pure functions of plain data (SCORING.md).
export {
  ALGORITHM_VERSIONS,
  CURRENT_ALGORITHM,
  InvalidAnswerError,
  isAlgorithmVersion,
  parseStoredSnapshot,
} from "./types";
export type {
  AgentGroup,
  AlgorithmVersion,
  ContrastReport,
  ContrastValue,
  Correlation,
  MetricOutcomes,
  OutcomeTable,
  Verdict,
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
export { consensusCounts } from "./consensus";
export { activationConcerns, GUARD_MIN_ALPHA, type ActivationConcern } from "./activation-guard";
export { MIN_BENCHMARK_N, FULL_BENCHMARK_N } from "./benchmark";
export { buildBenchmark, leaveOneOutMeans, type LeaveOneOutMeans } from "./benchmark";
export { agentValueScores, scoreCandidate, tableReachableScores } from "./candidate";
export { outcomeCorrelations, scoreAll, type ScoreAllOptions } from "./report";
export { dfUsedOf } from "./benchmark";
export { standardizedDifference, verdictOf } from "./contrast";
export { correlation, correlationP, criticalR } from "./outcomes";
export { presentationOrder, valueItemsInPresentationOrder, type PresentedItem } from "./presentation-order";
export { adverseImpact, type AdverseImpactRow, type SelectionCount } from "./fairness";
export { reverseKey } from "./plan";
