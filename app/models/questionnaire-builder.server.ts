// The builder's view of a draft: the content it describes, balance warnings, presentation order, preview.
import { getQuestionnaire, type DraftValue, type QuestionnaireDraft } from "~/models/questionnaire-draft.server";
import { listOrgValues, type OrgValue } from "~/models/values.server";
import { getAttentionItems, getBankValue, getVirtueItems } from "~/questionnaire/bank.server";
import { translatedLocales } from "~/questionnaire/i18n-bank.server";
import type { TranslatedItem } from "~/questionnaire/translations";
import type { Item, Questionnaire, QuestionnaireValue } from "~/questionnaire/types";
import { presentationOrder, type PresentedItem } from "~/scoring/presentation-order";
import { estimatedSeconds } from "~/utils/presentation-order";

// ---------------------------------------------------------------- builder view

export type BalanceWarning = "few-items" | "no-reverse" | "no-scenario";

export function balanceWarnings(items: readonly Item[]): BalanceWarning[] {
  const warnings: BalanceWarning[] = [];
  if (items.length < 4) warnings.push("few-items");
  if (!items.some((item) => item.type !== "scenario" && item.keyed === "minus")) warnings.push("no-reverse");
  if (!items.some((item) => item.type === "scenario")) warnings.push("no-scenario");
  return warnings;
}

/** Minimum scored items per value for publishing (SCORING.md: a value score needs ceil(2k/3) answers). */
export const MIN_ITEMS_TO_PUBLISH = 3;

function draftItems(value: OrgValue, entry: DraftValue | undefined): { items: Item[]; missing: string[] } {
  const bank = value.bankValue ? getBankValue(value.bankValue) : undefined;
  const byId = new Map((bank?.items ?? []).map((item) => [item.id, item]));
  const items: Item[] = [];
  const missing: string[] = [];
  for (const id of entry?.bankItemIds ?? []) {
    const item = byId.get(id);
    if (item) items.push(item);
    else missing.push(id);
  }
  return { items: [...items, ...(entry?.customItems ?? [])], missing };
}

/** The probe a value gets when neither the admin nor the bank gave it one, so the interview guide is never empty. */
export function fallbackProbe(valueName: string): string {
  return `Tell me about a recent situation at work that called for ${valueName.toLowerCase()}. What did you do, and how did it turn out?`;
}

/** A value's interview probes: the admin's for this draft, else the bank's, else the fallback probe. */
export function valueProbes(value: OrgValue, entry: DraftValue | undefined): string[] {
  const probes = entry?.probes ?? (value.bankValue ? (getBankValue(value.bankValue)?.probes ?? []) : []);
  return probes.length > 0 ? [...probes] : [fallbackProbe(value.name)];
}

/** Custom items' texts in other languages, for every value of the draft (the publish step's translations). */
export function customItemTexts(draft: QuestionnaireDraft): Map<string, Record<string, TranslatedItem>> {
  const texts = new Map<string, Record<string, TranslatedItem>>();
  for (const entry of draft.values) {
    for (const item of entry.customItems) texts.set(item.id, entry.customTranslations[item.id] ?? {});
  }
  return texts;
}

/**
 * The questionnaire the draft describes (version 0 until published): included values in the organization's
 * order, with direction and weight from the organization values and probes from the draft or the bank.
 */
export function contentFromDraft(
  q: { slug: string; title: string; draft: QuestionnaireDraft },
  orgValues: readonly OrgValue[],
): { content: Questionnaire; missingItems: string[] } {
  const missingItems: string[] = [];
  const values: QuestionnaireValue[] = [];
  for (const value of orgValues) {
    const entry = q.draft.values.find((v) => v.key === value.key);
    if (!entry?.included) continue;
    const { items, missing } = draftItems(value, entry);
    missingItems.push(...missing);
    values.push({
      id: value.key,
      name: value.name,
      ...(value.description.trim() === "" ? {} : { description: value.description }),
      direction: value.direction,
      weight: value.weight,
      items,
      probes: valueProbes(value, entry),
    });
  }
  return {
    content: {
      id: q.slug,
      version: 0,
      title: q.title,
      locale: "en",
      values,
      attention: q.draft.includeAttention ? getAttentionItems().map((a) => ({ ...a, scale: { ...a.scale } })) : [],
      virtues: q.draft.includeVirtues ? getVirtueItems().map((v) => ({ ...v, scale: { ...v.scale } })) : [],
    },
    missingItems,
  };
}

export type BuilderValue = {
  key: string;
  name: string;
  bankValue: string | null;
  included: boolean;
  bankItems: (Item & { picked: boolean })[];
  customItems: (Item & { translations: Record<string, TranslatedItem> })[];
  probes: string[];
  /** True when the probes are the admin's own (not the bank's or the fallback). */
  ownProbes: boolean;
  itemCount: number;
  warnings: BalanceWarning[];
};

export async function getBuilder(orgId: string, questionnaireId: string) {
  const q = await getQuestionnaire(orgId, questionnaireId);
  const orgValues = await listOrgValues(orgId);
  const values: BuilderValue[] = orgValues.map((value) => {
    const entry = q.draft.values.find((v) => v.key === value.key);
    const picked = new Set(entry?.bankItemIds ?? []);
    const bank = value.bankValue ? getBankValue(value.bankValue) : undefined;
    const { items } = draftItems(value, entry);
    return {
      key: value.key,
      name: value.name,
      bankValue: value.bankValue,
      included: entry?.included ?? false,
      bankItems: (bank?.items ?? []).map((item) => ({ ...item, picked: picked.has(item.id) })),
      customItems: (entry?.customItems ?? []).map((item) => ({
        ...item,
        translations: entry?.customTranslations[item.id] ?? {},
      })),
      probes: valueProbes(value, entry),
      ownProbes: entry?.probes !== undefined,
      itemCount: items.length,
      warnings: balanceWarnings(items),
    };
  });
  const { content } = contentFromDraft(q, orgValues);
  return {
    questionnaire: {
      id: q.id,
      slug: q.slug,
      title: q.title,
      includeAttention: q.draft.includeAttention,
      includeVirtues: q.draft.includeVirtues,
    },
    values,
    /** The languages besides English a custom item can be given a text in (those the item bank is translated to). */
    languages: translatedLocales(),
    attentionCount: getAttentionItems().length,
    virtueCount: getVirtueItems().length,
    estimatedSeconds: estimatedSeconds(content),
    order: presentationOrder(content).map(orderEntry),
  };
}

function orderEntry(entry: PresentedItem) {
  return entry.kind === "item"
    ? { id: entry.item.id, valueId: entry.valueId, type: entry.item.type, text: entry.item.text }
    : { id: entry.item.id, valueId: null, type: entry.kind, text: entry.item.text };
}

/** The draft as respondents would see it, for the preview page. */
export async function getDraftPreview(orgId: string, questionnaireId: string) {
  const q = await getQuestionnaire(orgId, questionnaireId);
  const { content } = contentFromDraft(q, await listOrgValues(orgId));
  return { questionnaire: { id: q.id, title: q.title }, content, order: presentationOrder(content) };
}
