// Mailing invitation links when SMTP_URL is set. The link exists only in memory while it is issued (only the token's
// hash is stored), so mails go out right after the invitations are committed, from the same request; the outbox row
// gets `sent_at` (and loses its text with the link, unsent_body) once the SMTP server accepted the mail. A failure
// never undoes an invitation: the mail-retry job tries again, or the recruiter copies the link from the screen.
import nodemailer from "nodemailer";
import { getDb, nowIso } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

/** One message waiting to be mailed: its outbox row and the full text, link included (never stored). */
export type PendingMail = {
  invitationId: string;
  outboxId: string;
  to: string;
  subject: string;
  text: string;
};

/** Per invitation: mailed, or the mail failed; absent when there was nothing to mail (no address or no SMTP_URL). */
export type MailStatus = "sent" | "failed";

const DEFAULT_FROM = "valuebench <no-reply@localhost>";
/** Errors that mean the server is unreachable: the rest of the batch is not tried (each would wait for a timeout). */
const CONNECTION_ERRORS = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED"]);

export function mailEnabled(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/** Sends each pending mail (one connection for the batch) and marks the sent ones in the outbox. */
export async function deliverInvitationMails(
  orgId: string,
  pending: readonly PendingMail[],
  now = () => new Date(),
): Promise<Map<string, MailStatus>> {
  const statuses = new Map<string, MailStatus>();
  const env = getEnv();
  if (!env.SMTP_URL || pending.length === 0) return statuses;
  const transport = nodemailer.createTransport({
    url: env.SMTP_URL,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  let unreachable = false;
  try {
    for (const mail of pending) {
      if (unreachable) {
        statuses.set(mail.invitationId, "failed");
        continue;
      }
      try {
        await transport.sendMail({
          from: env.SMTP_FROM ?? DEFAULT_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
        // sent: the text with the link is not needed any more (invitation-outbox.server.ts)
        await getDb()
          .updateTable("outbox")
          .set((eb) => ({
            sent_at: nowIso(now()),
            unsent_body: null,
            attempts: eb("attempts", "+", 1),
            last_error: null,
          }))
          .where("id", "=", mail.outboxId)
          .where("organization_id", "=", orgId)
          .execute();
        statuses.set(mail.invitationId, "sent");
      } catch (error) {
        statuses.set(mail.invitationId, "failed");
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && CONNECTION_ERRORS.has(code)) unreachable = true;
        console.error(`invitation mail to outbox ${mail.outboxId} failed: ${(error as Error).message}`);
        await getDb()
          .updateTable("outbox")
          .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: (error as Error).message.slice(0, 500) }))
          .where("id", "=", mail.outboxId)
          .where("organization_id", "=", orgId)
          .execute()
          .catch((e: unknown) => console.error(`recording the failed mail ${mail.outboxId} failed:`, e));
      }
    }
  } finally {
    transport.close();
  }
  return statuses;
}

/** Mails one message already recorded in the outbox (not an invitation: no link in it) and marks it sent. */
export async function deliverOutboxMail(
  orgId: string,
  mail: { outboxId: string; to: string; subject: string; text: string },
): Promise<MailStatus | undefined> {
  const statuses = await deliverInvitationMails(orgId, [{ ...mail, invitationId: mail.outboxId }]);
  return statuses.get(mail.outboxId);
}
