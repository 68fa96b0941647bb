// Plain-language wording of the validity evidence (issue 17; SCORING.md sections 11 and 12). Formatting only: every
// number comes from ~/scoring (through app/models/validity.server.ts). One home for these sentences: the validity
// page, its CSV, the benchmark page's summary, fit reports and the results table use them.
//
// Issue 18: the validity page's sentences are catalog entries (fairness namespace, "validity.…") with the numbers as
// parameters in the reader's number format; the functions below take the translator and the formatter. The notes
// shown on the results table, fit reports and the benchmark page are verdictNoteIn, verdictMarkIn and
// validitySummaryIn (English from the English catalog).
import type { Formatter } from "~/i18n/format";
import type { Translate } from "~/i18n/i18n";
import type { ContrastReport, ContrastValue, Correlation, Verdict } from "~/scoring";

/** Minimum group sizes (homes: app/scoring/contrast.ts, outcomes.ts, validity.server.ts) and the planned power. */
export type ValidityLimits = { minContrastN: number; minCorrelationN: number; minHires: number; power: number };
/** The planned effect sizes and the sample sizes they need at `ValidityLimits.power` (app/utils/power.ts). */
export type ValidityPlanning = { d: number; agentsPerGroup: number; r: number; people: number };

/** A signed number in the reader's format with a real minus sign ("−0.97", "−0,97"). */
export function signedIn(f: Formatter, x: number, digits: number): string {
  const text = f.number(Math.abs(x), digits);
  return x < 0 && Number(Math.abs(x).toFixed(digits)) !== 0 ? `−${text}` : text;
}

/** The contrast sentence of one value in the reader's language (`t` bound to the fairness namespace). */
export function contrastSentence(
  t: Translate,
  f: Formatter,
  name: string,
  c: ContrastValue | null,
  limits: Pick<ValidityLimits, "minContrastN">,
): string {
  if (!c) return t("validity.sentence.noComparison", { name });
  if (c.verdict === null || c.d === null || c.ciLow === null || c.ciHigh === null) {
    return t("validity.sentence.tooFew", { name, min: limits.minContrastN, top: c.nTop, comparison: c.nComparison });
  }
  const s = (x: number, digits: number) => signedIn(f, x, digits);
  if (c.verdict === "distinguishes") {
    return t("validity.sentence.separates", { name, d: s(c.d, 1), low: s(c.ciLow, 1), high: s(c.ciHigh, 1) });
  }
  if (c.verdict === "reversed") {
    return t("validity.sentence.reversed", { name, d: s(-c.d, 1), low: s(-c.ciHigh, 1), high: s(-c.ciLow, 1) });
  }
  return t("validity.sentence.unclear", {
    name,
    top: c.nTop,
    comparison: c.nComparison,
    low: s(c.ciLow, 2),
    high: s(c.ciHigh, 2),
  });
}

/** "With 19 agents, only correlations beyond ±0.46 are distinguishable from zero." */
export function criticalSentence(t: Translate, f: Formatter, n: number, rCritical: number | null): string {
  if (rCritical === null) return t("validity.outcomes.noCritical", { count: n, min: 3 });
  return t("validity.outcomes.critical", { count: n, r: f.number(rCritical, 2) });
}

export type CorrelationReading = "goes-with" | "goes-against" | "unclear" | "too-few";

/** Whether r's interval excludes zero, and in which direction relative to the metric's better direction. */
export function correlationReading(c: Correlation, higherIsBetter: boolean): CorrelationReading {
  if (c.r === null || c.ciLow === null || c.ciHigh === null) return "too-few";
  if (c.ciLow <= 0 && c.ciHigh >= 0) return "unclear";
  const positive = c.ciLow > 0;
  return positive === higherIsBetter ? "goes-with" : "goes-against";
}

/** A reading in the reader's language ("goes with better results"). */
export function readingLabel(
  t: Translate,
  reading: CorrelationReading,
  limits: Pick<ValidityLimits, "minCorrelationN">,
): string {
  return t(`validity.reading.${reading}`, { min: limits.minCorrelationN });
}

/** "0.42 (0.10 to 0.67)" / "0,42 (0,10–0,67)", or "–" when there is no r. */
export function correlationText(t: Translate, f: Formatter, c: Correlation): string {
  if (c.r === null || c.ciLow === null || c.ciHigh === null) return "–";
  return t("validity.outcomes.interval", {
    r: signedIn(f, c.r, 2),
    low: signedIn(f, c.ciLow, 2),
    high: signedIn(f, c.ciHigh, 2),
  });
}

export function planningSentence(
  t: Translate,
  f: Formatter,
  planning: ValidityPlanning,
  limits: Pick<ValidityLimits, "power">,
): string {
  return t("validity.planning.contrast", {
    count: planning.agentsPerGroup,
    d: f.number(planning.d),
    power: f.percent(limits.power),
  });
}

export function outcomePlanningSentence(
  t: Translate,
  f: Formatter,
  planning: ValidityPlanning,
  limits: Pick<ValidityLimits, "power">,
): string {
  return t("validity.planning.outcomes", {
    count: planning.people,
    r: f.number(planning.r, 2),
    power: f.percent(limits.power),
  });
}

/**
 * The suggestion for values that neither separate nor go with any outcome. `list` names them joined in the reader's
 * language (Intl.ListFormat, on the server).
 */
export function weightAdvice(t: Translate, names: readonly string[], list: string): string {
  if (names.length === 0) return t("validity.advice.allSupported");
  return t("validity.advice.unsupported", { count: names.length, values: list });
}

/**
 * The short note beside a value on fit reports and the results table when its verdict is unclear or reversed, in the
 * reader's language (any staff `t`: the keys name the fairness namespace).
 */
export function verdictNoteIn(t: Translate, verdict: Verdict | null | undefined): string | null {
  if (verdict === "unclear") return t("fairness:validity.note.unclear");
  if (verdict === "reversed") return t("fairness:validity.note.reversed");
  return null;
}

/** The few words beside a value's column heading in the results table (the note says the rest). */
export function verdictMarkIn(t: Translate, verdict: Verdict | null | undefined): string | null {
  if (verdict === "unclear") return t("fairness:validity.mark.unclear");
  if (verdict === "reversed") return t("fairness:validity.mark.reversed");
  return null;
}

/** The benchmark page's one line about the validity page; `minContrastN` is the engine's (app/scoring/contrast.ts). */
export function validitySummaryIn(
  t: Translate,
  contrast: ContrastReport | null | undefined,
  values: number,
  minContrastN: number,
): string {
  if (!contrast || contrast.agents === 0) return t("fairness:validity.summary.none");
  const verdicts = Object.values(contrast.values).map((c) => c.verdict);
  if (verdicts.every((v) => v === null)) {
    return t("fairness:validity.summary.waiting", { count: contrast.agents, min: minContrastN });
  }
  const separating = verdicts.filter((v) => v === "distinguishes").length;
  return t("fairness:validity.summary.separating", { count: contrast.agents, separating, values });
}
