// Review before ranking (issue 21, point 4): a candidate on the review list (the engine's `review`: a hard flag or two
// soft ones) is held out of the ranking until someone reviews the answers and says either that the scores can be used
// (the candidate joins the ranking) or that the candidate is set aside, not assessed (kept out of ranking, compare and
// the fairness cut). Each review carries a note, is written with its audit row in one transaction and shown on the
// report; a later review replaces the earlier one (the audit log keeps them all).
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import type { CandidateReviewInput } from "~/utils/schemas/review.server";

export type ReviewActor = { id: string; email: string };

/** The candidate has no current score on the review list: there is nothing to review. */
export class NotOnReviewListError extends Error {
  constructor() {
    super("This candidate is not on the review list: their answers raised no hard flag and at most one soft flag.");
    this.name = "NotOnReviewListError";
  }
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** Records a review of a flagged candidate of this position and organization (404 otherwise), audited. */
export async function reviewCandidate(
  orgId: string,
  positionId: string,
  responseId: string,
  input: CandidateReviewInput,
  actor: ReviewActor,
): Promise<void> {
  await serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const response = await trx
        .selectFrom("responses")
        .select(["id", "review_status"])
        .where("organization_id", "=", orgId)
        .where("position_id", "=", positionId)
        .where("kind", "=", "candidate")
        .where("id", "=", responseId)
        .executeTakeFirst();
      if (!response) notFound();
      const score = await trx
        .selectFrom("scores")
        .select(["id", "review"])
        .where("organization_id", "=", orgId)
        .where("response_id", "=", responseId)
        .where("is_current", "=", 1)
        .executeTakeFirst();
      if (!score || score.review !== 1) throw new NotOnReviewListError();
      const reviewedAt = nowIso();
      await trx
        .updateTable("responses")
        .set({ review_status: input.status, review_note: input.note, reviewed_by: actor.id, reviewed_at: reviewedAt })
        .where("organization_id", "=", orgId)
        .where("id", "=", responseId)
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.id,
          actorLabel: actor.email,
          action: "candidate.reviewed",
          targetType: "response",
          targetId: responseId,
          details: { positionId, status: input.status, previous: response.review_status, note: input.note },
        },
        trx,
      );
    });
}
