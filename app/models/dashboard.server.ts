import { getDb } from "~/utils/db.server";

export async function getDashboard(orgId: string) {
  const db = getDb();
  const org = await db.selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom("audit_log")
    .select(["id", "actor_label", "action", "created_at"])
    .where("organization_id", "=", orgId)
    .orderBy("id", "desc")
    .limit(8)
    .execute();
  return {
    organizationName: org.name,
    staffCount: Number(staff.n),
    recent: recent.map((r) => ({ id: r.id, actorLabel: r.actor_label, action: r.action, createdAt: r.created_at })),
  };
}
