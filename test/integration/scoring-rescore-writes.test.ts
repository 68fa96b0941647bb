// Re-scoring writes (issue 19): an activation on a position whose candidates are scored already leaves exactly one
// current score per candidate (the new one) and keeps the older ones as history, without touching another
// position's or another organization's scores; the ranking indexes hold current scores only; score ids sort in the
// order they were made.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { activateBenchmark } from "../../app/models/benchmark.server";
import { newScoreId, organizationColumn } from "../../app/models/score-writes.server";
import { dialectName, getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser } from "../factories";
import { exampleRespondents, makeExamplePosition, makeResponseRow } from "../factories-benchmark";

withTestDatabase();

/** An organization with a recruiter and a position whose `n` first example candidates have submitted. */
async function scoredPosition(orgId?: string, n = 4) {
  const org = orgId ? { id: orgId } : await makeOrganization();
  const user = await makeUser(org.id, "recruiter");
  const { positionId, versionId } = await makeExamplePosition(org.id);
  const candidateIds: string[] = [];
  for (const c of exampleRespondents("candidates.csv").slice(0, n))
    candidateIds.push(await makeResponseRow(org.id, positionId, versionId, "candidate", c.answers));
  const first = await activateBenchmark(org.id, positionId, user);
  expect(first.rescored).toBe(n);
  return { orgId: org.id, user, positionId, candidateIds };
}

/** Every score row of the position, with its value rows' is_current flags. */
async function scoresOf(orgId: string, positionId: string) {
  const db = getDb();
  const scores = await db
    .selectFrom("scores")
    .select(["id", "response_id", "is_current", "benchmark_id"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .orderBy("id")
    .execute();
  const values = await db
    .selectFrom("score_values")
    .select(["score_id", "is_current"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .execute();
  return scores.map((s) => ({
    ...s,
    valueFlags: values
      .filter((v) => v.score_id === s.id)
      .map((v) => v.is_current)
      .sort(),
  }));
}

describe("re-scoring a scored position", () => {
  it("makes the new scores current and keeps the old ones as history, other positions and organizations untouched", async () => {
    const target = await scoredPosition(undefined, 4);
    const sibling = await scoredPosition(target.orgId, 3);
    const otherOrg = await scoredPosition(undefined, 2);
    const siblingBefore = await scoresOf(sibling.orgId, sibling.positionId);
    const otherBefore = await scoresOf(otherOrg.orgId, otherOrg.positionId);
    const firstScores = await scoresOf(target.orgId, target.positionId);
    expect(firstScores).toHaveLength(4);

    const second = await activateBenchmark(target.orgId, target.positionId, target.user);
    expect(second.rescored).toBe(4);
    const third = await activateBenchmark(target.orgId, target.positionId, target.user);
    expect(third.rescored).toBe(4);

    const after = await scoresOf(target.orgId, target.positionId);
    // 4 candidates x 3 activations; the example questionnaire has 3 values, so 3 value rows per score.
    expect(after).toHaveLength(12);
    for (const responseId of target.candidateIds) {
      const rows = after.filter((s) => s.response_id === responseId);
      expect(rows).toHaveLength(3);
      // Score ids sort in the order they were made: the last one is the current one, of the third benchmark.
      expect(rows.map((r) => r.is_current)).toEqual([0, 0, 1]);
      expect(rows[2].benchmark_id).toBe(third.benchmarkId);
      expect(rows.map((r) => r.valueFlags)).toEqual([
        [0, 0, 0],
        [0, 0, 0],
        [1, 1, 1],
      ]);
      // The first activation's score is history now, not deleted.
      expect(rows[0].id).toBe(firstScores.find((s) => s.response_id === responseId)!.id);
    }
    expect(await scoresOf(sibling.orgId, sibling.positionId)).toEqual(siblingBefore);
    expect(await scoresOf(otherOrg.orgId, otherOrg.positionId)).toEqual(otherBefore);
    expect(siblingBefore.every((s) => s.is_current === 1 && s.valueFlags.join() === "1,1,1")).toBe(true);
  });

  it("reads the current scores through the ranking and count indexes, which hold current scores only", async () => {
    const target = await scoredPosition(undefined, 3);
    await activateBenchmark(target.orgId, target.positionId, target.user);
    const db = getDb();
    // Counted through scores_current_count_idx (partial: is_current = 1), with is_current bound as a parameter as
    // the app's queries bind it: 3 current scores of 6 rows.
    const current = await db
      .selectFrom("scores")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", target.orgId)
      .where("position_id", "=", target.positionId)
      .where("is_current", "=", 1)
      .executeTakeFirstOrThrow();
    expect(Number(current.n)).toBe(3);
    if (dialectName(db) !== "sqlite") return;
    // SQLite uses the partial index only when it can prove is_current = 1, which it does from the bound value.
    const plan = await sql<{ detail: string }>`explain query plan
      select response_id from scores
      where organization_id = ${target.orgId} and position_id = ${target.positionId} and is_current = ${1}
      order by overall desc, submitted_at, response_id limit 50`.execute(db);
    expect(plan.rows.map((r) => r.detail)).toEqual([
      "SEARCH scores USING COVERING INDEX scores_rank_idx (organization_id=? AND position_id=?)",
    ]);
    const indexes = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'index' and tbl_name in ('scores', 'score_values') and sql like ${"%is_current%"}
      order by name`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual([
      "score_values_band_idx",
      "score_values_rank_idx",
      "scores_current_count_idx",
      "scores_current_response_idx",
      "scores_min_rank_idx",
      "scores_rank_idx",
      "scores_review_idx",
    ]);
    for (const index of indexes.rows) expect(index.sql).toMatch(/ where "is_current" = 1$/);
    // A candidate's current score by response (the fit report's lookup): through scores_current_response_idx, not
    // by walking every current score of the organization through scores_current_count_idx (~95 ms at 100,000).
    const byResponse = await sql<{ detail: string }>`explain query plan
      select id from scores
      where response_id = ${target.candidateIds[0]} and organization_id = ${target.orgId} and is_current = ${1}`.execute(
      db,
    );
    expect(byResponse.rows.map((r) => r.detail)).toEqual([
      "SEARCH scores USING INDEX scores_current_response_idx (response_id=?)",
    ]);
    // A chunk of responses read as scoreResponses reads them: looked up by primary key, not by walking the
    // organization's responses through responses_position_idx (quadratic over a 100,000-candidate re-score).
    const read = db
      .selectFrom("responses")
      .select("id")
      .where(organizationColumn, "=", target.orgId)
      .where("id", "in", target.candidateIds)
      .compile();
    const readPlan = await db.executeQuery<{ detail: string }>({
      ...read,
      sql: `explain query plan ${read.sql}`,
    });
    expect(readPlan.rows.map((r) => r.detail)).toEqual([
      "SEARCH responses USING INDEX sqlite_autoindex_responses_1 (id=?)",
    ]);
  });
});

describe("newScoreId", () => {
  it("is a version 7 UUID whose text sorts by the time it was made", () => {
    const early = newScoreId(Date.UTC(2026, 11, 8, 10, 0, 0, 0));
    const later = newScoreId(Date.UTC(2026, 11, 8, 10, 0, 0, 1));
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 2026-12-08T10:00:00.000Z = 1,796,724,000,000 ms = 0x01a255188500: the first 48 bits.
    expect(early.slice(0, 13)).toBe("01a25518-8500");
    expect(early < later).toBe(true);
    expect(newScoreId(1000)).not.toBe(newScoreId(1000));
  });
});
