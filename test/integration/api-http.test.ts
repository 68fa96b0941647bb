// The public API through the production server (server.js, issue 20): nested resource routes resolve, a keyed POST
// from another origin passes the request guard (no cookie is read under /api/) while one without a key is refused,
// the body limit still holds, and the guard's refusals under /api/ are problem+json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../app/utils/request-guard.server";
import { onPostgres, withTestDatabase } from "../db";
import { makeApiKey } from "../factories-api";
import { makeOrganization, makeUser } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";
import { buildDirectory, freePort, startServer, stopServer, type ServerProcess } from "../server-process";

const testDb = withTestDatabase();

describe.skipIf(onPostgres)("the API behind server.js", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  let server: ServerProcess | undefined;
  let key = "";
  let positionId = "";
  let responseId = "";

  beforeAll(async () => {
    const org = await makeOrganization("HTTP API Org");
    const admin = await makeUser(org.id, "admin");
    const position = await makeResultsPosition(org.id);
    positionId = position.positionId;
    responseId = (await addCandidate(org.id, position, Object.values(exampleCandidates())[0], "c1")).responseId;
    key = (await makeApiKey(org.id, admin.id)).secret;
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-api-http-"));
    const port = await freePort();
    server = await startServer({ port, databaseUrl: `file:${testDb.file()}`, buildDir: build.dir, dataDir });
  }, 240_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const crossSite = { Origin: "https://ats.example", "Sec-Fetch-Site": "cross-site" };

  it("serves the nested resources as JSON with the RateLimit headers", async () => {
    const bearer = { Authorization: `Bearer ${key}` };
    const list = await fetch(`${server!.base}/api/v1/positions`, { headers: bearer });
    expect(list.status).toBe(200);
    expect(list.headers.get("content-type")).toMatch(/^application\/json/);
    expect(list.headers.get("ratelimit-limit")).toBe("600");
    expect(((await list.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toEqual([positionId]);
    const page = await fetch(`${server!.base}/api/v1/positions/${positionId}/results?limit=1`, { headers: bearer });
    expect(((await page.json()) as { data: { responseId: string }[] }).data.map((r) => r.responseId)).toEqual([
      responseId,
    ]);
    const report = await fetch(`${server!.base}/api/v1/positions/${positionId}/results/${responseId}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
    });
    expect(report.status).toBe(200);
    expect(((await report.json()) as { responseId: string }).responseId).toBe(responseId);
    const doc = await fetch(`${server!.base}/api/v1/openapi.json`);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("lets a keyed POST from another origin through, and refuses one without a key as problem+json", async () => {
    const url = `${server!.base}/api/v1/positions/${positionId}/invitations`;
    const body = JSON.stringify({ invitations: [{ name: "Ada" }] });
    const keyed = await fetch(url, {
      method: "POST",
      headers: { ...crossSite, Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body,
    });
    expect(keyed.status).toBe(201);
    const unkeyed = await fetch(url, {
      method: "POST",
      headers: { ...crossSite, "Content-Type": "application/json" },
      body,
    });
    expect(unkeyed.status).toBe(403);
    expect(unkeyed.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await unkeyed.json()).toMatchObject({ status: 403, detail: "Cross-site requests are not allowed." });
  });

  it("keeps the body limit for keyed calls (413 problem+json)", async () => {
    const tooLarge = await fetch(`${server!.base}/api/v1/positions/${positionId}/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: "x".repeat(MAX_BODY_BYTES + 1),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
