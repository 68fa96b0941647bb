// Outcomes (issue 17) through the page's loader and action: metrics, value and rating uploads (validated whole,
// nothing written on error, replace semantics), hires, the template, tenant 404s, export and erasure.
import { describe, expect, it } from "vitest";
import * as outcomesRoute from "../../app/routes/app.positions.$positionId.outcomes";
import * as templateRoute from "../../app/routes/app.positions.$positionId.outcomes-template[.csv]";
import * as reportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import * as eraseRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId_.erase";
import * as exportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId_.export[.json]";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeExamplePosition, makeResponseRow } from "../factories-benchmark";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";

withTestDatabase();

async function setup(name = "Outcome Org") {
  const org = await makeOrganization(name);
  const recruiter = await makeUser(org.id, "recruiter");
  const admin = await makeUser(org.id, "admin");
  const cookie = await sessionCookieFor(recruiter.id);
  const adminCookie = await sessionCookieFor(admin.id);
  const position = await makeExamplePosition(org.id, ["a01", "a02", "a03"]);
  const candidateId = await makeResponseRow(
    org.id,
    position.positionId,
    position.versionId,
    "candidate",
    {},
    {
      label: "Cara Candidate",
    },
  );
  return { org, cookie, adminCookie, ...position, candidateId };
}

function post(positionId: string, cookie: string, fields: Record<string, string>) {
  return outcome(() =>
    outcomesRoute.action({
      request: postForm(`/app/positions/${positionId}/outcomes`, fields, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

function createMetric(positionId: string, cookie: string, key: string, direction = "higher") {
  return post(positionId, cookie, { intent: "create-metric", key, label: key.toUpperCase(), unit: "", direction });
}

async function storedValues(positionId: string) {
  return getDb()
    .selectFrom("outcomes as o")
    .innerJoin("responses as r", "r.id", "o.response_id")
    .innerJoin("metrics as m", "m.id", "o.metric_id")
    .select(["r.respondent_label as who", "m.key as metric", "o.value", "o.rating_count"])
    .where("o.position_id", "=", positionId)
    .orderBy("r.respondent_label")
    .orderBy("m.key")
    .execute();
}

async function uploadAudits(orgId: string) {
  return getDb()
    .selectFrom("audit_log")
    .select(["details_json"])
    .where("organization_id", "=", orgId)
    .where("action", "=", "outcomes.uploaded")
    .execute();
}

type Problems = { problems: { row: number; column: string | null; message: string }[]; unknownMetrics: string[] };

describe("outcomes", () => {
  it("validates a whole upload first and writes nothing on any error; the problems name their rows", async () => {
    const s = await setup();
    expect((await createMetric(s.positionId, s.cookie, "csat")).status).toBe(200);
    const csv = [
      "\uFEFFemail,metric,value",
      "a01,csat,4.5",
      "nobody@example.com,csat,4",
      "a02,csat,four",
      '"a01","csat","4.0"',
      "a03,qa-score,80",
      "Cara Candidate,csat,4",
    ].join("\r\n");
    const res = await post(s.positionId, s.cookie, { intent: "upload-values", csv });
    expect(res.status).toBe(400);
    const data = res.data as Problems;
    // every problem at once, in row order: the file's own (a number, a duplicate), then who and which metric
    expect(data.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, "email", "nobody@example.com is not an agent who answered or a hired candidate of this position"],
      [4, "value", '"four" is not a number (write it like 4.5 or -2, with a point and no thousands separator)'],
      [5, null, "a second value for a01 and csat (first on row 2)"],
      [6, "metric", "unknown metric qa-score: create it with the form below first"],
      [7, "email", "Cara Candidate is not an agent who answered or a hired candidate of this position"],
    ]);
    expect(data.unknownMetrics).toEqual(["qa-score"]);
    expect(await storedValues(s.positionId)).toEqual([]);

    // A well-formed file: who and which metric are checked before anything is written.
    const res2 = await post(s.positionId, s.cookie, {
      intent: "upload-values",
      csv: "email,metric,value\na01,csat,4.5\nnobody@example.com,csat,4\na03,qa-score,80\nCara Candidate,csat,4\n",
    });
    expect(res2.status).toBe(400);
    const data2 = res2.data as Problems;
    expect(data2.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "email"],
      [4, "metric"],
      [5, "email"],
    ]);
    expect(data2.problems[0].message).toBe(
      "nobody@example.com is not an agent who answered or a hired candidate of this position",
    );
    expect(data2.unknownMetrics).toEqual(["qa-score"]);
    expect(await storedValues(s.positionId)).toEqual([]);
    expect(await uploadAudits(s.org.id)).toEqual([]);
  });

  it("saves values, and a re-upload replaces only the rows it contains and says how many changed", async () => {
    const s = await setup();
    await createMetric(s.positionId, s.cookie, "csat");
    await createMetric(s.positionId, s.cookie, "aht", "lower");
    const first = await post(s.positionId, s.cookie, {
      intent: "upload-values",
      csv: "email,name,metric,value\na01,,csat,4.5\na02,,csat,3\na03,,csat,\na01,,aht,300\n",
    });
    expect(first.status).toBe(200);
    expect((first.data as { result: unknown }).result).toEqual({
      ok: true,
      metrics: [
        { key: "aht", label: "AHT", added: 1, changed: 0, unchanged: 0 },
        { key: "csat", label: "CSAT", added: 2, changed: 0, unchanged: 0 },
      ],
      skipped: 1,
      fewRatings: [],
    });
    const second = await post(s.positionId, s.cookie, {
      intent: "upload-values",
      csv: "metric,value,email\ncsat,4.5,a01\ncsat,3.5,a03\n",
    });
    expect((second.data as { result: { metrics: unknown } }).result.metrics).toEqual([
      { key: "csat", label: "CSAT", added: 1, changed: 0, unchanged: 1 },
    ]);
    const third = await post(s.positionId, s.cookie, {
      intent: "upload-values",
      csv: "email,metric,value\na02,csat,2.5\n",
    });
    expect((third.data as { result: { metrics: unknown } }).result.metrics).toEqual([
      { key: "csat", label: "CSAT", added: 0, changed: 1, unchanged: 0 },
    ]);
    expect(await storedValues(s.positionId)).toEqual([
      { who: "a01", metric: "aht", value: 300, rating_count: null },
      { who: "a01", metric: "csat", value: 4.5, rating_count: null },
      { who: "a02", metric: "csat", value: 2.5, rating_count: null },
      { who: "a03", metric: "csat", value: 3.5, rating_count: null },
    ]);
    expect(await uploadAudits(s.org.id)).toHaveLength(3);

    const page = await outcome(() =>
      outcomesRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/outcomes`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    const overview = page.data as { agents: number; hires: number; metrics: { key: string; agents: number }[] };
    expect(overview.agents).toBe(3);
    expect(overview.hires).toBe(0);
    expect(overview.metrics.map((m) => [m.key, m.agents])).toEqual([
      ["aht", 1],
      ["csat", 3],
    ]);
  });

  it("aggregates per-ticket ratings to a mean with its count and marks fewer than 20 ratings", async () => {
    const s = await setup();
    await createMetric(s.positionId, s.cookie, "csat");
    // a01: 20 ratings, 15 good -> 75 %; a02: 3 ratings, 1 good -> 33.3 % (marked)
    const rows = ["email,rating,date"];
    for (let i = 0; i < 20; i++) rows.push(`a01,${i < 15 ? "good" : "BAD"},2026-03-${String(i + 1).padStart(2, "0")}`);
    rows.push("a02,good,", "a02,bad,2026-03-02", "a02,bad,2026-03-03");
    const res = await post(s.positionId, s.cookie, { intent: "upload-ratings", metric: "csat", csv: rows.join("\n") });
    expect(res.status).toBe(200);
    expect((res.data as { result: { fewRatings: unknown } }).result.fewRatings).toEqual([{ label: "a02", count: 3 }]);
    const values = await storedValues(s.positionId);
    expect(values.map((v) => [v.who, v.rating_count])).toEqual([
      ["a01", 20],
      ["a02", 3],
    ]);
    expect(values[0].value).toBe(75);
    expect(values[1].value).toBeCloseTo(100 / 3, 10);

    const mixed = await post(s.positionId, s.cookie, {
      intent: "upload-ratings",
      metric: "csat",
      csv: "email,rating\na01,5\na02,good\na03,6\n",
    });
    expect(mixed.status).toBe(400);
    expect((mixed.data as Problems).problems.map((p) => [p.row, p.column])).toEqual([
      [3, "rating"],
      [4, "rating"],
    ]);
    expect((await storedValues(s.positionId)).map((v) => v.rating_count)).toEqual([20, 3]);
  });

  it("takes outcomes of a candidate only once hired (with a date); export and erasure include them", async () => {
    const s = await setup();
    await createMetric(s.positionId, s.cookie, "csat");
    const csv = "email,metric,value\nCara Candidate,csat,4.2\n";
    expect((await post(s.positionId, s.cookie, { intent: "upload-values", csv })).status).toBe(400);

    const report = (fields: Record<string, string>) =>
      outcome(() =>
        reportRoute.action({
          request: postForm(`/app/positions/${s.positionId}/candidates/${s.candidateId}`, fields, s.cookie),
          params: { positionId: s.positionId, responseId: s.candidateId },
          context: {},
        }),
      );
    const noDate = await report({ decision: "hired", note: "", hiredOn: "" });
    expect(noDate.status).toBe(400);
    expect((noDate.data as { fieldErrors: Record<string, string[]> }).fieldErrors.hiredOn).toEqual([
      "Enter the hire date.",
    ]);
    expect((await report({ decision: "hired", note: "", hiredOn: "2026-02-30" })).status).toBe(400);
    expect((await report({ decision: "hired", note: "Starts Monday", hiredOn: "2026-03-02" })).status).toBe(302);
    const decision = await getDb()
      .selectFrom("decisions")
      .select(["decision", "hired_on"])
      .where("response_id", "=", s.candidateId)
      .executeTakeFirstOrThrow();
    expect(decision).toEqual({ decision: "hired", hired_on: "2026-03-02" });

    expect((await post(s.positionId, s.cookie, { intent: "upload-values", csv })).status).toBe(200);
    const template = await outcome(() =>
      templateRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/outcomes-template.csv`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(template.headers.get("Content-Disposition")).toBe(
      `attachment; filename="outcomes-template-${s.positionId}.csv"`,
    );
    expect(template.data).toBe(
      "email,name,metric,value\r\na01,a01,csat,\r\na02,a02,csat,\r\na03,a03,csat,\r\nCara Candidate,Cara Candidate,csat,\r\n",
    );

    const exported = await outcome(() =>
      exportRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/candidates/${s.candidateId}/export.json`, s.adminCookie),
        params: { positionId: s.positionId, responseId: s.candidateId },
        context: {},
      }),
    );
    expect((exported.data as { outcomes: unknown }).outcomes).toEqual([
      expect.objectContaining({ metric: "csat", label: "CSAT", value: 4.2, ratingCount: null }),
    ]);

    const erased = await outcome(() =>
      eraseRoute.action({
        request: postForm(
          `/app/positions/${s.positionId}/candidates/${s.candidateId}/erase`,
          { confirm: "ERASE" },
          s.adminCookie,
        ),
        params: { positionId: s.positionId, responseId: s.candidateId },
        context: {},
      }),
    );
    expect(erased.status).toBe(302);
    const left = await getDb().selectFrom("outcomes").select("id").where("response_id", "=", s.candidateId).execute();
    expect(left).toEqual([]);
  });

  it("answers 404 for another organization's position: page, upload, metric form and template", async () => {
    const s = await setup();
    const other = await setup("Other Org");
    await createMetric(s.positionId, s.cookie, "csat");
    const params = { positionId: s.positionId };
    const page = await outcome(() =>
      outcomesRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/outcomes`, other.cookie),
        params,
        context: {},
      }),
    );
    expect(page.status).toBe(404);
    const dataRequest = await outcome(() =>
      outcomesRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/outcomes.data`, other.cookie),
        params,
        context: {},
      }),
    );
    expect(dataRequest.status).toBe(404);
    const upload = await post(s.positionId, other.cookie, {
      intent: "upload-values",
      csv: "email,metric,value\na01,csat,1\n",
    });
    expect(upload.status).toBe(404);
    expect((await createMetric(s.positionId, other.cookie, "qa")).status).toBe(404);
    const template = await outcome(() =>
      templateRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/outcomes-template.csv`, other.cookie),
        params,
        context: {},
      }),
    );
    expect(template.status).toBe(404);
    expect(await storedValues(s.positionId)).toEqual([]);
  });

  it("speaks the reader's language: Finnish messages, row problems and title; English stays word for word", async () => {
    const s = await setup();
    await getDb().updateTable("users").set({ language: "fi" }).where("organization_id", "=", s.org.id).execute();
    const created = await createMetric(s.positionId, s.cookie, "csat");
    expect(created.data).toMatchObject({ ok: true, message: "Mittari CSAT (csat) luotiin." });
    const again = await createMetric(s.positionId, s.cookie, "csat");
    expect(again.status).toBe(409);
    expect((again.data as { fieldErrors: Record<string, string[]> }).fieldErrors.key).toEqual([
      "Mittari tunnuksella csat on jo olemassa.",
    ]);
    const noKey = await createMetric(s.positionId, s.cookie, "");
    expect((noKey.data as { fieldErrors: Record<string, string[]> }).fieldErrors.key).toEqual([
      "Anna tunnus, esim. csat.",
      "Käytä pieniä kirjaimia, numeroita ja yhdysmerkkejä, alussa kirjain (esim. qa-score).",
    ]);
    const bad = await post(s.positionId, s.cookie, {
      intent: "upload-values",
      csv: "email,metric,value\nnobody@example.com,csat,4\na01,csat,four\n",
    });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      formError: "Mitään ei tallennettu: latauksessa on 2 virhettä.",
      problems: [
        {
          row: 2,
          column: "email",
          message: "nobody@example.com ei ole vastannut asiakaspalvelija eikä palkattu hakija tässä tehtävässä",
        },
        {
          row: 3,
          column: "value",
          message: "”four” ei ole luku (kirjoita se muodossa 4.5 tai -2, desimaalipisteellä ja ilman tuhaterottimia)",
        },
      ],
    });
    const empty = await post(s.positionId, s.cookie, { intent: "upload-values", csv: " " });
    expect(empty.data).toMatchObject({ formError: "Valitse CSV-tiedosto tai liitä sen sisältö." });
    const page = await outcome(() =>
      outcomesRoute.loader({
        request: getRequest(`/app/positions/${s.positionId}/outcomes`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect((page.data as { title: string }).title).toMatch(/^Työsuoritus · .+ · valuebench$/);

    // the same in English
    await getDb().updateTable("users").set({ language: "en" }).where("organization_id", "=", s.org.id).execute();
    expect((await createMetric(s.positionId, s.cookie, "csat")).data).toMatchObject({
      fieldErrors: { key: ["A metric with the key csat exists already."] },
    });
    expect((await createMetric(s.positionId, s.cookie, "aht")).data).toMatchObject({
      message: "Metric AHT (aht) created.",
    });
    const english = await post(s.positionId, s.cookie, {
      intent: "upload-values",
      csv: "email,metric,value\na01,csat,four\n",
    });
    expect(english.data).toMatchObject({
      formError: "Nothing was saved: the upload has 1 problem.",
      problems: [
        {
          row: 2,
          column: "value",
          message: '"four" is not a number (write it like 4.5 or -2, with a point and no thousands separator)',
        },
      ],
    });
  });
});
