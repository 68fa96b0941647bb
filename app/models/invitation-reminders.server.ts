// Invitation reminders (issue 21, point 1). One home for the rule: an unsent-to, unanswered, still valid invitation
// with an email address gets at most MAX_REMINDERS reminders, due `reminder_days_before` days before its link
// expires and again one day before (when that is later). A reminder carries a new link (only the token's hash is
// stored, so the old link cannot be mailed again): the old link stops working, the expiry stays, answering sessions
// and answers are kept. Reminders a recruiter sends by hand count too. Organizations switch the automatic ones off
// or move them in Settings; the reminders job (scheduled-jobs.server.ts) sends the due ones.
import { msg } from "~/i18n/message";
import { recordAudit } from "~/models/audit.server";
import { deliverInvitationMails, type PendingMail } from "~/models/invitation-mail.server";
import { recordOutboxMail, reminderMessage, withdrawInvitationMails } from "~/models/invitation-outbox.server";
import {
  InvitationClosedError,
  invitationLink,
  PositionClosedError,
  questionnaireMinutes,
} from "~/models/invitation.server";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import { getDb, nowIso } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { randomToken, sha256Hex } from "~/utils/tokens.server";

export const MAX_REMINDERS = 2;
export const DEFAULT_REMINDER_DAYS = 3;
export const MIN_REMINDER_DAYS = 1;
/** Below the 14 days a link lives. */
export const MAX_REMINDER_DAYS = 13;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The automatic reminder times of a link: `daysBefore` days and 1 day before it expires (one time if those meet). */
export function reminderTimes(expiresAt: string, daysBefore: number): string[] {
  const expiry = Date.parse(expiresAt);
  const days = daysBefore > 1 ? [daysBefore, 1] : [1];
  return days.map((d) => nowIso(new Date(expiry - d * DAY_MS)));
}

/**
 * When the next automatic reminder is due (null: none any more): the first reminder time after the last reminder,
 * while fewer than MAX_REMINDERS were sent and the link still works.
 */
export function nextReminderDue(
  invitation: { expires_at: string; reminders_sent: number; last_reminded_at: string | null },
  daysBefore: number,
): string | null {
  if (invitation.reminders_sent >= MAX_REMINDERS) return null;
  const last = invitation.last_reminded_at;
  return reminderTimes(invitation.expires_at, daysBefore).find((t) => last === null || t > last) ?? null;
}

export type ReminderActor = { userId: string | null; label: string };
export const SCHEDULER_ACTOR: ReminderActor = { userId: null, label: "scheduled reminders" };

/**
 * Sends one reminder now (a new link, same expiry): refused once submitted, revoked, expired, without an email
 * address or on a closed position. Returns whether the mail went out (absent without SMTP_URL: it waits in the
 * outbox). Another organization's or position's invitation is a 404.
 */
export async function remindInvitation(
  orgId: string,
  positionId: string,
  invitationId: string,
  actor: ReminderActor,
  origin: string,
  now = new Date(),
  automatic = false,
): Promise<{ name: string; email: string; mail?: "sent" | "failed" }> {
  const pending: PendingMail[] = [];
  const done = await serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      pending.length = 0;
      const row = await trx
        .selectFrom("invitations as i")
        .innerJoin("positions as p", "p.id", "i.position_id")
        .innerJoin("organizations as o", "o.id", "i.organization_id")
        .innerJoin("questionnaire_versions as v", "v.id", "p.questionnaire_version_id")
        .leftJoin("responses as r", "r.invitation_id", "i.id")
        .select([
          "i.id",
          "i.kind",
          "i.name",
          "i.email",
          "i.expires_at",
          "i.revoked_at",
          "i.agent_group",
          "i.reminders_sent",
          "p.title",
          "p.status as position_status",
          "o.name as org_name",
          "v.content_json",
          "r.submitted_at",
        ])
        .where("i.organization_id", "=", orgId)
        .where("i.position_id", "=", positionId)
        .where("i.id", "=", invitationId)
        .executeTakeFirst();
      if (!row) throw new Response("Not found", { status: 404 });
      if (row.submitted_at) throw new InvitationClosedError(msg("invitations:closed.submitted"));
      if (row.revoked_at) throw new InvitationClosedError(msg("invitations:closed.revoked"));
      if (row.expires_at <= nowIso(now)) throw new InvitationClosedError(msg("invitations:closed.expired"));
      if (!row.email) throw new InvitationClosedError(msg("invitations:closed.noEmail", { name: row.name }));
      if (row.position_status === "closed") throw new PositionClosedError();
      const token = randomToken();
      await trx
        .updateTable("invitations")
        .set({
          token_hash: sha256Hex(token),
          reminders_sent: row.reminders_sent + 1,
          last_reminded_at: nowIso(now),
        })
        .where("organization_id", "=", orgId)
        .where("id", "=", row.id)
        .execute();
      await withdrawInvitationMails(trx, orgId, row.id, now);
      const link = invitationLink(origin, token);
      const message = reminderMessage({
        orgName: row.org_name,
        positionTitle: row.title,
        kind: row.kind,
        name: row.name,
        link,
        expiresAt: row.expires_at,
        group: row.agent_group,
        minutes: questionnaireMinutes(parseStoredQuestionnaire(row.content_json)),
      });
      await recordOutboxMail(
        trx,
        orgId,
        { to: row.email, message, link, invitationId: row.id, kind: "reminder" },
        pending,
        now,
      );
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "invitation.reminded",
          targetType: "invitation",
          targetId: row.id,
          details: { positionId, kind: row.kind, reminder: row.reminders_sent + 1, automatic },
        },
        trx,
      );
      return { name: row.name, email: row.email };
    });
  const statuses = await deliverInvitationMails(orgId, pending);
  const mail = statuses.get(invitationId);
  return mail ? { ...done, mail } : done;
}

/**
 * The reminders job: every due automatic reminder of every organization that has them on. One failing reminder is
 * logged and does not stop the others.
 */
export async function sendDueReminders(origin: string, now = new Date()): Promise<{ sent: number; failed: number }> {
  const rows = await getDb()
    .selectFrom("invitations as i")
    .innerJoin("organizations as o", "o.id", "i.organization_id")
    .innerJoin("positions as p", "p.id", "i.position_id")
    .leftJoin("responses as r", "r.invitation_id", "i.id")
    .select([
      "i.id",
      "i.organization_id",
      "i.position_id",
      "i.expires_at",
      "i.reminders_sent",
      "i.last_reminded_at",
      "o.reminder_days_before",
    ])
    .where("o.reminders_enabled", "=", 1)
    .where("p.status", "!=", "closed")
    .where("i.email", "is not", null)
    .where("i.revoked_at", "is", null)
    .where("i.expires_at", ">", nowIso(now))
    .where("i.reminders_sent", "<", MAX_REMINDERS)
    .where("r.submitted_at", "is", null)
    .orderBy("i.expires_at")
    .execute();
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    const due = nextReminderDue(row, row.reminder_days_before);
    if (!due || due > nowIso(now)) continue;
    try {
      await remindInvitation(row.organization_id, row.position_id, row.id, SCHEDULER_ACTOR, origin, now, true);
      sent++;
    } catch (error) {
      failed++;
      console.error(`reminder for invitation ${row.id} failed: ${(error as Error).message}`);
    }
  }
  return { sent, failed };
}

export type ReminderSettings = { enabled: boolean; daysBefore: number };

export async function getReminderSettings(orgId: string): Promise<ReminderSettings> {
  const row = await getDb()
    .selectFrom("organizations")
    .select(["reminders_enabled", "reminder_days_before"])
    .where("id", "=", orgId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return { enabled: row.reminders_enabled === 1, daysBefore: row.reminder_days_before };
}

/** Settings: automatic reminders on/off and their days before expiry, audited with the old and new values. */
export async function updateReminderSettings(
  orgId: string,
  input: { remindersEnabled: boolean; reminderDaysBefore: number },
  actor: { id: string; email: string },
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom("organizations")
        .select(["reminders_enabled", "reminder_days_before"])
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      const after = {
        reminders_enabled: input.remindersEnabled ? 1 : 0,
        reminder_days_before: input.reminderDaysBefore,
      };
      await trx.updateTable("organizations").set(after).where("id", "=", orgId).execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.id,
          actorLabel: actor.email,
          action: "settings.reminders_updated",
          targetType: "organization",
          targetId: orgId,
          details: { before, after },
        },
        trx,
      );
    });
}
