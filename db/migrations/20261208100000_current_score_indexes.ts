import { sql, type Kysely } from "kysely";

// Re-scoring 100,000 candidates in seconds (issue 19). The six ranking and counting indexes of scores and
// score_values held every score ever stored, current or not, with is_current in their keys. A re-score then moved
// each superseded entry from the is_current = 1 part of each index to the is_current = 0 part (a delete and an
// insert at a random place, for 100,000 scores and 800,000 value rows), and that history part grew with every
// activation: more distinct pages dirtied per re-score, each run slower than the last (20,000 candidates: 18-28 s;
// 100,000: ~165 s).
// Every read through these indexes asks for current scores only (is_current = 1), so they become partial indexes of
// the current rows, with the same columns minus is_current: superseding a score only deletes its entries, and the
// indexes stay the size of one score per candidate however many re-scores there were. SQLite uses a partial index
// for `is_current = ?` bound to 1 (it re-plans when the bound value decides it); PostgreSQL plans the driver's
// unnamed statements with their parameter values. History rows are still found through scores_response_idx and
// the primary keys.

const CURRENT = [sql.ref("is_current"), "=", sql.lit(1)] as const;

type Index = { name: string; table: "scores" | "score_values"; columns: string[] };

/** The indexes as they are after this migration (partial: is_current = 1), and as they were (is_current in the key). */
const INDEXES: { now: Index; before: Index }[] = [
  {
    now: {
      name: "scores_rank_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "overall desc", "submitted_at", "response_id"],
    },
    before: {
      name: "scores_rank_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "is_current", "overall desc", "submitted_at", "response_id"],
    },
  },
  {
    now: {
      name: "scores_min_rank_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "min_alignment desc", "submitted_at", "response_id"],
    },
    before: {
      name: "scores_min_rank_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "is_current", "min_alignment desc", "submitted_at", "response_id"],
    },
  },
  {
    now: {
      name: "scores_review_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "review", "submitted_at", "response_id"],
    },
    before: {
      name: "scores_review_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "is_current", "review", "submitted_at", "response_id"],
    },
  },
  {
    now: { name: "scores_current_count_idx", table: "scores", columns: ["organization_id", "position_id"] },
    before: {
      name: "scores_current_count_idx",
      table: "scores",
      columns: ["organization_id", "position_id", "is_current"],
    },
  },
  {
    now: {
      name: "score_values_rank_idx",
      table: "score_values",
      columns: ["organization_id", "position_id", "value_key", "alignment desc", "submitted_at", "response_id"],
    },
    before: {
      name: "score_values_rank_idx",
      table: "score_values",
      columns: [
        "organization_id",
        "position_id",
        "value_key",
        "is_current",
        "alignment desc",
        "submitted_at",
        "response_id",
      ],
    },
  },
  {
    now: {
      name: "score_values_band_idx",
      table: "score_values",
      columns: ["organization_id", "position_id", "value_key", "band", "response_id"],
    },
    before: {
      name: "score_values_band_idx",
      table: "score_values",
      columns: ["organization_id", "position_id", "value_key", "is_current", "band", "response_id"],
    },
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const { now } of INDEXES) {
    await db.schema.dropIndex(now.name).execute();
    await db.schema
      .createIndex(now.name)
      .on(now.table)
      .columns(now.columns)
      .where(...CURRENT)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { before } of INDEXES) {
    await db.schema.dropIndex(before.name).execute();
    await db.schema.createIndex(before.name).on(before.table).columns(before.columns).execute();
  }
}
