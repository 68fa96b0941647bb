// Recruiter decisions on a candidate (advance / hold / reject + note), each with an audit row in the same transaction.
import { recordAudit } from "~/models/audit.server";
import { enqueueWebhookEvent, reportUrl } from "~/models/webhook-events.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { newId } from "~/utils/tokens.server";
import type { DecisionKind } from "~/utils/schemas/results.server";

export type DecisionActor = { id: string; email: string };

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** A submitted-or-not candidate response of this position and organization, or 404. */
export async function requireCandidate(orgId: string, positionId: string, responseId: string, db: DB = getDb()) {
  const row = await db
    .selectFrom("responses")
    .select(["id", "respondent_label"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("id", "=", responseId)
    .where("kind", "=", "candidate")
    .executeTakeFirst();
  return row ?? notFound();
}

/**
 * Writes a decision and its audit row (who, when) in one transaction. Timestamps of one response's decisions strictly
 * increase, so "the latest decision" is never a tie even for two decisions within the same millisecond.
 */
export async function recordDecision(
  orgId: string,
  positionId: string,
  responseId: string,
  input: { decision: DecisionKind; note: string; hiredOn?: string | null },
  actor: DecisionActor,
): Promise<string> {
  return serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const candidate = await requireCandidate(orgId, positionId, responseId, trx);
      const latest = await trx
        .selectFrom("decisions")
        .select("decided_at")
        .where("organization_id", "=", orgId)
        .where("response_id", "=", responseId)
        .orderBy("decided_at", "desc")
        .executeTakeFirst();
      let decidedAt = nowIso();
      if (latest && decidedAt <= latest.decided_at) {
        decidedAt = new Date(new Date(latest.decided_at).getTime() + 1).toISOString();
      }
      const id = newId();
      await trx
        .insertInto("decisions")
        .values({
          id,
          organization_id: orgId,
          response_id: responseId,
          decision: input.decision,
          note: input.note,
          decided_by: actor.id,
          decided_at: decidedAt,
          hired_on: input.decision === "hired" ? (input.hiredOn ?? decidedAt.slice(0, 10)) : null,
        })
        .execute();
      await enqueueWebhookEvent(trx, orgId, "decision.recorded", {
        positionId,
        responseId,
        decisionId: id,
        decision: input.decision,
        hiredOn: input.decision === "hired" ? (input.hiredOn ?? decidedAt.slice(0, 10)) : null,
        decidedAt,
        reportUrl: reportUrl(positionId, responseId),
      });
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.id,
          actorLabel: actor.email,
          action: "candidate.decision",
          targetType: "response",
          targetId: responseId,
          details: {
            positionId,
            decisionId: id,
            candidate: candidate.respondent_label,
            decision: input.decision,
            note: input.note,
            decidedAt,
            ...(input.decision === "hired" ? { hiredOn: input.hiredOn ?? decidedAt.slice(0, 10) } : {}),
          },
        },
        trx,
      );
      return id;
    });
}

/** Decisions on one response, newest first, with who made them. */
export async function listDecisions(orgId: string, responseId: string, db: DB = getDb()) {
  return db
    .selectFrom("decisions")
    .leftJoin("users", "users.id", "decisions.decided_by")
    .select([
      "decisions.id",
      "decisions.decision",
      "decisions.note",
      "decisions.hired_on",
      "decisions.decided_at",
      "decisions.decided_by",
      "users.name as decided_by_name",
      "users.email as decided_by_email",
    ])
    .where("decisions.organization_id", "=", orgId)
    .where("decisions.response_id", "=", responseId)
    .orderBy("decisions.decided_at", "desc")
    .execute();
}
