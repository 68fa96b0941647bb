import { msg } from "~/i18n/message";
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

export type PositionActor = { userId: string; label: string };
export type PositionStatus = "open" | "closed";

export type PositionInput = {
  title: string;
  description: string;
  questionnaireVersionId: string;
  status: PositionStatus;
};

export class VersionLockedError extends Error {
  constructor() {
    super(msg("positions:errors.versionLocked"));
    this.name = "VersionLockedError";
  }
}

export class UnknownVersionError extends Error {
  constructor() {
    super(msg("positions:errors.unknownVersion"));
    this.name = "UnknownVersionError";
  }
}

async function assertVersionOfOrg(db: DB, orgId: string, versionId: string) {
  const row = await db
    .selectFrom("questionnaire_versions")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("id", "=", versionId)
    .executeTakeFirst();
  if (!row) throw new UnknownVersionError();
}

/** Positions of the organization with invitation and response counts, newest first. */
export async function listPositions(orgId: string) {
  const db = getDb();
  const rows = await db
    .selectFrom("positions as p")
    .innerJoin("questionnaire_versions as v", "v.id", "p.questionnaire_version_id")
    .innerJoin("questionnaires as q", "q.id", "v.questionnaire_id")
    .select((eb) => [
      "p.id",
      "p.title",
      "p.status",
      "p.created_at",
      "q.title as questionnaire_title",
      "v.version",
      eb
        .selectFrom("invitations as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.position_id", "=", "p.id")
        .where("i.kind", "=", "agent")
        .as("agent_invitations"),
      eb
        .selectFrom("invitations as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.position_id", "=", "p.id")
        .where("i.kind", "=", "candidate")
        .as("candidate_invitations"),
      eb
        .selectFrom("responses as r")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("r.position_id", "=", "p.id")
        .where("r.submitted_at", "is not", null)
        .as("submitted"),
    ])
    .where("p.organization_id", "=", orgId)
    .orderBy("p.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    questionnaire: `${r.questionnaire_title} v${r.version}`,
    agentInvitations: Number(r.agent_invitations ?? 0),
    candidateInvitations: Number(r.candidate_invitations ?? 0),
    submitted: Number(r.submitted ?? 0),
  }));
}

/** Responses (started, submitted or imported) of a position: once there is one, its questionnaire version is fixed. */
export async function countPositionResponses(orgId: string, positionId: string, db: DB = getDb()): Promise<number> {
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One position of the organization, or a 404 (also for another organization's position). */
export async function getPosition(orgId: string, positionId: string, db: DB = getDb()) {
  const row = await db
    .selectFrom("positions as p")
    .innerJoin("questionnaire_versions as v", "v.id", "p.questionnaire_version_id")
    .innerJoin("questionnaires as q", "q.id", "v.questionnaire_id")
    .select([
      "p.id",
      "p.title",
      "p.description",
      "p.status",
      "p.created_at",
      "p.questionnaire_version_id",
      "q.title as questionnaire_title",
      "v.version",
    ])
    .where("p.organization_id", "=", orgId)
    .where("p.id", "=", positionId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  const responses = await countPositionResponses(orgId, positionId, db);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    createdAt: row.created_at,
    questionnaireVersionId: row.questionnaire_version_id,
    questionnaireLabel: `${row.questionnaire_title} v${row.version}`,
    responses,
    versionLocked: responses > 0,
  };
}

export type PositionDetails = Awaited<ReturnType<typeof getPosition>>;

/**
 * Id, title and status of one position of the organization, or a 404: for the position layout, which every page under
 * the position loads. Performance (issue 9): getPosition also counts the responses, ~50 ms on 100,000 candidates.
 */
export async function getPositionHeading(orgId: string, positionId: string, db: DB = getDb()) {
  const row = await db
    .selectFrom("positions")
    .select(["id", "title", "status"])
    .where("organization_id", "=", orgId)
    .where("id", "=", positionId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return row;
}

export async function createPosition(orgId: string, input: PositionInput, actor: PositionActor): Promise<string> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await assertVersionOfOrg(trx, orgId, input.questionnaireVersionId);
      const id = newId();
      await trx
        .insertInto("positions")
        .values({
          id,
          organization_id: orgId,
          title: input.title,
          description: input.description,
          questionnaire_version_id: input.questionnaireVersionId,
          status: input.status,
          created_at: nowIso(),
        })
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "position.created",
          targetType: "position",
          targetId: id,
          details: { title: input.title, questionnaireVersionId: input.questionnaireVersionId },
        },
        trx,
      );
      return id;
    });
}

/**
 * Updates title, description, status and (only while nobody has answered) the questionnaire version.
 * Throws VersionLockedError when the version would change on a position that has responses.
 */
export async function updatePosition(orgId: string, positionId: string, input: PositionInput, actor: PositionActor) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await getPosition(orgId, positionId, trx);
      const versionChanged = current.questionnaireVersionId !== input.questionnaireVersionId;
      if (versionChanged) {
        if ((await countPositionResponses(orgId, positionId, trx)) > 0) throw new VersionLockedError();
        await assertVersionOfOrg(trx, orgId, input.questionnaireVersionId);
      }
      await trx
        .updateTable("positions")
        .set({
          title: input.title,
          description: input.description,
          status: input.status,
          questionnaire_version_id: input.questionnaireVersionId,
        })
        .where("organization_id", "=", orgId)
        .where("id", "=", positionId)
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "position.updated",
          targetType: "position",
          targetId: positionId,
          details: { title: input.title, status: input.status, versionChanged },
        },
        trx,
      );
    });
}

/** How many candidates of the position have submitted (an index-only count). */
export async function countSubmittedCandidates(orgId: string, positionId: string, db: DB = getDb()): Promise<number> {
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("kind", "=", "candidate")
    .where("submitted_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
