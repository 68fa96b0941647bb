import { describe, expect, it } from "vitest";
import type { CandidateValueResult, ValueStats } from "../../app/scoring";
import { percentileWithInterval, valueVerdict } from "../../app/utils/report-wording";
import { staffT } from "../../app/i18n/staff-catalogs.server";

const en = staffT("en", "wording");
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";
import * as reportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import * as eraseRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId_.erase";
import { setUserLanguage } from "../../app/models/staff-language.server";
import type { FitReport } from "../../app/models/fit-report.server";

const testDb = withTestDatabase();

const stats = (n: number, sdUsed: number | null): ValueStats => ({
  n,
  mean: 70,
  sd: 10,
  sdUsed,
  median: 70,
  p10: 55,
  p90: 85,
  alpha: 0.8,
});
const value = (v: Partial<CandidateValueResult>): CandidateValueResult => ({
  score: 70,
  percentile: 50,
  ciLow: 30,
  ciHigh: 70,
  alignment: 100,
  band: "within",
  uncertain: false,
  ...v,
});

describe("the plain-language sentence of a value", () => {
  it("says above, within and below when the interval stays inside the band", () => {
    expect(
      valueVerdict(en, value({ band: "above", percentile: 97, ciLow: 92, ciHigh: 99.5 }), stats(12, 10)),
    ).toMatchObject({
      sentence: "Above most of your top agents",
      uncertain: false,
      probe: false,
    });
    expect(valueVerdict(en, value({}), stats(12, 10))).toMatchObject({
      sentence: "Within the range of your top agents",
      uncertain: false,
      probe: false,
    });
    expect(
      valueVerdict(en, value({ band: "below", percentile: 3, ciLow: 0.2, ciHigh: 9.5 }), stats(12, 10)),
    ).toMatchObject({ sentence: "Below most of your top agents", uncertain: false, probe: true });
  });

  it("adds 'uncertain' naming the edge the 95% interval crosses", () => {
    const within = valueVerdict(
      en,
      value({ percentile: 84, ciLow: 63.4, ciHigh: 96.2, uncertain: true }),
      stats(13, 9),
    );
    expect(within.sentence).toBe(
      "Within the range of your top agents, but uncertain: the 95% interval (63–97) crosses the 90th percentile",
    );
    expect(within.probe).toBe(true);
    const below = valueVerdict(
      en,
      value({ band: "below", percentile: 9, ciLow: 1.03, ciHigh: 26.06, uncertain: true }),
      stats(13, 9),
    );
    expect(below.sentence).toBe(
      "Below most of your top agents, but uncertain: the 95% interval (1–27) crosses the 10th percentile",
    );
    const wide = valueVerdict(en, value({ percentile: 50, ciLow: 5, ciHigh: 95, uncertain: true }), stats(5, 20));
    expect(wide.sentence).toContain("crosses the 10th and the 90th percentile");
  });

  it("says the benchmark is too small, or that there were too few answers", () => {
    const none = value({ percentile: null, ciLow: null, ciHigh: null, alignment: null, band: null, uncertain: null });
    expect(valueVerdict(en, none, stats(4, null)).sentence).toBe("Can't tell yet: the benchmark is small (n = 4)");
    expect(valueVerdict(en, { ...none, score: null }, stats(12, 10)).sentence).toBe(
      "Not enough answers to score this value",
    );
  });

  it("writes the percentile with its interval, the interval rounded outward", () => {
    expect(percentileWithInterval(en, { percentile: 0.00001, ciLow: 5.4e-59, ciHigh: 2.8e-10 })).toBe(
      "below the 1st percentile, 95% interval 0–1",
    );
    expect(percentileWithInterval(en, { percentile: 61.93, ciLow: 39.58, ciHigh: 81.55 })).toBe(
      "62nd percentile, 95% interval 39–82",
    );
    expect(percentileWithInterval(en, { percentile: 99.7, ciLow: 97.5, ciHigh: 99.99 })).toBe(
      "above the 99th percentile, 95% interval 97–100",
    );
    expect(percentileWithInterval(en, { percentile: 11.2, ciLow: 2, ciHigh: 30 })).toBe(
      "11th percentile, 95% interval 2–30",
    );
    expect(percentileWithInterval(en, { percentile: null, ciLow: null, ciHigh: null })).toBeNull();
  });
});

async function setup() {
  const org = await makeOrganization("Northwind");
  const recruiter = await makeUser(org.id, "recruiter");
  const admin = await makeUser(org.id, "admin");
  const position = await makeResultsPosition(org.id);
  const answers = exampleCandidates();
  const c = {
    c01: await addCandidate(org.id, position, answers.c01, "Cara One"),
    c02: await addCandidate(org.id, position, answers.c02, "Cole Two"),
    c04: await addCandidate(org.id, position, answers.c04, "Dana Four"),
    c05: await addCandidate(org.id, position, answers.c05, "Eli Five"),
  };
  return { org, recruiter, admin, position, c };
}

function reportPath(positionId: string, responseId: string) {
  return `/app/positions/${positionId}/candidates/${responseId}`;
}

async function loadReport(positionId: string, responseId: string, cookie: string) {
  return outcome(() =>
    reportRoute.loader({
      request: getRequest(reportPath(positionId, responseId), cookie),
      params: { positionId, responseId },
      context: {},
    }),
  );
}

describe("fit report in the reader's language (issue 18)", () => {
  it("gives a Finnish recruiter the title, sentences and percentiles in Finnish, numbers unchanged", async () => {
    const { org, recruiter, position, c } = await setup();
    await setUserLanguage(org.id, recruiter.id, "fi");
    const res = await loadReport(position.positionId, c.c01.responseId, await sessionCookieFor(recruiter.id));
    const report = res.data as FitReport & { title: string };
    expect(report.title).toBe("Cara One · " + report.position.title + " · valuebench");
    const [empathy, patience] = report.values;
    // The same numbers as the English test below: above the 99th percentile, 97–100; 84th, 63–97 crossing the 90th.
    expect(empathy.verdict.sentence).toBe("Useimpien parhaiden asiakaspalvelijoidenne yläpuolella");
    expect(empathy.percentileText).toBe("99. persentiilin yläpuolella, 95 %:n luottamusväli 97–100");
    expect(patience.verdict.sentence).toBe(
      "Parhaiden asiakaspalvelijoidenne vaihteluvälillä, mutta epävarma: 95 %:n luottamusväli (63–97) ylittää 90. persentiilin",
    );
    expect(patience.percentileText).toBe("84. persentiili, 95 %:n luottamusväli 63–97");
    expect(report.provenance?.algorithmLabel).toMatch(/^Pisteytysalgoritmi vb-/);
  });

  it("refuses a wrong erase confirmation in the reader's language", async () => {
    const { org, admin, position, c } = await setup();
    await setUserLanguage(org.id, admin.id, "es");
    const res = await outcome(async () =>
      eraseRoute.action({
        request: postForm(
          `${reportPath(position.positionId, c.c02.responseId)}/erase`,
          { confirm: "erase" },
          await sessionCookieFor(admin.id),
        ),
        params: { positionId: position.positionId, responseId: c.c02.responseId },
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    expect((res.data as { fieldErrors: { confirm: string[] } }).fieldErrors.confirm).toEqual([
      "Escribe ERASE en mayúsculas para confirmar.",
    ]);
  });
});

describe("fit report", () => {
  it("shows each value with its statement, band, percentile interval and sentence, in file order", async () => {
    const { recruiter, position, c } = await setup();
    const res = await loadReport(position.positionId, c.c01.responseId, await sessionCookieFor(recruiter.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const report = res.data as FitReport;
    expect(report.values.map((v) => v.id)).toEqual(["empathy", "patience", "pace"]);
    const [empathy, patience, pace] = report.values;
    expect(empathy.iStatement).toBe("I acknowledge how the customer feels before I fix the problem.");
    expect(empathy.verdict.sentence).toBe("Above most of your top agents");
    expect(empathy.percentileText).toBe("above the 99th percentile, 95% interval 97–100");
    // 13 example agents, a07 excluded by its hard flag (no-variance)
    expect(empathy.stats?.n).toBe(12);
    expect(patience.verdict.sentence).toBe(
      "Within the range of your top agents, but uncertain: the 95% interval (63–97) crosses the 90th percentile",
    );
    expect(patience.percentileText).toBe("84th percentile, 95% interval 63–97");
    expect(pace.verdict.sentence).toBe("Within the range of your top agents");
    // overall = (2*100 + 100 + 62.42) / 4 = 90.61 (empathy weighs 2); weakest is pace (alignment 2 * 31.2)
    expect(report.overall?.overall).toBeCloseTo(90.605, 2);
    expect(report.overall?.weakest?.name).toBe("Pace");
    expect(report.overall?.below).toEqual([]);
    expect(report.flags).toEqual([]);
    expect(report.review).toBe(false);
    // interview guide: only the uncertain value (patience) is listed; it has no probes in the example file
    expect(report.values.filter((v) => v.probeReason).map((v) => v.id)).toEqual(["patience"]);
    expect(report.provenance).toMatchObject({
      algorithmVersion: "vb-1",
      questionnaireVersion: 1,
      benchmarkActivatedAt: "2026-11-20T09:00:00.000Z",
      benchmarkIsActive: true,
    });
  });

  it("names the values below, the probes for them, flags with their meaning and needs review", async () => {
    const { recruiter, position, c } = await setup();
    const cookie = await sessionCookieFor(recruiter.id);
    const weak = (await loadReport(position.positionId, c.c02.responseId, cookie)).data as FitReport;
    expect(weak.overall?.below).toEqual(["Empathy", "Pace"]);
    expect(weak.overall?.weakest?.name).toBe("Empathy");
    const empathy = weak.values.find((v) => v.id === "empathy")!;
    expect(empathy.verdict.sentence).toBe("Below most of your top agents");
    expect(empathy.probes).toEqual(["Tell me about a time a customer's frustration was really about something else."]);
    expect(weak.values.filter((v) => v.probeReason).map((v) => v.id)).toEqual(["empathy", "pace"]);
    // scenario: c02 chose "a" on emp-s1 while the agents' consensus is another option
    const scenario = weak.scenarios.find((s) => s.itemId === "emp-s1")!;
    expect(scenario.chosen).toBe("a");
    expect(scenario.agentsAnswered).toBe(12);
    const shares = scenario.options.map((o) => o.share ?? 0);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);

    const straightliner = (await loadReport(position.positionId, c.c05.responseId, cookie)).data as FitReport;
    expect(straightliner.review).toBe(true);
    expect(straightliner.flags.map((f) => f.flag)).toEqual(["long-string", "no-variance", "attention"]);
    expect(straightliner.flags.every((f) => f.meaning.length > 20)).toBe(true);

    const partial = (await loadReport(position.positionId, c.c04.responseId, cookie)).data as FitReport;
    expect(partial.overall?.incomplete).toBe(true);
    expect(partial.overall?.missing).toEqual(["Empathy"]);
    expect(partial.values[0].verdict.sentence).toBe("Not enough answers to score this value");
    expect(partial.values[0].percentileText).toBeNull();
  });

  it("says 'can't tell yet' on a benchmark of 4 agents and explains a missing benchmark", async () => {
    const { org, recruiter } = await setup();
    const cookie = await sessionCookieFor(recruiter.id);
    const small = await makeResultsPosition(org.id, { agentLabels: ["a01", "a02", "a03", "a04"] });
    const cand = await addCandidate(org.id, small, exampleCandidates().c01, "Small Bench");
    const report = (await loadReport(small.positionId, cand.responseId, cookie)).data as FitReport;
    expect(report.values.map((v) => v.verdict.sentence)).toEqual([
      "Can't tell yet: the benchmark is small (n = 4)",
      "Can't tell yet: the benchmark is small (n = 4)",
      "Can't tell yet: the benchmark is small (n = 4)",
    ]);
    expect(report.overall?.overall).toBeNull();

    const none = await makeResultsPosition(org.id, { benchmark: false });
    const unscored = await addCandidate(org.id, none, exampleCandidates().c01, "No Bench");
    const empty = (await loadReport(none.positionId, unscored.responseId, cookie)).data as FitReport;
    expect(empty.scored).toBe(false);
    expect(empty.notScoredReason).toMatch(/no active benchmark/);
    expect(empty.values.map((v) => v.verdict.sentence)).toEqual(["Not scored yet", "Not scored yet", "Not scored yet"]);
    expect(empty.overall).toBeNull();
  });

  it("is a 404 for another organization's candidate, also for the .data request and a mixed position", async () => {
    const { position, c } = await setup();
    const other = await makeOrganization("Contoso");
    const outsider = await makeUser(other.id, "admin");
    const outsiderCookie = await sessionCookieFor(outsider.id);
    const res = await loadReport(position.positionId, c.c01.responseId, outsiderCookie);
    expect(res.status).toBe(404);
    const dataRes = await outcome(() =>
      reportRoute.loader({
        request: getRequest(`${reportPath(position.positionId, c.c01.responseId)}.data`, outsiderCookie),
        params: { positionId: position.positionId, responseId: c.c01.responseId },
        context: {},
      }),
    );
    expect(dataRes.status).toBe(404);
    // the outsider's own position with A's response id
    const own = await makeResultsPosition(other.id);
    expect((await loadReport(own.positionId, c.c01.responseId, outsiderCookie)).status).toBe(404);
    // an agent response id is not a candidate report
    const agentId = Object.values(position.agentIds)[0];
    const { recruiter } = await setup();
    expect((await loadReport(position.positionId, agentId, await sessionCookieFor(recruiter.id))).status).toBe(404);
  });
});

describe("decisions", () => {
  it("a recruiter and an admin each record a decision with an audit row saying who and when", async () => {
    const { recruiter, admin, position, c } = await setup();
    const path = reportPath(position.positionId, c.c01.responseId);
    const params = { positionId: position.positionId, responseId: c.c01.responseId };
    const before = new Date().toISOString();
    const first = await outcome(() =>
      reportRoute.action({
        request: postForm(path, { decision: "hold", note: "Second interview first" }),
        params,
        context: {},
      }),
    );
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^\/login/);

    for (const [user, decision] of [
      [recruiter, "hold"],
      [admin, "advance"],
    ] as const) {
      const res = await outcome(async () =>
        reportRoute.action({
          request: postForm(path, { decision, note: `${decision} note` }, await sessionCookieFor(user.id)),
          params,
          context: {},
        }),
      );
      expect(res.status).toBe(302);
      expect(res.location).toBe(`${path}#decision`);
    }
    const audits = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "candidate.decision")
      .where("target_id", "=", c.c01.responseId)
      .orderBy("id")
      .execute();
    expect(audits.map((a) => [a.actor_user_id, a.actor_label])).toEqual([
      [recruiter.id, recruiter.email],
      [admin.id, admin.email],
    ]);
    for (const a of audits) {
      expect(a.created_at >= before).toBe(true);
      expect(a.organization_id).toBe(recruiter.organizationId);
    }
    expect(JSON.parse(audits[1].details_json)).toMatchObject({ decision: "advance", note: "advance note" });

    const report = (await loadReport(position.positionId, c.c01.responseId, await sessionCookieFor(recruiter.id)))
      .data as FitReport;
    expect(report.decisions.map((d) => [d.decision, d.decidedBy])).toEqual([
      ["advance", "Test admin"],
      ["hold", "Test recruiter"],
    ]);
  });

  it("refuses an unknown decision with the field named, and another organization with 404, writing nothing", async () => {
    const { recruiter, position, c } = await setup();
    const path = reportPath(position.positionId, c.c02.responseId);
    const params = { positionId: position.positionId, responseId: c.c02.responseId };
    const bad = await outcome(async () =>
      reportRoute.action({
        request: postForm(path, { decision: "hire", note: "" }, await sessionCookieFor(recruiter.id)),
        params,
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors.decision).toEqual([
      "Choose advance, hold, reject or hired.",
    ]);
    const other = await makeOrganization("Contoso");
    const outsider = await makeUser(other.id, "admin");
    const foreign = await outcome(async () =>
      reportRoute.action({
        request: postForm(path, { decision: "reject" }, await sessionCookieFor(outsider.id)),
        params,
        context: {},
      }),
    );
    expect(foreign.status).toBe(404);
    const rows = await testDb
      .db()
      .selectFrom("decisions")
      .selectAll()
      .where("response_id", "=", c.c02.responseId)
      .execute();
    expect(rows).toEqual([]);
    const audits = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", c.c02.responseId)
      .execute();
    expect(audits).toEqual([]);
  });
});
