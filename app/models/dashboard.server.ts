// The dashboard: what to do next (positions without an active benchmark, invitations about to expire, flagged
// responses waiting for review, submissions since the user's last visit) and the recent activity in words.
import { auditActionWords } from "~/utils/audit-wording";
import { getDb, nowIso, type DB } from "~/utils/db.server";

/** An invitation expiring within this many days that has not been submitted is "about to expire". */
export const EXPIRING_WITHIN_DAYS = 3;
/** Without an earlier visit, "new submissions" are those of the last this many days. */
export const FIRST_VISIT_LOOKBACK_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PositionCount = { positionId: string; title: string; count: number };

export type NextSteps = {
  positionsWithoutBenchmark: { positionId: string; title: string }[];
  expiringInvitations: PositionCount[];
  awaitingReview: PositionCount[];
  newSubmissions: (PositionCount & { candidates: number; agents: number })[];
  /** The previous dashboard visit the new submissions are counted from; null on the first visit. */
  since: string | null;
  sinceDays: number;
  expiringWithinDays: number;
};

async function positionsWithoutBenchmark(db: DB, orgId: string) {
  return db
    .selectFrom("positions as p")
    .select(["p.id as positionId", "p.title"])
    .where("p.organization_id", "=", orgId)
    .where("p.status", "=", "open")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("benchmarks as b")
            .select("b.id")
            .where("b.organization_id", "=", orgId)
            .whereRef("b.position_id", "=", "p.id")
            .where("b.status", "=", "active"),
        ),
      ),
    )
    .orderBy("p.created_at")
    .execute();
}

async function expiringInvitations(db: DB, orgId: string, now: Date): Promise<PositionCount[]> {
  const rows = await db
    .selectFrom("invitations as i")
    .innerJoin("positions as p", (join) => join.onRef("p.id", "=", "i.position_id").on("p.organization_id", "=", orgId))
    .select((eb) => ["p.id as positionId", "p.title", eb.fn.countAll<number>().as("count")])
    .where("i.organization_id", "=", orgId)
    .where("i.revoked_at", "is", null)
    .where("i.expires_at", ">", now.toISOString())
    .where("i.expires_at", "<=", new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS).toISOString())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("responses as r")
            .select("r.id")
            .where("r.organization_id", "=", orgId)
            .whereRef("r.invitation_id", "=", "i.id")
            .where("r.submitted_at", "is not", null),
        ),
      ),
    )
    .groupBy(["p.id", "p.title"])
    .orderBy("p.title")
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

async function awaitingReview(db: DB, orgId: string): Promise<PositionCount[]> {
  const rows = await db
    .selectFrom("scores as s")
    .innerJoin("responses as r", (join) => join.onRef("r.id", "=", "s.response_id").on("r.organization_id", "=", orgId))
    .innerJoin("positions as p", (join) => join.onRef("p.id", "=", "s.position_id").on("p.organization_id", "=", orgId))
    .select((eb) => ["p.id as positionId", "p.title", eb.fn.countAll<number>().as("count")])
    .where("s.organization_id", "=", orgId)
    .where("s.is_current", "=", 1)
    .where("s.review", "=", 1)
    .where("r.kind", "=", "candidate")
    .where("r.review_status", "=", "pending")
    .groupBy(["p.id", "p.title"])
    .orderBy("p.title")
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

async function newSubmissions(db: DB, orgId: string, since: string) {
  const rows = await db
    .selectFrom("responses as r")
    .innerJoin("positions as p", (join) => join.onRef("p.id", "=", "r.position_id").on("p.organization_id", "=", orgId))
    .select((eb) => [
      "p.id as positionId",
      "p.title",
      eb.fn.countAll<number>().as("count"),
      eb.fn.sum<number>(eb.case().when("r.kind", "=", "candidate").then(1).else(0).end()).as("candidates"),
    ])
    .where("r.organization_id", "=", orgId)
    .where("r.submitted_at", ">", since)
    .groupBy(["p.id", "p.title"])
    .orderBy("p.title")
    .execute();
  return rows.map((r) => ({
    positionId: r.positionId,
    title: r.title,
    count: Number(r.count),
    candidates: Number(r.candidates),
    agents: Number(r.count) - Number(r.candidates),
  }));
}

/** What needs doing in the organization, counted from the user's previous dashboard visit (`since`). */
export async function getNextSteps(orgId: string, since: string | null, now = new Date()): Promise<NextSteps> {
  const db = getDb();
  return {
    positionsWithoutBenchmark: await positionsWithoutBenchmark(db, orgId),
    expiringInvitations: await expiringInvitations(db, orgId, now),
    awaitingReview: await awaitingReview(db, orgId),
    newSubmissions: await newSubmissions(
      db,
      orgId,
      since ?? new Date(now.getTime() - FIRST_VISIT_LOOKBACK_DAYS * DAY_MS).toISOString(),
    ),
    since,
    sinceDays: FIRST_VISIT_LOOKBACK_DAYS,
    expiringWithinDays: EXPIRING_WITHIN_DAYS,
  };
}

/** Records this dashboard visit and returns the previous one (null on the first). */
export async function markDashboardVisit(orgId: string, userId: string): Promise<string | null> {
  const db = getDb();
  const row = await db
    .selectFrom("users")
    .select("last_seen_dashboard_at")
    .where("organization_id", "=", orgId)
    .where("id", "=", userId)
    .executeTakeFirst();
  await db
    .updateTable("users")
    .set({ last_seen_dashboard_at: nowIso() })
    .where("organization_id", "=", orgId)
    .where("id", "=", userId)
    .execute();
  return row?.last_seen_dashboard_at ?? null;
}

/** Names for the audit rows' targets the dashboard can name (positions, questionnaires, respondents, staff). */
async function targetNames(db: DB, orgId: string, rows: { target_type: string | null; target_id: string | null }[]) {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.target_type === type && r.target_id).map((r) => r.target_id!)),
  ];
  const names = new Map<string, string>();
  const positions = ids("position");
  if (positions.length > 0) {
    for (const r of await db
      .selectFrom("positions")
      .select(["id", "title"])
      .where("organization_id", "=", orgId)
      .where("id", "in", positions)
      .execute())
      names.set(`position:${r.id}`, r.title);
  }
  const questionnaires = ids("questionnaire");
  if (questionnaires.length > 0) {
    for (const r of await db
      .selectFrom("questionnaires")
      .select(["id", "title"])
      .where("organization_id", "=", orgId)
      .where("id", "in", questionnaires)
      .execute())
      names.set(`questionnaire:${r.id}`, r.title);
  }
  const responses = ids("response");
  if (responses.length > 0) {
    for (const r of await db
      .selectFrom("responses")
      .select(["id", "respondent_label"])
      .where("organization_id", "=", orgId)
      .where("id", "in", responses)
      .execute())
      names.set(`response:${r.id}`, r.respondent_label);
  }
  return names;
}

export async function getDashboard(orgId: string) {
  const db = getDb();
  const org = await db.selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", (join) => join.onRef("u.id", "=", "a.actor_user_id").on("u.organization_id", "=", orgId))
    .select([
      "a.id",
      "a.actor_label",
      "u.name as actorName",
      "a.action",
      "a.target_type",
      "a.target_id",
      "a.created_at",
    ])
    .where("a.organization_id", "=", orgId)
    .orderBy("a.id", "desc")
    .limit(8)
    .execute();
  const names = await targetNames(db, orgId, recent);
  return {
    organizationName: org.name,
    staffCount: Number(staff.n),
    recent: recent.map((r) => ({
      id: r.id,
      actor: r.actorName ?? r.actor_label,
      action: auditActionWords(r.action),
      /** The stored code: the page words it in the reader's language (shell:audit.<code>, issue 18). */
      actionCode: r.action,
      target: names.get(`${r.target_type}:${r.target_id}`) ?? null,
      createdAt: r.created_at,
    })),
  };
}
