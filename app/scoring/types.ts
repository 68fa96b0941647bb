// Public data shapes of the engine (vb-1 and vb-2); everything here is JSON-serialisable.

export const ALGORITHM_VERSIONS = ["vb-1", "vb-2"] as const;
export type AlgorithmVersion = (typeof ALGORITHM_VERSIONS)[number];
/** The algorithm new benchmarks and the `score` command use (SCORING.md). */
export const CURRENT_ALGORITHM: AlgorithmVersion = "vb-2";

export function isAlgorithmVersion(value: unknown): value is AlgorithmVersion {
  return (ALGORITHM_VERSIONS as readonly unknown[]).includes(value);
}

/** Top agents form the benchmark; comparison agents are ordinary agents of the team (vb-2, section 11). */
export type AgentGroup = "top" | "comparison";

/** Item id -> raw answer: an integer for likert, rating and attention items, an option id for scenarios. */
export type Answers = Record<string, number | string | null>;

export interface RespondentInput {
  respondent: string;
  answers: Answers;
  /** Seconds spent per answered item (web only); absent = no speeding check. */
  itemSeconds?: number[];
  /** Agents only (vb-2): absent = "top". vb-1 refuses "comparison". Ignored for candidates. */
  group?: AgentGroup;
}

export type FlagName = "long-string" | "no-variance" | "attention" | "impression" | "speeding";

export interface FlagResult {
  flags: FlagName[];
  hard: boolean;
  review: boolean;
}

export interface BenchmarkOverrides {
  /** Hard-flagged agents a recruiter re-included. */
  include?: string[];
  /** Agents a recruiter excluded (wins over include). */
  exclude?: string[];
}

export interface ExcludedAgent {
  respondent: string;
  flags: FlagName[];
  reason: "flags" | "recruiter";
}

export interface ValueStats {
  n: number;
  mean: number | null;
  sd: number | null;
  sdUsed: number | null;
  /** vb-2 only (absent under vb-1): n - 1 for n >= 10, n + 3 for 5 <= n <= 9, null for n < 5. */
  dfUsed?: number | null;
  median: number | null;
  p10: number | null;
  p90: number | null;
  alpha: number | null;
}

export interface ScenarioConsensus {
  /** Included agents who answered the item. */
  m: number;
  /** Option id -> (c + 1) / (m + K), in option order. */
  shares: Record<string, number>;
  /** m >= 5: the item is scored; otherwise it is dropped from its value for everyone. */
  scored: boolean;
}

export interface BenchmarkSnapshot {
  algorithmVersion: AlgorithmVersion;
  questionnaire: { id: string; version: number };
  /** Every top agent row, excluded ones too. */
  agents: number;
  /** Respondent ids of included top agents, in input order. */
  included: string[];
  /** Top agents, in input order. */
  excluded: ExcludedAgent[];
  values: Record<string, ValueStats>;
  scenarios: Record<string, ScenarioConsensus>;
  /** vb-2 only: top agents against the comparison agents (section 11); null without comparison agents. */
  contrast?: ContrastReport | null;
}

export type Verdict = "distinguishes" | "reversed" | "unclear";

export interface ContrastValue {
  nTop: number;
  nComparison: number;
  meanTop: number | null;
  meanComparison: number | null;
  sdPooled: number | null;
  d: number | null;
  g: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  verdict: Verdict | null;
}

export interface ContrastReport {
  /** Every comparison agent row, excluded ones too. */
  agents: number;
  /** Comparison agents with a hard flag (or excluded by a recruiter), in input order. */
  excluded: { respondent: string; flags: FlagName[] }[];
  values: Record<string, ContrastValue>;
}

/** A Pearson correlation with an outcome metric (section 12). */
export interface Correlation {
  n: number;
  r: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  p: number | null;
  rCritical: number | null;
}

export interface MetricOutcomes {
  agents: { values: Record<string, Correlation> };
  candidates: { values: Record<string, Correlation>; overall: Correlation };
}

/** An outcomes CSV (section 2): metrics in the order of their first row; respondent id -> metric -> value. */
export interface OutcomeTable {
  metrics: string[];
  values: Map<string, Map<string, number>>;
}

export type Band = "below" | "within" | "above";

export interface CandidateValueResult {
  score: number | null;
  percentile: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  alignment: number | null;
  band: Band | null;
  uncertain: boolean | null;
}

export interface CandidateResult {
  respondent: string;
  flags: FlagName[];
  review: boolean;
  values: Record<string, CandidateValueResult>;
  overall: number | null;
  minAlignment: number | null;
  belowValues: string[];
  incomplete: boolean;
}

/** The `score` document (section 8). vb-1 has no `contrast` and `outcomes` keys and no `dfUsed`. */
export interface ScoreReport {
  algorithmVersion: AlgorithmVersion;
  questionnaire: { id: string; version: number };
  benchmark: {
    agents: number;
    excluded: { respondent: string; flags: FlagName[] }[];
    values: Record<string, ValueStats>;
    scenarios: Record<string, { m: number; shares: Record<string, number> }>;
  };
  contrast?: ContrastReport | null;
  candidates: CandidateResult[];
  /** Metric -> correlations, metrics in the order of their first row; null without outcomes. */
  outcomes?: Record<string, MetricOutcomes> | null;
}

/**
 * A benchmark snapshot as stored (benchmarks.snapshot_json): snapshots stored before vb-2 have no
 * algorithmVersion and are vb-1.
 */
export function parseStoredSnapshot(snapshot: string | object): BenchmarkSnapshot {
  const parsed = (typeof snapshot === "string" ? JSON.parse(snapshot) : snapshot) as Omit<
    BenchmarkSnapshot,
    "algorithmVersion"
  > & { algorithmVersion?: unknown };
  const version = parsed.algorithmVersion ?? "vb-1";
  if (!isAlgorithmVersion(version)) throw new Error(`unknown algorithm version ${JSON.stringify(version)}`);
  return parsed.algorithmVersion === version ? (parsed as BenchmarkSnapshot) : { ...parsed, algorithmVersion: version };
}

export class InvalidAnswerError extends Error {
  constructor(
    readonly respondent: string,
    readonly itemId: string,
    detail: string,
  ) {
    super(`respondent "${respondent}", item "${itemId}": ${detail}`);
    this.name = "InvalidAnswerError";
  }
}
