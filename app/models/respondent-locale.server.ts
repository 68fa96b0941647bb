// The language of a response: which locale the person answers in (responses.locale, first the invitation's), what
// the version offers, and the switch the person answering makes. Counting agents per language for the reports.
import { isLocale, type Locale } from "~/i18n/locale";
import {
  parseTranslations,
  pickVersionLocale,
  versionLocales,
  type VersionTranslation,
  type VersionTranslations,
} from "~/questionnaire/translations";
import type { Questionnaire } from "~/questionnaire/types";
import { getDb, nowIso } from "~/utils/db.server";

/** Below this many included benchmark agents answering in the candidate's language, the comparison crosses languages. */
export const MIN_SAME_LANGUAGE_AGENTS = 5;

export type RespondentLanguage = {
  /** The locale the flow is shown in: the response's, when the version is available in it, else the source's. */
  locale: Locale;
  /** Locales the version can be answered in (source first), limited to those the answering flow has catalogs for. */
  availableLocales: Locale[];
  /** Item texts in `locale`, or null when that is the source language. */
  translation: VersionTranslation | null;
};

const translationsCache = new Map<string, VersionTranslations>();

/** Versions are immutable: their parsed translations are cached by id. */
export function versionTranslations(versionId: string, json: string): VersionTranslations {
  const cached = translationsCache.get(versionId);
  if (cached) return cached;
  const parsed = parseTranslations(json);
  if (translationsCache.size > 100) translationsCache.clear();
  translationsCache.set(versionId, parsed);
  return parsed;
}

export function languageOf(
  q: Pick<Questionnaire, "locale">,
  translations: VersionTranslations,
  wanted: string | null | undefined,
): RespondentLanguage {
  const availableLocales = versionLocales(q, translations).filter(isLocale);
  const picked = pickVersionLocale(q, translations, wanted);
  const locale: Locale = isLocale(picked) ? picked : isLocale(q.locale) ? q.locale : "en";
  return { locale, availableLocales, translation: locale === q.locale ? null : (translations[locale] ?? null) };
}

export function respondentLanguage(
  versionId: string,
  q: Pick<Questionnaire, "locale">,
  translationsJson: string,
  wanted: string | null,
): RespondentLanguage {
  return languageOf(q, versionTranslations(versionId, translationsJson), wanted);
}

/** The person answering switched language: stored on their response (only a locale the version offers). */
export async function setResponseLocale(responseId: string, locale: Locale): Promise<void> {
  await getDb().updateTable("responses").set({ locale, updated_at: nowIso() }).where("id", "=", responseId).execute();
}

export type LanguageComparison = {
  /** The language the candidate answered in. */
  locale: string;
  /** Included agents of the benchmark the current score was made with, per locale; null when not scored. */
  agentsByLocale: Record<string, number> | null;
  /** Included agents who answered in the candidate's language. */
  sameLanguageAgents: number | null;
  /** Fewer than `minAgents` included agents answered in the candidate's language. */
  crossLanguage: boolean;
  minAgents: number;
};

/**
 * For the fit report: the candidate's language against the languages of the included agents of the benchmark the
 * score used (`included`: the snapshot's, null when not scored), given the position's agents and their languages.
 */
export function languageComparison(
  locale: string,
  included: readonly string[] | null,
  positionAgents: readonly { id: string; locale: string }[],
): LanguageComparison {
  if (!included) {
    return {
      locale,
      agentsByLocale: null,
      sameLanguageAgents: null,
      crossLanguage: false,
      minAgents: MIN_SAME_LANGUAGE_AGENTS,
    };
  }
  const includedIds = new Set(included);
  const agentsByLocale: Record<string, number> = {};
  for (const agent of positionAgents) {
    if (includedIds.has(agent.id)) agentsByLocale[agent.locale] = (agentsByLocale[agent.locale] ?? 0) + 1;
  }
  const same = agentsByLocale[locale] ?? 0;
  return {
    locale,
    agentsByLocale,
    sameLanguageAgents: same,
    crossLanguage: same < MIN_SAME_LANGUAGE_AGENTS,
    minAgents: MIN_SAME_LANGUAGE_AGENTS,
  };
}

/**
 * Stores the language the person answering chose, if their questionnaire version is available in it; returns the
 * locale the response now has (unchanged when the wanted one is not offered).
 */
export async function switchResponseLocale(responseId: string, wanted: string): Promise<string | null> {
  const row = await getDb()
    .selectFrom("responses as r")
    .innerJoin("questionnaire_versions as v", "v.id", "r.questionnaire_version_id")
    .select(["r.locale", "v.id as version_id", "v.content_json", "v.translations_json"])
    .where("r.id", "=", responseId)
    .executeTakeFirst();
  if (!row) return null;
  const q = JSON.parse(row.content_json) as Pick<Questionnaire, "locale">;
  const available = languageOf(q, versionTranslations(row.version_id, row.translations_json), null).availableLocales;
  if (!isLocale(wanted) || !available.includes(wanted) || wanted === row.locale) return row.locale;
  await setResponseLocale(responseId, wanted);
  return wanted;
}

/** Locales a position's questionnaire version can be answered in (source first); 404 outside the organization. */
export async function positionLocales(orgId: string, positionId: string): Promise<Locale[]> {
  const row = await getDb()
    .selectFrom("positions as p")
    .innerJoin("questionnaire_versions as v", "v.id", "p.questionnaire_version_id")
    .select(["v.id", "v.content_json", "v.translations_json"])
    .where("p.organization_id", "=", orgId)
    .where("v.organization_id", "=", orgId)
    .where("p.id", "=", positionId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  const q = JSON.parse(row.content_json) as Pick<Questionnaire, "locale">;
  return languageOf(q, versionTranslations(row.id, row.translations_json), null).availableLocales;
}

/** The language an invitation form starts on: the organization's default if the version offers it, else English. */
export function defaultInvitationLocale(orgDefault: string | null | undefined, offered: readonly Locale[]): Locale {
  if (isLocale(orgDefault) && offered.includes(orgDefault)) return orgDefault;
  return offered.includes("en") ? "en" : (offered[0] ?? "en");
}
