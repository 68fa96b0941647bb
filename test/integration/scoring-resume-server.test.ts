// Issue 15, item 11, end to end: the production server (server.js) resumes at start the scoring that a crash left
// undone. The crash is the process dying right after the submit committed: the after-submit hook never runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { submitResponse } from "../../app/models/response.server";
import { getCurrentScore } from "../../app/models/score.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization } from "../factories";
import { makeResponseRow } from "../factories-benchmark";
import { exampleCandidates, makeResultsPosition } from "../factories-results";
import { buildDirectory, startServer, stopServer, type ServerProcess } from "../server-process";

// The process that submitted "dies" before its after-submit hook: the hook does nothing here.
vi.mock("../../app/models/after-submit.server", () => ({ afterResponseSubmitted: () => Promise.resolve() }));

const PORT = 3304;
const testDb = withTestDatabase();

describe("server start", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  let server: ServerProcess | undefined;

  beforeAll(() => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-resume-"));
  }, 240_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("scores a candidate whose submit committed but whose scoring never ran", async () => {
    const org = await makeOrganization("Resume Org");
    const position = await makeResultsPosition(org.id);
    const id = await makeResponseRow(
      org.id,
      position.positionId,
      position.versionId,
      "candidate",
      exampleCandidates().c03,
      {
        submitted: false,
      },
    );
    expect(await submitResponse(id, 0)).toEqual({ ok: true, revision: 1 });
    expect(await getCurrentScore(org.id, id)).toBeUndefined();

    server = await startServer({ port: PORT, databaseUrl: testDb.url(), buildDir: build!.dir, dataDir });
    // The server scores it in the background right after it starts; wait for the mark to go.
    for (;;) {
      const marks = await getDb()
        .selectFrom("scoring_jobs")
        .select("response_id")
        .where("response_id", "=", id)
        .execute();
      if (marks.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const score = await getCurrentScore(org.id, id);
    expect(score?.benchmark_id).toBe(position.benchmarkId);
    expect(server.log()).not.toContain("Could not resume scoring");
  }, 60_000);
});
