// A questionnaire compiled once into flat arrays, so scoring a response does no lookups by name.
import type { Direction, Questionnaire } from "../questionnaire/types";
import { valueItemsInPresentationOrder } from "./presentation-order";
import { InvalidAnswerError, type Answers } from "./types";

export interface ScaledItemPlan {
  kind: "scaled";
  id: string;
  min: number;
  max: number;
  minus: boolean;
  /** A likert item (the flags look at these only). */
  likert: boolean;
  /** The id is also a property of Object.prototype (e.g. "constructor"): read it with hasOwn. */
  inherited: boolean;
}

export interface ScenarioItemPlan {
  kind: "scenario";
  id: string;
  optionIds: readonly string[];
  inherited: boolean;
}

export type ItemPlan = ScaledItemPlan | ScenarioItemPlan;

export interface ValuePlan {
  id: string;
  weight: number;
  direction: Direction;
  items: readonly ItemPlan[];
}

export interface AttentionPlan {
  item: ScaledItemPlan;
  expect: number;
}

export interface QuestionnairePlan {
  values: readonly ValuePlan[];
  /** Likert items in file order (values, then items): the order vb-1's flags read. */
  likert: readonly ScaledItemPlan[];
  /** Likert items in presentation order (section 6): the order vb-2's flags read. */
  likertPresented: readonly ScaledItemPlan[];
  /** Value items (every type) in presentation order, with the index of their value. */
  presented: readonly { item: ItemPlan; valueIndex: number }[];
  attention: readonly AttentionPlan[];
  /** Virtue items (vb-2): scaled, read only by the impression flag. */
  virtues: readonly ScaledItemPlan[];
  scenarios: readonly ScenarioItemPlan[];
}

const plans = new WeakMap<Questionnaire, QuestionnairePlan>();

function isInherited(id: string): boolean {
  return id in Object.prototype;
}

export function questionnairePlan(q: Questionnaire): QuestionnairePlan {
  const cached = plans.get(q);
  if (cached) return cached;
  const likert: ScaledItemPlan[] = [];
  const scenarios: ScenarioItemPlan[] = [];
  const values = q.values.map((value): ValuePlan => {
    const items = value.items.map((item): ItemPlan => {
      if (item.type === "scenario") {
        const plan: ScenarioItemPlan = {
          kind: "scenario",
          id: item.id,
          optionIds: item.options.map((o) => o.id),
          inherited: isInherited(item.id),
        };
        scenarios.push(plan);
        return plan;
      }
      const plan: ScaledItemPlan = {
        kind: "scaled",
        id: item.id,
        min: item.scale.min,
        max: item.scale.max,
        minus: item.keyed === "minus",
        likert: item.type === "likert",
        inherited: isInherited(item.id),
      };
      if (item.type === "likert") likert.push(plan);
      return plan;
    });
    return { id: value.id, weight: value.weight, direction: value.direction, items };
  });
  const attention = q.attention.map((item): AttentionPlan => ({
    item: {
      kind: "scaled",
      id: item.id,
      min: item.scale.min,
      max: item.scale.max,
      minus: false,
      likert: false,
      inherited: isInherited(item.id),
    },
    expect: item.expect,
  }));
  const planOf = new Map(q.values.flatMap((value, v) => value.items.map((item, i) => [item, { v, i }] as const)));
  const presented = valueItemsInPresentationOrder(q).map(({ item }) => {
    const at = planOf.get(item) as { v: number; i: number };
    return { item: values[at.v].items[at.i], valueIndex: at.v };
  });
  const likertPresented = presented.flatMap(({ item }) => (item.kind === "scaled" && item.likert ? [item] : []));
  const virtues = (q.virtues ?? []).map((item): ScaledItemPlan => ({
    kind: "scaled",
    id: item.id,
    min: item.scale.min,
    max: item.scale.max,
    minus: false,
    likert: false,
    inherited: isInherited(item.id),
  }));
  const plan: QuestionnairePlan = { values, likert, likertPresented, presented, attention, virtues, scenarios };
  plans.set(q, plan);
  return plan;
}

function rawAnswer(answers: Answers, item: ItemPlan): unknown {
  if (item.inherited) return Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
  return answers[item.id];
}

/** The integer answer to a likert, rating or attention item, or null when unanswered; throws on an invalid answer. */
export function readScaled(respondent: string, answers: Answers, item: ScaledItemPlan): number | null {
  const raw = rawAnswer(answers, item);
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < item.min || raw > item.max) {
    throw invalidScaledAnswer(respondent, item, raw);
  }
  return raw;
}

export function invalidScaledAnswer(respondent: string, item: ScaledItemPlan, raw: unknown): InvalidAnswerError {
  return new InvalidAnswerError(
    respondent,
    item.id,
    `expected an integer from ${item.min} to ${item.max}, got ${JSON.stringify(raw)}`,
  );
}

/** The chosen option id of a scenario item, or null when unanswered; throws on an unknown option. */
export function readScenario(respondent: string, answers: Answers, item: ScenarioItemPlan): string | null {
  const raw = rawAnswer(answers, item);
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "string" || !item.optionIds.includes(raw)) throw invalidScenarioAnswer(respondent, item, raw);
  return raw;
}

export function invalidScenarioAnswer(respondent: string, item: ScenarioItemPlan, raw: unknown): InvalidAnswerError {
  return new InvalidAnswerError(
    respondent,
    item.id,
    `expected one of ${item.optionIds.join(", ")}, got ${JSON.stringify(raw)}`,
  );
}

/** Reverse keying x' = min + max - x. */
export function reverseKey(x: number, min: number, max: number): number {
  return min + max - x;
}

/** The 0..1 item score p of a likert or rating answer. */
export function scaledItemScore(item: ScaledItemPlan, x: number): number {
  const keyed = item.minus ? reverseKey(x, item.min, item.max) : x;
  return (keyed - item.min) / (item.max - item.min);
}
