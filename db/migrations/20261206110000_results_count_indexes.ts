import { sql, type Kysely } from "kysely";

// Results page of a 100,000-candidate position in <= 50 ms (issue 19). Every page shows how many candidates submitted
// and how many are scored; those counts read one index entry per candidate, so they read the narrowest index there
// can be (organization and position only, ~80 bytes an entry instead of ~170 in the ranking indexes):
// - responses_submitted_count_idx: partial, the submitted candidate responses only (the query repeats the predicate
//   with literals so both SQLite and PostgreSQL can use it);
// - scores_current_count_idx: scores by organization, position and is_current.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("responses_submitted_count_idx")
    .on("responses")
    .columns(["organization_id", "position_id"])
    .where(sql.ref("kind"), "=", sql.lit("candidate"))
    .where(sql.ref("submitted_at"), "is not", null)
    .execute();
  await db.schema
    .createIndex("scores_current_count_idx")
    .on("scores")
    .columns(["organization_id", "position_id", "is_current"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("scores_current_count_idx").execute();
  await db.schema.dropIndex("responses_submitted_count_idx").execute();
}
