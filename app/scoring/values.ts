// Item scores and value scores (SCORING.md section 3) against a given scenario consensus.
import { consensusScores, leaveOneOutScores, MIN_SCENARIO_AGENTS } from "./consensus";
import {
  readScaled,
  readScenario,
  scaledItemScore,
  type QuestionnairePlan,
  type ScaledItemPlan,
  type ScenarioItemPlan,
  type ValuePlan,
} from "./plan";
import type { Answers, ScenarioConsensus } from "./types";

export type ScoredItem =
  | { kind: "scaled"; item: ScaledItemPlan }
  | {
      kind: "scenario";
      item: ScenarioItemPlan;
      optionScores: ReadonlyMap<string, number>;
      /** vb-2: the item score of an included top agent who chose the option, against the others (section 5). */
      leaveOneOutScores: ReadonlyMap<string, number>;
    };

export interface ValueScorer {
  value: ValuePlan;
  /** Scored items only: scenario items with m < 5 are dropped (not in k). */
  items: readonly ScoredItem[];
  /** ceil(2k/3) answered items are needed for a score. */
  needed: number;
}

export interface ResponseScorer {
  values: readonly ValueScorer[];
  /** Scenario items not scored for anyone; their answers are still validated. */
  dropped: readonly ScenarioItemPlan[];
}

export function answersNeeded(k: number): number {
  return Math.ceil((2 * k) / 3);
}

export function responseScorer(
  plan: QuestionnairePlan,
  scenarios: Readonly<Record<string, ScenarioConsensus>>,
): ResponseScorer {
  const dropped: ScenarioItemPlan[] = [];
  const values = plan.values.map((value): ValueScorer => {
    const items: ScoredItem[] = [];
    for (const item of value.items) {
      if (item.kind === "scaled") {
        items.push({ kind: "scaled", item });
        continue;
      }
      const consensus = scenarios[item.id];
      if (consensus.m >= MIN_SCENARIO_AGENTS)
        items.push({
          kind: "scenario",
          item,
          optionScores: consensusScores(item, consensus),
          leaveOneOutScores: leaveOneOutScores(item, consensus),
        });
      else dropped.push(item);
    }
    return { value, items, needed: answersNeeded(items.length) };
  });
  return { values, dropped };
}

/** The 0..1 score p of one item, or null when unanswered; `leaveOneOut` for an included top agent under vb-2. */
export function itemScore(
  respondent: string,
  answers: Answers,
  scored: ScoredItem,
  leaveOneOut = false,
): number | null {
  if (scored.kind === "scaled") {
    const x = readScaled(respondent, answers, scored.item);
    return x === null ? null : scaledItemScore(scored.item, x);
  }
  const choice = readScenario(respondent, answers, scored.item);
  if (choice === null) return null;
  const scores = leaveOneOut ? scored.leaveOneOutScores : scored.optionScores;
  const p = scores.get(choice);
  if (p === undefined)
    throw new Error(`respondent "${respondent}" is not counted in the consensus of "${scored.item.id}"`);
  return p;
}

/** 100 * mean(p of answered items), or null with fewer than ceil(2k/3) answers or k = 0. */
export function valueScore(
  respondent: string,
  answers: Answers,
  scorer: ValueScorer,
  leaveOneOut = false,
): number | null {
  let sum = 0;
  let answered = 0;
  for (const scored of scorer.items) {
    const p = itemScore(respondent, answers, scored, leaveOneOut);
    if (p === null) continue;
    sum += p;
    answered += 1;
  }
  if (scorer.items.length === 0 || answered < scorer.needed) return null;
  return 100 * (sum / answered);
}

export function validateDropped(respondent: string, answers: Answers, scorer: ResponseScorer): void {
  for (const item of scorer.dropped) readScenario(respondent, answers, item);
}

/** Value scores in the file's value order. */
export function valueScores(respondent: string, answers: Answers, scorer: ResponseScorer): (number | null)[] {
  validateDropped(respondent, answers, scorer);
  return scorer.values.map((valueScorer) => valueScore(respondent, answers, valueScorer));
}
