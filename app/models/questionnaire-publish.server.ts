// Publishing a draft as an immutable, hashed questionnaire version.
import { contentFromDraft, MIN_ITEMS_TO_PUBLISH } from "~/models/questionnaire-builder.server";
import { getQuestionnaire, questionnaireAudit } from "~/models/questionnaire-draft.server";
import { listOrgValues, type Actor } from "~/models/values.server";
import { buildVersionTranslations } from "~/questionnaire/i18n-bank.server";
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
  { ok: true; versionId: string; version: number; sha256: string } | { ok: false; message: string };

/**
 * Publishes the draft as the next immutable version (previous max + 1): content validated by the loader's own
 * schema (a YAML round trip), stored with the sha256 of its canonical JSON, in one transaction.
 */
export async function publishQuestionnaire(
  orgId: string,
  questionnaireId: string,
  actor: Actor,
): Promise<PublishResult> {
  return serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const orgValues = await listOrgValues(orgId, trx);
      const { content, missingItems } = contentFromDraft(q, orgValues);
      if (content.values.length === 0) {
        return { ok: false as const, message: "Include at least one value before publishing." };
      }
      if (missingItems.length > 0) {
        return {
          ok: false as const,
          message: `These picked items are no longer in the item bank: ${missingItems.join(", ")}. Save the draft again to drop them.`,
        };
      }
      const thin = content.values.filter((v) => v.items.length < MIN_ITEMS_TO_PUBLISH);
      if (thin.length > 0) {
        const list = thin.map((v) => `“${v.name}” has ${v.items.length}`).join("; ");
        return {
          ok: false as const,
          message: `Each value needs at least ${MIN_ITEMS_TO_PUBLISH} scored items to be published: ${list}.`,
        };
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
            message: `The questionnaire is not valid: ${error.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
          };
        }
        throw error;
      }
      const translations = buildVersionTranslations(validated, new Map(orgValues.map((v) => [v.key, v.bankValue])));
      if (latest) {
        const previous = parseStoredQuestionnaire(latest.content_json);
        if (
          canonicalJson({ ...previous, version }) === canonicalJson(validated) &&
          canonicalJson(parseTranslations(latest.translations_json)) === canonicalJson(translations)
        ) {
          return {
            ok: false as const,
            message: `Nothing changed since version ${latest.version}; there is nothing to publish.`,
          };
        }
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
        locales: versionLocales(validated, translations),
      });
      return { ok: true as const, versionId, version, sha256 };
    });
}
