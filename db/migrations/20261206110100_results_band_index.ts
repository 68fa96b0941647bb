import type { Kysely } from "kysely";

// A band filter on the results list ("below on empathy", issue 19) reads its candidates as a set from
// score_values_band_idx (organization, position, value, current, band, response id: index only) and checks the
// ranking's index entries against it, instead of reading a score_values row for every ranked candidate until a page
// of them match (rare at the top when the band runs against the sort: ~0.7 s on 100,000 candidates).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("score_values_band_idx")
    .on("score_values")
    .columns(["organization_id", "position_id", "value_key", "is_current", "band", "response_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("score_values_band_idx").execute();
}
