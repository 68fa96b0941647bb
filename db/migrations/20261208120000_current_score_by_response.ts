import { sql, type Kysely } from "kysely";

// A candidate's current score by response (the fit report, compare, the API's report): `response_id = ? AND
// organization_id = ? AND is_current = 1`. Once the counting index became partial (20261208100000), SQLite's planner
// took scores_current_count_idx (organization_id, position_id WHERE is_current = 1) for that lookup, because it
// matches two of the three terms, and walked every current score of the organization: the fit report of a
// 100,000-candidate organization went from ~1 ms to ~95 ms in the model. This partial index on the response matches
// the lookup exactly and is chosen instead (its plan is checked in test/integration/scoring-rescore-writes.test.ts).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("scores_current_response_idx")
    .on("scores")
    .column("response_id")
    .where(sql.ref("is_current"), "=", sql.lit(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("scores_current_response_idx").execute();
}
