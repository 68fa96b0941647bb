// Issue 20: signed webhooks. Events write their outbox rows in their own transaction; the delivery worker signs them
// the Standard Webhooks way (checked with the independent `standardwebhooks` package), retries failures on a fixed
// schedule (driven by an injected clock, no waiting) and never lets two workers send one row.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { activateBenchmark } from "../../app/models/benchmark.server";
import { recordDecision } from "../../app/models/decision.server";
import { submitResponse } from "../../app/models/response.server";
import { getCurrentScore } from "../../app/models/score.server";
import {
  attemptDelivery,
  claimDueDeliveries,
  deliverDueWebhooks,
  pruneWebhookDeliveries,
  WEBHOOK_MAX_ATTEMPTS,
} from "../../app/models/webhook-delivery.server";
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookDeliveries,
  resendWebhookDelivery,
} from "../../app/models/webhook-endpoints.server";
import { enqueueWebhookEvent } from "../../app/models/webhook-events.server";
import { createDb, getDb } from "../../app/utils/db.server";
import { webhookUrlProblem } from "../../app/utils/schemas/webhooks.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser } from "../factories";
import { makeResponseRow } from "../factories-benchmark";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";
import { signatureHeaders, startReceiver, type Receiver } from "../webhook-receiver";

const testDb = withTestDatabase();
const actor = { userId: null, label: "test" };

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = () => 200;
});

async function deliveriesOf(endpointId: string) {
  return getDb()
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at")
    .execute();
}

/** One decision.recorded-shaped event written in a transaction of its own, at `now`. */
async function enqueueTestEvent(orgId: string, now: Date, responseId = "r-1") {
  await getDb()
    .transaction()
    .execute((trx) =>
      enqueueWebhookEvent(
        trx,
        orgId,
        "decision.recorded",
        {
          positionId: "p-1",
          responseId,
          decisionId: "d-1",
          decision: "advance",
          hiredOn: null,
          decidedAt: now.toISOString(),
          reportUrl: "http://localhost:3000/app/positions/p-1/candidates/r-1",
        },
        now,
      ),
    );
}

describe("a candidate's submit", () => {
  it("sends response.submitted and response.scored, signed, verified by standardwebhooks, without the name", async () => {
    const org = await makeOrganization("Webhook Org");
    const position = await makeResultsPosition(org.id);
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/hooks`, events: ["response.submitted", "response.scored"] },
      actor,
    );
    const id = await makeResponseRow(
      org.id,
      position.positionId,
      position.versionId,
      "candidate",
      exampleCandidates().c03,
      { submitted: false, label: "Dana Verylongname" },
    );
    expect(await submitResponse(id, 0)).toEqual({ ok: true, revision: 1 });
    // Both rows committed with their events, before anything is sent.
    expect((await deliveriesOf(endpoint.id)).map((d) => [d.event_type, d.status])).toEqual([
      ["response.submitted", "pending"],
      ["response.scored", "pending"],
    ]);

    expect(await deliverDueWebhooks()).toEqual({ delivered: 2, retry: 0, failed: 0 });
    expect(receiver.received).toHaveLength(2);
    const wh = new Webhook(endpoint.secret);
    const byType = new Map<string, { type: string; timestamp: string; data: Record<string, unknown> }>();
    for (const request of receiver.received) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/hooks");
      expect(request.headers["content-type"]).toBe("application/json");
      const verified = wh.verify(request.body, signatureHeaders(request)) as { type: string };
      expect(request.body).not.toContain("Dana");
      byType.set(verified.type, JSON.parse(request.body));
    }
    // A wrong secret does not verify.
    const other = new Webhook("whsec_" + Buffer.alloc(32, 7).toString("base64"));
    expect(() => other.verify(receiver.received[0].body, signatureHeaders(receiver.received[0]))).toThrow();

    const score = await getCurrentScore(org.id, id);
    const submitted = byType.get("response.submitted")!;
    expect(submitted.data).toEqual({
      positionId: position.positionId,
      responseId: id,
      invitationId: null,
      kind: "candidate",
      submittedAt: expect.any(String),
      reportUrl: `http://localhost:3000/app/positions/${position.positionId}/candidates/${id}`,
    });
    const scored = byType.get("response.scored")!;
    expect(scored.data.scoreId).toBe(score!.id);
    expect(scored.data.benchmarkId).toBe(position.benchmarkId);
    expect(scored.data.overall).toBe(score!.overall);
    expect(scored.data.minAlignment).toBe(score!.min_alignment);
    expect(scored.data.alignments).toEqual(
      Object.fromEntries(Object.entries(score!.result.values).map(([key, v]) => [key, v.alignment])),
    );
    expect(Object.keys(scored.data.alignments as object).length).toBeGreaterThan(0);

    const rows = await deliveriesOf(endpoint.id);
    expect(rows.map((d) => [d.status, d.attempts, d.last_status_code])).toEqual([
      ["delivered", 1, 200],
      ["delivered", 1, 200],
    ]);
    // Delivered rows are not sent again.
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
  });

  it("writes nothing for events an endpoint did not subscribe to, or when the event's transaction rolls back", async () => {
    const org = await makeOrganization();
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/hooks`, events: ["benchmark.activated"] },
      actor,
    );
    await enqueueTestEvent(org.id, new Date());
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await enqueueWebhookEvent(trx, org.id, "benchmark.activated", {
            positionId: "p",
            benchmarkId: "b",
            algorithmVersion: "vb-2",
            archivedBenchmarkId: null,
            agents: 5,
            candidatesToScore: 0,
          });
          throw new Error("the activation failed");
        }),
    ).rejects.toThrow("the activation failed");
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
  });

  it("sends decision.recorded with a hired decision's date", async () => {
    const org = await makeOrganization();
    const position = await makeResultsPosition(org.id);
    const recruiter = await makeUser(org.id, "recruiter");
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/hooks`, events: ["decision.recorded"] },
      actor,
    );
    const id = await makeResponseRow(
      org.id,
      position.positionId,
      position.versionId,
      "candidate",
      exampleCandidates().c01,
    );
    const decisionId = await recordDecision(
      org.id,
      position.positionId,
      id,
      { decision: "hired", note: "Great with customers — Dana", hiredOn: "2026-12-01" },
      { id: recruiter.id, email: recruiter.email },
    );
    await deliverDueWebhooks();
    expect(receiver.received).toHaveLength(1);
    const payload = new Webhook(endpoint.secret).verify(
      receiver.received[0].body,
      signatureHeaders(receiver.received[0]),
    );
    expect(payload).toMatchObject({
      type: "decision.recorded",
      data: { positionId: position.positionId, responseId: id, decisionId, decision: "hired", hiredOn: "2026-12-01" },
    });
    expect(receiver.received[0].body).not.toContain("Dana");
  });
});

describe("benchmark activation", () => {
  it("sends benchmark.activated, then response.scored for each candidate re-scored against it", async () => {
    const org = await makeOrganization();
    const position = await makeResultsPosition(org.id);
    const admin = await makeUser(org.id, "admin");
    const candidate = await addCandidate(org.id, position, exampleCandidates().c05, "Sam");
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/hooks`, events: ["benchmark.activated", "response.scored"] },
      actor,
    );
    const activated = await activateBenchmark(org.id, position.positionId, { id: admin.id, email: admin.email });
    expect((await deliveriesOf(endpoint.id)).map((d) => d.event_type)).toEqual([
      "benchmark.activated",
      "response.scored",
    ]);
    await deliverDueWebhooks();
    const wh = new Webhook(endpoint.secret);
    const payloads = receiver.received.map(
      (r) => wh.verify(r.body, signatureHeaders(r)) as { type: string; data: Record<string, unknown> },
    );
    const benchmark = payloads.find((p) => p.type === "benchmark.activated")!;
    expect(benchmark.data).toEqual({
      positionId: position.positionId,
      benchmarkId: activated.benchmarkId,
      algorithmVersion: "vb-2",
      archivedBenchmarkId: position.benchmarkId,
      agents: 13,
      candidatesToScore: 1,
    });
    const scored = payloads.find((p) => p.type === "response.scored")!;
    expect([scored.data.responseId, scored.data.benchmarkId]).toEqual([candidate.responseId, activated.benchmarkId]);
  });
});

describe("retries", () => {
  it("retries a failing receiver after 5 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h and 12 h, then gives up", async () => {
    const org = await makeOrganization();
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/down`, events: ["decision.recorded"] },
      actor,
    );
    receiver.answer = () => 503;
    const t0 = new Date("2026-12-05T10:00:00.000Z");
    await enqueueTestEvent(org.id, t0);
    // Attempt n happens at these times (each the previous one plus the delay after it), worked out by hand.
    const attemptTimes = [
      "2026-12-05T10:00:00.000Z",
      "2026-12-05T10:00:05.000Z", // + 5 s
      "2026-12-05T10:00:35.000Z", // + 30 s
      "2026-12-05T10:02:35.000Z", // + 2 min
      "2026-12-05T10:12:35.000Z", // + 10 min
      "2026-12-05T11:12:35.000Z", // + 1 h
      "2026-12-05T14:12:35.000Z", // + 3 h
      "2026-12-05T20:12:35.000Z", // + 6 h
      "2026-12-06T08:12:35.000Z", // + 12 h
    ];
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(9);
    for (const [i, at] of attemptTimes.entries()) {
      const now = new Date(at);
      // One millisecond early: not due yet.
      expect(await deliverDueWebhooks(new Date(now.getTime() - 1))).toEqual({ delivered: 0, retry: 0, failed: 0 });
      const last = i === attemptTimes.length - 1;
      expect(await deliverDueWebhooks(now)).toEqual({ delivered: 0, retry: last ? 0 : 1, failed: last ? 1 : 0 });
      const [row] = await deliveriesOf(endpoint.id);
      expect(row.attempts).toBe(i + 1);
      expect(row.status).toBe(last ? "failed" : "pending");
      if (!last) expect(row.next_attempt_at).toBe(attemptTimes[i + 1]);
      expect(row.last_status_code).toBe(503);
      expect(row.last_error).toBe("The receiver answered HTTP 503.");
      // Signed with the attempt's own time, under the same message id every time.
      const request = receiver.received[i];
      expect(request.headers["webhook-timestamp"]).toBe(String(now.getTime() / 1000));
      expect(request.headers["webhook-id"]).toBe(row.id);
    }
    expect(receiver.received).toHaveLength(9);
    expect(await deliverDueWebhooks(new Date("2026-12-10T00:00:00.000Z"))).toEqual({
      delivered: 0,
      retry: 0,
      failed: 0,
    });
  });

  it("counts an unreachable receiver as a failed attempt and delivers once it answers", async () => {
    const org = await makeOrganization();
    const down = await startReceiver();
    const url = `${down.url}/later`;
    await down.close(); // nobody listens on that port now
    const endpoint = await createWebhookEndpoint(org.id, { url, events: ["decision.recorded"] }, actor);
    const t0 = new Date("2026-12-05T10:00:00.000Z");
    await enqueueTestEvent(org.id, t0);
    expect(await deliverDueWebhooks(t0)).toEqual({ delivered: 0, retry: 1, failed: 0 });
    const [failed] = await deliveriesOf(endpoint.id);
    expect(failed.last_status_code).toBeNull();
    expect(failed.last_error).toMatch(/^Could not reach the receiver/);

    const back = await startReceiver(down.port);
    try {
      expect(await deliverDueWebhooks(new Date("2026-12-05T10:00:05.000Z"))).toEqual({
        delivered: 1,
        retry: 0,
        failed: 0,
      });
      expect(back.received).toHaveLength(1);
      const [row] = await deliveriesOf(endpoint.id);
      expect([row.status, row.attempts, row.delivered_at]).toEqual(["delivered", 2, "2026-12-05T10:00:05.000Z"]);
    } finally {
      await back.close();
    }
  });

  it("resend makes a failed delivery due again (same webhook-id), audited", async () => {
    const org = await makeOrganization();
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/r`, events: ["decision.recorded"] },
      actor,
    );
    await enqueueTestEvent(org.id, new Date());
    await getDb()
      .updateTable("webhook_deliveries")
      .set({ status: "failed", attempts: 9 })
      .where("endpoint_id", "=", endpoint.id)
      .execute();
    const [row] = await deliveriesOf(endpoint.id);
    const other = await makeOrganization();
    await expect(resendWebhookDelivery(other.id, row.id, actor)).rejects.toMatchObject({ status: 404 });
    await resendWebhookDelivery(org.id, row.id, { userId: null, label: "admin@example.test" });
    expect(await deliverDueWebhooks()).toEqual({ delivered: 1, retry: 0, failed: 0 });
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([row.id]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_label", "details_json"])
      .where("organization_id", "=", org.id)
      .where("target_id", "=", row.id)
      .execute();
    expect(audit).toEqual([
      {
        action: "webhook.resent",
        actor_label: "admin@example.test",
        details_json: JSON.stringify({ event: "decision.recorded", previousStatus: "failed", previousAttempts: 9 }),
      },
    ]);
    const log = await listWebhookDeliveries(org.id);
    expect(log.map((d) => [d.id, d.status, d.attempts, d.url])).toEqual([
      [row.id, "delivered", 1, `${receiver.url}/r`],
    ]);
  });

  it("disabling an endpoint fails its pending deliveries and stops new ones", async () => {
    const org = await makeOrganization();
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/d`, events: ["decision.recorded"] },
      actor,
    );
    await enqueueTestEvent(org.id, new Date());
    await disableWebhookEndpoint(org.id, endpoint.id, actor);
    await enqueueTestEvent(org.id, new Date());
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.map((r) => [r.status, r.last_error])).toEqual([["failed", "The endpoint was disabled."]]);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
    expect(receiver.received).toEqual([]);
    await expect(resendWebhookDelivery(org.id, rows[0].id, actor)).rejects.toMatchObject({ status: 409 });
  });
});

describe("two workers", () => {
  it("never claim the same row: each of 30 deliveries is sent exactly once", async () => {
    const org = await makeOrganization();
    await createWebhookEndpoint(org.id, { url: `${receiver.url}/two`, events: ["decision.recorded"] }, actor);
    const now = new Date();
    for (let i = 0; i < 30; i++) await enqueueTestEvent(org.id, now, `r-${i}`);
    // Two connections, as two server processes have.
    const second = createDb(testDb.url());
    try {
      const [a, b] = await Promise.all([claimDueDeliveries(now, 30, getDb()), claimDueDeliveries(now, 30, second)]);
      const ids = [...a, ...b].map((row) => row.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      // Claimed rows are leased: a third look finds nothing due.
      expect(await claimDueDeliveries(now, 30, second)).toEqual([]);
      await Promise.all([
        ...a.map((row) => attemptDelivery(row, now)),
        ...b.map((row) => attemptDelivery(row, now, second)),
      ]);
      const sent = receiver.received.map((r) => String(r.headers["webhook-id"]));
      expect(sent.sort()).toEqual([...ids].sort());
    } finally {
      await second.destroy();
    }
  });
});

describe("the delivery log", () => {
  it("keeps delivered and failed messages 30 days, pending ones until they are sent", async () => {
    const org = await makeOrganization();
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `${receiver.url}/old`, events: ["decision.recorded"] },
      actor,
    );
    const created = ["2026-11-04T11:59:59.999Z", "2026-11-04T12:00:00.000Z", "2026-11-04T11:00:00.000Z"];
    for (const at of created) await enqueueTestEvent(org.id, new Date(at));
    const rows = await deliveriesOf(endpoint.id);
    const byCreated = new Map(rows.map((r) => [r.created_at, r.id]));
    await getDb()
      .updateTable("webhook_deliveries")
      .set({ status: "delivered" })
      .where("id", "in", [byCreated.get(created[0])!, byCreated.get(created[1])!])
      .execute();
    // 30 days before 2026-12-04T12:00:00Z is 2026-11-04T12:00:00Z: only the delivered one created before it goes;
    // the older pending one stays (it is still to be sent).
    expect(await pruneWebhookDeliveries(new Date("2026-12-04T12:00:00.000Z"))).toBe(1);
    expect((await deliveriesOf(endpoint.id)).map((r) => r.created_at)).toEqual([created[2], created[1]]);
  });
});

describe("endpoint URLs", () => {
  it("take https, and http only for localhost outside production", () => {
    expect(webhookUrlProblem("https://hooks.example.com/x", true)).toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com/x", true)).toBe("The URL must start with https://.");
    expect(webhookUrlProblem("http://127.0.0.1:9000/x", true)).toBe("The URL must start with https://.");
    expect(webhookUrlProblem("http://127.0.0.1:9000/x", false)).toBeNull();
    expect(webhookUrlProblem("http://localhost/x", false)).toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com/x", false)).toMatch(/^The URL must start with https:\/\//);
    expect(webhookUrlProblem("https://user:pw@hooks.example.com/x", true)).toBe(
      "Leave user name and password out of the URL.",
    );
    expect(webhookUrlProblem("hooks.example.com", true)).toBe("Enter a full URL starting with https://.");
  });
});
