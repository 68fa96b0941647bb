// The counts of every results page (issue 19, rank 100k cold): submitted candidates and current scores of a position,
// counted over indexes keyed by the position alone (migration 20261209100000), the tenant filter through the
// position. The counts stay what they were; another organization's position counts nothing; the plan reads the
// two narrow indexes and no table.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { positionCounts, positionCountsQuery } from "../../app/models/results-context.server";
import { scoreResponse } from "../../app/models/score.server";
import { dialectName, getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization } from "../factories";
import { makeResponseRow } from "../factories-benchmark";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

describe("results page counts", () => {
  it("counts a position's submitted candidates and current scores, nobody else's", async () => {
    const org = await makeOrganization("Counts");
    const position = await makeResultsPosition(org.id);
    const answers = exampleCandidates();
    // c01, c02, c04 submitted and scored (c04 has no empathy alignment but an overall); c02 scored twice, so one of
    // its two scores is history; one submitted candidate not scored; one candidate that has not submitted.
    const scored = [];
    for (const [label, from] of [
      ["a", "c01"],
      ["b", "c02"],
      ["c", "c04"],
    ] as const) {
      scored.push((await addCandidate(org.id, position, answers[from], label)).responseId);
    }
    await scoreResponse(org.id, scored[1]);
    await makeResponseRow(org.id, position.positionId, position.versionId, "candidate", answers.c03, { label: "d" });
    await addCandidate(org.id, position, answers.c06, "e", { submitted: false });
    // the position's 13 agents have submitted too, and are not candidates
    const rows = await getDb()
      .selectFrom("scores")
      .select(["is_current"])
      .where("organization_id", "=", org.id)
      .where("position_id", "=", position.positionId)
      .execute();
    expect(rows.map((r) => r.is_current).sort()).toEqual([0, 1, 1, 1]);

    // A second position of the organization, and another organization's position, each with a scored candidate.
    const sibling = await makeResultsPosition(org.id);
    await addCandidate(org.id, sibling, answers.c01, "s");
    const other = await makeOrganization("Other");
    const foreign = await makeResultsPosition(other.id);
    await addCandidate(other.id, foreign, answers.c01, "x");
    await addCandidate(other.id, foreign, answers.c02, "y");

    expect(await positionCounts(org.id, position.positionId)).toEqual({
      submittedCount: 4,
      scoredCount: 3,
      overallCount: 3,
    });
    expect(await positionCounts(org.id, sibling.positionId)).toEqual({
      submittedCount: 1,
      scoredCount: 1,
      overallCount: 1,
    });
    expect(await positionCounts(other.id, foreign.positionId)).toEqual({
      submittedCount: 2,
      scoredCount: 2,
      overallCount: 2,
    });
    // the tenant filter: the other organization's position, asked for by this organization, counts nothing
    expect(await positionCounts(org.id, foreign.positionId)).toEqual({
      submittedCount: 0,
      scoredCount: 0,
      overallCount: 0,
    });
    expect(await positionCounts(other.id, position.positionId)).toEqual({
      submittedCount: 0,
      scoredCount: 0,
      overallCount: 0,
    });
  });

  it("reads the counts from the position-keyed partial indexes, not from the tables", async () => {
    const db = getDb();
    if (dialectName(db) !== "sqlite") return;
    const org = await makeOrganization("Plan");
    const position = await makeResultsPosition(org.id);
    const compiled = positionCountsQuery(org.id, position.positionId, db).compile(db);
    const details = (
      await db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` })
    ).rows.map((r) => r.detail);
    // ("USING INDEX" for responses only because submitted_at is named in the query: the partial index's predicate
    // is not checked again on the row, whose seek SQLite defers and never makes; measured: the count reads the
    // index's pages alone, scripts/keyset-measure.ts coldprofile.)
    expect(details).toEqual([
      "SCAN CONSTANT ROW",
      "SCALAR SUBQUERY 2",
      "SEARCH responses USING INDEX responses_submitted_count_idx (position_id=?)",
      "SCALAR SUBQUERY 1",
      "SEARCH p USING INDEX sqlite_autoindex_positions_1 (id=?)",
      "SCALAR SUBQUERY 4",
      "SEARCH scores USING COVERING INDEX scores_current_count_idx (position_id=?)",
      "SCALAR SUBQUERY 3",
      "SEARCH p USING INDEX sqlite_autoindex_positions_1 (id=?)",
      "SCALAR SUBQUERY 5",
      "SEARCH scores USING COVERING INDEX scores_rank_idx (organization_id=? AND position_id=? AND overall=?)",
    ]);
    // The two indexes: keyed by the position alone (about half the pages of organization + position), partial.
    const indexes = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where name in ('responses_submitted_count_idx', 'scores_current_count_idx') order by name`.execute(db);
    expect(indexes.rows).toEqual([
      {
        name: "responses_submitted_count_idx",
        sql: `CREATE INDEX "responses_submitted_count_idx" on "responses" ("position_id") where "kind" = 'candidate' and "submitted_at" is not null`,
      },
      {
        name: "scores_current_count_idx",
        sql: `CREATE INDEX "scores_current_count_idx" on "scores" ("position_id") where "is_current" = 1`,
      },
    ]);
  });
});
