// The validity page (issue 17): its numbers are the engine's (contrast of section 11, correlations of section 12) on
// the same inputs; the hires' overall fit and expectancy table; CSV export; tenant 404s (page, .data, CSV).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as importRoute from "../../app/routes/app.positions.$positionId.import";
import * as outcomesRoute from "../../app/routes/app.positions.$positionId.outcomes";
import * as validityRoute from "../../app/routes/app.positions.$positionId.validity";
import * as validityCsvRoute from "../../app/routes/app.positions.$positionId.validity[.csv]";
import * as resultsRoute from "../../app/routes/app.positions.$positionId.results";
import * as reportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import { verdictNoteIn } from "../../app/utils/validity-wording";
import { staffT } from "../../app/i18n/staff-catalogs.server";
import { activateBenchmark } from "../../app/models/benchmark.server";
import { recordDecision } from "../../app/models/decision.server";
import type { ValidityReport } from "../../app/models/validity.server";
import { parseResponsesCsv } from "../../app/questionnaire/responses-csv";
import { correlation, scoreAll, type OutcomeTable } from "../../app/scoring";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { EXAMPLES, makePositionRow, makePublishedVersion, makeResponseRow } from "../factories-benchmark";
import { scoreResponse } from "../../app/models/score.server";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";

withTestDatabase();

const AGENTS_CSV = fs.readFileSync(path.join(EXAMPLES, "agents-groups.csv"), "utf8");
const OUTCOMES_CSV = fs.readFileSync(path.join(EXAMPLES, "outcomes.csv"), "utf8");
/** The example outcomes of the agents (a01..a13 top, b01..b08 comparison); c.. rows are the CLI's candidates. */
const AGENT_OUTCOMES = OUTCOMES_CSV.split("\n")
  .filter((line, i) => i === 0 || /^[ab]\d/.test(line))
  .join("\n");

async function setup(name = "Validity Org") {
  const org = await makeOrganization(name);
  const user = await makeUser(org.id, "recruiter");
  const cookie = await sessionCookieFor(user.id);
  const { versionId, q } = await makePublishedVersion(org.id);
  const positionId = await makePositionRow(org.id, versionId);
  const post = (route: typeof importRoute | typeof outcomesRoute, url: string, fields: Record<string, string>) =>
    outcome(() => route.action({ request: postForm(url, fields, cookie), params: { positionId }, context: {} }));
  const imported = await post(importRoute, `/app/positions/${positionId}/import`, { csv: AGENTS_CSV });
  expect(imported.status).toBe(200);
  for (const [key, direction] of [
    ["csat", "higher"],
    ["aht", "lower"],
  ]) {
    const created = await post(outcomesRoute, `/app/positions/${positionId}/outcomes`, {
      intent: "create-metric",
      key,
      label: key.toUpperCase(),
      direction,
    });
    expect(created.status).toBe(200);
  }
  const uploaded = await post(outcomesRoute, `/app/positions/${positionId}/outcomes`, {
    intent: "upload-values",
    csv: AGENT_OUTCOMES,
  });
  expect(uploaded.status).toBe(200);
  return { org, user, cookie, positionId, versionId, q };
}

function page(positionId: string, cookie: string, suffix = "") {
  return outcome(() =>
    validityRoute.loader({
      request: getRequest(`/app/positions/${positionId}/validity${suffix}`, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

/** The engine's own run on the example files: the agents with their groups and the agents' outcomes. */
function engineReport(q: Parameters<typeof scoreAll>[0]) {
  const agents = parseResponsesCsv(AGENTS_CSV, q, { groupColumn: true }).respondents.map((r) => ({
    respondent: r.respondent,
    answers: r.answers,
    group: r.group,
  }));
  const table: OutcomeTable = { metrics: [], values: new Map() };
  for (const line of AGENT_OUTCOMES.trim().split("\n").slice(1)) {
    const [who, metric, value] = line.trim().split(",");
    if (!table.metrics.includes(metric)) table.metrics.push(metric);
    const row = table.values.get(who) ?? new Map<string, number>();
    row.set(metric, Number(value));
    table.values.set(who, row);
  }
  return scoreAll(q, agents, [], { algorithm: "vb-2", outcomes: table });
}

describe("validity page", () => {
  it("shows the engine's contrast and agent correlations on the same inputs", async () => {
    const s = await setup();
    const res = await page(s.positionId, s.cookie);
    expect(res.status).toBe(200);
    const report = res.data as ValidityReport;
    const engine = engineReport(s.q);
    expect(engine.contrast).toBeTruthy();
    for (const v of report.values) expect(v.contrast).toEqual(engine.contrast!.values[v.id]);
    expect(report.contrast).toEqual({ comparisonAgents: 8, excluded: engine.contrast!.excluded.length, topAgents: 13 });
    expect(report.outcomes.map((o) => o.metric.key)).toEqual(["aht", "csat"]);
    for (const o of report.outcomes) {
      expect(o.agents).toEqual(engine.outcomes![o.metric.key].agents.values);
      expect(o.hiresWithOutcome).toBe(0);
      expect(o.expectancy).toBeNull();
    }
    expect(report.planning).toEqual({ d: 0.5, agentsPerGroup: 64, r: 0.3, people: 85 });

    const csv = await outcome(() =>
      validityCsvRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/validity.csv?table=contrast`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(csv.status).toBe(200);
    const lines = String(csv.data).trim().split("\r\n");
    expect(lines[0]).toBe("value,n_top,n_comparison,mean_top,mean_comparison,d,g,ci_low,ci_high,verdict");
    const first = report.values[0];
    expect(lines[1].split(",").slice(0, 3)).toEqual([
      first.id,
      String(first.contrast!.nTop),
      String(first.contrast!.nComparison),
    ]);
    expect(Number(lines[1].split(",")[5])).toBe(first.contrast!.d);
    const outcomesCsv = await outcome(() =>
      validityCsvRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/validity.csv?table=outcomes`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    const rows = String(outcomesCsv.data).trim().split("\r\n");
    expect(rows[0]).toBe("metric,people,value,n,r,ci_low,ci_high,p,r_critical,reading");
    // 2 metrics x (3 values x 2 groups of people + overall)
    expect(rows).toHaveLength(1 + 2 * (s.q.values.length * 2 + 1));
  });

  it("gives a Finnish reader the page title and CSV headers in Finnish, the numbers and codes unchanged", async () => {
    const s = await setup();
    await getDb().updateTable("users").set({ language: "fi" }).where("id", "=", s.user.id).execute();
    const res = await page(s.positionId, s.cookie);
    const report = res.data as ValidityReport & { title: string };
    expect(report.title).toMatch(/^Pätevyys · /);
    const csv = await outcome(() =>
      validityCsvRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/validity.csv?table=contrast`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    const lines = String(csv.data).trim().split("\r\n");
    expect(lines[0]).toBe(
      "arvo,n_parhaat,n_vertailu,keskiarvo_parhaat,keskiarvo_vertailu,d,g,lv_alaraja,lv_yläraja,tulos",
    );
    const first = report.values[0];
    const cells = lines[1].split(",");
    expect(cells.slice(0, 3)).toEqual([first.id, String(first.contrast!.nTop), String(first.contrast!.nComparison)]);
    expect(Number(cells[5])).toBe(first.contrast!.d);
    const verdictWords = { distinguishes: "erottaa", unclear: "ei vielä osoitettu", reversed: "päinvastainen" };
    expect(cells[9]).toBe(verdictWords[first.contrast!.verdict!]);
  });

  it("sets the hires' overall fit against an outcome from 10 hires, with an expectancy table", async () => {
    const s = await setup();
    await activateBenchmark(s.org.id, s.positionId, { id: s.user.id, email: s.user.email });
    const answers = parseResponsesCsv(fs.readFileSync(path.join(EXAMPLES, "candidates.csv"), "utf8"), s.q)
      .respondents.map((r) => r.answers)
      .concat(
        parseResponsesCsv(AGENTS_CSV, s.q, { groupColumn: true })
          .respondents.slice(13, 17)
          .map((r) => r.answers),
      );
    expect(answers).toHaveLength(10);
    const csatByHire = [4.1, 4.6, 3.9, 4.4, 4.8, 3.6, 4.2, 4.0, 4.7, 3.8];
    const lines = ["email,metric,value"];
    const pairs: { id: string; fit: number; csat: number }[] = [];
    for (const [i, a] of answers.entries()) {
      const label = `hire-${i + 1}`;
      const id = await makeResponseRow(s.org.id, s.positionId, s.versionId, "candidate", a, { label });
      const stored = await scoreResponse(s.org.id, id);
      await recordDecision(s.org.id, s.positionId, id, { decision: "hired", note: "", hiredOn: "2026-01-05" }, s.user);
      lines.push(`${label},csat,${csatByHire[i]}`);
      if (stored?.result.overall != null) pairs.push({ id, fit: stored.result.overall, csat: csatByHire[i] });
    }
    const uploaded = await outcome(() =>
      outcomesRoute.action({
        request: postForm(
          `/app/positions/${s.positionId}/outcomes`,
          { intent: "upload-values", csv: lines.join("\n") },
          s.cookie,
        ),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(uploaded.status).toBe(200);
    const report = (await page(s.positionId, s.cookie)).data as ValidityReport;
    const csat = report.outcomes.find((o) => o.metric.key === "csat")!;
    expect(report.hires).toBe(10);
    expect(pairs).toHaveLength(10);
    expect(csat.hiresWithOutcome).toBe(10);
    // the engine gets the hires in response id order: the same order here gives bit-identical numbers
    pairs.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(csat.hiresOverall).toEqual(
      correlation(
        pairs.map((p) => p.fit),
        pairs.map((p) => p.csat),
      ),
    );
    expect(csat.expectancy!.map((b) => b.n)).toEqual([4, 3, 3]);
    // the top third of CSAT: at least the 4th best of 4.8, 4.7, 4.6, 4.4 -> 4 hires in all bands together
    expect(csat.expectancy!.reduce((n, b) => n + b.inTopThird, 0)).toBe(4);
  });

  it("marks values whose verdict is unclear or reversed on the results table and the fit report", async () => {
    const s = await setup();
    await activateBenchmark(s.org.id, s.positionId, { id: s.user.id, email: s.user.email });
    const engine = engineReport(s.q);
    const verdicts = Object.fromEntries(Object.entries(engine.contrast!.values).map(([id, c]) => [id, c.verdict]));
    // the example data has both kinds, so the marks are really exercised
    expect(Object.values(verdicts)).toContain("distinguishes");
    expect(Object.values(verdicts).some((v) => v === "unclear" || v === "reversed")).toBe(true);
    const id = await makeResponseRow(
      s.org.id,
      s.positionId,
      s.versionId,
      "candidate",
      {},
      {
        label: "Rita Report",
      },
    );
    await scoreResponse(s.org.id, id);
    const results = await outcome(() =>
      resultsRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/results`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect((results.data as { context: { benchmark: { verdicts: unknown } } }).context.benchmark.verdicts).toEqual(
      verdicts,
    );
    const report = await outcome(() =>
      reportRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/candidates/${id}`, s.cookie),
        params: { positionId: s.positionId, responseId: id },
        context: {},
      }),
    );
    const values = (report.data as { values: { id: string; validityNote: string | null }[] }).values;
    const en = staffT("en", "fairness");
    for (const v of values) expect(v.validityNote).toBe(verdictNoteIn(en, verdicts[v.id]));
    expect(values.filter((v) => v.validityNote !== null).length).toBeGreaterThan(0);
  });

  it("answers 404 for another organization's position: page, .data and CSV", async () => {
    const s = await setup();
    const other = await setup("Other Validity Org");
    expect((await page(s.positionId, other.cookie)).status).toBe(404);
    expect((await page(s.positionId, other.cookie, ".data")).status).toBe(404);
    const csv = await outcome(() =>
      validityCsvRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/validity.csv`, other.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(csv.status).toBe(404);
  });
});
