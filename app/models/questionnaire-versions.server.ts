// Published questionnaire versions (read only: no function updates them) and their YAML download.
import { questionnaireToYaml } from "~/questionnaire/load.server";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import { parseTranslations, versionLocales } from "~/questionnaire/translations";
import type { Questionnaire } from "~/questionnaire/types";
import { getDb, type DB } from "~/utils/db.server";

// ---------------------------------------------------------------- versions (read only: no function updates them)

export type PublishedVersion = {
  id: string;
  questionnaireId: string;
  questionnaireSlug: string;
  questionnaireTitle: string;
  version: number;
  sha256: string;
  publishedAt: string;
  publishedBy: string | null;
  content: Questionnaire;
  /** The source locale first, then each locale the whole version is translated into. */
  locales: string[];
};

function versionQuery(db: DB, orgId: string) {
  return db
    .selectFrom("questionnaire_versions as v")
    .innerJoin("questionnaires as q", "q.id", "v.questionnaire_id")
    .leftJoin("users as u", "u.id", "v.published_by")
    .select([
      "v.id",
      "v.questionnaire_id",
      "q.slug",
      "q.title",
      "v.version",
      "v.sha256",
      "v.published_at",
      "u.name as published_by_name",
      "v.content_json",
      "v.translations_json",
    ])
    .where("v.organization_id", "=", orgId)
    .where("q.organization_id", "=", orgId);
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>["executeTakeFirstOrThrow"]>>;

function toPublishedVersion(row: VersionRow): PublishedVersion {
  const content = parseStoredQuestionnaire(row.content_json);
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    questionnaireSlug: row.slug,
    questionnaireTitle: row.title,
    version: row.version,
    sha256: row.sha256,
    publishedAt: row.published_at,
    publishedBy: row.published_by_name,
    content,
    locales: versionLocales(content, parseTranslations(row.translations_json)),
  };
}

/** A published version by its id, with its content; another organization's is a 404. */
export async function getQuestionnaireVersion(orgId: string, versionId: string): Promise<PublishedVersion> {
  const row = await versionQuery(getDb(), orgId).where("v.id", "=", versionId).executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return toPublishedVersion(row);
}

/** Every published version of the organization, newest version of each questionnaire first. */
export async function listPublishedVersions(orgId: string): Promise<PublishedVersion[]> {
  const rows = await versionQuery(getDb(), orgId).orderBy("q.title").orderBy("v.version", "desc").execute();
  return rows.map(toPublishedVersion);
}

export async function listVersions(orgId: string, questionnaireId: string) {
  const rows = await versionQuery(getDb(), orgId)
    .where("v.questionnaire_id", "=", questionnaireId)
    .orderBy("v.version", "desc")
    .execute();
  return rows.map((row) => {
    const version = toPublishedVersion(row);
    return {
      id: version.id,
      version: version.version,
      publishedAt: version.publishedAt,
      publishedBy: version.publishedBy,
      sha256: version.sha256,
      itemCount: version.content.values.reduce((n, v) => n + v.items.length, 0),
      valueCount: version.content.values.length,
      locales: version.locales,
    };
  });
}

/** A version by questionnaire and number (URLs use the number); 404 when it does not exist in this organization. */
export async function getVersionByNumber(orgId: string, questionnaireId: string, version: number) {
  if (!Number.isInteger(version) || version < 1) throw new Response("Not found", { status: 404 });
  const row = await versionQuery(getDb(), orgId)
    .where("v.questionnaire_id", "=", questionnaireId)
    .where("v.version", "=", version)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return toPublishedVersion(row);
}

/** The YAML download of a version: loads unchanged in the `score` command. */
export async function getVersionYaml(orgId: string, questionnaireId: string, version: number) {
  const published = await getVersionByNumber(orgId, questionnaireId, version);
  return {
    fileName: `${published.questionnaireSlug}-v${published.version}.yaml`,
    yaml: questionnaireToYaml(published.content),
  };
}
