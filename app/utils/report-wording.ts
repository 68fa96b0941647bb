// Plain-language wording of the engine's results for recruiters. Formatting only: every number comes from ~/scoring.
import type { AlgorithmVersion, Band, CandidateValueResult, FlagName, ValueStats } from "~/scoring";
import { NO_VARIANCE_MIN_ANSWERS } from "~/scoring/flags";

/** The band's edges of SCORING.md section 7 (percentiles). */
const LOW_EDGE = 10;
const HIGH_EDGE = 90;

export type VerdictKind = "above" | "within" | "below" | "small-benchmark" | "no-score" | "not-scored";

export type ValueVerdict = {
  kind: VerdictKind;
  /** One sentence a recruiter reads first. */
  sentence: string;
  /** The 95% interval crosses 10 or 90: the band could be the neighbouring one. */
  uncertain: boolean;
  /** Worth probing in the interview: below, uncertain, or not comparable. */
  probe: boolean;
};

const BAND_SENTENCE: Record<Band, string> = {
  above: "Above most of your top agents",
  within: "Within the range of your top agents",
  below: "Below most of your top agents",
};

/** "1st", "2nd", "3rd", "11th", "62nd". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** A percentile rounded for reading: "62nd percentile", with the extremes said as such. */
export function percentileText(percentile: number): string {
  if (percentile < 1) return "below the 1st percentile";
  if (percentile > 99) return "above the 99th percentile";
  return `${ordinal(Math.round(percentile))} percentile`;
}

/** An interval's bounds rounded outward ("41–80"), so rounding never makes it look narrower than it is. */
export function intervalText(ciLow: number, ciHigh: number): string {
  return `${Math.floor(ciLow)}–${Math.ceil(ciHigh)}`;
}

/** "62nd percentile, 95% interval 41–80"; null when the value has no percentile. */
export function percentileWithInterval(v: Pick<CandidateValueResult, "percentile" | "ciLow" | "ciHigh">) {
  if (v.percentile === null || v.ciLow === null || v.ciHigh === null) return null;
  return `${percentileText(v.percentile)}, 95% interval ${intervalText(v.ciLow, v.ciHigh)}`;
}

/** Whole numbers for display; "–" for absent ones. */
export function whole(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : String(Math.round(n));
}

function crossedEdges(v: CandidateValueResult): number[] {
  if (v.ciLow === null || v.ciHigh === null) return [];
  return [LOW_EDGE, HIGH_EDGE].filter((e) => v.ciLow! < e && e < v.ciHigh!);
}

/** The sentence for one value of a candidate, given the benchmark's statistics of that value. */
export function valueVerdict(v: CandidateValueResult | undefined, stats: ValueStats | undefined): ValueVerdict {
  if (!v || v.score === null) {
    return { kind: "no-score", sentence: "Not enough answers to score this value", uncertain: false, probe: true };
  }
  if (!stats || stats.sdUsed === null || v.band === null) {
    const n = stats?.n ?? 0;
    return {
      kind: "small-benchmark",
      sentence: `Can't tell yet: the benchmark is small (n = ${n})`,
      uncertain: true,
      probe: true,
    };
  }
  const base = BAND_SENTENCE[v.band];
  const edges = crossedEdges(v);
  const uncertain = v.uncertain === true || edges.length > 0;
  if (!uncertain) return { kind: v.band, sentence: base, uncertain: false, probe: v.band === "below" };
  const where = edges.length ? edges.map((e) => `the ${ordinal(e)}`).join(" and ") : "a band edge";
  return {
    kind: v.band,
    sentence: `${base}, but uncertain: the 95% interval (${intervalText(v.ciLow!, v.ciHigh!)}) crosses ${where} percentile`,
    uncertain: true,
    probe: true,
  };
}

/** For a candidate who has no score at all yet (not submitted, or no active benchmark). */
export const NOT_SCORED_VERDICT: ValueVerdict = {
  kind: "not-scored",
  sentence: "Not scored yet",
  uncertain: false,
  probe: false,
};

/** Why a value is in the interview guide. */
export function probeReason(verdict: ValueVerdict): string {
  switch (verdict.kind) {
    case "below":
      return verdict.uncertain
        ? "Probably below your top agents, but the result is uncertain."
        : "Below most of your top agents.";
    case "small-benchmark":
      return "The benchmark is too small to compare on this value.";
    case "no-score":
      return "Too few answers to score this value.";
    default:
      return "The result is uncertain: the interval reaches into the neighbouring band.";
  }
}

/** What each answer-quality flag means (SCORING.md section 6), as the benchmark page and the reports say it. */
const FLAG_WORDING: Record<FlagName, string> = {
  "long-string": "Gave the same answer to 8 or more statements in a row (soft flag).",
  "no-variance":
    "Gave the same answer to every statement (at least {min}): the answers carry no information (hard flag).",
  attention: "Missed an attention check, e.g. did not answer 'Agree' where the statement asked for it (hard flag).",
  impression:
    "Agreed fully with statements few people can honestly endorse (such as “I have never been impatient with anyone”): the answers may describe an ideal rather than the person. Never changes a score (soft flag).",
  speeding: "Answered in under 2 seconds per question on average (median), too fast to have read them (soft flag).",
};

/** The meaning of a flag raised under the given algorithm (the no-variance threshold differs between versions). */
export function flagMeaning(flag: FlagName, algorithm: AlgorithmVersion): string {
  return FLAG_WORDING[flag].replace("{min}", String(NO_VARIANCE_MIN_ANSWERS[algorithm]));
}

/** The small label naming the algorithm a benchmark or a score was computed with. */
export function algorithmLabel(algorithm: AlgorithmVersion): string {
  return `Scoring algorithm ${algorithm}`;
}
