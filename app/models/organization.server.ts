import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

export async function getOrganization(orgId: string) {
  return getDb().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
}

export async function getOrganizationBySlug(slug: string) {
  return getDb().selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Pass `db` to create it inside a transaction; `isDemo` marks the demo seed's organizations (staff see a banner). */
export async function createOrganization(
  input: { name: string; slug: string; vision?: string; isDemo?: boolean },
  db: DB = getDb(),
) {
  const id = newId();
  await db
    .insertInto("organizations")
    .values({
      id,
      name: input.name,
      slug: input.slug,
      vision: input.vision ?? "",
      is_demo: input.isDemo ? 1 : 0,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export async function countOrganizations(): Promise<number> {
  const row = await getDb()
    .selectFrom("organizations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type OrganizationSettings = {
  retentionDays: number;
  showScoresToCandidates: boolean;
  defaultLocale: string;
  staffLanguage: string;
};

/** Admin settings (retention period, score sharing, default language), audited with the old and new values. */
export async function updateOrganizationSettings(
  orgId: string,
  input: OrganizationSettings,
  actor: { id: string; email: string },
) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("organizations")
        .select(["retention_days", "show_scores_to_candidates", "default_locale", "staff_language"])
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      const after = {
        retention_days: input.retentionDays,
        show_scores_to_candidates: input.showScoresToCandidates ? 1 : 0,
        default_locale: input.defaultLocale,
        staff_language: input.staffLanguage,
      };
      await trx.updateTable("organizations").set(after).where("id", "=", orgId).execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.id,
          actorLabel: actor.email,
          action: "settings.updated",
          targetType: "organization",
          targetId: orgId,
          details: { before, after },
        },
        trx,
      );
    });
}
