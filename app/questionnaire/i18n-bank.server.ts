// Item-bank translations: questions/i18n/<locale>/<value-id>.yaml (values, items, probes), attention.yaml,
// virtues.yaml and scale.yaml, written by translators against the English bank and keyed by the source ids. Read at publish time
// (no cache: publishing is rare and a translator's fix should count at the next publish).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { findBankItem, getAttentionItems, getBankValue, getVirtueItems, questionsDir } from "./bank.server";
import type { TranslatedItem, VersionTranslation, VersionTranslations } from "./translations";
import type { Item, Questionnaire } from "./types";

type LocaleBank = {
  values: Record<string, { name?: string; description?: string }>;
  items: Record<string, TranslatedItem>;
  attention: Record<string, string>;
  virtues: Record<string, string>;
  /** Bank value id -> its probes, in the order of the English file. */
  probes: Record<string, string[]>;
};

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function readLocaleBank(dir: string): LocaleBank {
  const bank: LocaleBank = { values: {}, items: {}, attention: {}, virtues: {}, probes: {} };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "scale.yaml")) {
    const doc = asRecord(parse(readFileSync(path.join(dir, file), "utf8")));
    const items = asRecord(doc.items);
    if (file === "attention.yaml" || file === "virtues.yaml") {
      const into = file === "attention.yaml" ? bank.attention : bank.virtues;
      for (const [id, text] of Object.entries(items)) if (nonEmpty(text)) into[id] = text;
      continue;
    }
    for (const [id, value] of Object.entries(asRecord(doc.values))) {
      const v = asRecord(value);
      bank.values[id] = {
        ...(nonEmpty(v.name) ? { name: v.name } : {}),
        ...(nonEmpty(v.description) ? { description: v.description } : {}),
      };
    }
    for (const [id, entry] of Object.entries(items)) {
      if (nonEmpty(entry)) bank.items[id] = entry;
      else {
        const e = asRecord(entry);
        const options = Object.fromEntries(
          Object.entries(asRecord(e.options)).filter(([, t]) => nonEmpty(t)),
        ) as Record<string, string>;
        if (nonEmpty(e.text)) bank.items[id] = { text: e.text, options };
      }
    }
    const probes = Array.isArray(doc.probes) ? doc.probes.filter(nonEmpty) : [];
    if (probes.length > 0) bank.probes[file.replace(/\.yaml$/, "")] = probes;
  }
  return bank;
}

/** Locales with a translation folder (each a directory under questions/i18n). */
export function translatedLocales(dir: string = questionsDir()): string[] {
  const root = path.join(dir, "i18n");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^[a-z]{2}$/.test(name) && statSync(path.join(root, name)).isDirectory())
    .sort();
}

/** Custom items' texts per language, written in the builder: item id -> locale -> text. */
export type CustomItemTexts = ReadonlyMap<string, Readonly<Record<string, TranslatedItem>>>;

/** A text a locale lacks: an item of a value (valueId set), an attention check or an unlikely-virtue statement. */
export type MissingText = { valueId: string | null; kind: "item" | "attention" | "virtue"; itemId: string };

function translateCustomItem(item: Item, t: TranslatedItem | undefined): TranslatedItem | null {
  if (!t) return null;
  if (item.type !== "scenario") return typeof t === "string" ? t : t.text;
  if (typeof t === "string" || item.options.some((o) => !t.options[o.id])) return null;
  return { text: t.text, options: Object.fromEntries(item.options.map((o) => [o.id, t.options[o.id]])) };
}

function translateBankItem(item: Item, t: TranslatedItem | undefined): TranslatedItem | null {
  const sourceItem = findBankItem(item.id)?.item;
  if (!sourceItem || !t || sourceItem.text !== item.text) return null;
  if (item.type !== "scenario") return typeof t === "string" ? t : t.text;
  if (typeof t === "string" || sourceItem.type !== "scenario") return null;
  for (const o of item.options) {
    const so = sourceItem.options.find((x) => x.id === o.id);
    if (!so || so.text !== o.text || !t.options[o.id]) return null;
  }
  return { text: t.text, options: Object.fromEntries(item.options.map((o) => [o.id, t.options[o.id]])) };
}

/** One locale's translation of a questionnaire and every text it lacks there (the translation is usable only without). */
function translateWithGaps(
  q: Questionnaire,
  bankOf: ReadonlyMap<string, string | null>,
  locale: string,
  dir: string,
  custom: CustomItemTexts,
): { translation: VersionTranslation; missing: MissingText[] } {
  const bank = readLocaleBank(path.join(dir, "i18n", locale));
  const out: VersionTranslation = { values: {}, items: {}, attention: {}, probes: {} };
  const missing: MissingText[] = [];
  for (const value of q.values) {
    const bankId = bankOf.get(value.id) ?? null;
    const source = bankId ? getBankValue(bankId) : undefined;
    const tv = bankId ? bank.values[bankId] : undefined;
    if (source && tv) {
      const name = tv.name && value.name === source.name ? tv.name : value.name;
      const description =
        tv.description && (value.description ?? "") === (source.description ?? "") ? tv.description : value.description;
      out.values[value.id] = { name, ...(description ? { description } : {}) };
    }
    for (const item of value.items) {
      // A custom item (the admin's texts) is translated by the admin; a bank item by the bank's translators.
      const customTexts = custom.get(item.id);
      const t = customTexts
        ? translateCustomItem(item, customTexts[locale])
        : translateBankItem(item, bank.items[item.id]);
      if (t === null) missing.push({ valueId: value.id, kind: "item", itemId: item.id });
      else out.items[item.id] = t;
    }
    const probes = bankId ? bank.probes[bankId] : undefined;
    if (
      source &&
      probes &&
      probes.length === value.probes.length &&
      value.probes.every((p, i) => source.probes[i] === p)
    ) {
      out.probes[value.id] = probes;
    }
  }
  const sourceAttention = new Map(getAttentionItems().map((a) => [a.id, a.text]));
  for (const a of q.attention) {
    const t = bank.attention[a.id];
    if (!t || sourceAttention.get(a.id) !== a.text) missing.push({ valueId: null, kind: "attention", itemId: a.id });
    else out.attention[a.id] = t;
  }
  // The key only when there are virtue items, so versions without them translate (and hash) as before.
  if (q.virtues.length > 0) {
    const sourceVirtues = new Map(getVirtueItems().map((v) => [v.id, v.text]));
    const virtues: Record<string, string> = {};
    for (const v of q.virtues) {
      const t = bank.virtues[v.id];
      if (!t || sourceVirtues.get(v.id) !== v.text) missing.push({ valueId: null, kind: "virtue", itemId: v.id });
      else virtues[v.id] = t;
    }
    out.virtues = virtues;
  }
  return { translation: out, missing };
}

/**
 * One locale's translation of a questionnaire, or null when any item, option, attention or virtue item has no translation
 * there. `bankOf` maps a content value id (the organization's key) to its bank value id. A bank item counts as
 * translated only while its English text is still the bank's (the translation was made from that text); a custom item
 * when `custom` has its text in that locale; value names and descriptions the admin rewrote stay as written.
 */
export function translateQuestionnaire(
  q: Questionnaire,
  bankOf: ReadonlyMap<string, string | null>,
  locale: string,
  dir: string = questionsDir(),
  custom: CustomItemTexts = new Map(),
): VersionTranslation | null {
  const { translation, missing } = translateWithGaps(q, bankOf, locale, dir, custom);
  return missing.length === 0 ? translation : null;
}

/** Per translated locale (never the source one), the texts it lacks; a locale with none is not listed. */
export function untranslatedTexts(
  q: Questionnaire,
  bankOf: ReadonlyMap<string, string | null>,
  custom: CustomItemTexts = new Map(),
  dir: string = questionsDir(),
): Record<string, MissingText[]> {
  const result: Record<string, MissingText[]> = {};
  for (const locale of translatedLocales(dir)) {
    if (locale === q.locale) continue;
    const { missing } = translateWithGaps(q, bankOf, locale, dir, custom);
    if (missing.length > 0) result[locale] = missing;
  }
  return result;
}

/** A bank item's texts in every translated locale that has it (a custom copy of the item starts from them). */
export function bankItemTranslations(itemId: string, dir: string = questionsDir()): Record<string, TranslatedItem> {
  const found = findBankItem(itemId)?.item;
  const result: Record<string, TranslatedItem> = {};
  if (!found) return result;
  for (const locale of translatedLocales(dir)) {
    const t = translateBankItem(found, readLocaleBank(path.join(dir, "i18n", locale)).items[itemId]);
    if (t !== null) result[locale] = t;
  }
  return result;
}

/** Every locale in which the whole questionnaire is translated (never its own source locale). */
export function buildVersionTranslations(
  q: Questionnaire,
  bankOf: ReadonlyMap<string, string | null>,
  dir: string = questionsDir(),
  custom: CustomItemTexts = new Map(),
): VersionTranslations {
  const result: VersionTranslations = {};
  for (const locale of translatedLocales(dir)) {
    if (locale === q.locale) continue;
    const translation = translateQuestionnaire(q, bankOf, locale, dir, custom);
    if (translation) result[locale] = translation;
  }
  return result;
}
