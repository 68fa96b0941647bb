import type { Item, Questionnaire, QuestionnaireValue } from "../../app/questionnaire/types";
import { buildBenchmark, computeFlags, leaveOneOutMeans, scoreAll } from "../../app/scoring/index";
import type { Answers, BenchmarkOverrides, RespondentInput } from "../../app/scoring/types";

export function likert(id: string, keyed: "plus" | "minus" = "plus"): Item {
  return { id, type: "likert", text: id, keyed, scale: { min: 1, max: 5 } };
}

export function rating(id: string, keyed: "plus" | "minus" = "plus"): Item {
  return { id, type: "rating", text: id, keyed, scale: { min: 0, max: 10 } };
}

export function scenario(id: string, options: string[] = ["a", "b", "c"]): Item {
  return { id, type: "scenario", text: id, options: options.map((o) => ({ id: o, text: o })) };
}

export function value(id: string, items: Item[], extra: Partial<QuestionnaireValue> = {}): QuestionnaireValue {
  return { id, name: id, direction: "higher", weight: 1, items, probes: [], ...extra };
}

export function questionnaire(values: QuestionnaireValue[], extra: Partial<Questionnaire> = {}): Questionnaire {
  return { id: "test-q", version: 1, title: "Test", locale: "en", values, attention: [], virtues: [], ...extra };
}

export function respondent(id: string, answers: Answers, itemSeconds?: number[]): RespondentInput {
  return itemSeconds ? { respondent: id, answers, itemSeconds } : { respondent: id, answers };
}

/** Respondents r01, r02, ... answering one item each with the given values (null = unanswered). */
export function oneItemRespondents(
  itemId: string,
  values: (number | string | null)[],
  prefix = "r",
): RespondentInput[] {
  return values.map((x, i) => respondent(`${prefix}${String(i + 1).padStart(2, "0")}`, { [itemId]: x }));
}

/** The vb-1 engine (section 13): the tests written for vb-1 run under it unchanged. */
export const vb1 = {
  buildBenchmark: (q: Questionnaire, agents: readonly RespondentInput[], overrides: BenchmarkOverrides = {}) =>
    buildBenchmark(q, agents, overrides, "vb-1"),
  computeFlags: (q: Questionnaire, input: RespondentInput) => computeFlags(q, input, "vb-1"),
  scoreAll: (q: Questionnaire, agents: readonly RespondentInput[], candidates: readonly RespondentInput[]) =>
    scoreAll(q, agents, candidates, { algorithm: "vb-1" }),
  leaveOneOutMeans: (q: Questionnaire, agents: readonly RespondentInput[], overrides: BenchmarkOverrides = {}) =>
    leaveOneOutMeans(q, agents, overrides, "vb-1"),
};
