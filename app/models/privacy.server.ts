// Candidate privacy rights: export everything stored about one candidate, erase it (one transaction), and the
// retention purge. The audit log keeps an "candidate.erased" event with ids only; earlier audit rows about the candidate
// keep their action and ids but lose any free text (names, notes) — the one change ever made to audit rows, required
// by erasure itself (audit.server.ts stays append-only for everything else).
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";

export type PrivacyActor = { id: string | null; email: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Detail keys of audit rows that hold ids, enums, counts or timestamps only; everything else is dropped on erasure. */
const AUDIT_KEYS_KEPT = new Set([
  "positionId",
  "decisionId",
  "invitationId",
  "responseId",
  "decision",
  "decidedAt",
  "kind",
  "hasEmail",
  "wasRevoked",
]);

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

async function findCandidate(db: DB, orgId: string, responseId: string, positionId?: string) {
  let q = db
    .selectFrom("responses")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", responseId)
    .where("kind", "=", "candidate");
  if (positionId !== undefined) q = q.where("position_id", "=", positionId);
  return (await q.executeTakeFirst()) ?? notFound();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Everything stored about one candidate, as plain JSON (the invitation's token hash left out: it is a credential). */
export async function exportCandidateData(orgId: string, responseId: string, options: { positionId?: string } = {}) {
  const db = getDb();
  const response = await findCandidate(db, orgId, responseId, options.positionId);
  const invitation = response.invitation_id
    ? await db
        .selectFrom("invitations")
        .select(["id", "kind", "name", "email", "locale", "expires_at", "revoked_at", "created_at"])
        .where("organization_id", "=", orgId)
        .where("id", "=", response.invitation_id)
        .executeTakeFirst()
    : undefined;
  const position = await db
    .selectFrom("positions")
    .select(["id", "title"])
    .where("organization_id", "=", orgId)
    .where("id", "=", response.position_id)
    .executeTakeFirstOrThrow();
  const scores = await db
    .selectFrom("scores")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .orderBy("created_at")
    .execute();
  const scoreValues = scores.length
    ? await db
        .selectFrom("score_values")
        .select(["score_id", "value_key", "score", "percentile", "alignment", "band", "is_current"])
        .where("organization_id", "=", orgId)
        .where(
          "score_id",
          "in",
          scores.map((s) => s.id),
        )
        .execute()
    : [];
  const decisions = await db
    .selectFrom("decisions")
    .select(["id", "decision", "note", "hired_on", "decided_by", "decided_at"])
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .orderBy("decided_at")
    .execute();
  const demographics = await db
    .selectFrom("demographics")
    .select(["gender", "age_band", "ethnicity", "created_at"])
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .executeTakeFirst();
  // Outcomes recorded after a hire (CSAT, QA score, handling time: issue 17) are the candidate's data too.
  const outcomes = await db
    .selectFrom("outcomes as o")
    .innerJoin("metrics as m", "m.id", "o.metric_id")
    .select([
      "m.key as metric",
      "m.label",
      "m.unit",
      "o.value",
      "o.rating_count as ratingCount",
      "o.uploaded_at as uploadedAt",
    ])
    .where("o.organization_id", "=", orgId)
    .where("m.organization_id", "=", orgId)
    .where("o.response_id", "=", responseId)
    .orderBy("m.key")
    .execute();
  // The server's first view of each page (page times are measured from it): when the candidate saw which page.
  const pageViews = await db
    .selectFrom("response_page_views")
    .select(["page", "first_viewed_at"])
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .orderBy("page")
    .execute();
  const sessions = await db
    .selectFrom("respondent_sessions")
    .select(["created_at", "expires_at"])
    .where("response_id", "=", responseId)
    .execute();
  return {
    exportedAt: nowIso(),
    format: "valuebench-candidate-export/1",
    position,
    invitation: invitation ?? null,
    response: {
      id: response.id,
      name: response.respondent_label,
      locale: response.locale,
      source: response.source,
      questionnaireVersionId: response.questionnaire_version_id,
      consentAt: response.consent_at,
      startedAt: response.started_at,
      updatedAt: response.updated_at,
      submittedAt: response.submitted_at,
      revision: response.revision,
      answers: parseJson(response.answers_json),
      pageTimesSeconds: parseJson(response.page_times_json),
      pageFirstViews: Object.fromEntries(pageViews.map((v) => [String(v.page), v.first_viewed_at])),
    },
    scores: scores.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      current: s.is_current === 1,
      algorithmVersion: s.algorithm_version,
      benchmarkId: s.benchmark_id,
      overall: s.overall,
      minAlignment: s.min_alignment,
      review: s.review === 1,
      result: parseJson(s.result_json),
      values: scoreValues
        .filter((v) => v.score_id === s.id)
        .map((v) => ({
          value: v.value_key,
          score: v.score,
          percentile: v.percentile,
          alignment: v.alignment,
          band: v.band,
        })),
    })),
    decisions,
    demographics: demographics ?? null,
    outcomes,
    respondentSessions: sessions,
  };
}

/** Logs the export of a candidate's data (ids only). */
export async function recordCandidateExport(
  orgId: string,
  positionId: string,
  responseId: string,
  actor: PrivacyActor,
) {
  await recordAudit({
    organizationId: orgId,
    actorUserId: actor.id,
    actorLabel: actor.email,
    action: "candidate.exported",
    targetType: "response",
    targetId: responseId,
    details: { positionId },
  });
}

/** Keeps only id-like keys of earlier audit rows about the erased candidate (names, notes, reasons go). */
async function redactAudit(trx: DB, orgId: string, targets: { type: string; id: string }[]) {
  for (const target of targets) {
    const rows = await trx
      .selectFrom("audit_log")
      .select(["id", "details_json"])
      .where("organization_id", "=", orgId)
      .where("target_type", "=", target.type)
      .where("target_id", "=", target.id)
      .execute();
    for (const row of rows) {
      const details = parseJson(row.details_json);
      const kept: Record<string, unknown> =
        details && typeof details === "object" && !Array.isArray(details)
          ? Object.fromEntries(Object.entries(details).filter(([k]) => AUDIT_KEYS_KEPT.has(k)))
          : {};
      kept.redacted = "candidate erased";
      await trx
        .updateTable("audit_log")
        .set({ details_json: JSON.stringify(kept) })
        .where("id", "=", row.id)
        .execute();
    }
  }
}

type EraseTarget = {
  positionId: string;
  responseId: string | null;
  invitationId: string | null;
};

/** Deletes every row about one candidate (response and/or invitation) inside `trx`, then audits it with ids only. */
async function eraseRecords(trx: DB, orgId: string, target: EraseTarget, actor: PrivacyActor, reason: string) {
  const { responseId, invitationId } = target;
  if (responseId) {
    const scoreIds = trx
      .selectFrom("scores")
      .select("id")
      .where("organization_id", "=", orgId)
      .where("response_id", "=", responseId);
    await trx.deleteFrom("score_values").where("score_id", "in", scoreIds).execute();
    await trx.deleteFrom("scores").where("organization_id", "=", orgId).where("response_id", "=", responseId).execute();
    await trx
      .deleteFrom("decisions")
      .where("organization_id", "=", orgId)
      .where("response_id", "=", responseId)
      .execute();
    await trx
      .deleteFrom("demographics")
      .where("organization_id", "=", orgId)
      .where("response_id", "=", responseId)
      .execute();
    await trx
      .deleteFrom("outcomes")
      .where("organization_id", "=", orgId)
      .where("response_id", "=", responseId)
      .execute();
    await trx.deleteFrom("respondent_sessions").where("response_id", "=", responseId).execute();
    await trx
      .deleteFrom("benchmark_members")
      .where("organization_id", "=", orgId)
      .where("response_id", "=", responseId)
      .execute();
    await trx.deleteFrom("responses").where("organization_id", "=", orgId).where("id", "=", responseId).execute();
  }
  if (invitationId) {
    const invitation = await trx
      .selectFrom("invitations")
      .select(["name", "email"])
      .where("organization_id", "=", orgId)
      .where("id", "=", invitationId)
      .executeTakeFirst();
    if (invitation?.email) {
      // The outbox copy of their invitation mail(s) for this position: addressed to them, naming them and the position
      // (any language of the mail).
      const position = await trx
        .selectFrom("positions")
        .select("title")
        .where("organization_id", "=", orgId)
        .where("id", "=", target.positionId)
        .executeTakeFirst();
      const mails = await trx
        .selectFrom("outbox")
        .select(["id", "subject", "body"])
        .where("organization_id", "=", orgId)
        .where("to_address", "=", invitation.email)
        .execute();
      const title = position?.title ?? "";
      const ids = mails
        .filter((m) => m.body.includes(invitation.name) && (m.body.includes(title) || m.subject.includes(title)))
        .map((m) => m.id);
      if (ids.length) await trx.deleteFrom("outbox").where("id", "in", ids).execute();
    }
    // every mail recorded for this invitation (invitation, reminders; unsent ones hold the link) goes with it
    await trx
      .deleteFrom("outbox")
      .where("organization_id", "=", orgId)
      .where("invitation_id", "=", invitationId)
      .execute();
    // a Greenhouse test sent to them: its Greenhouse profile link (and the callback) go with the invitation
    await trx
      .deleteFrom("greenhouse_tests")
      .where("organization_id", "=", orgId)
      .where("invitation_id", "=", invitationId)
      .execute();
    await trx.deleteFrom("invitations").where("organization_id", "=", orgId).where("id", "=", invitationId).execute();
  }
  const targets: { type: string; id: string }[] = [];
  if (responseId) targets.push({ type: "response", id: responseId });
  if (invitationId) targets.push({ type: "invitation", id: invitationId });
  await redactAudit(trx, orgId, targets);
  await recordAudit(
    {
      organizationId: orgId,
      actorUserId: actor.id,
      actorLabel: actor.email,
      action: "candidate.erased",
      targetType: responseId ? "response" : "invitation",
      targetId: responseId ?? invitationId ?? undefined,
      details: { positionId: target.positionId, responseId, invitationId, reason },
    },
    trx,
  );
}

/**
 * Erases one candidate in ONE transaction: answers and response, scores and score values, decisions, demographics,
 * respondent sessions, their invitation and its outbox mail. Another organization's (or position's) response is a 404.
 */
export async function eraseCandidate(
  orgId: string,
  responseId: string,
  actor: PrivacyActor,
  options: { positionId?: string; reason?: string } = {},
) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const response = await findCandidate(trx, orgId, responseId, options.positionId);
      await eraseRecords(
        trx,
        orgId,
        { positionId: response.position_id, responseId, invitationId: response.invitation_id },
        actor,
        options.reason ?? "request",
      );
      return { positionId: response.position_id };
    });
}

/** Erases a candidate invitation nobody ever opened (no response), in one transaction. */
async function eraseUnansweredInvitation(orgId: string, invitationId: string, actor: PrivacyActor, reason: string) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom("invitations")
        .select(["id", "position_id"])
        .where("organization_id", "=", orgId)
        .where("id", "=", invitationId)
        .where("kind", "=", "candidate")
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom("responses").select("id").whereRef("responses.invitation_id", "=", "invitations.id"),
            ),
          ),
        )
        .executeTakeFirst();
      if (!row) return;
      await eraseRecords(trx, orgId, { positionId: row.position_id, responseId: null, invitationId }, actor, reason);
    });
}

export type PurgeItem = {
  organizationId: string;
  organizationName: string;
  retentionDays: number;
  kind: "response" | "invitation";
  id: string;
  positionId: string;
  /** The date the retention period counts from: submission, or the invitation (or start) when never submitted. */
  since: string;
};

/** Candidates older than their organization's retention period at `now`: what purge would erase. */
export async function findExpiredCandidates(now: Date = new Date(), orgId?: string): Promise<PurgeItem[]> {
  const db = getDb();
  let orgQuery = db.selectFrom("organizations").select(["id", "name", "retention_days"]).orderBy("name");
  if (orgId) orgQuery = orgQuery.where("id", "=", orgId);
  const orgs = await orgQuery.execute();
  const items: PurgeItem[] = [];
  for (const org of orgs) {
    const cutoff = nowIso(new Date(now.getTime() - org.retention_days * DAY_MS));
    const base = { organizationId: org.id, organizationName: org.name, retentionDays: org.retention_days };
    const responses = await db
      .selectFrom("responses as r")
      .leftJoin("invitations as i", (j) => j.onRef("i.id", "=", "r.invitation_id").on("i.organization_id", "=", org.id))
      .select(["r.id", "r.position_id", "r.submitted_at", "r.started_at", "i.created_at as invited_at"])
      .where("r.organization_id", "=", org.id)
      .where("r.kind", "=", "candidate")
      .execute();
    for (const r of responses) {
      const since = r.submitted_at ?? r.invited_at ?? r.started_at;
      if (since < cutoff) items.push({ ...base, kind: "response", id: r.id, positionId: r.position_id, since });
    }
    const invitations = await db
      .selectFrom("invitations as i")
      .select(["i.id", "i.position_id", "i.created_at"])
      .where("i.organization_id", "=", org.id)
      .where("i.kind", "=", "candidate")
      .where("i.created_at", "<", cutoff)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("responses as r").select("r.id").whereRef("r.invitation_id", "=", "i.id"))),
      )
      .execute();
    for (const i of invitations) {
      items.push({ ...base, kind: "invitation", id: i.id, positionId: i.position_id, since: i.created_at });
    }
  }
  return items;
}

export const PURGE_ACTOR: PrivacyActor = { id: null, email: "retention purge" };

/** Erases every candidate older than the retention period (each in its own transaction); `dryRun` only lists them. */
export async function purgeExpired(options: { now?: Date; dryRun?: boolean; orgId?: string } = {}) {
  const items = await findExpiredCandidates(options.now ?? new Date(), options.orgId);
  if (!options.dryRun) {
    for (const item of items) {
      if (item.kind === "response") {
        await eraseCandidate(item.organizationId, item.id, PURGE_ACTOR, { reason: "retention" });
      } else {
        await eraseUnansweredInvitation(item.organizationId, item.id, PURGE_ACTOR, "retention");
      }
    }
  }
  return items;
}
