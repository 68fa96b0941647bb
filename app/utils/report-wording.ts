// Plain-language wording of the engine's results for recruiters. Formatting only: every number comes from ~/scoring.
import type { AlgorithmVersion, Band, CandidateValueResult, FlagName, ValueStats } from "~/scoring";
import { BAND_HIGH as HIGH_EDGE, BAND_LOW as LOW_EDGE } from "~/scoring/candidate";
import { NO_VARIANCE_MIN_ANSWERS } from "~/scoring/flags";

/** A value's direction (SCORING.md section 7): `higher` is better, or `target` = closest to the agents is best. */
export type ValueDirection = "higher" | "target";

export type VerdictKind = "above" | "within" | "below" | "small-benchmark" | "no-score" | "not-scored";

/** The colour of a reading: good news, in range, a concern (below, or off target), or nothing to compare. */
export type VerdictTone = "good" | "neutral" | "concern" | "unknown";

export type ValueVerdict = {
  kind: VerdictKind;
  /** One sentence a recruiter reads first. */
  sentence: string;
  /** The 95% interval crosses 10 or 90: the band could be the neighbouring one. */
  uncertain: boolean;
  /** Worth probing in the interview: below, off target, uncertain, or not comparable. */
  probe: boolean;
  tone: VerdictTone;
  /** Below the agents, or outside their band on a `target` value. */
  mismatch: boolean;
};

const BAND_SENTENCE: Record<Band, string> = {
  above: "Above most of your top agents",
  within: "Within the range of your top agents",
  below: "Below most of your top agents",
};

/** What a target value adds to a band outside the agents' range: the direction makes it a mismatch. */
const OFF_TARGET = "a mismatch, since closest to your top agents is best on this value";

/**
 * One band read with the value's direction: the word, its symbol and its tone. For `higher`, above is good news; for
 * `target`, above is as much a mismatch as below. The one home of band words (report, results list, compare, CSV).
 */
export function bandReading(band: Band, direction: ValueDirection, uncertain = false) {
  const mismatch = band === "below" || (direction === "target" && band === "above");
  const tone: VerdictTone = mismatch ? "concern" : band === "above" ? "good" : "neutral";
  const word = `${band}${direction === "target" && band !== "within" ? " (off target)" : ""}`;
  return {
    word: uncertain ? `${word}, uncertain` : word,
    symbol: { below: "▼", within: "●", above: "▲" }[band] + (uncertain ? "?" : ""),
    tone,
    mismatch,
  };
}

/**
 * The alignment explained in one line: "23 of 100: the candidate sits at the 12th percentile of your top agents; 100
 * means at or above their median" (for a target value: at their median, falling either way). Null without alignment.
 */
export function alignmentLine(
  v: Pick<CandidateValueResult, "alignment" | "percentile">,
  direction: ValueDirection,
): string | null {
  if (v.alignment === null || v.percentile === null) return null;
  const where =
    v.percentile < 1 || v.percentile > 99 ? percentileText(v.percentile) : `at the ${percentileText(v.percentile)}`;
  const scale =
    direction === "target"
      ? "100 means at their median, and it falls the further the candidate sits from it, above or below"
      : "100 means at or above their median";
  return `${whole(v.alignment)} of 100: the candidate sits ${where} of your top agents; ${scale}`;
}

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

/** The sentence for one value of a candidate, given the benchmark's statistics of that value and its direction. */
export function valueVerdict(
  v: CandidateValueResult | undefined,
  stats: ValueStats | undefined,
  direction: ValueDirection = "higher",
): ValueVerdict {
  if (!v || v.score === null) {
    return {
      kind: "no-score",
      sentence: "Not enough answers to score this value",
      uncertain: false,
      probe: true,
      tone: "unknown",
      mismatch: false,
    };
  }
  if (!stats || stats.sdUsed === null || v.band === null) {
    const n = stats?.n ?? 0;
    return {
      kind: "small-benchmark",
      sentence: `Can't tell yet: the benchmark is small (n = ${n})`,
      uncertain: true,
      probe: true,
      tone: "unknown",
      mismatch: false,
    };
  }
  const reading = bandReading(v.band, direction);
  const base =
    direction === "target" && reading.mismatch ? `${BAND_SENTENCE[v.band]}: ${OFF_TARGET}` : BAND_SENTENCE[v.band];
  const edges = crossedEdges(v);
  const uncertain = v.uncertain === true || edges.length > 0;
  const common = { kind: v.band, tone: reading.tone, mismatch: reading.mismatch };
  if (!uncertain) return { ...common, sentence: base, uncertain: false, probe: reading.mismatch };
  const where = edges.length ? edges.map((e) => `the ${ordinal(e)}`).join(" and ") : "a band edge";
  return {
    ...common,
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
  tone: "unknown",
  mismatch: false,
};

/** The overall report's line on target values the candidate is off (null when there is none). */
export function offTargetSentence(names: string[]): string | null {
  if (names.length === 0) return null;
  return `Off target on ${names.join(", ")}: outside the range of your top agents on a value where closest to them is best.`;
}

/** "0 of 7 agents" beside a scenario option's smoothed share. */
export function agentCountText(count: number, answered: number): string {
  return `${count} of ${answered} agent${answered === 1 ? "" : "s"}`;
}

/** Why a value is in the interview guide. */
export function probeReason(verdict: ValueVerdict): string {
  switch (verdict.kind) {
    case "below":
      return verdict.uncertain
        ? "Probably below your top agents, but the result is uncertain."
        : "Below most of your top agents.";
    case "above":
      return verdict.mismatch
        ? "Above most of your top agents on a value where closest to them is best."
        : "The result is uncertain: the interval reaches into the neighbouring band.";
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

/** Review before ranking (issue 21, point 4): where a flagged candidate stands, as every page says it. */
export const REVIEW_STATUS_LABEL = {
  pending: "Needs review",
  usable: "Reviewed: scores can be used",
  set_aside: "Set aside (not assessed)",
} as const;

/** Why a candidate is on the review list, before anyone has reviewed it. */
export const REVIEW_EXPLANATION =
  "A hard flag or two soft flags put this candidate on the review list: they are not ranked with the others until someone reviews the answers. Flags are never a reason to reject on their own.";
