import type { Kysely } from "kysely";

// Durable "to score" marks (issue 15, items 10 and 11): written in the same transaction as a candidate's submit or a
// benchmark activation, deleted in the same transaction that stores the score. A mark still here after a crash is
// resumed at server start; a failed attempt stays with its error for the results page and its retry button.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scoring_jobs")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("last_attempt_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("scoring_jobs_position_idx")
    .on("scoring_jobs")
    .columns(["organization_id", "position_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scoring_jobs").execute();
}
