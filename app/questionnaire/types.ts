// Plain types of a questionnaire file (SCORING.md section 1). No zod here: browser code imports this.

export type Direction = "higher" | "target";
export type Keyed = "plus" | "minus";

export interface Scale {
  min: number;
  max: number;
}

export interface LikertItem {
  id: string;
  type: "likert";
  text: string;
  keyed: Keyed;
  scale: Scale;
}

export interface RatingItem {
  id: string;
  type: "rating";
  text: string;
  keyed: Keyed;
  scale: Scale;
}

export interface ScenarioOption {
  id: string;
  text: string;
}

export interface ScenarioItem {
  id: string;
  type: "scenario";
  text: string;
  options: ScenarioOption[];
}

export type Item = LikertItem | RatingItem | ScenarioItem;
export type ScaledItem = LikertItem | RatingItem;
export type ItemType = Item["type"];

export interface QuestionnaireValue {
  id: string;
  name: string;
  description?: string;
  direction: Direction;
  weight: number;
  items: Item[];
  probes: string[];
}

export interface AttentionItem {
  id: string;
  text: string;
  expect: number;
  scale: Scale;
}

/** An "unlikely virtue" (SCORING.md sections 1 and 6): not scored, read only by the `impression` flag (vb-2). */
export interface VirtueItem {
  id: string;
  text: string;
  scale: Scale;
}

export interface Questionnaire {
  id: string;
  version: number;
  title: string;
  locale: string;
  values: QuestionnaireValue[];
  attention: AttentionItem[];
  /** vb-2 only; always [] under vb-1. */
  virtues: VirtueItem[];
}

export const DEFAULT_LIKERT_SCALE: Readonly<Scale> = { min: 1, max: 5 };
export const DEFAULT_RATING_SCALE: Readonly<Scale> = { min: 0, max: 10 };
export const DEFAULT_VIRTUE_SCALE: Readonly<Scale> = { min: 1, max: 5 };
/** The id rule of vb-2 (SCORING.md section 1): starts with a letter, so no id is a number. */
export const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
/** The id rule of vb-1 (section 13): a numeric id allowed. Content stored under vb-1 may use it. */
export const VB1_ID_PATTERN = /^[a-z0-9-]+$/;
/** The first column of a responses CSV; no item may use this id. */
export const RESPONDENT_COLUMN = "respondent";
