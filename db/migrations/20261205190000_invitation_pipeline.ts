import type { Kysely } from "kysely";

// The invitation pipeline, the outbox for hand sending and jobs that run themselves (issue 21, points 1 and 2):
// - invitations.opened_at: when the landing page was first shown in a browser; reminders_sent / last_reminded_at:
//   the reminders of the current link (a new link starts again at 0).
// - outbox: invitation_id and kind ("invitation" | "reminder" | "notice") say what a message is; unsent_body is the
//   full text WITH the personal link, kept only while the message is unsent (no SMTP_URL, or the mail failed) so an
//   admin can send it by hand or the retry job can mail it. It is cleared once the mail is sent or marked sent by
//   hand, and when the link stops working (a new link, revoked, expired: withdrawn_at). attempts / last_error: mail
//   retries. Erasing the invitation deletes its rows (privacy.server.ts; no foreign key, so SQLite can drop the column).
// - organizations: automatic reminders on/off and how many days before expiry the first one goes out.
// - job_leases: one row per scheduled job; a server process runs a job only after claiming its row with one
//   conditional UPDATE (lease_until passed), so two instances never run the same job at once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invitations").addColumn("opened_at", "text").execute();
  await db.schema
    .alterTable("invitations")
    .addColumn("reminders_sent", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("invitations").addColumn("last_reminded_at", "text").execute();

  await db.schema.alterTable("outbox").addColumn("invitation_id", "text").execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("notice"))
    .execute();
  await db.schema.alterTable("outbox").addColumn("unsent_body", "text").execute();
  await db.schema.alterTable("outbox").addColumn("withdrawn_at", "text").execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("outbox").addColumn("last_error", "text").execute();
  await db.schema.createIndex("outbox_invitation_idx").on("outbox").column("invitation_id").execute();

  await db.schema
    .alterTable("organizations")
    .addColumn("reminders_enabled", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("organizations")
    .addColumn("reminder_days_before", "integer", (c) => c.notNull().defaultTo(3))
    .execute();

  await db.schema
    .createTable("job_leases")
    .addColumn("job", "text", (c) => c.primaryKey())
    .addColumn("holder", "text")
    .addColumn("lease_until", "text", (c) => c.notNull())
    .addColumn("last_run_at", "text")
    .addColumn("last_result", "text")
    .addColumn("last_ok", "integer")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
  await db.schema.alterTable("organizations").dropColumn("reminder_days_before").execute();
  await db.schema.alterTable("organizations").dropColumn("reminders_enabled").execute();
  await db.schema.dropIndex("outbox_invitation_idx").execute();
  for (const column of ["last_error", "attempts", "withdrawn_at", "unsent_body", "kind", "invitation_id"]) {
    await db.schema.alterTable("outbox").dropColumn(column).execute();
  }
  for (const column of ["last_reminded_at", "reminders_sent", "opened_at"]) {
    await db.schema.alterTable("invitations").dropColumn(column).execute();
  }
}
