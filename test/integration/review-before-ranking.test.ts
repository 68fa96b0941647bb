// Issue 21, points 3 and 4: one reading per value (direction-aware band, alignment in one line, scenario counts) and
// review before ranking (a flagged candidate waits under "needs review"; usable joins the ranking; set aside is out
// of ranking, compare and the fairness cut, counted). Numbers: the example questionnaire and its 13 agents (vb-1).
import { describe, expect, it } from "vitest";
import type { CandidateValueResult, ValueStats } from "../../app/scoring";
import type { FitReport } from "../../app/models/fit-report.server";
import { alignmentLine, valueVerdict } from "../../app/utils/report-wording";
import { staffT } from "../../app/i18n/staff-catalogs.server";

const en = staffT("en", "wording");
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";
import * as reportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import * as resultsRoute from "../../app/routes/app.positions.$positionId.results";
import * as compareRoute from "../../app/routes/app.positions.$positionId.compare";
import * as fairnessRoute from "../../app/routes/app.positions.$positionId.fairness";
import * as exportRoute from "../../app/routes/app.positions.$positionId.results[.csv]";

const testDb = withTestDatabase();

const stats: ValueStats = { n: 12, mean: 57, sd: 13, sdUsed: 13, median: 56, p10: 44, p90: 75, alpha: 0.63 };
const result = (v: Partial<CandidateValueResult>): CandidateValueResult => ({
  score: 80,
  percentile: 95,
  ciLow: 91,
  ciHigh: 99,
  alignment: 10,
  band: "above",
  uncertain: false,
  ...v,
});

describe("one reading per value", () => {
  it("reads above the band as a mismatch on a target value and as good news on a higher-is-better one", () => {
    const target = valueVerdict(en, result({}), stats, "target");
    expect(target).toMatchObject({
      kind: "above",
      tone: "concern",
      mismatch: true,
      probe: true,
      sentence: "Above most of your top agents: a mismatch, since closest to your top agents is best on this value",
    });
    const higher = valueVerdict(en, result({ alignment: 100 }), stats, "higher");
    expect(higher).toMatchObject({ tone: "good", mismatch: false, probe: false });
    expect(higher.sentence).toBe("Above most of your top agents");
  });

  it("explains the alignment in one line: percentile and what 100 means for the direction", () => {
    // higher: alignment = min(100, 2 * 11.6) = 23.2
    expect(alignmentLine(en, { alignment: 23.2, percentile: 11.6 }, "higher")).toBe(
      "23 of 100: the candidate sits at the 12th percentile of your top agents; 100 means at or above their median",
    );
    // target: alignment = 2 * min(95, 5) = 10
    expect(alignmentLine(en, { alignment: 10, percentile: 95 }, "target")).toBe(
      "10 of 100: the candidate sits at the 95th percentile of your top agents; 100 means at their median, and it falls the further the candidate sits from it, above or below",
    );
    expect(alignmentLine(en, { alignment: null, percentile: null }, "higher")).toBeNull();
  });
});

async function setup() {
  const org = await makeOrganization("Northwind");
  const recruiter = await makeUser(org.id, "recruiter");
  const position = await makeResultsPosition(org.id);
  const answers = exampleCandidates();
  // c03's answers with the pace items pushed to the ends: pace score 100, 99.6th percentile of the agents (target).
  const overshoot = { ...answers.c03, "pace-01": 5, "pace-02": 1, "pace-03": 5, "pace-04": 1 };
  const c = {
    c01: await addCandidate(org.id, position, answers.c01, "Cara One"),
    c02: await addCandidate(org.id, position, answers.c02, "Cole Two"),
    c05: await addCandidate(org.id, position, answers.c05, "Eli Five"),
    c06: await addCandidate(org.id, position, answers.c06, "Fay Six"),
    t01: await addCandidate(org.id, position, overshoot, "Tara Target"),
  };
  return { org, recruiter, cookie: await sessionCookieFor(recruiter.id), position, c };
}

const path = (positionId: string, responseId: string) => `/app/positions/${positionId}/candidates/${responseId}`;

async function report(positionId: string, responseId: string, cookie: string) {
  const res = await outcome(() =>
    reportRoute.loader({
      request: getRequest(path(positionId, responseId), cookie),
      params: { positionId, responseId },
      context: {},
    }),
  );
  expect(res.status).toBe(200);
  return res.data as FitReport;
}

type ResultsData = {
  ranking: { total: number; rows: { name: string }[] };
  needsReview: { total: number; rows: { name: string }[] };
  setAside: { total: number; rows: { name: string }[] };
};

async function results(positionId: string, search: string, cookie: string) {
  const res = await outcome(() =>
    resultsRoute.loader({
      request: getRequest(`/app/positions/${positionId}/results${search}`, cookie),
      params: { positionId },
      context: {},
    }),
  );
  const data = res.data as ResultsData;
  return {
    total: data.ranking.total,
    ranked: data.ranking.rows.map((r) => r.name),
    review: data.needsReview.rows.map((r) => r.name),
    reviewTotal: data.needsReview.total,
    setAside: data.setAside.rows.map((r) => r.name),
    setAsideTotal: data.setAside.total,
  };
}

async function review(positionId: string, responseId: string, fields: Record<string, string>, cookie: string) {
  return outcome(() =>
    reportRoute.action({
      request: postForm(path(positionId, responseId), { intent: "review", ...fields }, cookie),
      params: { positionId, responseId },
      context: {},
    }),
  );
}

describe("fit report wording", () => {
  it("reads a target value the candidate overshoots as a mismatch, names it overall, and explains alignment", async () => {
    const { position, c, cookie } = await setup();
    const tara = await report(position.positionId, c.t01.responseId, cookie);
    const pace = tara.values.find((v) => v.id === "pace")!;
    expect(pace.result?.percentile).toBeCloseTo(99.59, 2);
    expect(pace.verdict).toMatchObject({ kind: "above", tone: "concern", mismatch: true });
    expect(pace.verdict.sentence).toBe(
      "Above most of your top agents: a mismatch, since closest to your top agents is best on this value",
    );
    // alignment = 2 * (100 - 99.59) = 0.82
    expect(pace.alignmentText).toBe(
      "1 of 100: the candidate sits above the 99th percentile of your top agents; 100 means at their median, and it falls the further the candidate sits from it, above or below",
    );
    expect(pace.probeReason).toBe("Above most of your top agents on a value where closest to them is best.");
    expect(tara.overall?.offTarget).toBe(
      "Off target on Pace: outside the range of your top agents on a value where closest to them is best.",
    );

    // c06 on empathy (higher is better): 13.72nd percentile, alignment 2 * 13.72 = 27.44, within but uncertain
    const fay = await report(position.positionId, c.c06.responseId, cookie);
    const empathy = fay.values.find((v) => v.id === "empathy")!;
    expect(empathy.verdict.tone).toBe("neutral");
    expect(empathy.alignmentText).toBe(
      "27 of 100: the candidate sits at the 14th percentile of your top agents; 100 means at or above their median",
    );
    expect(fay.overall?.offTarget).toBeNull();
  });

  it("shows the agents' counts beside the smoothed shares of a scenario", async () => {
    const { position, c, cookie } = await setup();
    const cole = await report(position.positionId, c.c02.responseId, cookie);
    // emp-s1: 12 agents answered, shares (c + 1) / (12 + 3): a 1/15, b 13/15, c 1/15 -> counts 0, 12, 0
    const empS1 = cole.scenarios.find((s) => s.itemId === "emp-s1")!;
    expect(empS1.options.map((o) => [o.id, o.count])).toEqual([
      ["a", 0],
      ["b", 12],
      ["c", 0],
    ]);
    // pat-s1: 11 agents, 4 options: shares 10/15, 1/15, 3/15, 1/15 -> counts 9, 0, 2, 0
    const patS1 = cole.scenarios.find((s) => s.itemId === "pat-s1")!;
    expect(patS1.agentsAnswered).toBe(11);
    expect(patS1.options.map((o) => o.count)).toEqual([9, 0, 2, 0]);
  });
});

describe("results search", () => {
  it("finds candidates by part of the name, in the ranking and the review group, wildcards taken literally", async () => {
    const { position, cookie } = await setup();
    const cole = await results(position.positionId, "?q=cole", cookie);
    expect([cole.ranked, cole.total, cole.review]).toEqual([["Cole Two"], 1, []]);
    const eli = await results(position.positionId, "?q=FIVE", cookie);
    expect([eli.ranked, eli.review]).toEqual([[], ["Eli Five"]]);
    // "%" and "_" match only themselves: no name has them
    expect((await results(position.positionId, "?q=%25", cookie)).total).toBe(0);
    expect((await results(position.positionId, "?q=_", cookie)).total).toBe(0);
  });
});

describe("review before ranking", () => {
  it("holds a flagged candidate under 'needs review' until someone says the scores can be used (audited)", async () => {
    const { org, recruiter, position, c, cookie } = await setup();
    const before = await results(position.positionId, "", cookie);
    // Eli Five (c05: long-string, no-variance, attention) is on the review list: not ranked, counted apart.
    expect(before.review).toEqual(["Eli Five"]);
    expect(before.reviewTotal).toBe(1);
    expect(before.ranked).not.toContain("Eli Five");
    expect(before.total).toBe(4);
    // the same on a value's ranking (the counts there come from score_values less the held-out)
    const byPace = await results(position.positionId, "?sort=pace", cookie);
    expect(byPace.total).toBe(4);
    expect(byPace.ranked).not.toContain("Eli Five");

    const elis = await report(position.positionId, c.c05.responseId, cookie);
    expect(elis.reviewState).toMatchObject({ status: "pending", label: "Needs review", note: null });

    // the note is required, and nothing is written without it
    const noNote = await review(position.positionId, c.c05.responseId, { status: "usable", note: "  " }, cookie);
    expect(noNote.status).toBe(400);
    expect((noNote.data as { fieldErrors: Record<string, string[]> }).fieldErrors.note).toEqual([
      "The review note is required.",
    ]);
    expect((await report(position.positionId, c.c05.responseId, cookie)).reviewState?.status).toBe("pending");

    const usable = await review(
      position.positionId,
      c.c05.responseId,
      { status: "usable", note: "Phoned: misread the scale, re-check at interview" },
      cookie,
    );
    expect(usable.status).toBe(302);
    const after = await results(position.positionId, "", cookie);
    expect(after.total).toBe(5);
    expect(after.ranked).toContain("Eli Five");
    expect(after.reviewTotal).toBe(0);
    const reviewed = await report(position.positionId, c.c05.responseId, cookie);
    expect(reviewed.reviewState).toMatchObject({
      status: "usable",
      label: "Reviewed: scores can be used",
      note: "Phoned: misread the scale, re-check at interview",
      reviewedBy: "Test recruiter",
    });
    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("action", "=", "candidate.reviewed")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: recruiter.id, target_id: c.c05.responseId });
    expect(JSON.parse(audit[0].details_json)).toMatchObject({
      status: "usable",
      previous: "pending",
      note: "Phoned: misread the scale, re-check at interview",
    });

    const compared = await outcome(() =>
      compareRoute.loader({
        request: getRequest(
          `/app/positions/${position.positionId}/compare?ids=${c.c05.responseId}&ids=${c.c01.responseId}`,
          cookie,
        ),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    const labels = (compared.data as { candidates: { reviewLabel: string | null }[] }).candidates.map(
      (x) => x.reviewLabel,
    );
    expect(labels).toEqual(["Reviewed: scores can be used", null]);

    // a candidate off the review list has nothing to review
    const notFlagged = await review(position.positionId, c.c01.responseId, { status: "usable", note: "x" }, cookie);
    expect(notFlagged.status).toBe(409);
  });

  it("keeps a set-aside candidate out of ranking, compare and the fairness cut, and counts it", async () => {
    const { position, c, cookie } = await setup();
    const setAside = await review(
      position.positionId,
      c.c05.responseId,
      { status: "set_aside", note: "Straight-lined every page" },
      cookie,
    );
    expect(setAside.status).toBe(302);
    const list = await results(position.positionId, "", cookie);
    expect(list.ranked).not.toContain("Eli Five");
    expect(list.review).toEqual([]);
    expect(list.setAside).toEqual(["Eli Five"]);
    expect(list.setAsideTotal).toBe(1);
    expect(list.total).toBe(4);

    const compare = await outcome(() =>
      compareRoute.loader({
        request: getRequest(
          `/app/positions/${position.positionId}/compare?ids=${c.c05.responseId}&ids=${c.c01.responseId}&ids=${c.c02.responseId}`,
          cookie,
        ),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    const compared = compare.data as { candidates: { name: string }[]; notice: string | null };
    expect(compared.candidates.map((x) => x.name)).toEqual(["Cara One", "Cole Two"]);
    expect(compared.notice).toBe("Eli Five is set aside (not assessed) and not compared.");

    const fairness = await outcome(() =>
      fairnessRoute.loader({
        request: getRequest(`/app/positions/${position.positionId}/fairness?cut=overall&threshold=0`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    // 5 submitted, 1 set aside: 4 in the cut (threshold 0 selects everyone with an overall)
    const fair = (fairness.data as { report: { candidates: number; selected: number; setAside: number } }).report;
    expect(fair).toMatchObject({ candidates: 4, selected: 4, setAside: 1 });

    const csv = await outcome(() =>
      exportRoute.loader({
        request: getRequest(`/app/positions/${position.positionId}/results.csv`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    const lines = (csv.data as string).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[5]).toMatch(/^Eli Five,.*,long-string; no-variance; attention,Set aside \(not assessed\),$/);
  });
});
