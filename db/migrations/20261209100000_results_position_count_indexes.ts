import { sql, type Kysely } from "kysely";

// Rank 100k cold <= 300 ms (issue 19). Every results page counts the position's submitted candidates and current
// scores (results-context.server.ts, positionCounts): one index entry per candidate. On a database file that is not
// in the OS page cache each 4 KiB index page is one read from storage (~65 us here), and the two counting indexes
// held organization_id and position_id, two 36-character ids, in every entry (~83 bytes): ~2,300 pages each at
// 100,000 candidates, ~300 ms of a ~375 ms first request. Keyed by the position alone (~45 bytes an entry) they are
// half the pages. The counts keep their tenant filter through the position (`position_id = (select id from
// positions where organization_id = ? and id = ?)`: another organization's position counts nothing).
// The indexes keep their names and predicates, only the columns change:
// - responses_submitted_count_idx: submitted candidate responses (kind = 'candidate', submitted_at not null);
// - scores_current_count_idx: current scores (is_current = 1).
// Every other read of scores or responses that filters by organization and position has an index with both in front
// (scores_rank_idx, scores_review_idx, responses_position_idx), as it did before.

type Index = { name: string; table: "responses" | "scores"; where: (b: IndexBuilder) => IndexBuilder };
type IndexBuilder = ReturnType<ReturnType<Kysely<any>["schema"]["createIndex"]>["on"]>;

const INDEXES: Index[] = [
  {
    name: "responses_submitted_count_idx",
    table: "responses",
    where: (b) => b.where(sql.ref("kind"), "=", sql.lit("candidate")).where(sql.ref("submitted_at"), "is not", null),
  },
  {
    name: "scores_current_count_idx",
    table: "scores",
    where: (b) => b.where(sql.ref("is_current"), "=", sql.lit(1)),
  },
];

async function recreate(db: Kysely<any>, columns: string[]): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.dropIndex(index.name).execute();
    await index.where(db.schema.createIndex(index.name).on(index.table).columns(columns)).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await recreate(db, ["position_id"]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await recreate(db, ["organization_id", "position_id"]);
}
