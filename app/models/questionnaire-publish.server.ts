// Publishing a draft as an immutable, hashed questionnaire version.
import { contentFromDraft, customItemTexts, MIN_ITEMS_TO_PUBLISH } from "~/models/questionnaire-builder.server";
import { getQuestionnaire, questionnaireAudit } from "~/models/questionnaire-draft.server";
import { listOrgValues, type Actor } from "~/models/values.server";
import { languageName, type Locale } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";
import { questionsDir } from "~/questionnaire/bank.server";
import { buildVersionTranslations, untranslatedTexts, type MissingText } from "~/questionnaire/i18n-bank.server";
import { parseQuestionnaireYaml, questionnaireToYaml, QuestionnaireError } from "~/questionnaire/load.server";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import { parseTranslations, versionLocales, type VersionTranslations } from "~/questionnaire/translations";
import type { Questionnaire } from "~/questionnaire/types";
import { getDb, nowIso } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { newId, sha256Hex } from "~/utils/tokens.server";

// ---------------------------------------------------------------- publishing

/** JSON with object keys sorted at every level: the bytes the sha256 of a version is taken over. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * The sha256 of a version: over its canonical content JSON when it has no translations (the original rule, so older
 * hashes stay valid), else over the canonical JSON of `{ content, translations }` so that every locale's text counts.
 */
export function versionSha256(contentJson: string, translations: VersionTranslations): string {
  if (Object.keys(translations).length === 0) return sha256Hex(contentJson);
  return sha256Hex(canonicalJson({ content: JSON.parse(contentJson) as unknown, translations }));
}

export type PublishResult =
  | { ok: true; versionId: string; version: number; sha256: string; locales: string[] }
  | { ok: false; message: string }
  /** Some languages lack texts: publishing again with `languagesConfirmed` offers the version without them. */
  | { ok: false; message: string; missingLanguages: { lines: string[]; offeredIn: string[] } };

/**
 * A list in words in the reader's language: "a", "a and b", "a, b and c" (or "a, b or c"). English keeps its form
 * without the serial comma; other languages use Intl's.
 */
function wordList(words: string[], locale: Locale, type: "conjunction" | "disjunction" = "conjunction"): string {
  if (locale !== "en") return new Intl.ListFormat(locale, { type }).format(words);
  const last = type === "conjunction" ? " and " : " or ";
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")}${last}${words[words.length - 1]}`;
}

/**
 * What the publish step says before it drops languages: per value (then the attention checks and unlikely-virtue
 * statements) the languages it has no text in and which items lack it, and the languages the version is offered in.
 */
export function missingLanguageLines(
  content: Questionnaire,
  missing: Record<string, MissingText[]>,
  offeredIn: string[],
  locale: Locale = "en",
): string[] {
  const t = staffT(locale, "questionnaires");
  const groups = [
    ...content.values.map((v) => ({ label: v.name, match: (m: MissingText) => m.valueId === v.id })),
    { label: t("publish.attentionGroup"), match: (m: MissingText) => m.kind === "attention" },
    { label: t("publish.virtueGroup"), match: (m: MissingText) => m.kind === "virtue" },
  ];
  const name = (code: string) => languageName(code, locale);
  const lines: string[] = [];
  for (const group of groups) {
    const locales = Object.keys(missing).filter((l) => missing[l].some(group.match));
    if (locales.length === 0) continue;
    const items = [...new Set(locales.flatMap((l) => missing[l].filter(group.match).map((m) => m.itemId)))];
    const languages = wordList(
      locales.map(name).sort((a, b) => a.localeCompare(b, locale)),
      locale,
      "disjunction",
    );
    lines.push(t("publish.missingText", { group: group.label, languages, items: items.join(", ") }));
  }
  lines.push(t("publish.offeredIn", { languages: wordList(offeredIn.map(name), locale) }));
  return lines;
}

/**
 * Publishes the draft as the next immutable version (previous max + 1): content validated by the loader's own
 * schema (a YAML round trip), stored with the sha256 of its canonical JSON, in one transaction.
 */
export async function publishQuestionnaire(
  orgId: string,
  questionnaireId: string,
  actor: Actor,
  options: { languagesConfirmed?: boolean; locale?: Locale } = {},
): Promise<PublishResult> {
  // Messages in the reader's language (the builder); scripts, seeds and tests read them in English.
  const locale = options.locale ?? "en";
  const t = staffT(locale, "questionnaires");
  // Scripts and seeds publish whatever languages are complete; the builder asks first (languagesConfirmed: false).
  const languagesConfirmed = options.languagesConfirmed ?? true;
  return serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const orgValues = await listOrgValues(orgId, trx);
      const { content, missingItems } = contentFromDraft(q, orgValues);
      if (content.values.length === 0) {
        return { ok: false as const, message: t("publish.noValues") };
      }
      if (missingItems.length > 0) {
        return {
          ok: false as const,
          message: t("publish.missingItems", { items: missingItems.join(", ") }),
        };
      }
      const thin = content.values.filter((v) => v.items.length < MIN_ITEMS_TO_PUBLISH);
      if (thin.length > 0) {
        const list = thin.map((v) => t("publish.thinValue", { value: v.name, items: v.items.length })).join("; ");
        return { ok: false as const, message: t("publish.tooFewItems", { min: MIN_ITEMS_TO_PUBLISH, list }) };
      }
      const latest = await trx
        .selectFrom("questionnaire_versions")
        .select(["version", "content_json", "translations_json"])
        .where("organization_id", "=", orgId)
        .where("questionnaire_id", "=", questionnaireId)
        .orderBy("version", "desc")
        .executeTakeFirst();
      const version = (latest?.version ?? 0) + 1;
      let validated: Questionnaire;
      try {
        validated = parseQuestionnaireYaml(questionnaireToYaml({ ...content, version }), `${q.slug}.yaml`);
      } catch (error) {
        if (error instanceof QuestionnaireError) {
          return {
            ok: false as const,
            message: t("publish.invalid", { issues: error.issues.map((i) => `${i.path}: ${i.message}`).join("; ") }),
          };
        }
        throw error;
      }
      const bankOf = new Map(orgValues.map((v) => [v.key, v.bankValue]));
      const customTexts = customItemTexts(q.draft);
      const translations = buildVersionTranslations(validated, bankOf, questionsDir(), customTexts);
      if (latest) {
        const previous = parseStoredQuestionnaire(latest.content_json);
        if (
          canonicalJson({ ...previous, version }) === canonicalJson(validated) &&
          canonicalJson(parseTranslations(latest.translations_json)) === canonicalJson(translations)
        ) {
          return {
            ok: false as const,
            message: t("publish.unchanged", { version: latest.version }),
          };
        }
      }
      const locales = versionLocales(validated, translations);
      const missing = untranslatedTexts(validated, bankOf, customTexts);
      if (!languagesConfirmed && Object.keys(missing).length > 0) {
        return {
          ok: false as const,
          message: t("publish.confirmLanguages"),
          missingLanguages: { lines: missingLanguageLines(validated, missing, locales, locale), offeredIn: locales },
        };
      }
      const contentJson = canonicalJson(validated);
      const sha256 = versionSha256(contentJson, translations);
      const versionId = newId();
      await trx
        .insertInto("questionnaire_versions")
        .values({
          id: versionId,
          organization_id: orgId,
          questionnaire_id: questionnaireId,
          version,
          content_json: contentJson,
          translations_json: canonicalJson(translations),
          sha256,
          published_at: nowIso(),
          published_by: actor.userId,
        })
        .execute();
      await questionnaireAudit(trx, orgId, actor, "questionnaire.published", questionnaireId, {
        version,
        versionId,
        sha256,
        locales,
      });
      return { ok: true as const, versionId, version, sha256, locales };
    });
}
