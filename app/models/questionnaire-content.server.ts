// Editing a draft's content beyond picking bank items: custom items' texts and translations, a bank item reworded
// as a custom copy, a value's interview probes (issue 21, point 5).
import {
  customItem,
  draftValue,
  getQuestionnaire,
  questionnaireAudit,
  writeDraft,
  type CustomItemFields,
} from "~/models/questionnaire-draft.server";
import { listOrgValues, type Actor } from "~/models/values.server";
import type { TranslateVars } from "~/i18n/i18n";
import { msg, translateMessage } from "~/i18n/message";
import { staffT } from "~/i18n/staff-catalogs.server";
import { getBankValue } from "~/questionnaire/bank.server";
import { bankItemTranslations } from "~/questionnaire/i18n-bank.server";
import type { TranslatedItem } from "~/questionnaire/translations";
import { getDb } from "~/utils/db.server";

/** A custom item's text in one language: blank text means none (the language then lacks this item). */
export type CustomItemTranslationFields = { text: string; options: string[] };

export type EditCustomItemFields = Omit<CustomItemFields, "value"> & {
  itemId: string;
  translations: Record<string, CustomItemTranslationFields>;
};

/**
 * A content edit the draft refuses. `text` is the message as a catalog key (~/i18n/message) for the reader's language
 * (translated by the action); `message` is its English text.
 */
export class ContentEditError extends Error {
  readonly text: string;
  constructor(key: string, vars?: TranslateVars) {
    const text = msg(`questionnaires:${key}`, vars);
    super(translateMessage(staffT("en"), text));
    this.text = text;
  }
}

/**
 * Rewrites a custom item of the draft (text, keying, options; its type stays) and its texts in other languages. A
 * scenario's translation needs as many options as the English one; a language with a blank text has no text.
 */
export async function editCustomItem(
  orgId: string,
  questionnaireId: string,
  input: EditCustomItemFields,
  actor: Actor,
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const entry = q.draft.values.find((v) => v.customItems.some((item) => item.id === input.itemId));
      const index = entry?.customItems.findIndex((item) => item.id === input.itemId) ?? -1;
      if (!entry || index === -1) throw new ContentEditError("content.noCustomItem", { item: input.itemId });
      const current = entry.customItems[index];
      if (current.type !== input.type) {
        throw new ContentEditError("content.typeFixed", {
          item: input.itemId,
          type: msg(`questionnaires:types.${current.type}`),
        });
      }
      const item = customItem(input.itemId, input);
      if (item.type !== "scenario" && current.type !== "scenario") item.scale = { ...current.scale };
      const translations: Record<string, TranslatedItem> = {};
      for (const [locale, t] of Object.entries(input.translations)) {
        if (t.text === "") continue;
        if (item.type !== "scenario") translations[locale] = t.text;
        else {
          translations[locale] = {
            text: t.text,
            options: Object.fromEntries(item.options.map((o, i) => [o.id, t.options[i] ?? ""])),
          };
        }
      }
      entry.customItems[index] = item;
      entry.customTranslations[item.id] = translations;
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await questionnaireAudit(trx, orgId, actor, "questionnaire.custom-item-edited", questionnaireId, {
        itemId: item.id,
        locales: Object.keys(translations).sort(),
      });
    });
}

/**
 * Replaces a bank item of the draft by a custom copy with a new id (`<value key>-c<n>`): the bank's text, keying,
 * scale and options, and the bank's translations of that text, which the admin then rewords. Returns the new id.
 */
export async function rewordBankItem(
  orgId: string,
  questionnaireId: string,
  bankItemId: string,
  actor: Actor,
): Promise<string> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const values = await listOrgValues(orgId, trx);
      const value = values.find((v) =>
        (v.bankValue ? getBankValue(v.bankValue)?.items : undefined)?.some((item) => item.id === bankItemId),
      );
      const source = value?.bankValue
        ? getBankValue(value.bankValue)?.items.find((item) => item.id === bankItemId)
        : undefined;
      if (!value || !source) {
        throw new ContentEditError("content.notBankItem", { item: bankItemId });
      }
      const entry = draftValue(q.draft, value.key);
      entry.customCounter += 1;
      const id = `${value.key}-c${entry.customCounter}`;
      entry.customItems.push(structuredClone({ ...source, id }));
      entry.customTranslations[id] = bankItemTranslations(bankItemId);
      entry.bankItemIds = entry.bankItemIds.filter((itemId) => itemId !== bankItemId);
      entry.included = true;
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await questionnaireAudit(trx, orgId, actor, "questionnaire.bank-item-reworded", questionnaireId, {
        bankItemId,
        itemId: id,
      });
      return id;
    });
}

/** Sets the interview probes of a value in the draft (one question each; none means the fallback probe). */
export async function saveValueProbes(
  orgId: string,
  questionnaireId: string,
  input: { value: string; probes: string[] },
  actor: Actor,
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const values = await listOrgValues(orgId, trx);
      if (!values.some((v) => v.key === input.value)) {
        throw new ContentEditError("content.noValue", { value: input.value });
      }
      draftValue(q.draft, input.value).probes = input.probes;
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await questionnaireAudit(trx, orgId, actor, "questionnaire.probes-saved", questionnaireId, {
        value: input.value,
        probes: input.probes.length,
      });
    });
}
