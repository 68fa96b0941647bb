import type { Kysely } from "kysely";

// Review before ranking (issue 21, point 4). A candidate whose score is on the review list (scores.review: a hard
// flag or two soft ones) is ranked only after someone reviews it: "usable" puts it into the ranking, "set_aside"
// keeps it out of ranking, compare and the fairness cut (not assessed). `pending` is the state before any review;
// for a response that is not on the review list it has no effect. The note, who and when are shown on the report
// (every review is also in the audit log). scores_review_idx finds a position's flagged current scores without
// reading every score, so the results page can list and count them on large positions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("responses")
    .addColumn("review_status", "text", (c) => c.notNull().defaultTo("pending"))
    .execute();
  await db.schema.alterTable("responses").addColumn("review_note", "text").execute();
  await db.schema.alterTable("responses").addColumn("reviewed_by", "text").execute();
  await db.schema.alterTable("responses").addColumn("reviewed_at", "text").execute();
  await db.schema
    .createIndex("scores_review_idx")
    .on("scores")
    .columns(["organization_id", "position_id", "is_current", "review", "submitted_at", "response_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("scores_review_idx").execute();
  await db.schema.alterTable("responses").dropColumn("reviewed_at").execute();
  await db.schema.alterTable("responses").dropColumn("reviewed_by").execute();
  await db.schema.alterTable("responses").dropColumn("review_note").execute();
  await db.schema.alterTable("responses").dropColumn("review_status").execute();
}
