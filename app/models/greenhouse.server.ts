// Greenhouse Assessment Partner API (issue 20): Greenhouse lists our tests (one per open position), sends one to a
// candidate (we create the invitation and mail it, once per Greenhouse test), reads its status (the score once the
// candidate is scored), and reports responses it could not read. Submission and scoring PATCH Greenhouse's callback
// URL through the webhook outbox (webhook-events.server.ts).
import { recordAudit } from "~/models/audit.server";
import { createInvitations, type InvitationActor } from "~/models/invitation.server";
import { getCurrentScore } from "~/models/score.server";
import { getDb, nowIso } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import type { SendTestInput } from "~/utils/schemas/greenhouse.server";
import { newId } from "~/utils/tokens.server";
import { reportUrl } from "./webhook-events.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** list_tests: one test per open position of the organization. */
export async function listGreenhouseTests(orgId: string) {
  const positions = await getDb()
    .selectFrom("positions")
    .select(["id", "title"])
    .where("organization_id", "=", orgId)
    .where("status", "=", "open")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return positions.map((p) => ({ partner_test_id: p.id, partner_test_name: p.title }));
}

/**
 * send_test: invites the candidate to the position and mails the link (the app's mail path), once per Greenhouse
 * test: the same callback URL again returns the first partner_interview_id. The row is claimed before the invitation
 * is made, so two simultaneous calls cannot both invite. A position of another organization => 404.
 */
export async function sendGreenhouseTest(
  orgId: string,
  input: SendTestInput,
  callbackKey: string,
  actor: InvitationActor,
  now = new Date(),
): Promise<{ partner_interview_id: string }> {
  const db = getDb();
  const position = await db
    .selectFrom("positions")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("id", "=", input.partner_test_id)
    .executeTakeFirst();
  if (!position) notFound();
  const id = newId();
  await db
    .insertInto("greenhouse_tests")
    .values({
      id,
      organization_id: orgId,
      position_id: position.id,
      invitation_id: null,
      callback_url: input.candidate.url,
      profile_url: input.candidate.greenhouse_profile_url ?? null,
      callback_key: callbackKey,
      created_at: nowIso(now),
    })
    .onConflict((oc) => oc.columns(["organization_id", "callback_url"]).doNothing())
    .execute();
  const test = await db
    .selectFrom("greenhouse_tests")
    .select(["id", "invitation_id", "position_id"])
    .where("organization_id", "=", orgId)
    .where("callback_url", "=", input.candidate.url)
    .executeTakeFirstOrThrow();
  if (test.id !== id) {
    if (test.position_id !== position.id) {
      throw new Response("This Greenhouse test was already sent for another position.", { status: 409 });
    }
    return { partner_interview_id: test.id };
  }
  try {
    const name = `${input.candidate.first_name} ${input.candidate.last_name}`.trim();
    const [issued] = await createInvitations(
      orgId,
      position.id,
      "candidate",
      [{ name, email: input.candidate.email, locale: "" }],
      actor,
      publicOrigin(),
      now,
    );
    await db
      .updateTable("greenhouse_tests")
      .set({ invitation_id: issued.invitationId })
      .where("organization_id", "=", orgId)
      .where("id", "=", id)
      .execute();
  } catch (error) {
    // Nothing half-written: without an invitation the claim goes, and Greenhouse may send the test again.
    await db.deleteFrom("greenhouse_tests").where("organization_id", "=", orgId).where("id", "=", id).execute();
    throw error;
  }
  return { partner_interview_id: id };
}

export type GreenhouseTestStatus = {
  partner_status: "sent" | "started" | "submitted" | "complete" | "revoked";
  partner_profile_url?: string;
  partner_score?: number;
  metadata?: Record<string, string | number>;
};

const percent = (x: number | null | undefined) => (x == null ? "not scored" : `${Math.round(x * 100)}%`);

/**
 * test_status: "complete" once the candidate is scored, with the fit report's URL, the overall fit (0..100) as
 * partner_score and per value alignment as metadata (flat, primitives only, as Greenhouse asks); before that the
 * invitation's progress. Another organization's id => 404.
 */
export async function greenhouseTestStatus(orgId: string, interviewId: string): Promise<GreenhouseTestStatus> {
  const db = getDb();
  const test = await db
    .selectFrom("greenhouse_tests as g")
    .innerJoin("invitations as i", (join) =>
      join.onRef("i.id", "=", "g.invitation_id").on("i.organization_id", "=", orgId),
    )
    .select(["g.position_id", "i.id as invitation_id", "i.revoked_at"])
    .where("g.organization_id", "=", orgId)
    .where("g.id", "=", interviewId)
    .executeTakeFirst();
  if (!test) notFound();
  const response = await db
    .selectFrom("responses")
    .select(["id", "submitted_at"])
    .where("organization_id", "=", orgId)
    .where("invitation_id", "=", test.invitation_id)
    .executeTakeFirst();
  if (!response) return { partner_status: test.revoked_at ? "revoked" : "sent" };
  if (!response.submitted_at) return { partner_status: "started" };
  const score = await getCurrentScore(orgId, response.id);
  if (!score) return { partner_status: "submitted" };
  const names = new Map(
    (await db.selectFrom("org_values").select(["key", "name"]).where("organization_id", "=", orgId).execute()).map(
      (v) => [v.key, v.name],
    ),
  );
  const metadata: Record<string, string | number> = { "Overall fit": percent(score.overall) };
  for (const [key, value] of Object.entries(score.result.values)) {
    metadata[`${names.get(key) ?? key} alignment`] = percent(value.alignment);
  }
  metadata["Scoring algorithm"] = score.algorithm_version;
  metadata["Submitted at"] = response.submitted_at;
  return {
    partner_status: "complete",
    partner_profile_url: reportUrl(test.position_id, response.id),
    ...(score.overall == null ? {} : { partner_score: Math.round(score.overall * 100) }),
    metadata,
  };
}

/** response_error: Greenhouse could not read one of our answers; audited (without the candidate's e-mail). */
export async function recordGreenhouseResponseError(
  orgId: string,
  report: {
    api_call: string;
    errors: string[];
    partner_test_id?: string | number;
    partner_interview_id?: string | number;
  },
  actor: InvitationActor,
): Promise<void> {
  console.error(`Greenhouse could not read our ${report.api_call} answer: ${report.errors.join("; ")}`);
  await recordAudit({
    organizationId: orgId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: "greenhouse.response_error",
    targetType: "greenhouse_test",
    targetId: report.partner_interview_id == null ? undefined : String(report.partner_interview_id),
    details: { apiCall: report.api_call, errors: report.errors, partnerTestId: report.partner_test_id ?? null },
  });
}
