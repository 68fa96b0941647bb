import { z } from "zod";
import { recordAudit } from "~/models/audit.server";
import { ensureTemplateValues, listOrgValues, type Actor, type OrgValue } from "~/models/values.server";
import { getAttentionItems, getBankValue, getTemplate } from "~/questionnaire/bank.server";
import { buildVersionTranslations } from "~/questionnaire/i18n-bank.server";
import { parseTranslations, versionLocales, type VersionTranslations } from "~/questionnaire/translations";
import { parseQuestionnaireYaml, questionnaireToYaml, QuestionnaireError } from "~/questionnaire/load.server";
import {
  DEFAULT_LIKERT_SCALE,
  DEFAULT_RATING_SCALE,
  type Item,
  type ItemType,
  type Questionnaire,
  type QuestionnaireValue,
} from "~/questionnaire/types";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { estimatedSeconds, presentationOrder, type PresentedItem } from "~/utils/presentation-order";
import { newId, sha256Hex } from "~/utils/tokens.server";

// ---------------------------------------------------------------- draft

const scaleSchema = z.object({ min: z.number().int(), max: z.number().int() }).strict();
const customItemSchema = z.discriminatedUnion("type", [
  z
    .object({
      id: z.string(),
      type: z.literal("likert"),
      text: z.string(),
      keyed: z.enum(["plus", "minus"]),
      scale: scaleSchema,
    })
    .strict(),
  z
    .object({
      id: z.string(),
      type: z.literal("rating"),
      text: z.string(),
      keyed: z.enum(["plus", "minus"]),
      scale: scaleSchema,
    })
    .strict(),
  z
    .object({
      id: z.string(),
      type: z.literal("scenario"),
      text: z.string(),
      options: z.array(z.object({ id: z.string(), text: z.string() }).strict()),
    })
    .strict(),
]);

const draftSchema = z
  .object({
    includeAttention: z.boolean(),
    values: z.array(
      z
        .object({
          key: z.string(),
          included: z.boolean(),
          bankItemIds: z.array(z.string()),
          customItems: z.array(customItemSchema),
          customCounter: z.number().int().nonnegative(),
        })
        .strict(),
    ),
  })
  .strict();

/** What `questionnaires.draft_json` holds: per organization value (by key), the picked bank items and custom items. */
export type QuestionnaireDraft = z.infer<typeof draftSchema>;
export type DraftValue = QuestionnaireDraft["values"][number];

const EMPTY_DRAFT: QuestionnaireDraft = { includeAttention: true, values: [] };

function parseDraft(json: string): QuestionnaireDraft {
  const result = draftSchema.safeParse(JSON.parse(json));
  return result.success ? result.data : structuredClone(EMPTY_DRAFT);
}

function draftValue(draft: QuestionnaireDraft, key: string): DraftValue {
  let entry = draft.values.find((v) => v.key === key);
  if (!entry) {
    entry = { key, included: false, bankItemIds: [], customItems: [], customCounter: 0 };
    draft.values.push(entry);
  }
  return entry;
}

// ---------------------------------------------------------------- questionnaires

export type QuestionnaireRecord = {
  id: string;
  slug: string;
  title: string;
  draft: QuestionnaireDraft;
  updatedAt: string;
};

export async function listQuestionnaires(orgId: string) {
  const rows = await getDb()
    .selectFrom("questionnaires as q")
    .leftJoin("questionnaire_versions as v", "v.questionnaire_id", "q.id")
    .select((eb) => [
      "q.id",
      "q.slug",
      "q.title",
      "q.updated_at",
      eb.fn.max<number | null>("v.version").as("latestVersion"),
      eb.fn.max<string | null>("v.published_at").as("lastPublishedAt"),
    ])
    .where("q.organization_id", "=", orgId)
    .groupBy(["q.id", "q.slug", "q.title", "q.updated_at"])
    .orderBy("q.title")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    updatedAt: r.updated_at,
    latestVersion: r.latestVersion,
    lastPublishedAt: r.lastPublishedAt,
  }));
}

export async function countQuestionnaires(orgId: string): Promise<number> {
  const row = await getDb()
    .selectFrom("questionnaires")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A questionnaire of the organization with its draft; another organization's is a 404. */
export async function getQuestionnaire(orgId: string, questionnaireId: string, db: DB = getDb()) {
  const row = await db
    .selectFrom("questionnaires")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", questionnaireId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return { id: row.id, slug: row.slug, title: row.title, draft: parseDraft(row.draft_json), updatedAt: row.updated_at };
}

function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return slug || "questionnaire";
}

async function uniqueSlug(db: DB, orgId: string, title: string): Promise<string> {
  const base = slugify(title);
  const taken = new Set(
    (await db.selectFrom("questionnaires").select("slug").where("organization_id", "=", orgId).execute()).map(
      (r) => r.slug,
    ),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

function audit(db: DB, orgId: string, actor: Actor, action: string, targetId: string, details = {}) {
  return recordAudit(
    {
      organizationId: orgId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action,
      targetType: "questionnaire",
      targetId,
      details,
    },
    db,
  );
}

export class UnknownTemplateError extends Error {}

/**
 * Creates a questionnaire. From a template: the template's missing values are added to the organization (existing
 * ones are left as they are) and the draft picks the template's items. Blank: every organization value is included
 * with no items picked yet.
 */
export async function createQuestionnaire(
  orgId: string,
  input: { title: string; templateId: string | null },
  actor: Actor,
): Promise<string> {
  const template = input.templateId ? getTemplate(input.templateId) : null;
  if (input.templateId && !template) throw new UnknownTemplateError(`Unknown template “${input.templateId}”.`);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const draft: QuestionnaireDraft = { includeAttention: true, values: [] };
      if (template) {
        await ensureTemplateValues(trx, orgId, template, { overwrite: false });
        for (const value of template.values) {
          draft.values.push({
            key: value.bank,
            included: true,
            bankItemIds: [...value.items],
            customItems: [],
            customCounter: 0,
          });
        }
      } else {
        for (const value of await listOrgValues(orgId, trx)) {
          draft.values.push({ key: value.key, included: true, bankItemIds: [], customItems: [], customCounter: 0 });
        }
      }
      const id = newId();
      const now = nowIso();
      const slug = await uniqueSlug(trx, orgId, input.title);
      await trx
        .insertInto("questionnaires")
        .values({
          id,
          organization_id: orgId,
          slug,
          title: input.title,
          draft_json: JSON.stringify(draft),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(trx, orgId, actor, "questionnaire.created", id, { slug, template: template?.id ?? null });
      return id;
    });
}

async function writeDraft(
  db: DB,
  orgId: string,
  questionnaireId: string,
  draft: QuestionnaireDraft,
  title?: string,
): Promise<void> {
  await db
    .updateTable("questionnaires")
    .set({ draft_json: JSON.stringify(draft), updated_at: nowIso(), ...(title === undefined ? {} : { title }) })
    .where("organization_id", "=", orgId)
    .where("id", "=", questionnaireId)
    .execute();
}

/**
 * Saves the builder form: the title, whether attention items are included, which values are included and which
 * bank items are picked (an id that is not an item of that value's bank is ignored). Custom items are kept.
 */
export async function saveDraftSelection(
  orgId: string,
  questionnaireId: string,
  input: { title: string; includeAttention: boolean; values: string[]; items: string[] },
  actor: Actor,
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const picked = new Set(input.items);
      const included = new Set(input.values);
      const draft: QuestionnaireDraft = { includeAttention: input.includeAttention, values: [] };
      for (const value of await listOrgValues(orgId, trx)) {
        const previous = q.draft.values.find((v) => v.key === value.key);
        const bank = value.bankValue ? getBankValue(value.bankValue) : undefined;
        draft.values.push({
          key: value.key,
          included: included.has(value.key),
          bankItemIds: (bank?.items ?? []).filter((item) => picked.has(item.id)).map((item) => item.id),
          customItems: previous?.customItems ?? [],
          customCounter: previous?.customCounter ?? 0,
        });
      }
      await writeDraft(trx, orgId, questionnaireId, draft, input.title);
      await audit(trx, orgId, actor, "questionnaire.draft-saved", questionnaireId, {
        values: [...included],
        items: input.items.length,
      });
    });
}

export type CustomItemFields = {
  value: string;
  type: ItemType;
  text: string;
  keyed?: "plus" | "minus";
  options: string;
};

/** Adds a custom item to a value of the draft; its id is `<value key>-c<n>` (n never reused in this draft). */
export async function addCustomItem(
  orgId: string,
  questionnaireId: string,
  input: CustomItemFields,
  actor: Actor,
): Promise<string> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const values = await listOrgValues(orgId, trx);
      if (!values.some((v) => v.key === input.value)) throw new Response("Unknown value", { status: 400 });
      const entry = draftValue(q.draft, input.value);
      entry.customCounter += 1;
      const id = `${input.value}-c${entry.customCounter}`;
      let item: Item;
      if (input.type === "scenario") {
        const lines = input.options
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== "");
        item = {
          id,
          type: "scenario",
          text: input.text,
          options: lines.map((text, index) => ({ id: String.fromCharCode(97 + index), text })),
        };
      } else {
        const scale = input.type === "likert" ? DEFAULT_LIKERT_SCALE : DEFAULT_RATING_SCALE;
        item = { id, type: input.type, text: input.text, keyed: input.keyed ?? "plus", scale: { ...scale } };
      }
      entry.customItems.push(item);
      entry.included = true;
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await audit(trx, orgId, actor, "questionnaire.custom-item-added", questionnaireId, { itemId: id });
      return id;
    });
}

export async function removeCustomItem(orgId: string, questionnaireId: string, itemId: string, actor: Actor) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      for (const entry of q.draft.values) entry.customItems = entry.customItems.filter((item) => item.id !== itemId);
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await audit(trx, orgId, actor, "questionnaire.custom-item-removed", questionnaireId, { itemId });
    });
}

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

/**
 * The questionnaire the draft describes (version 0 until published): included values in the organization's
 * order, with direction and weight from the organization values and probes from the bank.
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
      probes: value.bankValue ? [...(getBankValue(value.bankValue)?.probes ?? [])] : [],
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
  customItems: Item[];
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
      customItems: entry?.customItems ?? [],
      itemCount: items.length,
      warnings: balanceWarnings(items),
    };
  });
  const { content } = contentFromDraft(q, orgValues);
  return {
    questionnaire: { id: q.id, slug: q.slug, title: q.title, includeAttention: q.draft.includeAttention },
    values,
    attentionCount: getAttentionItems().length,
    estimatedSeconds: estimatedSeconds(content),
    order: presentationOrder(content).map(orderEntry),
  };
}

function orderEntry(entry: PresentedItem) {
  return entry.kind === "attention"
    ? { id: entry.item.id, valueId: null, type: "attention" as const, text: entry.item.text }
    : { id: entry.item.id, valueId: entry.valueId, type: entry.item.type, text: entry.item.text };
}

/** The draft as respondents would see it, for the preview page. */
export async function getDraftPreview(orgId: string, questionnaireId: string) {
  const q = await getQuestionnaire(orgId, questionnaireId);
  const { content } = contentFromDraft(q, await listOrgValues(orgId));
  return { questionnaire: { id: q.id, title: q.title }, content, order: presentationOrder(content) };
}

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
        const previous = JSON.parse(latest.content_json) as Questionnaire;
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
      await audit(trx, orgId, actor, "questionnaire.published", questionnaireId, {
        version,
        versionId,
        sha256,
        locales: versionLocales(validated, translations),
      });
      return { ok: true as const, versionId, version, sha256 };
    });
}

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
  const content = JSON.parse(row.content_json) as Questionnaire;
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
