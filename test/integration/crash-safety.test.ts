// Crash safety (issue 8): autosaves stream into a production server that is killed with SIGKILL mid-stream;
// after a restart every acknowledged save is there and the database passes PRAGMA integrity_check.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presentationOrder } from "../../app/scoring/presentation-order";
import { onPostgres, withTestDatabase } from "../db";
import { invite, makeRecruiterWithPosition } from "../factories-answering";
import { buildDirectory, cookieOf, postForm, startServer, stopServer, type ServerProcess } from "../server-process";

const PORT = 3311;
const CLIENTS = 4;

const testDb = withTestDatabase();

type Save = { itemId: string; value: string };
type ClientLog = { invitationId: string; acknowledged: Save[]; inFlight: Save | null; revision: number };

describe.skipIf(onPostgres)("crash safety of autosave on SQLite", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  let server: ServerProcess | undefined;

  beforeAll(() => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-crash-"));
  }, 240_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged save through a SIGKILL and restart", async () => {
    const databaseUrl = `file:${testDb.file()}`;
    const { org, recruiter, positionId, q } = await makeRecruiterWithPosition("Crash Org");
    // answers each item accepts: two different valid values so successive saves really change the row
    const items = presentationOrder(q).map(({ item }) =>
      "options" in item
        ? { id: item.id, values: [item.options[0].id, item.options[1].id] }
        : { id: item.id, values: [String(item.scale.min), String(item.scale.max)] },
    );
    server = await startServer({ port: PORT, databaseUrl, buildDir: build!.dir, dataDir });
    const base = server.base;

    const clients: (ClientLog & { cookie: string })[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const { token, invitationId } = await invite(org.id, positionId, recruiter.id, "agent", { name: `Agent ${c}` });
      const consent = await postForm(base, `/i/${token}`, { consent: "yes" });
      expect(consent.status).toBe(302);
      clients.push({ invitationId, cookie: cookieOf(consent), acknowledged: [], inFlight: null, revision: 0 });
    }

    // Each client saves one answer after another (the next based on the revision the last one returned).
    let killed = false;
    const stream = async (client: (typeof clients)[number], offset: number) => {
      for (let n = 0; !killed; n++) {
        const item = items[(n + offset) % items.length];
        const save = { itemId: item.id, value: item.values[n % 2] };
        client.inFlight = save;
        let res: Response;
        try {
          res = await postForm(
            base,
            "/r/autosave",
            { intent: "autosave", itemId: save.itemId, value: save.value, baseRevision: String(client.revision) },
            client.cookie,
          );
          await res.arrayBuffer();
        } catch {
          return; // connection cut by the kill: this save was never acknowledged
        }
        if (res.status !== 200) throw new Error(`autosave answered ${res.status}`);
        client.revision += 1;
        client.acknowledged.push(save);
        client.inFlight = null;
      }
    };
    const streams = clients.map((client, i) => stream(client, i * 3));
    // kill once the stream is well under way, while requests are in flight
    while (clients.reduce((sum, c) => sum + c.acknowledged.length, 0) < 60) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    killed = true;
    await stopServer(server, "SIGKILL");
    await Promise.all(streams);
    expect(server.child.signalCode).toBe("SIGKILL");

    // restart on the same file: it must open, recover the WAL and serve
    server = await startServer({ port: PORT, databaseUrl, buildDir: build!.dir, dataDir });
    const check = new SQLite(testDb.file(), { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      for (const client of clients) {
        const row = check
          .prepare("select revision, answers_json from responses where invitation_id = ?")
          .get(client.invitationId) as { revision: number; answers_json: string };
        const answers = JSON.parse(row.answers_json) as Record<string, string | number>;
        // the save in flight at the kill may or may not have committed; every acknowledged one has
        expect([client.acknowledged.length, client.acknowledged.length + (client.inFlight ? 1 : 0)]).toContain(
          row.revision,
        );
        const lastAcknowledged = new Map(client.acknowledged.map((s) => [s.itemId, s.value]));
        for (const [itemId, value] of lastAcknowledged) {
          const allowed = [value];
          if (client.inFlight?.itemId === itemId) allowed.push(client.inFlight.value);
          expect(allowed, `${client.invitationId} ${itemId}`).toContain(String(answers[itemId]));
        }
        expect(client.acknowledged.length).toBeGreaterThan(0);
      }
    } finally {
      check.close();
    }
  }, 120_000);
});
