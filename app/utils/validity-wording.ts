// Plain-language wording of the validity evidence (issue 17; SCORING.md sections 11 and 12). Formatting only: every
// number comes from ~/scoring (through app/models/validity.server.ts). One home for these sentences: the validity
// page, its CSV, the benchmark page's summary, fit reports and the results table use them.
import type { ContrastReport, ContrastValue, Correlation, Verdict } from "~/scoring";

/** A signed number with a real minus sign ("−0.97"). */
export function signed(x: number, digits: number): string {
  const text = Math.abs(x).toFixed(digits);
  return x < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** The contrast sentence of one value. */
export function contrastSentence(name: string, c: ContrastValue | null): string {
  if (!c) return `${name} cannot be compared yet: invite comparison agents (ordinary members of the team).`;
  if (c.verdict === null || c.d === null || c.ciLow === null || c.ciHigh === null) {
    return `${name} cannot be compared yet: it needs at least 5 top agents and 5 comparison agents with a score (now ${c.nTop} and ${c.nComparison}).`;
  }
  if (c.verdict === "distinguishes") {
    return `${name} separates your top agents from the others: they score ${signed(c.d, 1)} standard deviations higher, 95% interval ${signed(c.ciLow, 1)} to ${signed(c.ciHigh, 1)}.`;
  }
  if (c.verdict === "reversed") {
    return `${name} goes the other way: your comparison agents score ${signed(-c.d, 1)} standard deviations higher than your top agents, 95% interval ${signed(-c.ciHigh, 1)} to ${signed(-c.ciLow, 1)}.`;
  }
  return `${name} does not yet separate them: with ${c.nTop} and ${c.nComparison} agents the interval runs from ${signed(c.ciLow, 2)} to ${signed(c.ciHigh, 2)}.`;
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  distinguishes: "separates",
  unclear: "not shown yet",
  reversed: "reversed",
};

/** The short note beside a value on fit reports and the results table when its verdict is unclear or reversed. */
export function verdictNote(verdict: Verdict | null | undefined): string | null {
  if (verdict === "unclear") return "Not shown to separate your top agents from the others yet: weigh it lightly.";
  if (verdict === "reversed") return "Your comparison agents score higher on this value than your top agents.";
  return null;
}

/** The few words beside a value's column heading in the results table (the note says the rest). */
export function verdictMark(verdict: Verdict | null | undefined): string | null {
  if (verdict === "unclear") return "not shown to matter yet";
  if (verdict === "reversed") return "comparison agents higher";
  return null;
}

/** "with 19 agents, only correlations beyond ±0.46 are distinguishable from zero". */
export function criticalSentence(n: number, rCritical: number | null, people = "agents"): string {
  if (rCritical === null) return `With ${n} ${people}, no correlation can be told from zero yet (it needs at least 3).`;
  return `With ${n} ${people}, only correlations beyond ±${rCritical.toFixed(2)} are distinguishable from zero.`;
}

export type CorrelationReading = "goes-with" | "goes-against" | "unclear" | "too-few";

/** Whether r's interval excludes zero, and in which direction relative to the metric's better direction. */
export function correlationReading(c: Correlation, higherIsBetter: boolean): CorrelationReading {
  if (c.r === null || c.ciLow === null || c.ciHigh === null) return "too-few";
  if (c.ciLow <= 0 && c.ciHigh >= 0) return "unclear";
  const positive = c.ciLow > 0;
  return positive === higherIsBetter ? "goes-with" : "goes-against";
}

export const READING_LABEL: Record<CorrelationReading, string> = {
  "goes-with": "goes with better results",
  "goes-against": "goes with worse results",
  unclear: "not distinguishable from zero",
  "too-few": "too few people (at least 10)",
};

/** "0.42 (0.10 to 0.67)" or "–" when there is no r. */
export function correlationText(c: Correlation): string {
  if (c.r === null || c.ciLow === null || c.ciHigh === null) return "–";
  return `${signed(c.r, 2)} (${signed(c.ciLow, 2)} to ${signed(c.ciHigh, 2)})`;
}

export function planningSentence(agentsPerGroup: number, d: number): string {
  return `To see a medium difference (d = ${d}) at 80% power you need about ${agentsPerGroup} agents in each group; with fewer, a value that matters can still look unclear.`;
}

export function outcomePlanningSentence(people: number, r: number): string {
  return `To see a correlation of r = ${r.toFixed(2).replace(/^0/, "")} at 80% power you need about ${people} people.`;
}

/** The suggestion for values that neither separate nor go with any outcome. */
export function weightAdvice(names: readonly string[]): string {
  if (names.length === 0) return "Every value with enough data separates your top agents or goes with an outcome.";
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${list} ${names.length === 1 ? "neither separates" : "neither separate"} your top agents nor ${names.length === 1 ? "goes" : "go"} with an outcome so far. Consider lowering ${names.length === 1 ? "its" : "their"} weight in the next version of the questionnaire.`;
}

/** The benchmark page's one line about the validity page. */
export function validitySummary(contrast: ContrastReport | null | undefined, values: number): string {
  if (!contrast || contrast.agents === 0) {
    return "No comparison agents yet: invite ordinary members of the team to see which values separate your top agents.";
  }
  const verdicts = Object.values(contrast.values).map((c) => c.verdict);
  if (verdicts.every((v) => v === null)) {
    return `${contrast.agents} comparison ${contrast.agents === 1 ? "agent" : "agents"} so far: at least 5 top and 5 comparison agents with a score are needed to compare.`;
  }
  const separating = verdicts.filter((v) => v === "distinguishes").length;
  return `${separating} of ${values} values separate your top agents from the ${contrast.agents} comparison ${contrast.agents === 1 ? "agent" : "agents"} so far.`;
}
