import { sql, type Kysely } from "kysely";

// Ranking 100,000 candidates by one value (issue 9): alignments tie a lot (min(100, 2p) is 100 for everyone at or
// above the benchmark median), and ties are listed in submission order. With the tie-break columns in the ranking
// indexes, the first page is read in index order instead of sorting every tied row.
// - scores.submitted_at, score_values.submitted_at and score_values.response_id copy the response (submitted_at is
//   written once, when the response is submitted, so the copies cannot drift);
// - the indexes hold the sort key descending (the default, best first) then submitted_at and response_id ascending;
//   min_alignment (sort=min) gets one like overall's.
// - responses_position_idx also holds submitted_at and id, so counting a position's submitted candidates and listing
//   the unscored ones in submission order read the index only.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("scores").addColumn("submitted_at", "text").execute();
  await db.schema.alterTable("score_values").addColumn("response_id", "text").execute();
  await db.schema.alterTable("score_values").addColumn("submitted_at", "text").execute();
  await sql`update scores set submitted_at = (select r.submitted_at from responses r where r.id = scores.response_id)`.execute(
    db,
  );
  await sql`update score_values set
      response_id = (select s.response_id from scores s where s.id = score_values.score_id),
      submitted_at = (select s.submitted_at from scores s where s.id = score_values.score_id)`.execute(db);

  await db.schema.dropIndex("scores_rank_idx").execute();
  await db.schema
    .createIndex("scores_rank_idx")
    .on("scores")
    .columns(["organization_id", "position_id", "is_current", "overall desc", "submitted_at", "response_id"])
    .execute();
  await db.schema
    .createIndex("scores_min_rank_idx")
    .on("scores")
    .columns(["organization_id", "position_id", "is_current", "min_alignment desc", "submitted_at", "response_id"])
    .execute();
  await db.schema.dropIndex("score_values_rank_idx").execute();
  await db.schema
    .createIndex("score_values_rank_idx")
    .on("score_values")
    .columns([
      "organization_id",
      "position_id",
      "value_key",
      "is_current",
      "alignment desc",
      "submitted_at",
      "response_id",
    ])
    .execute();
  await db.schema.dropIndex("responses_position_idx").execute();
  await db.schema
    .createIndex("responses_position_idx")
    .on("responses")
    .columns(["organization_id", "position_id", "kind", "submitted_at", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_position_idx").execute();
  await db.schema
    .createIndex("responses_position_idx")
    .on("responses")
    .columns(["organization_id", "position_id", "kind"])
    .execute();
  await db.schema.dropIndex("scores_min_rank_idx").execute();
  await db.schema.dropIndex("score_values_rank_idx").execute();
  await db.schema
    .createIndex("score_values_rank_idx")
    .on("score_values")
    .columns(["organization_id", "position_id", "value_key", "is_current", "alignment"])
    .execute();
  await db.schema.dropIndex("scores_rank_idx").execute();
  await db.schema
    .createIndex("scores_rank_idx")
    .on("scores")
    .columns(["organization_id", "position_id", "is_current", "overall"])
    .execute();
  await db.schema.alterTable("score_values").dropColumn("submitted_at").execute();
  await db.schema.alterTable("score_values").dropColumn("response_id").execute();
  await db.schema.alterTable("scores").dropColumn("submitted_at").execute();
}
