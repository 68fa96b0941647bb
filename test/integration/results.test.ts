import { describe, expect, it } from "vitest";
import { getDb } from "../../app/utils/db.server";
import { migrateTo, migrateToLatest } from "../../db/migrator";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";
import * as resultsRoute from "../../app/routes/app.positions.$positionId.results";
import * as compareRoute from "../../app/routes/app.positions.$positionId.compare";
import * as reportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId";

withTestDatabase();

type ResultsData = Awaited<ReturnType<typeof resultsRoute.loader>>["data"];
type CompareData = Awaited<ReturnType<typeof compareRoute.loader>>["data"];

/*
 * Engine results of the example candidates against the 12 included example agents (weights: empathy 2, others 1):
 *        overall  empathy  patience  pace   bands (emp/pat/pace)
 *   c01   90.61    100      100       62.4  above / within / within
 *   c02   22.55    0.00002  72.3      17.9  below / within / below
 *   c03   55.08    100      0.14      20.2  within / below / within
 *   c04   98.49    null     100       97.0  none / within / within   (incomplete: too few empathy answers)
 *   c05   15.80    0.0078   0.76      62.4  below / below / within   (needs review: hard flags; not ranked)
 *   c06   38.75    27.4     3.17      97.0  within / below / within
 * e.g. c01 overall = (2*100 + 100 + 62.42) / 4 = 90.61; c04 = (100 + 96.98) / 2 = 98.49.
 */
async function setup() {
  const org = await makeOrganization("Northwind");
  const recruiter = await makeUser(org.id, "recruiter");
  const cookie = await sessionCookieFor(recruiter.id);
  const position = await makeResultsPosition(org.id);
  const answers = exampleCandidates();
  const ids: Record<string, string> = {};
  for (const key of ["c01", "c02", "c03", "c04", "c05", "c06"]) {
    ids[key] = (await addCandidate(org.id, position, answers[key], key)).responseId;
  }
  return { org, recruiter, cookie, position, ids };
}

async function list(positionId: string, search: string, cookie: string) {
  const res = await outcome(() =>
    resultsRoute.loader({
      request: getRequest(`/app/positions/${positionId}/results${search}`, cookie),
      params: { positionId },
      context: {},
    }),
  );
  return { status: res.status, data: res.data as ResultsData };
}

const names = (d: ResultsData) => d.ranking.rows.map((r) => r.name);

describe("results list", () => {
  it("ranks by overall (default, highest first) and ascending", async () => {
    const { cookie, position } = await setup();
    const desc = await list(position.positionId, "", cookie);
    expect(desc.status).toBe(200);
    // c05 is on the review list: held out of the ranking, listed apart until someone reviews it (issue 21)
    expect(names(desc.data)).toEqual(["c04", "c01", "c03", "c06", "c02"]);
    expect(desc.data.needsReview.rows.map((r) => r.name)).toEqual(["c05"]);
    const row = desc.data.ranking.rows[1];
    expect(row.overall).toBeCloseTo(90.605, 2);
    expect(row.weakest?.name).toBe("Pace");
    expect(row.values.empathy).toMatchObject({ alignment: 100, band: "above", uncertain: false });
    expect(desc.data.ranking.rows[0].incomplete).toBe(true);
    const asc = await list(position.positionId, "?sort=overall&dir=asc", cookie);
    expect(names(asc.data)).toEqual(["c02", "c06", "c03", "c01", "c04"]);
  });

  it("ranks by one value's alignment with missing ones last and ties in submission order", async () => {
    const { cookie, position } = await setup();
    const empathy = await list(position.positionId, "?sort=empathy", cookie);
    expect(empathy.data.ranking.sort).toBe("empathy");
    expect(names(empathy.data)).toEqual(["c01", "c03", "c06", "c02", "c04"]);
    const empathyAsc = await list(position.positionId, "?sort=empathy&dir=asc", cookie);
    expect(names(empathyAsc.data)).toEqual(["c02", "c06", "c01", "c03", "c04"]);
    const patience = await list(position.positionId, "?sort=patience", cookie);
    expect(names(patience.data)).toEqual(["c01", "c04", "c02", "c06", "c03"]);
    const byMin = await list(position.positionId, "?sort=min&dir=asc", cookie);
    expect(names(byMin.data)[0]).toBe("c02");
    // an unknown sort key falls back to overall
    const unknown = await list(position.positionId, "?sort=nonsense", cookie);
    expect(unknown.data.ranking.sort).toBe("overall");
  });

  it("filters by band on a value, needs review, status and decision", async () => {
    const { cookie, position, ids } = await setup();
    const below = await list(position.positionId, "?bandValue=patience&band=below", cookie);
    expect(names(below.data).sort()).toEqual(["c03", "c06"]);
    expect(below.data.ranking.total).toBe(2);
    expect(below.data.needsReview.rows.map((r) => r.name)).toEqual(["c05"]);
    const notCompared = await list(position.positionId, "?bandValue=empathy&band=none", cookie);
    expect(names(notCompared.data)).toEqual(["c04"]);
    // flagged only: c05 waits for review, so the ranking has none of them yet
    const review = await list(position.positionId, "?review=1", cookie);
    expect(names(review.data)).toEqual([]);
    expect(review.data.needsReview.rows.map((r) => r.name)).toEqual(["c05"]);
    expect(review.data.needsReview.rows[0].flags).toEqual(["long-string", "no-variance", "attention"]);

    // every candidate here is scored; "not scored" ones are covered by the empty-state test
    expect(names((await list(position.positionId, "?status=unscored", cookie)).data)).toEqual([]);
    expect((await list(position.positionId, "?status=scored", cookie)).data.ranking.total).toBe(5);

    for (const [key, decision] of [
      ["c01", "advance"],
      ["c02", "reject"],
      ["c02", "advance"],
    ] as const) {
      await reportRoute.action({
        request: postForm(
          `/app/positions/${position.positionId}/candidates/${ids[key]}`,
          { decision, note: "" },
          cookie,
        ),
        params: { positionId: position.positionId, responseId: ids[key] },
        context: {},
      });
    }
    // the latest decision counts: c02 was rejected, then advanced
    const advanced = await list(position.positionId, "?decision=advance", cookie);
    expect(names(advanced.data)).toEqual(["c01", "c02"]);
    expect(advanced.data.ranking.rows.map((r) => r.decision)).toEqual(["advance", "advance"]);
    expect(names((await list(position.positionId, "?decision=reject", cookie)).data)).toEqual([]);
    const undecided = await list(position.positionId, "?decision=none&sort=overall", cookie);
    expect(names(undecided.data)).toEqual(["c04", "c03", "c06"]);
    expect(undecided.data.ranking.total).toBe(3);
  });

  it("pages by 50 from the querystring, across the rows with and without the sort key", async () => {
    const { org, recruiter } = await setup();
    const cookie = await sessionCookieFor(recruiter.id);
    const position = await makeResultsPosition(org.id);
    const answers = exampleCandidates();
    // odd: c04 (overall 98.5, no empathy score); even: c01 (overall 90.6, empathy alignment 100)
    for (let i = 1; i <= 52; i++) {
      await addCandidate(org.id, position, i % 2 === 0 ? answers.c01 : answers.c04, `p${String(i).padStart(2, "0")}`);
    }
    const first = await list(position.positionId, "", cookie);
    expect(first.data.ranking).toMatchObject({ total: 52, page: 1, pages: 2, pageSize: 50 });
    expect(first.data.ranking.rows).toHaveLength(50);
    expect(first.data.ranking.rows[0].name).toBe("p01");
    expect(first.data.ranking.rows[25].name).toBe("p51");
    expect(first.data.ranking.rows[26].name).toBe("p02");
    const second = await list(position.positionId, "?page=2", cookie);
    expect(second.data.ranking.page).toBe(2);
    expect(names(second.data)).toEqual(["p50", "p52"]);

    // by empathy: the 26 with an alignment first, then the 26 without one in submission order
    const empathy1 = await list(position.positionId, "?sort=empathy", cookie);
    expect(names(empathy1.data).slice(24, 28)).toEqual(["p50", "p52", "p01", "p03"]);
    expect(names(empathy1.data)[49]).toBe("p47");
    const empathy2 = await list(position.positionId, "?sort=empathy&page=2", cookie);
    expect(names(empathy2.data)).toEqual(["p49", "p51"]);
    // the same page through the filtered path (no decisions yet, so "no decision" keeps everyone)
    const filtered2 = await list(position.positionId, "?sort=empathy&decision=none&page=2", cookie);
    expect(filtered2.data.ranking.total).toBe(52);
    expect(names(filtered2.data)).toEqual(["p49", "p51"]);

    const beyond = await list(position.positionId, "?page=9", cookie);
    expect(beyond.data.ranking.page).toBe(2);
    expect(names(beyond.data)).toEqual(["p50", "p52"]);
    const garbage = await list(position.positionId, "?page=abc", cookie);
    expect(garbage.data.ranking.page).toBe(1);
  });

  it("gives the empty states: no benchmark, too small a benchmark, nobody submitted", async () => {
    const { org, cookie } = await setup();
    const noBenchmark = await makeResultsPosition(org.id, { benchmark: false });
    const a = await list(noBenchmark.positionId, "", cookie);
    expect(a.data.context.benchmarkState).toBe("none");
    expect(a.data.context.submittedCount).toBe(0);
    await addCandidate(org.id, noBenchmark, exampleCandidates().c01, "waiting");
    const b = await list(noBenchmark.positionId, "?status=unscored", cookie);
    expect(b.data.context).toMatchObject({ submittedCount: 1, scoredCount: 0 });
    expect(names(b.data)).toEqual(["waiting"]);
    expect(b.data.ranking.rows[0].scored).toBe(false);
    const small = await makeResultsPosition(org.id, { agentLabels: ["a01", "a02", "a03", "a04"] });
    const c = await list(small.positionId, "", cookie);
    expect(c.data.context.benchmarkState).toBe("small");
    expect(c.data.context.benchmark?.smallValues.map((v) => v.n)).toEqual([4, 4, 4]);
  });

  it("shows the language each candidate answered in, for the listed rows only", async () => {
    const { cookie, position, ids } = await setup();
    await getDb().updateTable("responses").set({ locale: "fi" }).where("id", "=", ids.c03).execute();
    const res = await list(position.positionId, "", cookie);
    expect(res.data.ranking.rows.map((r) => [r.name, r.locale])).toEqual([
      ["c04", "en"],
      ["c01", "en"],
      ["c03", "fi"],
      ["c06", "en"],
      ["c02", "en"],
    ]);
    // One entry per listed row, not a map of every candidate of the position (100,000 on a large one).
    expect(Object.keys(res.data)).not.toContain("locales");
  });

  it("keeps the tie-break copies next to the ranking keys, and the migration that added them fills them in", async () => {
    const { position } = await setup();
    const copies = async () =>
      getDb()
        .selectFrom("score_values as sv")
        .innerJoin("scores as s", "s.id", "sv.score_id")
        .innerJoin("responses as r", "r.id", "s.response_id")
        .select([
          "r.id",
          "r.submitted_at",
          "s.submitted_at as score_at",
          "sv.response_id",
          "sv.submitted_at as value_at",
        ])
        .where("s.position_id", "=", position.positionId)
        .orderBy("r.id") // the rows of one response are alike; PostgreSQL returns them in any order otherwise
        .execute();
    const written = await copies();
    expect(written).toHaveLength(6 * 3); // 6 candidates x 3 values
    for (const row of written) {
      expect(row.submitted_at).not.toBeNull();
      expect([row.score_at, row.response_id, row.value_at]).toEqual([row.submitted_at, row.id, row.submitted_at]);
    }
    // Back to the migration before it (drops the copies) and up again: the backfill restores the same values.
    await migrateTo(getDb(), "20261123136000_version_translations");
    expect(await migrateToLatest(getDb())).toContain("20261204130000_rank_tiebreak");
    expect(await copies()).toEqual(written);
  });

  it("is a 404 on another organization's position", async () => {
    const { position } = await setup();
    const other = await makeOrganization("Contoso");
    const outsider = await makeUser(other.id, "admin");
    const res = await list(position.positionId, "", await sessionCookieFor(outsider.id));
    expect(res.status).toBe(404);
  });
});

async function compare(positionId: string, ids: string[], cookie: string) {
  const search = new URLSearchParams(ids.map((id) => ["ids", id])).toString();
  const res = await outcome(() =>
    compareRoute.loader({
      request: getRequest(`/app/positions/${positionId}/compare?${search}`, cookie),
      params: { positionId },
      context: {},
    }),
  );
  return { status: res.status, data: res.data as CompareData };
}

describe("compare", () => {
  it("shows 2 to 4 candidates side by side per value", async () => {
    const { cookie, position, ids } = await setup();
    const res = await compare(position.positionId, [ids.c01, ids.c02], cookie);
    expect(res.status).toBe(200);
    expect(res.data.message).toBeNull();
    expect(res.data.candidates.map((c) => c.name)).toEqual(["c01", "c02"]);
    const [c01, c02] = res.data.candidates;
    expect(c01.values.map((v) => v.id)).toEqual(["empathy", "patience", "pace"]);
    expect(c01.values[1].percentileText).toBe("84th percentile, 95% interval 63–97");
    expect(c02.values[0]).toMatchObject({ band: "below", sentence: "Below most of your top agents" });
  });

  it("asks for 2 to 4 when given 1 or 5", async () => {
    const { cookie, position, ids } = await setup();
    const one = await compare(position.positionId, [ids.c01], cookie);
    expect(one.data.message).toBe("Pick 2 to 4 candidates to compare (you picked 1).");
    expect(one.data.candidates).toEqual([]);
    const five = await compare(position.positionId, [ids.c01, ids.c02, ids.c03, ids.c04, ids.c05], cookie);
    expect(five.data.message).toBe("Pick 2 to 4 candidates to compare (you picked 5).");
    // the same id twice counts once
    const dup = await compare(position.positionId, [ids.c01, ids.c01], cookie);
    expect(dup.data.message).toMatch(/you picked 1/);
  });

  it("is a 404 when a candidate belongs to another organization", async () => {
    const { cookie, position, ids } = await setup();
    const other = await makeOrganization("Contoso");
    const theirs = await makeResultsPosition(other.id);
    const foreign = await addCandidate(other.id, theirs, exampleCandidates().c01, "theirs");
    expect((await compare(position.positionId, [ids.c01, foreign.responseId], cookie)).status).toBe(404);
    expect((await compare(theirs.positionId, [foreign.responseId, ids.c01], cookie)).status).toBe(404);
  });
});
