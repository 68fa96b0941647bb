import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

export async function getOrganization(orgId: string) {
  return getDb().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
}

export async function getOrganizationBySlug(slug: string) {
  return getDb().selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function createOrganization(input: { name: string; slug: string; vision?: string }) {
  const id = newId();
  await getDb()
    .insertInto("organizations")
    .values({ id, name: input.name, slug: input.slug, vision: input.vision ?? "", created_at: nowIso() })
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

export type OrganizationSettings = { retentionDays: number; showScoresToCandidates: boolean; defaultLocale: string };

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
        .select(["retention_days", "show_scores_to_candidates", "default_locale"])
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      const after = {
        retention_days: input.retentionDays,
        show_scores_to_candidates: input.showScoresToCandidates ? 1 : 0,
        default_locale: input.defaultLocale,
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
