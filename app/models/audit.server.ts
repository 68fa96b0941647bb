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
