// The invitation pipeline of a position (issue 21, point 1): every invited person with where they are
// (invited → opened → started, page k of n → submitted / expired / revoked), their last activity, language and
// reminders, and when the next automatic reminder is due.
import { nextReminderDue } from "~/models/invitation-reminders.server";
import { getPosition } from "~/models/position.server";
import { pagesOf } from "~/models/respondent-input.server";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import { getDb, nowIso } from "~/utils/db.server";
import type { AgentGroup, RespondentKind } from "../../db/types";

export type PipelineStatus = "invited" | "opened" | "started" | "submitted" | "expired" | "revoked";

export type PipelineRow = {
  id: string;
  kind: RespondentKind;
  group: AgentGroup;
  name: string;
  email: string | null;
  status: PipelineStatus;
  /** Started only: the furthest page shown (1-based) of `pages`. */
  page: number | null;
  pages: number;
  language: string;
  lastActivity: { at: string; what: "invited" | "opened" | "answered" | "submitted" | "reminded" };
  expiresAt: string;
  remindersSent: number;
  /** When the next automatic reminder goes out (null: none, or reminders are off). */
  nextReminderAt: string | null;
};

/** The pipeline status; a submitted response wins over a later revoke or expiry. */
export function pipelineStatus(
  row: { revoked_at: string | null; expires_at: string; opened_at: string | null },
  response: { submitted_at: string | null } | null,
  now: Date,
): PipelineStatus {
  if (response?.submitted_at) return "submitted";
  if (row.revoked_at) return "revoked";
  if (row.expires_at <= nowIso(now)) return "expired";
  if (response) return "started";
  if (row.opened_at) return "opened";
  return "invited";
}

/** The position's invitations (agents and candidates), newest first. Another organization's position: 404. */
export async function listPipeline(orgId: string, positionId: string, now = new Date()) {
  const position = await getPosition(orgId, positionId);
  const db = getDb();
  const [version, org, rows, views] = await Promise.all([
    db
      .selectFrom("questionnaire_versions")
      .select("content_json")
      .where("organization_id", "=", orgId)
      .where("id", "=", position.questionnaireVersionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("organizations")
      .select(["reminders_enabled", "reminder_days_before"])
      .where("id", "=", orgId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("invitations as i")
      .leftJoin("responses as r", (j) => j.onRef("r.invitation_id", "=", "i.id").on("r.organization_id", "=", orgId))
      .select([
        "i.id",
        "i.kind",
        "i.agent_group",
        "i.name",
        "i.email",
        "i.locale",
        "i.expires_at",
        "i.revoked_at",
        "i.created_at",
        "i.opened_at",
        "i.reminders_sent",
        "i.last_reminded_at",
        "r.id as response_id",
        "r.locale as response_locale",
        "r.updated_at",
        "r.submitted_at",
      ])
      .where("i.organization_id", "=", orgId)
      .where("i.position_id", "=", positionId)
      .orderBy("i.created_at", "desc")
      .orderBy("i.name")
      .execute(),
    db
      .selectFrom("response_page_views as pv")
      .innerJoin("responses as r", "r.id", "pv.response_id")
      .select(["pv.response_id", (eb) => eb.fn.max("pv.page").as("last_page")])
      .where("pv.organization_id", "=", orgId)
      .where("r.organization_id", "=", orgId)
      .where("r.position_id", "=", positionId)
      .groupBy("pv.response_id")
      .execute(),
  ]);
  const pages = pagesOf(parseStoredQuestionnaire(version.content_json)).length;
  const lastPage = new Map(views.map((v) => [v.response_id, Number(v.last_page)]));
  return rows.map((r): PipelineRow => {
    const status = pipelineStatus(r, r.response_id ? { submitted_at: r.submitted_at } : null, now);
    const events: PipelineRow["lastActivity"][] = [{ at: r.created_at, what: "invited" }];
    if (r.opened_at) events.push({ at: r.opened_at, what: "opened" });
    if (r.last_reminded_at) events.push({ at: r.last_reminded_at, what: "reminded" });
    if (r.updated_at) events.push({ at: r.updated_at, what: "answered" });
    if (r.submitted_at) events.push({ at: r.submitted_at, what: "submitted" });
    const lastActivity = events.reduce((a, b) => (b.at >= a.at ? b : a));
    const seen = r.response_id ? lastPage.get(r.response_id) : undefined;
    const open = status === "invited" || status === "opened" || status === "started";
    return {
      id: r.id,
      kind: r.kind,
      group: r.agent_group,
      name: r.name,
      email: r.email,
      status,
      page: status === "started" ? Math.min(pages, (seen ?? 0) + 1) : null,
      pages,
      language: r.response_locale ?? r.locale,
      lastActivity,
      expiresAt: r.expires_at,
      remindersSent: r.reminders_sent,
      nextReminderAt:
        open && r.email && org.reminders_enabled === 1 && position.status !== "closed"
          ? nextReminderDue(r, org.reminder_days_before)
          : null,
    };
  });
}
