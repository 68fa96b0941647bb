// Factories for the trust tests (fairness, audit, privacy): candidates built row by row so that every table that can
// hold something about a person is filled.
import { saveDemographics, type DemographicsInput } from "../app/models/demographics.server";
import { recordDecision } from "../app/models/decision.server";
import { createInvitations } from "../app/models/invitation.server";
import { scoreResponse } from "../app/models/score.server";
import type { Answers } from "../app/scoring";
import { getDb, nowIso } from "../app/utils/db.server";
import { newId, randomToken, sha256Hex } from "../app/utils/tokens.server";
import { type makeResultsPosition } from "./factories-results";

export type TrustPosition = Awaited<ReturnType<typeof makeResultsPosition>>;

let seq = 0;

/**
 * A submitted candidate with a hand-set current score (overall alignment) and optional decision and demographics;
 * no engine run, so large hand-counted sets stay fast. `demographics: null` = no demographics row at all.
 */
export async function addCountedCandidate(
  orgId: string,
  position: TrustPosition,
  options: { overall: number | null; decision?: "advance" | "hold" | "reject"; demographics: DemographicsInput | null },
) {
  seq += 1;
  const responseId = newId();
  const at = new Date(Date.UTC(2026, 5, 1) + seq * 1000).toISOString();
  await getDb()
    .insertInto("responses")
    .values({
      id: responseId,
      organization_id: orgId,
      position_id: position.positionId,
      invitation_id: null,
      kind: "candidate",
      respondent_label: `counted ${seq}`,
      questionnaire_version_id: position.versionId,
      source: "import",
      answers_json: "{}",
      page_times_json: "{}",
      consent_at: at,
      started_at: at,
      updated_at: at,
      submitted_at: at,
    })
    .execute();
  await getDb()
    .insertInto("scores")
    .values({
      id: newId(),
      organization_id: orgId,
      position_id: position.positionId,
      response_id: responseId,
      benchmark_id: position.benchmarkId!,
      questionnaire_version_id: position.versionId,
      algorithm_version: "vb-1",
      is_current: 1,
      overall: options.overall,
      min_alignment: options.overall,
      review: 0,
      result_json: "{}",
      created_at: at,
      submitted_at: at,
    })
    .execute();
  if (options.decision) {
    await getDb()
      .insertInto("decisions")
      .values({
        id: newId(),
        organization_id: orgId,
        response_id: responseId,
        decision: options.decision,
        note: "",
        decided_by: "test",
        decided_at: at,
      })
      .execute();
  }
  if (options.demographics) await saveDemographics(orgId, responseId, options.demographics);
  return responseId;
}

/** `n` copies of addCountedCandidate. */
export async function addCounted(
  orgId: string,
  position: TrustPosition,
  n: number,
  options: Parameters<typeof addCountedCandidate>[2],
) {
  for (let i = 0; i < n; i += 1) await addCountedCandidate(orgId, position, options);
}

/**
 * A candidate invited by email who consented, answered, submitted, was scored by the engine, got a decision with a
 * note naming them, self-identified, and still has a respondent session: every place personal data can live.
 */
export async function addFullCandidate(
  orgId: string,
  position: TrustPosition,
  actor: { id: string; email: string },
  person: { name: string; email: string; answers: Answers; submittedAt?: string; invitedAt?: Date },
) {
  const [issued] = await createInvitations(
    orgId,
    position.positionId,
    "candidate",
    [{ name: person.name, email: person.email, locale: "en" }],
    { userId: actor.id, label: actor.email },
    "http://localhost:3000",
    person.invitedAt ?? new Date(),
  );
  const responseId = newId();
  const at = person.submittedAt ?? nowIso();
  await getDb()
    .insertInto("responses")
    .values({
      id: responseId,
      organization_id: orgId,
      position_id: position.positionId,
      invitation_id: issued.invitationId,
      kind: "candidate",
      respondent_label: person.name,
      questionnaire_version_id: position.versionId,
      source: "web",
      answers_json: JSON.stringify(person.answers),
      page_times_json: JSON.stringify({ "1": 31.5 }),
      consent_at: at,
      started_at: at,
      updated_at: at,
      submitted_at: at,
    })
    .execute();
  await getDb()
    .insertInto("respondent_sessions")
    .values({ id: sha256Hex(randomToken()), response_id: responseId, created_at: at, expires_at: at })
    .execute();
  await scoreResponse(orgId, responseId);
  await recordDecision(
    orgId,
    position.positionId,
    responseId,
    { decision: "advance", note: `Call ${person.name} back` },
    actor,
  );
  await saveDemographics(orgId, responseId, { gender: "woman", ageBand: "25-34", ethnicity: "asian" });
  return { responseId, invitationId: issued.invitationId };
}
