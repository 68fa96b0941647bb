// Translations of a published questionnaire version (questionnaire_versions.translations_json). Browser-safe.
// A translation only replaces texts: ids, keys, scales and options' ids stay those of content_json, so scoring,
// which reads ids and numbers only, gives the same result whatever language the answers were given in.
import type { AttentionItem, Item, Questionnaire, VirtueItem } from "./types";

export type TranslatedItem = string | { text: string; options: Record<string, string> };

export type VersionTranslation = {
  values: Record<string, { name: string; description?: string }>;
  items: Record<string, TranslatedItem>;
  attention: Record<string, string>;
  /** Present only when the version has virtue items (versions published before them have none). */
  virtues?: Record<string, string>;
  probes: Record<string, string[]>;
};

/** { [locale]: VersionTranslation }; "{}" when the version exists only in its source language. */
export type VersionTranslations = Record<string, VersionTranslation>;

export function parseTranslations(json: string | null | undefined): VersionTranslations {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as VersionTranslations) : {};
  } catch {
    return {};
  }
}

/** The source language first, then every translated locale (sorted). */
export function versionLocales(q: Pick<Questionnaire, "locale">, translations: VersionTranslations): string[] {
  return [
    q.locale,
    ...Object.keys(translations)
      .filter((l) => l !== q.locale)
      .sort(),
  ];
}

/** The locale the version can be shown in: the wanted one if available, else its source language. */
export function pickVersionLocale(
  q: Pick<Questionnaire, "locale">,
  translations: VersionTranslations,
  wanted: string | null | undefined,
): string {
  return wanted && (wanted === q.locale || wanted in translations) ? wanted : q.locale;
}

export function localizeItem<T extends Item | AttentionItem | VirtueItem>(item: T, tr: VersionTranslation | null): T {
  if (!tr) return item;
  if ("expect" in item) {
    const text = tr.attention[item.id];
    return text ? { ...item, text } : item;
  }
  if (!("type" in item)) {
    const text = tr.virtues?.[item.id];
    return text ? { ...item, text } : item;
  }
  const t = tr.items[item.id];
  if (!t) return item;
  if (typeof t === "string") return { ...item, text: t };
  if ("options" in item && item.type === "scenario") {
    return { ...item, text: t.text, options: item.options.map((o) => ({ id: o.id, text: t.options[o.id] ?? o.text })) };
  }
  return { ...item, text: t.text };
}

export function localizeValue(
  value: { id: string; name: string; description?: string },
  tr: VersionTranslation | null,
): { name: string; description: string } {
  const t = tr?.values[value.id];
  return { name: t?.name ?? value.name, description: t?.description ?? value.description ?? "" };
}
