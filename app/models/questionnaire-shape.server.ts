// The answering flow's view of a questionnaire version: its pages, questions and the rule each answer must follow.
// Versions are immutable, so a version's parsed shape and translations are kept in memory by version id, and the
// respondent lookup of every answering request reads only the version's id (issue 19: parsing, and even reading, the
// content JSON on every autosave and page view was a large share of their server time).
import { pagesOf } from "~/models/respondent-input.server";
import { versionTranslations } from "~/models/respondent-locale.server";
import type { VersionTranslations } from "~/questionnaire/translations";
import type { AttentionItem, Item, Questionnaire, VirtueItem } from "~/questionnaire/types";
import { presentationOrder } from "~/scoring/presentation-order";
import { setBounded } from "~/utils/bounded-map";
import { getDb } from "~/utils/db.server";

export type PresentedQuestion = {
  id: string;
  item: Item | AttentionItem | VirtueItem;
  kind: "item" | "attention" | "virtue";
  valueId?: string;
};

type Rule = { kind: "scaled"; min: number; max: number } | { kind: "scenario"; options: Set<string> };

export type QuestionnaireShape = {
  q: Questionnaire;
  /** Item ids per page (at most 8), in presentation order. */
  pages: string[][];
  questions: Map<string, PresentedQuestion>;
  rules: Map<string, Rule>;
};

/** Versions whose parsed shape stays in memory (each a few hundred kB at most). */
const CACHED_VERSIONS = 200;
const shapeCache = new Map<string, QuestionnaireShape>();

/** The shape of a version from its content JSON (parsed once per version id). */
export function shapeOf(versionId: string, contentJson: string): QuestionnaireShape {
  const cached = shapeCache.get(versionId);
  if (cached) return cached;
  const q = JSON.parse(contentJson) as Questionnaire;
  const questions = new Map<string, PresentedQuestion>();
  const rules = new Map<string, Rule>();
  for (const p of presentationOrder(q)) {
    if (p.kind === "item") {
      questions.set(p.item.id, { id: p.item.id, item: p.item, kind: "item", valueId: p.valueId });
      rules.set(
        p.item.id,
        p.item.type === "scenario"
          ? { kind: "scenario", options: new Set(p.item.options.map((o) => o.id)) }
          : { kind: "scaled", min: p.item.scale.min, max: p.item.scale.max },
      );
    } else {
      questions.set(p.item.id, { id: p.item.id, item: p.item, kind: p.kind });
      rules.set(p.item.id, { kind: "scaled", min: p.item.scale.min, max: p.item.scale.max });
    }
  }
  const shape = { q, pages: pagesOf(q), questions, rules };
  setBounded(shapeCache, versionId, shape, CACHED_VERSIONS);
  return shape;
}

export type AnsweringVersion = { shape: QuestionnaireShape; translations: VersionTranslations };

const versionCache = new Map<string, AnsweringVersion>();

/**
 * A version's shape and translations, read from the database only the first time this process meets the version
 * (the organization's own version: the id comes from one of its responses).
 */
export async function answeringVersion(orgId: string, versionId: string): Promise<AnsweringVersion> {
  const cached = versionCache.get(versionId);
  if (cached) return cached;
  const row = await getDb()
    .selectFrom("questionnaire_versions")
    .select(["content_json", "translations_json"])
    .where("organization_id", "=", orgId)
    .where("id", "=", versionId)
    .executeTakeFirstOrThrow();
  const version = {
    shape: shapeOf(versionId, row.content_json),
    translations: versionTranslations(versionId, row.translations_json),
  };
  setBounded(versionCache, versionId, version, CACHED_VERSIONS);
  return version;
}

export type StoredAnswers = Record<string, number | string>;

export function parseAnswers(json: string): StoredAnswers {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as StoredAnswers) : {};
  } catch {
    return {};
  }
}

export class InvalidAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidAnswerError";
  }
}

/** A submitted value as stored: an integer on the item's scale or a scenario option id; "" or null clears it. */
export function normalize(
  shape: QuestionnaireShape,
  itemId: string,
  value: string | number | null,
): number | string | null {
  const rule = shape.rules.get(itemId);
  if (!rule) throw new InvalidAnswerError(`Unknown question "${itemId}".`);
  if (value === null || value === "") return null;
  if (rule.kind === "scenario") {
    const text = String(value);
    if (!rule.options.has(text)) throw new InvalidAnswerError(`“${text}” is not one of the choices.`);
    return text;
  }
  const n = typeof value === "number" ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < rule.min || n > rule.max)
    throw new InvalidAnswerError(`Answers to this question are whole numbers from ${rule.min} to ${rule.max}.`);
  return n;
}

/** The first page (0-based) with an unanswered question, or null when everything is answered. */
export function firstUnansweredPage(shape: QuestionnaireShape, answers: StoredAnswers): number | null {
  const index = shape.pages.findIndex((ids) => ids.some((id) => answers[id] === undefined));
  return index === -1 ? null : index;
}

export function unansweredByPage(shape: QuestionnaireShape, answers: StoredAnswers) {
  return shape.pages
    .map((ids, page) => ({
      page,
      items: ids
        .filter((id) => answers[id] === undefined)
        .map((id) => ({ id, text: shape.questions.get(id)!.item.text })),
    }))
    .filter((p) => p.items.length > 0);
}
