// Issue 16 in the app: new benchmarks are vb-2, stored vb-1 benchmarks and scores stay vb-1 and say so, an admin can
// re-score a vb-1 benchmark with vb-2, and virtue items run through the web answering flow into the impression flag.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPosition } from "../../app/models/position.server";
import { recomputeScore } from "../../app/models/score.server";
import { action as inviteAction, loader as inviteLoader } from "../../app/routes/i.$token";
import {
  action as benchmarkAction,
  loader as benchmarkLoader,
} from "../../app/routes/app.positions.$positionId.benchmark";
import { loader as reportLoader } from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import { action as pageAction, loader as pageLoader } from "../../app/routes/r.$page";
import { action as reviewAction } from "../../app/routes/r.review";
import {
  buildBenchmark,
  presentationOrder,
  scoreCandidate,
  type BenchmarkSnapshot,
  type CandidateResult,
} from "../../app/scoring";
import type { Questionnaire } from "../../app/questionnaire/types";
import { getDb, nowIso } from "../../app/utils/db.server";
import { newId } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { cookiePair, invite } from "../factories-answering";
import {
  EXAMPLES,
  exampleRespondents,
  makeExamplePosition,
  makePublishedVersion,
  makeResponseRow,
} from "../factories-benchmark";
import { addCandidate, exampleCandidates } from "../factories-results";

withTestDatabase();

async function staff() {
  const org = await makeOrganization("Scoring Org");
  const admin = await makeUser(org.id, "admin");
  const recruiter = await makeUser(org.id, "recruiter");
  return {
    org,
    admin,
    recruiter,
    adminCookie: await sessionCookieFor(admin.id),
    recruiterCookie: await sessionCookieFor(recruiter.id),
  };
}

const benchmarkPath = (positionId: string) => `/app/positions/${positionId}/benchmark`;

function postBenchmark(positionId: string, fields: Record<string, string>, cookie: string) {
  return outcome(() =>
    benchmarkAction({
      request: postForm(benchmarkPath(positionId), fields, cookie),
      context: {},
      params: { positionId },
    }),
  );
}

async function loadBenchmark(positionId: string, cookie: string) {
  const res = await outcome(() =>
    benchmarkLoader({ request: getRequest(benchmarkPath(positionId), cookie), context: {}, params: { positionId } }),
  );
  expect(res.status).toBe(200);
  return res.data as {
    active: { id: string; algorithmVersion: string } | null;
    history: { id: string; algorithmVersion: string }[];
    snapshot: BenchmarkSnapshot;
    currentAlgorithm: string;
    canRescore: boolean;
  };
}

async function loadReport(positionId: string, responseId: string, cookie: string) {
  const res = await outcome(() =>
    reportLoader({
      request: getRequest(`/app/positions/${positionId}/candidates/${responseId}`, cookie),
      context: {},
      params: { positionId, responseId },
    }),
  );
  expect(res.status).toBe(200);
  return res.data as {
    flags: { flag: string; meaning: string }[];
    provenance: { algorithmVersion: string; algorithmLabel: string } | null;
  };
}

async function benchmarkRows(positionId: string) {
  return getDb()
    .selectFrom("benchmarks")
    .selectAll()
    .where("position_id", "=", positionId)
    .orderBy("activated_at")
    .orderBy("status")
    .execute();
}

async function scoreRows(responseId: string) {
  return getDb().selectFrom("scores").selectAll().where("response_id", "=", responseId).orderBy("is_current").execute();
}

/** A vb-1 benchmark stored as before issue 16: snapshot JSON without algorithmVersion, no algorithm_version given. */
async function seedVb1Benchmark(orgId: string, positionId: string, q: Questionnaire, agentIds: Record<string, string>) {
  const agents = exampleRespondents("agents.csv").map((a) => ({ ...a, respondent: agentIds[a.respondent] }));
  const snapshot = buildBenchmark(q, agents, {}, "vb-1");
  const { algorithmVersion: _dropped, ...oldShape } = snapshot;
  const id = newId();
  await getDb()
    .insertInto("benchmarks")
    .values({
      id,
      organization_id: orgId,
      position_id: positionId,
      status: "active",
      snapshot_json: JSON.stringify(oldShape),
      created_at: nowIso(),
      created_by: null,
      activated_at: "2026-11-20T09:00:00.000Z",
      activated_by: null,
    })
    .execute();
  return { id, snapshot, agents };
}

describe("new benchmarks use vb-2", () => {
  it("an activation stores vb-2 on the benchmark and its candidates' scores say vb-2", async () => {
    const { org, adminCookie } = await staff();
    const { positionId, versionId, q, agentIds } = await makeExamplePosition(org.id);
    const res = await postBenchmark(
      positionId,
      { intent: "activate", confirm: "yes", reason: "Example agents" },
      adminCookie,
    );
    expect(res.status).toBe(200);
    const [row] = await benchmarkRows(positionId);
    expect(row.algorithm_version).toBe("vb-2");
    expect((JSON.parse(row.snapshot_json) as BenchmarkSnapshot).algorithmVersion).toBe("vb-2");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("details_json")
      .where("action", "=", "benchmark.activated")
      .where("target_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json)).toMatchObject({ algorithm: "vb-2" });

    const { responseId, result } = await addCandidate(
      org.id,
      { positionId, versionId },
      exampleCandidates().c01,
      "c01",
    );
    const agents = exampleRespondents("agents.csv").map((a) => ({ ...a, respondent: agentIds[a.respondent] }));
    const expected = scoreCandidate(q, buildBenchmark(q, agents, {}, "vb-2"), {
      respondent: responseId,
      answers: exampleCandidates().c01,
    });
    expect(result).toEqual(expected);
    const [score] = await scoreRows(responseId);
    expect(score.algorithm_version).toBe("vb-2");
    expect(await recomputeScore(org.id, score.id)).toEqual(expected);

    const page = await loadBenchmark(positionId, adminCookie);
    expect(page.active?.algorithmVersion).toBe("vb-2");
    expect(page.snapshot.algorithmVersion).toBe("vb-2");
    expect((await loadReport(positionId, responseId, adminCookie)).provenance).toMatchObject({
      algorithmVersion: "vb-2",
      algorithmLabel: "Scoring algorithm vb-2",
    });
  });
});

describe("a stored vb-1 benchmark", () => {
  it("keeps scoring and reporting as vb-1, says so, and an admin can re-score it with vb-2 (audited)", async () => {
    const { org, admin, adminCookie, recruiterCookie } = await staff();
    const { positionId, versionId, q, agentIds } = await makeExamplePosition(org.id);
    const vb1 = await seedVb1Benchmark(org.id, positionId, q, agentIds);
    const c01 = exampleCandidates().c01;
    const { responseId, result } = await addCandidate(org.id, { positionId, versionId }, c01, "c01");
    const vb1Expected = scoreCandidate(q, vb1.snapshot, { respondent: responseId, answers: c01 });
    expect(result).toEqual(vb1Expected);
    const [vb1Score] = await scoreRows(responseId);
    expect(vb1Score.algorithm_version).toBe("vb-1");
    expect(await recomputeScore(org.id, vb1Score.id)).toEqual(vb1Expected);

    // The page and the report say vb-1; only the admin is offered the re-scoring.
    const recruiterView = await loadBenchmark(positionId, recruiterCookie);
    expect(recruiterView.active).toMatchObject({ id: vb1.id, algorithmVersion: "vb-1" });
    expect(recruiterView.currentAlgorithm).toBe("vb-2");
    expect(recruiterView.canRescore).toBe(false);
    expect((await loadBenchmark(positionId, adminCookie)).canRescore).toBe(true);
    const vb1Report = await loadReport(positionId, responseId, recruiterCookie);
    expect(vb1Report.provenance).toMatchObject({ algorithmVersion: "vb-1", algorithmLabel: "Scoring algorithm vb-1" });

    // A recruiter cannot re-score: 403, nothing written.
    const refused = await postBenchmark(positionId, { intent: "rescore", confirm: "yes" }, recruiterCookie);
    expect(refused.status).toBe(403);
    expect(await benchmarkRows(positionId)).toHaveLength(1);
    // The admin must confirm.
    const unconfirmed = await postBenchmark(positionId, { intent: "rescore" }, adminCookie);
    expect(unconfirmed.status).toBe(400);
    expect(await benchmarkRows(positionId)).toHaveLength(1);

    const done = await postBenchmark(positionId, { intent: "rescore", confirm: "yes" }, adminCookie);
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ ok: true });
    const rows = await benchmarkRows(positionId);
    expect(rows.map((r) => [r.id === vb1.id, r.status, r.algorithm_version])).toEqual([
      [true, "archived", "vb-1"],
      [false, "active", "vb-2"],
    ]);
    const vb2Row = rows[1];
    // The same agents with the same membership (the 12 included stay included, a07 stays out by its flags), built
    // by vb-2.
    const vb2Snapshot = JSON.parse(vb2Row.snapshot_json) as BenchmarkSnapshot;
    expect(vb2Snapshot).toEqual(buildBenchmark(q, vb1.agents, { include: vb1.snapshot.included }, "vb-2"));
    expect(vb2Snapshot.included).toEqual(vb1.snapshot.included);
    expect(vb2Snapshot.excluded.map((e) => [e.respondent, e.reason])).toEqual([[agentIds.a07, "flags"]]);

    // The candidate is re-scored with vb-2; the vb-1 score stays as history and still recomputes identically.
    const scores = await scoreRows(responseId);
    expect(scores.map((s) => [s.is_current, s.algorithm_version, s.benchmark_id])).toEqual([
      [0, "vb-1", vb1.id],
      [1, "vb-2", vb2Row.id],
    ]);
    expect(JSON.parse(scores[1].result_json) as CandidateResult).toEqual(
      scoreCandidate(q, vb2Snapshot, { respondent: responseId, answers: c01 }),
    );
    expect(await recomputeScore(org.id, vb1Score.id)).toEqual(vb1Expected);
    expect((await loadReport(positionId, responseId, adminCookie)).provenance?.algorithmLabel).toBe(
      "Scoring algorithm vb-2",
    );
    const page = await loadBenchmark(positionId, adminCookie);
    expect(page.active?.algorithmVersion).toBe("vb-2");
    expect(page.history).toEqual([expect.objectContaining({ id: vb1.id, algorithmVersion: "vb-1" })]);

    const audits = await getDb()
      .selectFrom("audit_log")
      .select(["actor_user_id", "target_id", "details_json"])
      .where("organization_id", "=", org.id)
      .where("action", "=", "benchmark.rescored")
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0].actor_user_id).toBe(admin.id);
    expect(audits[0].target_id).toBe(vb2Row.id);
    expect(JSON.parse(audits[0].details_json)).toMatchObject({
      positionId,
      from: "vb-1",
      to: "vb-2",
      archived: vb1.id,
      agents: 13,
      included: 12,
      candidatesToScore: 1,
    });

    // Once vb-2, there is nothing to re-score.
    const again = await postBenchmark(positionId, { intent: "rescore", confirm: "yes" }, adminCookie);
    expect(again.status).toBe(409);
    expect((again.data as { formError: string }).formError).toBe("The active benchmark already uses vb-2.");
  });
});

/** The example questionnaire with the item bank's virtue items appended. */
function exampleWithVirtues(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vb-virtues-"));
  const file = path.join(dir, "questionnaire.yaml");
  const base = readFileSync(path.join(EXAMPLES, "questionnaire.yaml"), "utf8");
  const virtues = readFileSync(path.resolve("questions/virtues.yaml"), "utf8");
  writeFileSync(file, `${base.trimEnd()}\n${virtues}`);
  return file;
}

let ipCounter = 0;

/** A candidate answers every page through the web flow (the answers by item id), then submits. */
async function answerOnTheWeb(token: string, answers: Record<string, string>) {
  ipCounter += 1;
  const consent = await outcome(() =>
    inviteAction({
      request: postForm(`/i/${token}`, { consent: "yes" }),
      params: { token },
      context: { clientIp: `10.9.0.${ipCounter}` },
    }),
  );
  const cookie = cookiePair(consent.headers.get("Set-Cookie"));
  const shown: { id: string; item: { text: string; scale?: { min: number; max: number } } }[] = [];
  for (let page = 1, revision = 0; ; page += 1) {
    const loaded = await outcome(() =>
      pageLoader({ request: getRequest(`/r/${page}`, cookie), params: { page: String(page) }, context: {} }),
    );
    expect(loaded.status).toBe(200);
    const data = loaded.data as { pageCount: number; questions: typeof shown };
    shown.push(...data.questions);
    const last = page === data.pageCount;
    const fields: Record<string, string> = { intent: last ? "review" : "next", baseRevision: String(revision) };
    for (const q of data.questions) if (answers[q.id] !== undefined) fields[`a:${q.id}`] = answers[q.id];
    const posted = await outcome(() =>
      pageAction({ request: postForm(`/r/${page}`, fields, cookie), params: { page: String(page) }, context: {} }),
    );
    expect(posted.status).toBe(302);
    revision += 1;
    if (last) {
      const submitted = await outcome(() =>
        reviewAction({
          request: postForm("/r/review", { intent: "submit", baseRevision: String(revision) }, cookie),
          params: {},
          context: {},
        }),
      );
      expect(submitted.location).toBe("/r/done");
      return shown;
    }
  }
}

describe("virtue items on the web", () => {
  it("are shown in the engine's presentation order, saved, and raise the impression flag on the report", async () => {
    const { org, admin, adminCookie } = await staff();
    const actor = { userId: admin.id, label: admin.email };
    const { versionId, q } = await makePublishedVersion(org.id, exampleWithVirtues());
    expect(q.virtues.map((v) => v.id)).toEqual(["vir-01", "vir-02", "vir-03", "vir-04"]);
    const positionId = await createPosition(
      org.id,
      { title: "Support agent", description: "Chat", questionnaireVersionId: versionId, status: "open" },
      actor,
    );
    for (const agent of exampleRespondents("agents.csv")) {
      await makeResponseRow(org.id, positionId, versionId, "agent", agent.answers, { label: agent.respondent });
    }
    expect(
      (await postBenchmark(positionId, { intent: "activate", confirm: "yes", reason: "Example agents" }, adminCookie))
        .status,
    ).toBe(200);

    const c01 = Object.fromEntries(Object.entries(exampleCandidates().c01).map(([id, v]) => [id, String(v)]));
    const checks = { "att-01": "4" };
    // Candidate 1: three of the four virtues at the maximum (5): 3 >= 2 and 3 >= 4 / 2, so impression.
    const idealist = await invite(org.id, positionId, admin.id, "candidate", { name: "Idealist" });
    // The landing page counts them: 15 value items + 1 attention item + 4 virtue items.
    const landing = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${idealist.token}`), params: { token: idealist.token }, context: {} }),
    );
    expect((landing.data as { itemCount: number }).itemCount).toBe(20);
    const shown = await answerOnTheWeb(idealist.token, {
      ...c01,
      ...checks,
      "vir-01": "5",
      "vir-02": "5",
      "vir-03": "4",
      "vir-04": "5",
    });
    expect(shown.map((s) => s.id)).toEqual(presentationOrder(q).map((p) => p.item.id));
    // Shown like attention items: the statement with the 1..5 likert scale.
    expect(shown.filter((s) => s.id.startsWith("vir-"))).toEqual(
      q.virtues.map((v) =>
        expect.objectContaining({ id: v.id, item: { id: v.id, text: v.text, scale: { min: 1, max: 5 } } }),
      ),
    );
    // Candidate 2: one virtue at the maximum: 1 < 2, no impression.
    const realist = await invite(org.id, positionId, admin.id, "candidate", { name: "Realist" });
    await answerOnTheWeb(realist.token, {
      ...c01,
      ...checks,
      "vir-01": "5",
      "vir-02": "2",
      "vir-03": "4",
      "vir-04": "3",
    });

    const responses = await getDb()
      .selectFrom("responses")
      .select(["id", "respondent_label", "answers_json"])
      .where("position_id", "=", positionId)
      .where("kind", "=", "candidate")
      .execute();
    const byName = Object.fromEntries(responses.map((r) => [r.respondent_label, r]));
    expect(JSON.parse(byName.Idealist.answers_json)).toMatchObject({ "vir-01": 5, "vir-03": 4, "att-01": 4 });

    const idealistReport = await loadReport(positionId, byName.Idealist.id, adminCookie);
    expect(idealistReport.provenance?.algorithmVersion).toBe("vb-2");
    expect(idealistReport.flags).toContainEqual({
      flag: "impression",
      meaning: expect.stringMatching(/^Agreed fully with statements few people can honestly endorse/),
    });
    const realistReport = await loadReport(positionId, byName.Realist.id, adminCookie);
    expect(realistReport.flags.map((f) => f.flag)).not.toContain("impression");
  });

  it("refuses a virtue answer outside its scale", async () => {
    const { org, admin } = await staff();
    const { versionId } = await makePublishedVersion(org.id, exampleWithVirtues());
    const positionId = await createPosition(
      org.id,
      { title: "Support agent", description: "Chat", questionnaireVersionId: versionId, status: "open" },
      { userId: admin.id, label: admin.email },
    );
    const inv = await invite(org.id, positionId, admin.id, "candidate");
    const consent = await outcome(() =>
      inviteAction({
        request: postForm(`/i/${inv.token}`, { consent: "yes" }),
        params: { token: inv.token },
        context: { clientIp: "10.9.1.1" },
      }),
    );
    const cookie = cookiePair(consent.headers.get("Set-Cookie"));
    // vir-01 is the first virtue item; find its page.
    for (let page = 1; ; page += 1) {
      const loaded = await outcome(() =>
        pageLoader({ request: getRequest(`/r/${page}`, cookie), params: { page: String(page) }, context: {} }),
      );
      const ids = (loaded.data as { questions: { id: string }[] }).questions.map((q) => q.id);
      if (!ids.includes("vir-01")) continue;
      const bad = await outcome(() =>
        pageAction({
          request: postForm(
            `/r/${page}`,
            { intent: "autosave", itemId: "vir-01", value: "6", baseRevision: "0" },
            cookie,
          ),
          params: { page: String(page) },
          context: {},
        }),
      );
      expect(bad.status).toBe(400);
      expect(bad.data).toMatchObject({
        ok: false,
        message: "One of the answers is not valid. Choose one of the options shown.",
      });
      const good = await outcome(() =>
        pageAction({
          request: postForm(
            `/r/${page}`,
            { intent: "autosave", itemId: "vir-01", value: "5", baseRevision: "0" },
            cookie,
          ),
          params: { page: String(page) },
          context: {},
        }),
      );
      expect(good.status).toBe(200);
      break;
    }
    const row = await getDb()
      .selectFrom("responses")
      .select("answers_json")
      .where("invitation_id", "=", inv.invitationId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers_json)).toEqual({ "vir-01": 5 });
  });
});
