// Public data shapes of the vb-1 engine; everything here is JSON-serialisable.

export const ALGORITHM_VERSION = "vb-1";
export type AlgorithmVersion = typeof ALGORITHM_VERSION;

/** Item id -> raw answer: an integer for likert, rating and attention items, an option id for scenarios. */
export type Answers = Record<string, number | string | null>;

export interface RespondentInput {
  respondent: string;
  answers: Answers;
  /** Seconds spent per answered item (web only); absent = no speeding check. */
  itemSeconds?: number[];
}

export type FlagName = "long-string" | "no-variance" | "attention" | "speeding";

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
  /** Every agent row, excluded ones too. */
  agents: number;
  /** Respondent ids of included agents, in input order. */
  included: string[];
  /** In input order. */
  excluded: ExcludedAgent[];
  values: Record<string, ValueStats>;
  scenarios: Record<string, ScenarioConsensus>;
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

export interface ScoreReport {
  algorithmVersion: AlgorithmVersion;
  questionnaire: { id: string; version: number };
  benchmark: {
    agents: number;
    excluded: { respondent: string; flags: FlagName[] }[];
    values: Record<string, ValueStats>;
    scenarios: Record<string, { m: number; shares: Record<string, number> }>;
  };
  candidates: CandidateResult[];
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
