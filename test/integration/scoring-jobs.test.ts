// Issue 15, items 10 and 11: a submitted candidate is never left unscored. The submit and a benchmark activation write
// durable "to score" marks in their own transaction; a crash before the scoring step leaves the marks, and server
// start (resumePendingScoring, called by server.js) scores them. A failed scoring keeps its mark with the error, shown
// on the results page with a retry button, and is audited.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type * as AfterSubmit from "../../app/models/after-submit.server";
import type * as ScoringJobs from "../../app/models/scoring-jobs.server";
import { activateBenchmark } from "../../app/models/benchmark.server";
import { submitResponse } from "../../app/models/response.server";
import { getCurrentScore } from "../../app/models/score.server";
import { resumePendingScoring } from "../../app/models/scoring-jobs.server";
import { action as resultsAction, loader as resultsLoader } from "../../app/routes/app.positions.$positionId.results";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { makePublishedVersion, makeResponseRow } from "../factories-benchmark";
import { exampleCandidates, makeResultsPosition } from "../factories-results";

// A crash right after a commit is simulated by leaving out the step that would run next in the same process: the
// after-submit hook (submit) or the re-scoring after the activation commit. Everything before it really commits.
const crash = vi.hoisted(() => ({ afterSubmit: false, afterActivation: false }));
vi.mock("../../app/models/after-submit.server", async (importOriginal) => {
  const actual = await importOriginal<typeof AfterSubmit>();
  return {
    afterResponseSubmitted: (orgId: string, responseId: string) =>
      crash.afterSubmit ? Promise.resolve() : actual.afterResponseSubmitted(orgId, responseId),
  };
});
vi.mock("../../app/models/scoring-jobs.server", async (importOriginal) => {
  const actual = await importOriginal<typeof ScoringJobs>();
  return {
    ...actual,
    runScoringJobs: (...args: Parameters<typeof actual.runScoringJobs>) =>
      crash.afterActivation ? Promise.resolve(0) : actual.runScoringJobs(...args),
  };
});

withTestDatabase();

beforeEach(async () => {
  crash.afterSubmit = false;
  crash.afterActivation = false;
  // Server start resumes the marks of every organization: each test starts with none left by another test.
  await getDb().deleteFrom("scoring_jobs").execute();
});

async function setup(name = "Scoring Org") {
  const org = await makeOrganization(name);
  const recruiter = await makeUser(org.id, "recruiter");
  const cookie = await sessionCookieFor(recruiter.id);
  const position = await makeResultsPosition(org.id);
  return { org, recruiter, cookie, position };
}

/** A candidate who has answered everything and not yet submitted (revision 0). */
async function unsubmittedCandidate(orgId: string, position: { positionId: string; versionId: string }, label: string) {
  return makeResponseRow(orgId, position.positionId, position.versionId, "candidate", exampleCandidates().c01, {
    label,
    submitted: false,
  });
}

async function marks(responseId: string) {
  return getDb().selectFrom("scoring_jobs").selectAll().where("response_id", "=", responseId).execute();
}

async function audits(orgId: string, action: string) {
  const rows = await getDb()
    .selectFrom("audit_log")
    .select(["actor_label", "target_id", "details_json"])
    .where("organization_id", "=", orgId)
    .where("action", "=", action)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ actor: r.actor_label, target: r.target_id, details: JSON.parse(r.details_json) }));
}

/** Points a response at another questionnaire version (v99): scoring it against the position's benchmark throws. */
async function breakResponse(orgId: string, responseId: string) {
  const { versionId, q } = await makePublishedVersion(orgId);
  await getDb()
    .updateTable("questionnaire_versions")
    .set({ content_json: JSON.stringify({ ...q, version: 99 }) })
    .where("id", "=", versionId)
    .execute();
  await getDb()
    .updateTable("responses")
    .set({ questionnaire_version_id: versionId })
    .where("id", "=", responseId)
    .execute();
}

async function repairResponse(responseId: string, versionId: string) {
  await getDb()
    .updateTable("responses")
    .set({ questionnaire_version_id: versionId })
    .where("id", "=", responseId)
    .execute();
}

function loadResults(positionId: string, cookie: string) {
  return outcome(() =>
    resultsLoader({
      request: getRequest(`/app/positions/${positionId}/results`, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

function retry(positionId: string, cookie: string, responseId: string) {
  const request = postForm(`/app/positions/${positionId}/results`, { intent: "retry-scoring", responseId }, cookie);
  return outcome(() => resultsAction({ request, params: { positionId }, context: {} }));
}

type ResultsData = {
  scoring: { failures: { responseId: string; name: string; error: string; attempts: number }[]; total: number };
};

describe("a crash between the submit and its scoring", () => {
  it("leaves a mark written with the submit; server start scores the candidate and clears it", async () => {
    const { org, position } = await setup();
    const id = await unsubmittedCandidate(org.id, position, "Crash Candidate");
    crash.afterSubmit = true;
    expect(await submitResponse(id, 0)).toEqual({ ok: true, revision: 1 });
    expect(await getCurrentScore(org.id, id)).toBeUndefined();
    expect(await marks(id)).toMatchObject([{ organization_id: org.id, reason: "submitted", attempts: 0 }]);

    expect(await resumePendingScoring()).toEqual({ scored: 1, failed: 0 });
    const score = await getCurrentScore(org.id, id);
    expect(score?.benchmark_id).toBe(position.benchmarkId);
    expect(await marks(id)).toEqual([]);
    // Nothing left: a second start does nothing.
    expect(await resumePendingScoring()).toEqual({ scored: 0, failed: 0 });
  });

  it("a submit that is scored at once leaves no mark; an agent's submit writes none", async () => {
    const { org, position } = await setup("Direct Org");
    const id = await unsubmittedCandidate(org.id, position, "Direct Candidate");
    await submitResponse(id, 0);
    expect(await getCurrentScore(org.id, id)).toBeDefined();
    expect(await marks(id)).toEqual([]);
    const agent = await makeResponseRow(
      org.id,
      position.positionId,
      position.versionId,
      "agent",
      exampleCandidates().c02,
      {
        submitted: false,
      },
    );
    crash.afterSubmit = true;
    await submitResponse(agent, 0);
    expect(await marks(agent)).toEqual([]);
  });
});

describe("a crash between a benchmark activation and its re-scoring", () => {
  it("leaves a mark on every submitted candidate, resumed at server start against the new benchmark", async () => {
    const { org, recruiter, position } = await setup("Activation Org");
    const ids: string[] = [];
    for (const label of ["A", "B", "C"]) {
      const id = await unsubmittedCandidate(org.id, position, label);
      await submitResponse(id, 0);
      ids.push(id);
    }
    const draft = await unsubmittedCandidate(org.id, position, "Not submitted");
    crash.afterActivation = true;
    const activated = await activateBenchmark(org.id, position.positionId, {
      id: recruiter.id,
      email: recruiter.email,
    });
    for (const id of ids) {
      expect((await getCurrentScore(org.id, id))?.benchmark_id).toBe(position.benchmarkId); // the old one still
      expect(await marks(id)).toMatchObject([{ reason: "benchmark-activated" }]);
    }
    expect(await marks(draft)).toEqual([]);
    expect((await audits(org.id, "benchmark.activated"))[0].details).toMatchObject({ candidatesToScore: 3 });

    expect(await resumePendingScoring()).toEqual({ scored: 3, failed: 0 });
    for (const id of ids) {
      expect((await getCurrentScore(org.id, id))?.benchmark_id).toBe(activated.benchmarkId);
      expect(await marks(id)).toEqual([]);
    }
  });

  it("without a crash, a candidate that cannot be scored keeps its mark and error; the others are re-scored", async () => {
    const { org, recruiter, position } = await setup("Partial Org");
    const good = await unsubmittedCandidate(org.id, position, "Good");
    const bad = await unsubmittedCandidate(org.id, position, "Bad");
    await submitResponse(good, 0);
    await submitResponse(bad, 0);
    await breakResponse(org.id, bad);
    const activated = await activateBenchmark(org.id, position.positionId, {
      id: recruiter.id,
      email: recruiter.email,
    });
    expect(activated.rescored).toBe(1);
    expect((await getCurrentScore(org.id, good))?.benchmark_id).toBe(activated.benchmarkId);
    expect(await marks(good)).toEqual([]);
    const [mark] = await marks(bad);
    expect(mark).toMatchObject({ reason: "benchmark-activated", attempts: 1 });
    expect(mark.last_error).toMatch(/does not fit questionnaire/);
  });
});

describe("scoring that fails after submit", () => {
  it("is stored, shown on the results page, retried by the button (audited) and gone once it succeeds", async () => {
    const { org, recruiter, cookie, position } = await setup("Failure Org");
    const id = await unsubmittedCandidate(org.id, position, "Failing Candidate");
    await breakResponse(org.id, id);
    expect(await submitResponse(id, 0)).toEqual({ ok: true, revision: 1 });
    expect(await getCurrentScore(org.id, id)).toBeUndefined();

    const page = await loadResults(position.positionId, cookie);
    expect(page.status).toBe(200);
    const { scoring } = page.data as ResultsData;
    expect(scoring.total).toBe(1);
    expect(scoring.failures).toEqual([
      expect.objectContaining({ responseId: id, name: "Failing Candidate", attempts: 1 }),
    ]);
    expect(scoring.failures[0].error).toMatch(/^benchmark snapshot of .* does not fit questionnaire /);
    expect(await audits(org.id, "score.failed")).toEqual([
      {
        actor: "valuebench (scoring)",
        target: id,
        details: { error: scoring.failures[0].error, attempts: 1, reason: "submitted" },
      },
    ]);

    // Retried while the cause is still there: fails again, both audited.
    const again = await retry(position.positionId, cookie, id);
    expect(again.status).toBe(200);
    expect(again.data).toEqual({ ok: false, message: `Scoring failed again: ${scoring.failures[0].error}` });
    expect((await marks(id))[0].attempts).toBe(2);
    expect((await audits(org.id, "score.retried")).map((a) => [a.actor, a.details])).toEqual([
      [recruiter.email, { trigger: "button", outcome: "failed" }],
    ]);
    expect(await audits(org.id, "score.failed")).toHaveLength(2);

    // Cause fixed: the retry scores the candidate and the failure is gone from the page.
    await repairResponse(id, position.versionId);
    const fixed = await retry(position.positionId, cookie, id);
    expect(fixed.data).toEqual({ ok: true, message: "The candidate is scored." });
    expect((await getCurrentScore(org.id, id))?.benchmark_id).toBe(position.benchmarkId);
    expect(await marks(id)).toEqual([]);
    expect((await audits(org.id, "score.retried")).map((a) => a.details)).toEqual([
      { trigger: "button", outcome: "failed" },
      { trigger: "button", outcome: "scored" },
    ]);
    expect(((await loadResults(position.positionId, cookie)).data as ResultsData).scoring).toEqual({
      failures: [],
      total: 0,
    });
    // Nothing left to retry: 404, as for a candidate of another organization.
    expect((await retry(position.positionId, cookie, id)).status).toBe(404);
  });

  it("an admin may retry too; another organization's staff get 404 and change nothing", async () => {
    const { org, position } = await setup("Guarded Org");
    const id = await unsubmittedCandidate(org.id, position, "Guarded Candidate");
    await breakResponse(org.id, id);
    await submitResponse(id, 0);

    const other = await makeOrganization("Other Org");
    const outsider = await sessionCookieFor((await makeUser(other.id, "admin")).id);
    expect((await retry(position.positionId, outsider, id)).status).toBe(404);
    expect((await marks(id))[0].attempts).toBe(1);
    expect((await loadResults(position.positionId, outsider)).status).toBe(404);

    const admin = await sessionCookieFor((await makeUser(org.id, "admin")).id);
    expect((await retry(position.positionId, admin, id)).data).toMatchObject({ ok: false });
    expect((await marks(id))[0].attempts).toBe(2);
    const bad = await outcome(() =>
      resultsAction({
        request: postForm(`/app/positions/${position.positionId}/results`, { intent: "retry-scoring" }, admin),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
  });

  it("is retried at the next server start, audited, and scored once the cause is gone", async () => {
    const { org, position } = await setup("Restart Org");
    const id = await unsubmittedCandidate(org.id, position, "Restart Candidate");
    await breakResponse(org.id, id);
    await submitResponse(id, 0);
    expect(await resumePendingScoring()).toEqual({ scored: 0, failed: 1 });
    expect((await marks(id))[0].attempts).toBe(2);

    await repairResponse(id, position.versionId);
    expect(await resumePendingScoring()).toEqual({ scored: 1, failed: 0 });
    expect(await marks(id)).toEqual([]);
    expect((await getCurrentScore(org.id, id))?.benchmark_id).toBe(position.benchmarkId);
    expect((await audits(org.id, "score.retried")).map((a) => [a.actor, a.details])).toEqual([
      ["valuebench (server start)", { trigger: "server-start", outcome: "failed" }],
      ["valuebench (server start)", { trigger: "server-start", outcome: "scored" }],
    ]);
  });
});
