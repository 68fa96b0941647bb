// Plain-language wording of the engine's results for recruiters, in the reader's language (issue 18): every sentence
// is a catalog entry of the `wording` namespace (app/i18n/staff/<locale>/wording.json) with its numbers as parameters.
// Formatting only: every number comes from ~/scoring. Each function takes the reader's translate function first: in a
// component any `useStaffT(...)`, on the server `staffT(locale, "wording")` (keys name their namespace, so any binding
// reads them).
import type { AlgorithmVersion, Band, CandidateValueResult, FlagName, ValueStats } from "~/scoring";
import { BAND_HIGH as HIGH_EDGE, BAND_LOW as LOW_EDGE } from "~/scoring/candidate";
import { LONG_STRING_RUN, NO_VARIANCE_MIN_ANSWERS, SPEEDING_MEDIAN_SECONDS } from "~/scoring/flags";
import type { Translate } from "~/i18n/i18n";
import type { ReviewStatus } from "../../db/types";

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

/**
 * One band read with the value's direction: the word, its symbol and its tone. For `higher`, above is good news; for
 * `target`, above is as much a mismatch as below. The one home of band words (report, results list, compare, CSV).
 */
export function bandReading(t: Translate, band: Band, direction: ValueDirection, uncertain = false) {
  const mismatch = band === "below" || (direction === "target" && band === "above");
  const tone: VerdictTone = mismatch ? "concern" : band === "above" ? "good" : "neutral";
  const name = t(`wording:band.${band}`);
  const word = direction === "target" && band !== "within" ? t("wording:band.offTarget", { band: name }) : name;
  return {
    word: uncertain ? t("wording:band.uncertain", { word }) : word,
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
  t: Translate,
  v: Pick<CandidateValueResult, "alignment" | "percentile">,
  direction: ValueDirection,
): string | null {
  if (v.alignment === null || v.percentile === null) return null;
  const alignment = whole(v.alignment);
  const head =
    v.percentile < 1
      ? t("wording:alignment.belowFirst", { alignment })
      : v.percentile > 99
        ? t("wording:alignment.aboveLast", { alignment })
        : t("wording:alignment.atPercentile", { alignment, nth: ordinal(t, Math.round(v.percentile)) });
  const scale = t(direction === "target" ? "wording:alignment.scaleTarget" : "wording:alignment.scaleHigher");
  return t("wording:alignment.line", { head, scale });
}

/**
 * An ordinal number as the reader's language writes it: "1st", "2nd", "62nd" in English, "62." in Finnish and
 * Slovenian, "62°" in Italian. The four catalog forms follow English's ordinal rule; the other languages give all
 * four the same text, so the rule chosen here never matters for them.
 */
export function ordinal(t: Translate, n: number): string {
  const mod100 = n % 100;
  const form =
    mod100 >= 11 && mod100 <= 13 ? "other" : (({ 1: "one", 2: "two", 3: "few" } as const)[n % 10] ?? "other");
  return t(`wording:ordinal.${form}`, { n });
}

/** A percentile rounded for reading: "62nd percentile", with the extremes said as such. */
export function percentileText(t: Translate, percentile: number): string {
  if (percentile < 1) return t("wording:percentile.belowFirst");
  if (percentile > 99) return t("wording:percentile.aboveLast");
  return t("wording:percentile.nth", { nth: ordinal(t, Math.round(percentile)) });
}

/** An interval's bounds rounded outward ("41–80"), so rounding never makes it look narrower than it is. */
export function intervalText(ciLow: number, ciHigh: number): string {
  return `${Math.floor(ciLow)}–${Math.ceil(ciHigh)}`;
}

/** "62nd percentile, 95% interval 41–80"; null when the value has no percentile. */
export function percentileWithInterval(
  t: Translate,
  v: Pick<CandidateValueResult, "percentile" | "ciLow" | "ciHigh">,
): string | null {
  if (v.percentile === null || v.ciLow === null || v.ciHigh === null) return null;
  return t("wording:percentile.withInterval", {
    percentile: percentileText(t, v.percentile),
    interval: intervalText(v.ciLow, v.ciHigh),
  });
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
  t: Translate,
  v: CandidateValueResult | undefined,
  stats: ValueStats | undefined,
  direction: ValueDirection = "higher",
): ValueVerdict {
  if (!v || v.score === null) {
    return {
      kind: "no-score",
      sentence: t("wording:verdict.noScore"),
      uncertain: false,
      probe: true,
      tone: "unknown",
      mismatch: false,
    };
  }
  if (!stats || stats.sdUsed === null || v.band === null) {
    return {
      kind: "small-benchmark",
      sentence: t("wording:verdict.smallBenchmark", { n: stats?.n ?? 0 }),
      uncertain: true,
      probe: true,
      tone: "unknown",
      mismatch: false,
    };
  }
  const reading = bandReading(t, v.band, direction);
  const bandSentence = t(`wording:verdict.${v.band}`);
  const base =
    direction === "target" && reading.mismatch ? t("wording:verdict.offTarget", { base: bandSentence }) : bandSentence;
  const edges = crossedEdges(v);
  const uncertain = v.uncertain === true || edges.length > 0;
  const common = { kind: v.band, tone: reading.tone, mismatch: reading.mismatch };
  if (!uncertain) return { ...common, sentence: base, uncertain: false, probe: reading.mismatch };
  const interval = intervalText(v.ciLow!, v.ciHigh!);
  const sentence =
    edges.length === 2
      ? t("wording:verdict.uncertainTwoEdges", {
          base,
          interval,
          low: ordinal(t, edges[0]),
          high: ordinal(t, edges[1]),
        })
      : edges.length === 1
        ? t("wording:verdict.uncertainEdge", { base, interval, edge: ordinal(t, edges[0]) })
        : t("wording:verdict.uncertainBandEdge", { base, interval });
  return { ...common, sentence, uncertain: true, probe: true };
}

/** For a candidate who has no score at all yet (not submitted, or no active benchmark). */
export function notScoredVerdict(t: Translate): ValueVerdict {
  return {
    kind: "not-scored",
    sentence: t("wording:verdict.notScored"),
    uncertain: false,
    probe: false,
    tone: "unknown",
    mismatch: false,
  };
}

/** The overall report's line on target values the candidate is off (null when there is none). */
export function offTargetSentence(t: Translate, names: string[]): string | null {
  if (names.length === 0) return null;
  return t("wording:offTarget", { names: names.join(", ") });
}

/** "0 of 7 agents" beside a scenario option's smoothed share. */
export function agentCountText(t: Translate, count: number, answered: number): string {
  return t("wording:agentCount", { count: answered, agents: count });
}

/** Why a value is in the interview guide. */
export function probeReason(t: Translate, verdict: ValueVerdict): string {
  switch (verdict.kind) {
    case "below":
      return t(verdict.uncertain ? "wording:probe.belowUncertain" : "wording:probe.below");
    case "above":
      return t(verdict.mismatch ? "wording:probe.aboveOffTarget" : "wording:probe.uncertain");
    case "small-benchmark":
      return t("wording:probe.smallBenchmark");
    case "no-score":
      return t("wording:probe.noScore");
    default:
      return t("wording:probe.uncertain");
  }
}

/** The meaning of a flag raised under the given algorithm (SCORING.md section 6; the no-variance threshold differs). */
export function flagMeaning(t: Translate, flag: FlagName, algorithm: AlgorithmVersion): string {
  switch (flag) {
    case "long-string":
      return t("wording:flag.longString", { run: LONG_STRING_RUN });
    case "no-variance":
      return t("wording:flag.noVariance", { min: NO_VARIANCE_MIN_ANSWERS[algorithm] });
    case "attention":
      return t("wording:flag.attention");
    case "impression":
      return t("wording:flag.impression");
    case "speeding":
      return t("wording:flag.speeding", { seconds: SPEEDING_MEDIAN_SECONDS });
  }
}

/** The small label naming the algorithm a benchmark or a score was computed with. */
export function algorithmLabel(t: Translate, algorithm: AlgorithmVersion): string {
  return t("wording:algorithm", { algorithm });
}

/** Review before ranking (issue 21, point 4): where a flagged candidate stands, as every page says it. */
export function reviewStatusLabel(t: Translate, status: ReviewStatus): string {
  return t(`wording:review.${status}`);
}

/** Why a candidate is on the review list, before anyone has reviewed it. */
export function reviewExplanation(t: Translate): string {
  return t("wording:review.explanation");
}
