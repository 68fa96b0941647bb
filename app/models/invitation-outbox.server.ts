// The invitation mails and the outbox (issue 21, point 1). Every message that valuebench would mail is one outbox row:
// `body` is the text with the personal link left out (kept as the record), `unsent_body` the full text WITH the link.
//
// Why the link is stored at all: invitation tokens are stored hashed, so a link exists only when it is issued. Without
// SMTP_URL (or while a mail keeps failing) somebody has to send it by hand, so the full text waits in the outbox, seen
// only by admins (/app/outbox). It is kept for as short as possible: cleared once the SMTP server took the mail or an
// admin marked it sent by hand, and withdrawn as soon as the link stops working (a new link, revoked, expired, the
// response submitted). It is tenant data: erasing the invitation deletes the row (privacy.server.ts). A stolen
// database therefore holds working links only of mails nobody has sent yet.
import type { DB } from "~/utils/db.server";
import { getDb, nowIso } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";
import { deliverInvitationMails, mailEnabled, type PendingMail } from "~/models/invitation-mail.server";
import { recordAudit } from "~/models/audit.server";
import type { AgentGroup, OutboxKind, RespondentKind } from "../../db/types";

export const REDACTED_LINK = "[personal link: shown once to the recruiter, not stored]";
/** A mail that failed is tried again by the mail-retry job until this many attempts in all. */
export const MAX_MAIL_ATTEMPTS = 5;
/** A never-tried mail younger than this is left to the request that wrote it. */
const FRESH_MAIL_MS = 10 * 60 * 1000;

function formatDay(iso: string): string {
  return iso.slice(0, 10);
}

export type MessageContext = {
  orgName: string;
  positionTitle: string;
  kind: RespondentKind;
  name: string;
  link: string;
  expiresAt: string;
  group?: AgentGroup;
  /** How long the questionnaire takes (estimatedSeconds of its version, rounded up). */
  minutes: number;
};

function timeLine(minutes: number): string {
  return `It takes about ${minutes} ${minutes === 1 ? "minute" : "minutes"}; you can stop and continue later with the same link.`;
}

/** The invitation mail. */
export function invitationMessage(c: MessageContext) {
  const subject =
    c.kind === "agent"
      ? `${c.orgName}: help us describe what great service looks like`
      : `${c.orgName}: questionnaire for the ${c.positionTitle} position`;
  const why =
    c.kind === "agent" && c.group === "comparison"
      ? `We are checking which of our service values really matter in the "${c.positionTitle}" role. Your answers are compared with those of colleagues as a group; they never judge you as a person.`
      : c.kind === "agent"
        ? `You are one of the people whose everyday work shows our service values. Your answers help set the benchmark for the "${c.positionTitle}" position.`
        : `Thank you for applying for "${c.positionTitle}". As part of the process we ask every applicant the same short questionnaire about how they like to work with customers.`;
  const body = [
    `Hello ${c.name},`,
    "",
    why,
    "",
    timeLine(c.minutes),
    "",
    `Open your personal link: ${c.link}`,
    `The link works until ${formatDay(c.expiresAt)}. Please do not forward it.`,
    "",
    c.orgName,
  ].join("\n");
  return { subject, body };
}

/** The reminder mail: a new link (the earlier one stops working), the same expiry. */
export function reminderMessage(c: MessageContext) {
  const subject = `Reminder: ${c.orgName} questionnaire${c.kind === "candidate" ? ` for ${c.positionTitle}` : ""}, until ${formatDay(c.expiresAt)}`;
  const body = [
    `Hello ${c.name},`,
    "",
    `A reminder: your questionnaire for "${c.positionTitle}" is not finished yet, and your link works until ${formatDay(c.expiresAt)}.`,
    timeLine(c.minutes),
    "",
    `Open your personal link: ${c.link}`,
    "This link replaces the one in our earlier mail. Answers you already gave are kept. Please do not forward it.",
    "",
    c.orgName,
  ].join("\n");
  return { subject, body };
}

/**
 * Records one message in the outbox (inside the caller's transaction) and queues it for mailing after the commit.
 * Nothing is recorded without an address.
 */
export async function recordOutboxMail(
  db: DB,
  orgId: string,
  mail: {
    to: string | null;
    message: { subject: string; body: string };
    link: string;
    invitationId: string;
    kind: OutboxKind;
  },
  pending: PendingMail[],
  now = new Date(),
): Promise<void> {
  if (!mail.to) return;
  const id = newId();
  pending.push({
    invitationId: mail.invitationId,
    outboxId: id,
    to: mail.to,
    subject: mail.message.subject,
    text: mail.message.body,
  });
  await db
    .insertInto("outbox")
    .values({
      id,
      organization_id: orgId,
      to_address: mail.to,
      subject: mail.message.subject,
      body: mail.message.body.split(mail.link).join(REDACTED_LINK),
      unsent_body: mail.message.body,
      invitation_id: mail.invitationId,
      kind: mail.kind,
      created_at: nowIso(now),
      sent_at: null,
    })
    .execute();
}

/** The link of these mails no longer works: unsent ones are withdrawn and their text with the link is dropped. */
export async function withdrawInvitationMails(db: DB, orgId: string, invitationId: string, now = new Date()) {
  await db
    .updateTable("outbox")
    .set({ unsent_body: null, withdrawn_at: nowIso(now) })
    .where("organization_id", "=", orgId)
    .where("invitation_id", "=", invitationId)
    .where("sent_at", "is", null)
    .where("withdrawn_at", "is", null)
    .execute();
}

export type OutboxEntry = {
  id: string;
  kind: OutboxKind;
  to: string;
  subject: string;
  /** The full text (with the link) while unsent, else the record without the link. */
  text: string;
  createdAt: string;
  state: "waiting" | "sent" | "withdrawn";
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
};

const HISTORY_LIMIT = 100;

/** The organization's outbox: messages waiting to be sent (with their links) first, then the last 100 others. */
export async function listOutbox(orgId: string): Promise<{ waiting: OutboxEntry[]; history: OutboxEntry[] }> {
  const base = getDb()
    .selectFrom("outbox")
    .select([
      "id",
      "kind",
      "to_address",
      "subject",
      "body",
      "unsent_body",
      "created_at",
      "sent_at",
      "withdrawn_at",
      "attempts",
      "last_error",
    ])
    .where("organization_id", "=", orgId);
  const [waiting, history] = await Promise.all([
    base.where("sent_at", "is", null).where("withdrawn_at", "is", null).orderBy("created_at").orderBy("id").execute(),
    base
      .where((eb) => eb.or([eb("sent_at", "is not", null), eb("withdrawn_at", "is not", null)]))
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(HISTORY_LIMIT)
      .execute(),
  ]);
  const entry = (r: (typeof waiting)[number]): OutboxEntry => ({
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    text: r.unsent_body ?? r.body,
    createdAt: r.created_at,
    state: r.sent_at ? "sent" : r.withdrawn_at ? "withdrawn" : "waiting",
    sentAt: r.sent_at,
    attempts: r.attempts,
    lastError: r.last_error,
  });
  return { waiting: waiting.map(entry), history: history.map(entry) };
}

/** An admin sent the message by hand: it counts as sent and its text with the link is dropped. Unknown id: 404. */
export async function markOutboxSent(
  orgId: string,
  outboxId: string,
  actor: { userId: string; label: string },
  now = new Date(),
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom("outbox")
        .select(["id", "sent_at", "withdrawn_at", "invitation_id"])
        .where("organization_id", "=", orgId)
        .where("id", "=", outboxId)
        .executeTakeFirst();
      if (!row) throw new Response("Not found", { status: 404 });
      if (row.sent_at || row.withdrawn_at) return;
      await trx
        .updateTable("outbox")
        .set({ sent_at: nowIso(now), unsent_body: null })
        .where("organization_id", "=", orgId)
        .where("id", "=", row.id)
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "outbox.sent_by_hand",
          targetType: "outbox",
          targetId: row.id,
          details: row.invitation_id ? { invitationId: row.invitation_id } : {},
        },
        trx,
      );
    });
}

/**
 * The mail-retry job: mails unsent messages that still have their text (all organizations), oldest first, while
 * fewer than MAX_MAIL_ATTEMPTS attempts were made. Nothing to do without SMTP_URL (admins send by hand).
 */
export async function retryUnsentMails(now = new Date()): Promise<{ enabled: boolean; sent: number; failed: number }> {
  if (!mailEnabled()) return { enabled: false, sent: 0, failed: 0 };
  const rows = await getDb()
    .selectFrom("outbox")
    .select(["id", "organization_id", "invitation_id", "to_address", "subject", "unsent_body"])
    .where("sent_at", "is", null)
    .where("withdrawn_at", "is", null)
    .where("unsent_body", "is not", null)
    .where("attempts", "<", MAX_MAIL_ATTEMPTS)
    // a mail that failed, or one never tried (no SMTP_URL then, or the request ended first) - not one that the
    // request that wrote it may be sending right now
    .where((eb) =>
      eb.or([eb("attempts", ">=", 1), eb("created_at", "<", nowIso(new Date(now.getTime() - FRESH_MAIL_MS)))]),
    )
    .orderBy("created_at")
    .limit(200)
    .execute();
  let sent = 0;
  let failed = 0;
  const byOrg = new Map<string, PendingMail[]>();
  for (const r of rows) {
    const list = byOrg.get(r.organization_id) ?? [];
    list.push({
      invitationId: r.invitation_id ?? r.id,
      outboxId: r.id,
      to: r.to_address,
      subject: r.subject,
      text: r.unsent_body ?? "",
    });
    byOrg.set(r.organization_id, list);
  }
  for (const [orgId, pending] of byOrg) {
    const statuses = await deliverInvitationMails(orgId, pending, () => now);
    for (const status of statuses.values()) {
      if (status === "sent") sent++;
      else failed++;
    }
  }
  return { enabled: true, sent, failed };
}

/**
 * Withdraws unsent mails whose link no longer works (the invitation expired, was revoked or answered), in every
 * organization: their text with the link is dropped. Run by the reminders job.
 */
export async function withdrawDeadMails(now = new Date()): Promise<number> {
  const result = await getDb()
    .updateTable("outbox")
    .set({ unsent_body: null, withdrawn_at: nowIso(now) })
    .where("sent_at", "is", null)
    .where("withdrawn_at", "is", null)
    .where("invitation_id", "in", (eb) =>
      eb
        .selectFrom("invitations as i")
        .leftJoin("responses as r", "r.invitation_id", "i.id")
        .select("i.id")
        .where((w) =>
          w.or([
            w("i.expires_at", "<=", nowIso(now)),
            w("i.revoked_at", "is not", null),
            w("r.submitted_at", "is not", null),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
