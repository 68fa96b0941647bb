import { afterResponseSubmitted } from "~/models/after-submit.server";
import { writeAnswersIfCurrent } from "~/models/answer-writes.server";
import { recordAudit } from "~/models/audit.server";
import { pageTimesWithPost } from "~/models/page-views.server";
import { markForScoring } from "~/models/scoring-jobs.server";
import { enqueueWebhookEvent, reportUrl } from "~/models/webhook-events.server";
import { normalize, parseAnswers, shapeOf } from "~/models/questionnaire-shape.server";
import { respondentCookie, type Respondent } from "~/models/respondent.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { newId, randomToken, sha256Hex } from "~/utils/tokens.server";

/** A respondent session (the cookie set by the consent POST) lasts this long; consenting again starts a new one. */
export const RESPONDENT_SESSION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

// The questionnaire's shape and the respondent session live in their own modules (issue 19 split); the answering
// routes keep importing them from here.
export {
  firstUnansweredPage,
  InvalidAnswerError,
  unansweredByPage,
  type PresentedQuestion,
  type QuestionnaireShape,
  type StoredAnswers,
} from "~/models/questionnaire-shape.server";
export { getRespondent, requireRespondent, type Respondent } from "~/models/respondent.server";

// ---------------------------------------------------------------- consent: token -> session

export type ConsentResult =
  { ok: true; setCookie: string; responseId: string } | { ok: false; state: "unknown" | "closed" | "position-closed" };

/**
 * The consent POST: exchanges a valid invitation token for a respondent session bound to the invitation's one
 * response (created on first consent, resumed afterwards, from any device). Returns the Set-Cookie header.
 */
export async function consentToInvitation(token: string, now = new Date()): Promise<ConsentResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, state: "unknown" };
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const invitation = await trx
        .selectFrom("invitations as i")
        .innerJoin("positions as p", "p.id", "i.position_id")
        .select([
          "i.id",
          "i.organization_id",
          "i.position_id",
          "i.kind",
          "i.agent_group",
          "i.name",
          "i.locale",
          "i.expires_at",
          "i.revoked_at",
          "p.questionnaire_version_id",
          "p.status as position_status",
        ])
        .where("i.token_hash", "=", sha256Hex(token))
        .executeTakeFirst();
      if (!invitation) return { ok: false as const, state: "unknown" as const };
      if (invitation.revoked_at || invitation.expires_at <= nowIso(now))
        return { ok: false as const, state: "closed" as const };
      if (invitation.position_status === "closed") return { ok: false as const, state: "position-closed" as const };
      const at = nowIso(now);
      const inserted = await trx
        .insertInto("responses")
        .values({
          id: newId(),
          organization_id: invitation.organization_id,
          position_id: invitation.position_id,
          invitation_id: invitation.id,
          kind: invitation.kind,
          agent_group: invitation.agent_group,
          respondent_label: invitation.name,
          questionnaire_version_id: invitation.questionnaire_version_id,
          locale: invitation.locale,
          source: "web",
          consent_at: at,
          started_at: at,
          updated_at: at,
          submitted_at: null,
        })
        .onConflict((oc) => oc.column("invitation_id").doNothing())
        .executeTakeFirst();
      const response = await trx
        .selectFrom("responses")
        .select(["id"])
        .where("invitation_id", "=", invitation.id)
        .executeTakeFirstOrThrow();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
        await recordAudit(
          {
            organizationId: invitation.organization_id,
            actorUserId: null,
            actorLabel: `${invitation.kind} (invitation link)`,
            action: "response.consented",
            targetType: "response",
            targetId: response.id,
            details: { invitationId: invitation.id, positionId: invitation.position_id },
          },
          trx,
        );
      }
      const sessionToken = randomToken();
      await trx
        .insertInto("respondent_sessions")
        .values({
          id: sha256Hex(sessionToken),
          response_id: response.id,
          created_at: at,
          expires_at: nowIso(new Date(now.getTime() + RESPONDENT_SESSION_DAYS * DAY_MS)),
        })
        .execute();
      return { ok: true as const, sessionToken, responseId: response.id };
    });
  if (!result.ok) return result;
  const setCookie = await respondentCookie().serialize(result.sessionToken, {
    maxAge: (RESPONDENT_SESSION_DAYS * DAY_MS) / 1000,
  });
  return { ok: true, setCookie, responseId: result.responseId };
}

// ---------------------------------------------------------------- autosave and submit

export type SaveResult =
  { ok: true; revision: number } | { ok: false; status: 409; reason: "stale" | "submitted"; revision: number };

async function conflict(db: DB, responseId: string): Promise<SaveResult> {
  const row = await db
    .selectFrom("responses")
    .select(["revision", "submitted_at"])
    .where("id", "=", responseId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return { ok: false, status: 409, reason: row.submitted_at ? "submitted" : "stale", revision: row.revision };
}

/**
 * Merges answers into the response if `baseRevision` is still its revision, and increments the revision, in one
 * transaction with a conditional UPDATE (`WHERE revision = base AND submitted_at IS NULL`): a stale or submitted
 * response is refused with 409 and nothing changes. A value of "" or null clears that answer. `page` (0-based) is
 * the page being posted: its time in page_times_json is measured from the server's first view of it
 * (page-views.server.ts, read by the speeding flag).
 */
export async function saveAnswers(
  responseId: string,
  baseRevision: number,
  answers: Record<string, string | number | null>,
  page?: number,
  now = new Date(),
): Promise<SaveResult> {
  return serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom("responses as r")
        .innerJoin("questionnaire_versions as v", "v.id", "r.questionnaire_version_id")
        .select([
          "r.organization_id",
          "r.revision",
          "r.submitted_at",
          "r.answers_json",
          "r.page_times_json",
          "r.questionnaire_version_id",
          "v.content_json",
        ])
        .where("r.id", "=", responseId)
        .executeTakeFirst();
      if (!row) throw new Response("Not found", { status: 404 });
      if (row.submitted_at || row.revision !== baseRevision) return conflict(trx, responseId);
      const shape = shapeOf(row.questionnaire_version_id, row.content_json);
      const merged = parseAnswers(row.answers_json);
      for (const [itemId, value] of Object.entries(answers)) {
        const normalized = normalize(shape, itemId, value);
        if (normalized === null) delete merged[itemId];
        else merged[itemId] = normalized;
      }
      const pageTimesJson =
        page !== undefined && Number.isInteger(page) && page >= 0 && page < shape.pages.length
          ? await pageTimesWithPost(trx, row.organization_id, responseId, page, row.page_times_json, now)
          : row.page_times_json;
      const result = await trx
        .updateTable("responses")
        .set({
          answers_json: JSON.stringify(merged),
          page_times_json: pageTimesJson,
          revision: baseRevision + 1,
          updated_at: nowIso(now),
        })
        .where("id", "=", responseId)
        .where("revision", "=", baseRevision)
        .where("submitted_at", "is", null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return conflict(trx, responseId);
      return { ok: true as const, revision: baseRevision + 1 };
    });
}

/**
 * The autosave of one answer (performance, issue 9: >= 600 saves/s). `respondent` was read by requireRespondent in
 * this same request, answers and revision together in one SELECT; the answer is merged into those answers and
 * written with ONE conditional UPDATE (`WHERE revision = base AND submitted_at IS NULL`), no read in a transaction
 * (the UPDATE is group-committed with concurrent autosaves, see answer-writes.server.ts). It is the same optimistic
 * check as saveAnswers: if anything wrote in between, the revision moved, the UPDATE changes nothing and the caller
 * gets 409. Validation is the same (InvalidAnswerError).
 */
export async function autosaveAnswer(
  respondent: Respondent,
  baseRevision: number,
  itemId: string,
  value: string | null,
  now = new Date(),
): Promise<SaveResult> {
  if (respondent.submittedAt || respondent.revision !== baseRevision) {
    const reason = respondent.submittedAt ? "submitted" : "stale";
    return { ok: false, status: 409, reason, revision: respondent.revision };
  }
  const normalized = normalize(respondent.shape, itemId, value);
  const merged = { ...respondent.answers };
  if (normalized === null) delete merged[itemId];
  else merged[itemId] = normalized;
  // Group-committed with the other autosaves of this moment (answer-writes.server.ts).
  const written = await writeAnswersIfCurrent({
    organizationId: respondent.organizationId,
    responseId: respondent.responseId,
    baseRevision,
    answersJson: JSON.stringify(merged),
    updatedAt: nowIso(now),
  });
  if (!written) return conflict(getDb(), respondent.responseId);
  return { ok: true, revision: baseRevision + 1 };
}

/**
 * Submits a response (read-only from then on: later saves and submits get 409) and, for a candidate, writes its
 * "to score" mark in the same transaction; the scoring hook runs once it has committed. A crash in between leaves
 * the mark, which the next server start resumes (scoring-jobs.server.ts).
 */
export async function submitResponse(responseId: string, baseRevision: number, now = new Date()): Promise<SaveResult> {
  const outcome = await serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom("responses")
        .select(["organization_id", "position_id", "kind", "invitation_id"])
        .where("id", "=", responseId)
        .executeTakeFirst();
      if (!row) throw new Response("Not found", { status: 404 });
      const result = await trx
        .updateTable("responses")
        .set({ submitted_at: nowIso(now), revision: baseRevision + 1, updated_at: nowIso(now) })
        .where("id", "=", responseId)
        .where("revision", "=", baseRevision)
        .where("submitted_at", "is", null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return { save: await conflict(trx, responseId), orgId: null };
      if (row.kind === "candidate") {
        const job = { organizationId: row.organization_id, positionId: row.position_id, responseId };
        await markForScoring(trx, { ...job, reason: "submitted" }, now);
      }
      await recordAudit(
        {
          organizationId: row.organization_id,
          actorUserId: null,
          actorLabel: `${row.kind} (invitation link)`,
          action: "response.submitted",
          targetType: "response",
          targetId: responseId,
        },
        trx,
      );
      await enqueueWebhookEvent(
        trx,
        row.organization_id,
        "response.submitted",
        {
          positionId: row.position_id,
          responseId,
          invitationId: row.invitation_id,
          kind: row.kind,
          submittedAt: nowIso(now),
          reportUrl: row.kind === "candidate" ? reportUrl(row.position_id, responseId) : null,
        },
        now,
      );
      return { save: { ok: true as const, revision: baseRevision + 1 }, orgId: row.organization_id };
    });
  if (outcome.save.ok && outcome.orgId) {
    try {
      await afterResponseSubmitted(outcome.orgId, responseId);
    } catch (error) {
      // The answers are safely submitted and the mark stays: the next server start or the retry button scores them.
      console.error("afterResponseSubmitted failed", responseId, error);
    }
  }
  return outcome.save;
}
