import type { Direction } from "~/questionnaire/types";
import { msg } from "~/i18n/message";
import { getBankValue, getTemplate, type ValuesTemplate } from "~/questionnaire/bank.server";
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

export type Actor = { userId: string | null; label: string };

export type OrgValue = {
  id: string;
  key: string;
  name: string;
  description: string;
  iStatement: string;
  metrics: string[];
  direction: Direction;
  weight: number;
  sortOrder: number;
  bankValue: string | null;
};

export type OrgValueInput = {
  name: string;
  description: string;
  iStatement: string;
  metrics: string[];
  direction: Direction;
  weight: number;
};

/** Suggested key metrics (seed 000), offered in a datalist; any text is accepted. */
export const METRIC_SUGGESTIONS = ["CSAT", "FCR", "NPS", "FRT", "AHT", "CES", "QA", "CRR"] as const;

/** The key is in use; `text` is the message as a catalog key for the page, the message itself English. */
export class ValueKeyTakenError extends Error {
  readonly text: string;
  constructor(key: string) {
    super(`A value with the key “${key}” already exists.`);
    this.text = msg("content:errors.keyTaken", { key });
  }
}

type Row = {
  id: string;
  key: string;
  name: string;
  description: string;
  i_statement: string;
  metrics_json: string;
  direction: Direction;
  weight: number;
  sort_order: number;
  bank_value: string | null;
};

function toOrgValue(row: Row): OrgValue {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    iStatement: row.i_statement,
    metrics: JSON.parse(row.metrics_json) as string[],
    direction: row.direction,
    weight: row.weight,
    sortOrder: row.sort_order,
    bankValue: row.bank_value,
  };
}

const COLUMNS = [
  "id",
  "key",
  "name",
  "description",
  "i_statement",
  "metrics_json",
  "direction",
  "weight",
  "sort_order",
  "bank_value",
] as const;

export async function listOrgValues(orgId: string, db: DB = getDb()): Promise<OrgValue[]> {
  const rows = await db
    .selectFrom("org_values")
    .select(COLUMNS)
    .where("organization_id", "=", orgId)
    .orderBy("sort_order")
    .orderBy("created_at")
    .execute();
  return rows.map(toOrgValue);
}

/** One value of the organization; a value of another organization is a 404. */
export async function getOrgValue(orgId: string, valueId: string): Promise<OrgValue> {
  const row = await getDb()
    .selectFrom("org_values")
    .select(COLUMNS)
    .where("organization_id", "=", orgId)
    .where("id", "=", valueId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return toOrgValue(row);
}

export async function getVision(orgId: string): Promise<string> {
  const row = await getDb().selectFrom("organizations").select("vision").where("id", "=", orgId).executeTakeFirst();
  return row?.vision ?? "";
}

export async function updateVision(orgId: string, vision: string, actor: Actor): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("organizations").set({ vision }).where("id", "=", orgId).execute();
      await audit(trx, orgId, actor, "values.vision-updated", "organization", orgId, { vision });
    });
}

async function nextSortOrder(db: DB, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("org_values")
    .select((eb) => eb.fn.max<number | null>("sort_order").as("max"))
    .where("organization_id", "=", orgId)
    .executeTakeFirst();
  return (row?.max ?? -1) + 1;
}

/** The columns of org_values that an OrgValueInput sets. */
function valueColumns(input: OrgValueInput) {
  return {
    name: input.name,
    description: input.description,
    i_statement: input.iStatement,
    metrics_json: JSON.stringify(input.metrics),
    direction: input.direction,
    weight: input.weight,
  };
}

async function insertValue(
  db: DB,
  orgId: string,
  key: string,
  input: OrgValueInput,
  bankValue: string | null,
): Promise<string> {
  const taken = await db
    .selectFrom("org_values")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("key", "=", key)
    .executeTakeFirst();
  if (taken) throw new ValueKeyTakenError(key);
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("org_values")
    .values({
      id,
      organization_id: orgId,
      key,
      ...valueColumns(input),
      sort_order: await nextSortOrder(db, orgId),
      bank_value: bankValue,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

function audit(
  db: DB,
  orgId: string,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string,
  details: Record<string, unknown> = {},
) {
  return recordAudit(
    {
      organizationId: orgId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action,
      targetType,
      targetId,
      details,
    },
    db,
  );
}

/** A custom value (or a bank value when `bankValue` names one: its items become pickable in the builder). */
export async function createOrgValue(
  orgId: string,
  key: string,
  input: OrgValueInput,
  actor: Actor,
  bankValue: string | null = null,
): Promise<string> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const id = await insertValue(trx, orgId, key, input, bankValue);
      await audit(trx, orgId, actor, "values.created", "org_value", id, { key, bankValue });
      return id;
    });
}

/** Adds a value of the item bank with its name and description; the admin edits the rest. */
export async function addBankValue(orgId: string, bankId: string, actor: Actor): Promise<string> {
  const bank = getBankValue(bankId);
  if (!bank) throw new Response("Unknown bank value", { status: 400 });
  return createOrgValue(
    orgId,
    bank.id,
    {
      name: bank.name,
      description: bank.description ?? "",
      iStatement: "",
      metrics: [],
      direction: bank.direction,
      weight: bank.weight,
    },
    actor,
    bank.id,
  );
}

export async function updateOrgValue(orgId: string, valueId: string, input: OrgValueInput, actor: Actor) {
  await getOrgValue(orgId, valueId);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("org_values")
        .set({
          ...valueColumns(input),
          updated_at: nowIso(),
        })
        .where("organization_id", "=", orgId)
        .where("id", "=", valueId)
        .execute();
      await audit(trx, orgId, actor, "values.updated", "org_value", valueId, { ...input });
    });
}

export async function deleteOrgValue(orgId: string, valueId: string, actor: Actor) {
  const value = await getOrgValue(orgId, valueId);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom("org_values").where("organization_id", "=", orgId).where("id", "=", valueId).execute();
      await audit(trx, orgId, actor, "values.deleted", "org_value", valueId, { key: value.key, name: value.name });
    });
}

/** Swaps the value with its neighbour above or below; at the edge nothing changes. */
export async function moveOrgValue(orgId: string, valueId: string, direction: "up" | "down", actor: Actor) {
  await getOrgValue(orgId, valueId);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const values = await listOrgValues(orgId, trx);
      const index = values.findIndex((v) => v.id === valueId);
      const other = direction === "up" ? index - 1 : index + 1;
      if (other < 0 || other >= values.length) return;
      [values[index], values[other]] = [values[other], values[index]];
      for (const [position, value] of values.entries()) {
        await trx
          .updateTable("org_values")
          .set({ sort_order: position })
          .where("organization_id", "=", orgId)
          .where("id", "=", value.id)
          .execute();
      }
      await audit(trx, orgId, actor, "values.reordered", "org_value", valueId, { direction });
    });
}

function templateValueInput(template: ValuesTemplate, index: number): { key: string; input: OrgValueInput } {
  const value = template.values[index];
  const bank = getBankValue(value.bank);
  return {
    key: value.bank,
    input: {
      name: bank?.name ?? value.bank,
      description: bank?.description ?? "",
      iStatement: value.iStatement,
      metrics: [...value.metrics],
      direction: value.direction,
      weight: value.weight,
    },
  };
}

/**
 * Creates the template's values the organization does not have yet; with `overwrite`, also rewrites the ones
 * it has (same key). Returns the keys created and updated. Runs inside the caller's transaction.
 */
export async function ensureTemplateValues(
  db: DB,
  orgId: string,
  template: ValuesTemplate,
  options: { overwrite: boolean },
): Promise<{ created: string[]; updated: string[] }> {
  const existing = new Map((await listOrgValues(orgId, db)).map((v) => [v.key, v]));
  const created: string[] = [];
  const updated: string[] = [];
  for (let index = 0; index < template.values.length; index++) {
    const { key, input } = templateValueInput(template, index);
    const current = existing.get(key);
    if (!current) {
      await insertValue(db, orgId, key, input, key);
      created.push(key);
    } else if (options.overwrite) {
      await db
        .updateTable("org_values")
        .set({
          ...valueColumns(input),
          bank_value: key,
          updated_at: nowIso(),
        })
        .where("organization_id", "=", orgId)
        .where("id", "=", current.id)
        .execute();
      updated.push(key);
    }
  }
  return { created, updated };
}

export type ApplyTemplateResult =
  { ok: true; created: string[]; updated: string[] } | { ok: false; needsConfirmation: true; message: string };

/**
 * Applies a template's vision and values. When the organization already has values or a different vision, it
 * refuses unless `confirmReplace`: then the vision is replaced and values with the template's keys are rewritten
 * (other values are kept).
 */
export async function applyValuesTemplate(
  orgId: string,
  templateId: string,
  options: { confirmReplace: boolean },
  actor: Actor,
): Promise<ApplyTemplateResult> {
  const template = getTemplate(templateId);
  if (!template) throw new Response("Unknown template", { status: 400 });
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const values = await listOrgValues(orgId, trx);
      const org = await trx.selectFrom("organizations").select("vision").where("id", "=", orgId).executeTakeFirst();
      const vision = org?.vision ?? "";
      const visionDiffers = vision.trim() !== "" && vision !== template.vision;
      if ((values.length > 0 || visionDiffers) && !options.confirmReplace) {
        const vars = { count: values.length, template: template.name };
        const key =
          values.length > 0 && visionDiffers
            ? "content:template.hasBoth"
            : values.length > 0
              ? "content:template.hasValues"
              : "content:template.hasVision";
        // A catalog key (~/i18n/message): the page says it in the reader's language, the API and scripts in English.
        return { ok: false as const, needsConfirmation: true as const, message: msg(key, vars) };
      }
      await trx.updateTable("organizations").set({ vision: template.vision }).where("id", "=", orgId).execute();
      const result = await ensureTemplateValues(trx, orgId, template, { overwrite: true });
      await audit(trx, orgId, actor, "values.template-applied", "organization", orgId, {
        template: template.id,
        ...result,
      });
      return { ok: true as const, ...result };
    });
}
