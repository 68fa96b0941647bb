// Issue 20, end to end with the production server (server.js): a webhook whose event committed is not lost when the
// server is killed before delivering it. The receiver is not reachable yet, so the first server can only fail its
// attempts; it is then SIGKILLed, the receiver comes up, a new server starts, and its delivery timer sends both events.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../app/models/api-keys.server";
import { submitResponse } from "../../app/models/response.server";
import { createWebhookEndpoint } from "../../app/models/webhook-endpoints.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser } from "../factories";
import { makeResponseRow } from "../factories-benchmark";
import { exampleCandidates, makeResultsPosition } from "../factories-results";
import { buildDirectory, freePort, startServer, stopServer, type ServerProcess } from "../server-process";
import { signatureHeaders, startReceiver, type Receiver } from "../webhook-receiver";

const testDb = withTestDatabase();

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe("server killed between the event's commit and its delivery", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  const servers: ServerProcess[] = [];
  let receiver: Receiver | undefined;

  beforeAll(() => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-webhooks-"));
  }, 300_000);

  afterAll(async () => {
    for (const server of servers) await stopServer(server);
    await receiver?.close();
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers both events after a restart, each once, signed", async () => {
    const org = await makeOrganization("Crash Org");
    const position = await makeResultsPosition(org.id);
    const receiverPort = await freePort();
    const endpoint = await createWebhookEndpoint(
      org.id,
      { url: `http://127.0.0.1:${receiverPort}/hooks`, events: ["response.submitted", "response.scored"] },
      { userId: null, label: "test" },
    );
    const options = { databaseUrl: testDb.url(), buildDir: build!.dir, dataDir };
    const first = await startServer({ ...options, port: await freePort() });
    servers.push(first);

    const id = await makeResponseRow(
      org.id,
      position.positionId,
      position.versionId,
      "candidate",
      exampleCandidates().c02,
      {
        submitted: false,
      },
    );
    expect(await submitResponse(id, 0)).toEqual({ ok: true, revision: 1 });
    const rows = () =>
      getDb()
        .selectFrom("webhook_deliveries")
        .select(["id", "event_type", "status", "attempts"])
        .where("endpoint_id", "=", endpoint.id)
        .orderBy("event_type")
        .execute();
    // The first server tries both (nobody listens yet), then dies without a chance to clean up.
    await until(async () => (await rows()).every((row) => row.attempts >= 1));
    await stopServer(first, "SIGKILL");
    expect((await rows()).map((row) => [row.event_type, row.status])).toEqual([
      ["response.scored", "pending"],
      ["response.submitted", "pending"],
    ]);

    receiver = await startReceiver(receiverPort);
    const second = await startServer({ ...options, port: await freePort() });
    servers.push(second);
    await until(async () => (await rows()).every((row) => row.status === "delivered"));

    const wh = new Webhook(endpoint.secret);
    const types = receiver.received.map(
      (request) => (wh.verify(request.body, signatureHeaders(request)) as { type: string }).type,
    );
    expect(types.sort()).toEqual(["response.scored", "response.submitted"]);
    const ids = receiver.received.map((request) => request.headers["webhook-id"]);
    expect(ids.sort()).toEqual((await rows()).map((row) => row.id).sort());
    expect(second.log()).not.toContain("Webhook delivery round failed");

    // Greenhouse's calls pass the production server's request guard: server-to-server, no Origin, HTTP Basic.
    const admin = await makeUser(org.id, "admin");
    const { secret: key } = await createApiKey(
      org.id,
      { name: "Greenhouse", scopes: ["positions:read", "invitations:write"] },
      { userId: admin.id, label: admin.email },
    );
    const authorization = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
    const tests = await fetch(`${second.base}/api/greenhouse/list_tests`, {
      headers: { Authorization: authorization },
    });
    expect([tests.status, await tests.json()]).toEqual([
      200,
      [{ partner_test_id: position.positionId, partner_test_name: "Support agent" }],
    ]);
    const sent = await fetch(`${second.base}/api/greenhouse/send_test`, {
      method: "POST",
      headers: { Authorization: authorization, "Content-Type": "application/json" },
      body: JSON.stringify({
        partner_test_id: position.positionId,
        candidate: {
          first_name: "Ida",
          last_name: "Tarbell",
          email: "ida@example.test",
          greenhouse_profile_url: "https://app.greenhouse.example/people/1",
          url: "https://app.greenhouse.example/integrations/testing_partners/take_home_tests/1",
        },
      }),
    });
    expect(sent.status).toBe(200);
    expect(Object.keys((await sent.json()) as object)).toEqual(["partner_interview_id"]);
  }, 120_000);
});
