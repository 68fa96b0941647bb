// Questionnaires and their drafts (questionnaires.draft_json): creating, the builder's saved selection, custom items.
import { z } from "zod";
import { msg, translateMessage } from "~/i18n/message";
import { staffT } from "~/i18n/staff-catalogs.server";
import { recordAudit } from "~/models/audit.server";
import { ensureTemplateValues, listOrgValues, type Actor } from "~/models/values.server";
import { getBankValue, getTemplate } from "~/questionnaire/bank.server";
import { DEFAULT_LIKERT_SCALE, DEFAULT_RATING_SCALE, type Item, type ItemType } from "~/questionnaire/types";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

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

const translatedItemSchema = z.union([
  z.string(),
  z.object({ text: z.string(), options: z.record(z.string(), z.string()) }).strict(),
]);

const draftSchema = z
  .object({
    includeAttention: z.boolean(),
    /** Drafts saved before virtue items existed read without them (publishing them again changes nothing). */
    includeVirtues: z.boolean().default(false),
    values: z.array(
      z
        .object({
          key: z.string(),
          included: z.boolean(),
          bankItemIds: z.array(z.string()),
          customItems: z.array(customItemSchema),
          customCounter: z.number().int().nonnegative(),
          /** Custom items' texts in other languages: item id -> locale -> text (drafts saved before read as {}). */
          customTranslations: z.record(z.string(), z.record(z.string(), translatedItemSchema)).default({}),
          /** Interview probes the admin wrote for this value; absent means the bank's probes. */
          probes: z.array(z.string()).optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** What `questionnaires.draft_json` holds: per organization value (by key), the picked bank items and custom items. */
export type QuestionnaireDraft = z.infer<typeof draftSchema>;
export type DraftValue = QuestionnaireDraft["values"][number];

const EMPTY_DRAFT: QuestionnaireDraft = { includeAttention: true, includeVirtues: true, values: [] };

function parseDraft(json: string): QuestionnaireDraft {
  const result = draftSchema.safeParse(JSON.parse(json));
  return result.success ? result.data : structuredClone(EMPTY_DRAFT);
}

export function draftValue(draft: QuestionnaireDraft, key: string): DraftValue {
  let entry = draft.values.find((v) => v.key === key);
  if (!entry) {
    entry = { key, included: false, bankItemIds: [], customItems: [], customCounter: 0, customTranslations: {} };
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
  // The slug is the questionnaire id of its YAML, which starts with a letter (SCORING.md section 1).
  if (slug === "") return "questionnaire";
  return /^[a-z]/.test(slug) ? slug : `q-${slug}`.slice(0, 50).replace(/-+$/, "");
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

export function questionnaireAudit(
  db: DB,
  orgId: string,
  actor: Actor,
  action: string,
  targetId: string,
  details = {},
) {
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

/** `text`: the message as a catalog key for the reader's language (~/i18n/message); `message`: its English text. */
export class UnknownTemplateError extends Error {
  readonly text: string;
  constructor(templateId: string) {
    const text = msg("questionnaires:content.unknownTemplate", { template: templateId });
    super(translateMessage(staffT("en"), text));
    this.text = text;
  }
}

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
  if (input.templateId && !template) throw new UnknownTemplateError(input.templateId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const draft: QuestionnaireDraft = { includeAttention: true, includeVirtues: true, values: [] };
      if (template) {
        await ensureTemplateValues(trx, orgId, template, { overwrite: false });
        for (const value of template.values) {
          draft.values.push({
            key: value.bank,
            included: true,
            bankItemIds: [...value.items],
            customItems: [],
            customCounter: 0,
            customTranslations: {},
          });
        }
      } else {
        for (const value of await listOrgValues(orgId, trx)) {
          draft.values.push({
            key: value.key,
            included: true,
            bankItemIds: [],
            customItems: [],
            customCounter: 0,
            customTranslations: {},
          });
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
      await questionnaireAudit(trx, orgId, actor, "questionnaire.created", id, {
        slug,
        template: template?.id ?? null,
      });
      return id;
    });
}

export async function writeDraft(
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
 * Saves the builder form: the title, whether attention and virtue items are included, which values are included
 * and which bank items are picked (an id that is not an item of that value's bank is ignored). Custom items are kept.
 */
export async function saveDraftSelection(
  orgId: string,
  questionnaireId: string,
  input: { title: string; includeAttention: boolean; includeVirtues: boolean; values: string[]; items: string[] },
  actor: Actor,
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      const picked = new Set(input.items);
      const included = new Set(input.values);
      const draft: QuestionnaireDraft = {
        includeAttention: input.includeAttention,
        includeVirtues: input.includeVirtues,
        values: [],
      };
      for (const value of await listOrgValues(orgId, trx)) {
        const previous = q.draft.values.find((v) => v.key === value.key);
        const bank = value.bankValue ? getBankValue(value.bankValue) : undefined;
        draft.values.push({
          key: value.key,
          included: included.has(value.key),
          bankItemIds: (bank?.items ?? []).filter((item) => picked.has(item.id)).map((item) => item.id),
          customItems: previous?.customItems ?? [],
          customCounter: previous?.customCounter ?? 0,
          customTranslations: previous?.customTranslations ?? {},
          ...(previous?.probes ? { probes: previous.probes } : {}),
        });
      }
      await writeDraft(trx, orgId, questionnaireId, draft, input.title);
      await questionnaireAudit(trx, orgId, actor, "questionnaire.draft-saved", questionnaireId, {
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

/** Lines of a text area, trimmed, blank ones dropped (scenario options, probes). */
export function textLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** A custom item from the form's fields: scenario options one per line (ids a, b, c…), the type's default scale. */
export function customItem(id: string, input: Omit<CustomItemFields, "value">): Item {
  if (input.type === "scenario") {
    return {
      id,
      type: "scenario",
      text: input.text,
      options: textLines(input.options).map((text, index) => ({ id: String.fromCharCode(97 + index), text })),
    };
  }
  const scale = input.type === "likert" ? DEFAULT_LIKERT_SCALE : DEFAULT_RATING_SCALE;
  return { id, type: input.type, text: input.text, keyed: input.keyed ?? "plus", scale: { ...scale } };
}

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
      entry.customItems.push(customItem(id, input));
      entry.included = true;
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await questionnaireAudit(trx, orgId, actor, "questionnaire.custom-item-added", questionnaireId, { itemId: id });
      return id;
    });
}

export async function removeCustomItem(orgId: string, questionnaireId: string, itemId: string, actor: Actor) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const q = await getQuestionnaire(orgId, questionnaireId, trx);
      for (const entry of q.draft.values) {
        entry.customItems = entry.customItems.filter((item) => item.id !== itemId);
        delete entry.customTranslations[itemId];
      }
      await writeDraft(trx, orgId, questionnaireId, q.draft);
      await questionnaireAudit(trx, orgId, actor, "questionnaire.custom-item-removed", questionnaireId, { itemId });
    });
}
