// First run through the production server (issue 15, item 5): `node server.js` on a database without staff accounts
// prints the one-time /setup link; the link sets up the first organization and admin over HTTP, once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres, withTestDatabase } from "../db";
import {
  buildDirectory,
  cookieOf,
  freePort,
  postForm,
  startServer,
  stopServer,
  type ServerProcess,
} from "../server-process";

const testDb = withTestDatabase();

async function printedSetupLink(server: ServerProcess): Promise<URL> {
  // printed once the server listens; startServer returns when it answers, so it is (about to be) in the log
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.log()}`);
    const m = /(http\S+\/setup\?token=[A-Za-z0-9_-]+)/.exec(server.log());
    if (m) return new URL(m[1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(onPostgres)("first run of the production server", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  let server: ServerProcess | undefined;

  beforeAll(() => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-first-run-"));
  }, 240_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints a one-time /setup link at start; it creates the first admin over HTTP, then /setup is gone", async () => {
    const port = await freePort();
    server = await startServer({ port, databaseUrl: `file:${testDb.file()}`, buildDir: build!.dir, dataDir });
    const link = await printedSetupLink(server);
    expect(link.origin).toBe(server.base); // PUBLIC_URL
    const token = link.searchParams.get("token")!;

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Set up valuebench");
    expect(html).toContain("Create organization and log in");

    const fields = {
      token,
      organizationName: "Tailspin Support",
      name: "Tess Admin",
      email: "tess@tailspin.example",
      password: "a long first password",
    };
    const crossSite = await fetch(`${server.base}/setup`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams(fields).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect(await testDb.db().selectFrom("users").select("id").execute()).toEqual([]);

    const created = await postForm(server.base, "/setup", fields);
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/app");
    const dashboard = await fetch(`${server.base}/app`, { headers: { Cookie: cookieOf(created) } });
    expect(dashboard.status).toBe(200);
    const staffPage = (await dashboard.text()).replace(/<!-- -->/g, "");
    expect(staffPage).toContain("Tess Admin · Tailspin Support (admin)");
    expect(staffPage).not.toContain("Demo organization");

    expect((await fetch(link)).status).toBe(404);
    expect((await postForm(server.base, "/setup", { ...fields, email: "again@tailspin.example" })).status).toBe(404);
    const users = await testDb.db().selectFrom("users").select(["email", "role"]).execute();
    expect(users).toEqual([{ email: "tess@tailspin.example", role: "admin" }]);
  }, 120_000);
});
