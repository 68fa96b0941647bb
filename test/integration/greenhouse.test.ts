// Issue 20: the Greenhouse Assessment Partner flow, driven by a fake Greenhouse: list_tests -> send_test (invites and
// queues the mail, once per Greenhouse test) -> the candidate answers -> our PATCH reaches Greenhouse's callback URL
// (HTTP Basic, the API key as user name) -> test_status answers "complete" with the score and the alignments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../app/models/api-keys.server";
import { eraseCandidate } from "../../app/models/privacy.server";
import { submitResponse } from "../../app/models/response.server";
import { getCurrentScore } from "../../app/models/score.server";
import { deliverDueWebhooks } from "../../app/models/webhook-delivery.server";
import { loader as listTests } from "../../app/routes/api.greenhouse.list_tests";
import { action as recordDecisionByApi } from "../../app/routes/api.v1.positions.$positionId.results.$responseId.decisions";
import { action as responseError } from "../../app/routes/api.greenhouse.response_error";
import { action as sendTest } from "../../app/routes/api.greenhouse.send_test";
import { loader as testStatus } from "../../app/routes/api.greenhouse.test_status";
import { getDb } from "../../app/utils/db.server";
import type { ApiScope } from "../../app/utils/schemas/api-keys.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser } from "../factories";
import { makeResponseRow } from "../factories-benchmark";
import { exampleCandidates, makeResultsPosition } from "../factories-results";
import { startReceiver, type Receiver } from "../webhook-receiver";

withTestDatabase();
const BASE = "http://localhost:3000/api/greenhouse";
const GREENHOUSE_SCOPES: ApiScope[] = ["positions:read", "invitations:write", "results:read"];

async function greenhouseKey(orgId: string, scopes = GREENHOUSE_SCOPES) {
  const admin = await makeUser(orgId, "admin");
  const { secret } = await createApiKey(
    orgId,
    { name: "Greenhouse", scopes },
    { userId: admin.id, label: admin.email },
  );
  return secret;
}

/** What Greenhouse sends: HTTP Basic with the key as user name and an empty password. */
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** The fake Greenhouse: calls our four endpoints the way Greenhouse does and receives our PATCH callbacks. */
class FakeGreenhouse {
  constructor(
    readonly key: string,
    readonly callbacks: Receiver,
  ) {}
  async listTests() {
    const res = await listTests({
      request: new Request(`${BASE}/list_tests`, { headers: { Authorization: basic(this.key) } }),
      params: {},
      context: {},
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }
  async sendTest(partnerTestId: string, takeHomeTestId: number) {
    const body = {
      partner_test_id: partnerTestId,
      candidate: {
        first_name: "Harriet",
        last_name: "Quill",
        resume_url: "https://greenhouse.example/resume",
        phone_number: "123-456-7890",
        email: "harriet.quill@example.test",
        greenhouse_profile_url: "https://app.greenhouse.example/people/17681532?application_id=26234709",
        url: `${this.callbacks.url}/integrations/testing_partners/take_home_tests/${takeHomeTestId}`,
      },
    };
    const res = await sendTest({
      request: new Request(`${BASE}/send_test`, {
        method: "POST",
        headers: { Authorization: basic(this.key), "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
      params: {},
      context: {},
    });
    return { status: res.status, body: (await res.json()) as { partner_interview_id: string } };
  }
  async testStatus(interviewId: string, key = this.key) {
    const url = `${BASE}/test_status?partner_interview_id=${encodeURIComponent(interviewId)}`;
    const res = await testStatus({
      request: new Request(url, { headers: { Authorization: basic(key) } }),
      params: {},
      context: {},
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
}

let callbacks: Receiver;
beforeAll(async () => {
  callbacks = await startReceiver();
});
afterAll(() => callbacks.close());

describe("Greenhouse assessment partner flow", () => {
  it("list_tests -> send_test -> candidate answers -> PATCH callback -> test_status complete with the score", async () => {
    const org = await makeOrganization("Greenhouse Org");
    const position = await makeResultsPosition(org.id);
    const key = await greenhouseKey(org.id);
    const greenhouse = new FakeGreenhouse(key, callbacks);

    const tests = await greenhouse.listTests();
    expect(tests).toEqual({
      status: 200,
      body: [{ partner_test_id: position.positionId, partner_test_name: "Support agent" }],
    });

    const sent = await greenhouse.sendTest(position.positionId, 12345);
    expect(sent.status).toBe(200);
    const interviewId = sent.body.partner_interview_id;
    expect(typeof interviewId).toBe("string");
    // Idempotent on Greenhouse's test: the same id, no second invitation or mail.
    expect((await greenhouse.sendTest(position.positionId, 12345)).body).toEqual({ partner_interview_id: interviewId });
    const invitations = await getDb()
      .selectFrom("invitations")
      .select(["id", "name", "email", "kind"])
      .where("organization_id", "=", org.id)
      .where("kind", "=", "candidate")
      .execute();
    expect(invitations.map((i) => [i.name, i.email])).toEqual([["Harriet Quill", "harriet.quill@example.test"]]);
    const mails = await getDb()
      .selectFrom("outbox")
      .select("to_address")
      .where("organization_id", "=", org.id)
      .execute();
    expect(mails).toEqual([{ to_address: "harriet.quill@example.test" }]);

    expect((await greenhouse.testStatus(interviewId)).body).toEqual({ partner_status: "sent" });

    // The candidate answers through the invitation (the answering pages' submit).
    const responseId = await makeResponseRow(
      org.id,
      position.positionId,
      position.versionId,
      "candidate",
      exampleCandidates().c04,
      {
        submitted: false,
        label: "Harriet Quill",
      },
    );
    await getDb()
      .updateTable("responses")
      .set({ invitation_id: invitations[0].id })
      .where("id", "=", responseId)
      .execute();
    expect((await greenhouse.testStatus(interviewId)).body).toEqual({ partner_status: "started" });
    expect(await submitResponse(responseId, 0)).toEqual({ ok: true, revision: 1 });

    // Our PATCHes (after the submit and after the scoring) reach Greenhouse's callback URL with its own key.
    expect(await deliverDueWebhooks()).toEqual({ delivered: 2, retry: 0, failed: 0 });
    expect(callbacks.received.map((r) => [r.method, r.path, r.headers.authorization, r.body])).toEqual([
      ["PATCH", "/integrations/testing_partners/take_home_tests/12345", basic(key), ""],
      ["PATCH", "/integrations/testing_partners/take_home_tests/12345", basic(key), ""],
    ]);

    const score = await getCurrentScore(org.id, responseId);
    const status = await greenhouse.testStatus(interviewId);
    expect(status.status).toBe(200);
    expect(status.body.partner_status).toBe("complete");
    expect(status.body.partner_profile_url).toBe(
      `http://localhost:3000/app/positions/${position.positionId}/candidates/${responseId}`,
    );
    expect(status.body.partner_score).toBe(Math.round(score!.overall! * 100));
    const metadata = status.body.metadata as Record<string, string | number>;
    expect(metadata["Overall fit"]).toBe(`${Math.round(score!.overall! * 100)}%`);
    expect(metadata["Scoring algorithm"]).toBe(score!.algorithm_version);
    const alignmentKeys = Object.keys(metadata).filter((k) => k.endsWith(" alignment"));
    expect(alignmentKeys).toHaveLength(Object.keys(score!.result.values).length);
    for (const value of Object.values(metadata)) expect(["string", "number"]).toContain(typeof value);

    // The hire comes back from the ATS through the API, for the validity page.
    const atsKey = await greenhouseKey(org.id, ["outcomes:write"]);
    const hired = await recordDecisionByApi({
      request: new Request(
        `http://localhost:3000/api/v1/positions/${position.positionId}/results/${responseId}/decisions`,
        {
          method: "POST",
          headers: { Authorization: `Bearer ${atsKey}`, "Content-Type": "application/json" },
          body: JSON.stringify({ decision: "hired", hiredOn: "2027-01-15" }),
        },
      ),
      params: { positionId: position.positionId, responseId },
      context: {},
    });
    expect(hired.status).toBe(201);
    const decisions = await getDb()
      .selectFrom("decisions")
      .select(["decision", "hired_on"])
      .where("organization_id", "=", org.id)
      .where("response_id", "=", responseId)
      .execute();
    expect(decisions).toEqual([{ decision: "hired", hired_on: "2027-01-15" }]);

    // Erasing the candidate takes the Greenhouse test (their Greenhouse profile link) with the invitation.
    await eraseCandidate(org.id, responseId, { id: null, email: "privacy@example.test" });
    const left = await getDb()
      .selectFrom("greenhouse_tests")
      .select("id")
      .where("organization_id", "=", org.id)
      .execute();
    expect(left).toEqual([]);
    expect((await greenhouse.testStatus(interviewId)).status).toBe(404);
  });

  it("keeps organizations apart: another organization's key gets 404, a wrong key 401", async () => {
    const org = await makeOrganization();
    const position = await makeResultsPosition(org.id);
    const greenhouse = new FakeGreenhouse(await greenhouseKey(org.id), callbacks);
    const { partner_interview_id } = (await greenhouse.sendTest(position.positionId, 777)).body;
    const other = await makeOrganization();
    const otherKey = await greenhouseKey(other.id);
    expect((await greenhouse.testStatus(partner_interview_id, otherKey)).status).toBe(404);
    expect((await new FakeGreenhouse(otherKey, callbacks).sendTest(position.positionId, 778)).status).toBe(404);
    expect((await new FakeGreenhouse(otherKey, callbacks).listTests()).body).toEqual([]);
    expect((await greenhouse.testStatus(partner_interview_id, "vb_live_not-a-key")).status).toBe(401);
  });

  it("send_test names a missing field; response_error is audited without the candidate's e-mail", async () => {
    const org = await makeOrganization();
    const key = await greenhouseKey(org.id);
    const bad = await sendTest({
      request: new Request(`${BASE}/send_test`, {
        method: "POST",
        headers: { Authorization: basic(key), "Content-Type": "application/json" },
        body: JSON.stringify({ partner_test_id: "x", candidate: { first_name: "A", email: "a@example.test" } }),
      }),
      params: {},
      context: {},
    });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(["/candidate/url"]);

    const reported = await responseError({
      request: new Request(`${BASE}/response_error`, {
        method: "POST",
        headers: { Authorization: basic(key), "Content-Type": "application/json" },
        body: JSON.stringify({
          api_call: "test_status",
          errors: ["partner_status is 'complete' but partner_profile url is missing"],
          partner_test_id: 12345,
          partner_interview_id: 299506,
          candidate_email: "hpotter@example.test",
        }),
      }),
      params: {},
      context: {},
    });
    expect([reported.status, await reported.json()]).toEqual([200, { status: 200 }]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_id", "details_json"])
      .where("organization_id", "=", org.id)
      .where("action", "=", "greenhouse.response_error")
      .execute();
    expect(audit).toEqual([
      {
        action: "greenhouse.response_error",
        target_id: "299506",
        details_json: JSON.stringify({
          apiCall: "test_status",
          errors: ["partner_status is 'complete' but partner_profile url is missing"],
          partnerTestId: 12345,
        }),
      },
    ]);
  });
});
