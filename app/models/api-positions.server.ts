// Positions as the public API shows them (issue 20): the web's list and detail, in the API schemas' shape.
import { getPosition, listPositions } from "~/models/position.server";
import { positionLocales } from "~/models/respondent-locale.server";

export async function listApiPositions(orgId: string) {
  const positions = await listPositions(orgId);
  return positions.map((p) => ({
    id: p.id,
    title: p.title,
    status: p.status,
    createdAt: p.createdAt,
    questionnaire: p.questionnaire,
    candidateInvitations: p.candidateInvitations,
    submitted: p.submitted,
  }));
}

/** One position of the organization (404 for another's or an unknown id). */
export async function getApiPosition(orgId: string, positionId: string) {
  const p = await getPosition(orgId, positionId);
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    createdAt: p.createdAt,
    questionnaire: p.questionnaireLabel,
    description: p.description,
    responses: p.responses,
    locales: await positionLocales(orgId, p.id),
  };
}
