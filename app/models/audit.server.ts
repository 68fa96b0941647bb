import type { DB } from "~/utils/db.server";
import { getDb, nowIso } from "~/utils/db.server";

export type AuditEvent = {
  organizationId: string | null;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
};

/** Appends one audit row (append-only: there is no update or delete function); pass `db` to write inside a transaction. */
export async function recordAudit(event: AuditEvent, db: DB = getDb()): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      organization_id: event.organizationId,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      details_json: JSON.stringify(event.details ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

export async function listAudit(orgId: string, limit = 200) {
  return getDb()
    .selectFrom("audit_log")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the organization's audit log, newest first, optionally one action only. Read-only. */
export async function listAuditPage(orgId: string, query: { page: number; action?: string }) {
  let base = getDb().selectFrom("audit_log").where("organization_id", "=", orgId);
  if (query.action) base = base.where("action", "=", query.action);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const events = await base
    .select(["id", "actor_label", "actor_user_id", "action", "target_type", "target_id", "details_json", "created_at"])
    .orderBy("id", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((query.page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  const count = Number(total.n);
  return { events, total: count, page: query.page, pages: Math.max(1, Math.ceil(count / AUDIT_PAGE_SIZE)) };
}

/** The distinct actions the organization's log holds, for the filter. */
export async function listAuditActions(orgId: string): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("audit_log")
    .select("action")
    .distinct()
    .where("organization_id", "=", orgId)
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}
