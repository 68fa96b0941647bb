// Two production servers on one PostgreSQL database share sessions and autosave revisions (issue 10).
// Runs in the "postgres" Vitest project only (TEST_POSTGRES_URL set); uses build/ when it is newer than app/,
// otherwise builds into a temporary directory first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presentationOrder } from "../../app/scoring/presentation-order";
import { getDb } from "../../app/utils/db.server";
import { onPostgres, withTestDatabase } from "../db";
import { TEST_PASSWORD, makeUser } from "../factories";
import { invite, makeRecruiterWithPosition } from "../factories-answering";
import {
  buildDirectory,
  cookieOf,
  postForm as post,
  startServer,
  stopServer,
  type ServerProcess,
} from "../server-process";

const PORTS = [3301, 3302] as const;
const SESSION_SECRET = "two-instances-test-secret-0123456789abcdef";

const testDb = withTestDatabase();

describe.skipIf(!onPostgres)("two app instances on one PostgreSQL database", () => {
  const servers: ServerProcess[] = [];
  let bases: string[] = [];
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-two-instances-"));
    for (const [i, port] of PORTS.entries()) {
      servers.push(
        await startServer({
          port,
          databaseUrl: testDb.url(),
          buildDir: build.dir,
          dataDir: path.join(dataDir, `instance-${i + 1}`),
          sessionSecret: SESSION_SECRET,
        }),
      );
    }
    bases = servers.map((server) => server.base);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => stopServer(server)));
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("accepts a session created on one instance on the other, and a logout on either ends it", async () => {
    const { org } = await makeRecruiterWithPosition("Two Instances Org");
    const user = await makeUser(org.id, "admin");
    const [first, second] = bases;

    const anonymous = await fetch(`${second}/app`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);

    const login = await post(first, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/app" });
    expect(login.status).toBe(302);
    const cookie = cookieOf(login);

    const onSecond = await fetch(`${second}/app`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onSecond.status).toBe(200);
    expect(await onSecond.text()).toContain("Two Instances Org");

    const logout = await post(second, "/logout", {}, cookie);
    expect([302, 303]).toContain(logout.status);
    const afterLogout = await fetch(`${first}/app`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(afterLogout.status).toBe(302);
    expect(afterLogout.headers.get("location")).toMatch(/^\/login/);
  });

  it("counts failed logins on both instances towards one account limit", async () => {
    const { org } = await makeRecruiterWithPosition("Throttle Org");
    const user = await makeUser(org.id, "recruiter");
    // 5 failures per account (login-throttle.server.ts), spread over the two instances.
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await post(bases[attempt % 2], "/login", {
        email: user.email,
        password: "wrong password",
        redirectTo: "/app",
      });
      expect(res.status).toBe(401);
    }
    const blocked = await post(bases[1], "/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/app" });
    expect(blocked.status).toBe(429);
  });

  it("keeps revision order across instances: one of the concurrent autosaves on a revision wins, the rest get 409", async () => {
    const { org, recruiter, positionId, q } = await makeRecruiterWithPosition("Autosave Org");
    const { token, invitationId } = await invite(org.id, positionId, recruiter.id, "agent");
    const [first, second] = bases;

    const consent = await post(first, `/i/${token}`, { consent: "yes" });
    expect(consent.status).toBe(302);
    const respondentCookie = cookieOf(consent);

    // Every question with an answer it accepts; each save below answers a different question exactly once.
    const answerable = presentationOrder(q).map(({ item }) => ({
      id: item.id,
      value: "options" in item ? item.options[0].id : String(item.scale.max),
    }));
    const perRound = 3; // first, second, first: all based on the same revision
    const rounds = Math.min(8, Math.floor(answerable.length / perRound));
    expect(rounds).toBeGreaterThanOrEqual(4);

    const acknowledged: { id: string; value: string; base: number }[] = [];
    const refused: string[] = [];
    let revision = 0;
    for (let round = 0; round < rounds; round++) {
      const saves = answerable.slice(round * perRound, (round + 1) * perRound);
      // The page's autosave: POST /r/autosave with intent, itemId, value and the revision it was based on.
      const statuses = await Promise.all(
        saves.map(async (save, i) => {
          const res = await post(
            i % 2 === 0 ? first : second,
            "/r/autosave",
            { intent: "autosave", itemId: save.id, value: save.value, baseRevision: String(revision) },
            respondentCookie,
          );
          await res.arrayBuffer();
          return res.status;
        }),
      );
      for (const status of statuses) expect([200, 409]).toContain(status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      saves.forEach((save, i) => {
        if (statuses[i] === 200) acknowledged.push({ ...save, base: revision });
        else refused.push(save.id);
      });
      revision += 1;
    }

    const stored = await getDb()
      .selectFrom("responses")
      .select(["revision", "answers_json"])
      .where("invitation_id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(stored.revision).toBe(rounds);
    expect(acknowledged.map((a) => a.base)).toEqual([...Array(rounds).keys()]);
    const answers = JSON.parse(stored.answers_json) as Record<string, string | number>;
    // Every acknowledged save is there, nothing that was refused is.
    expect(Object.keys(answers).sort()).toEqual(acknowledged.map((a) => a.id).sort());
    for (const save of acknowledged) expect(String(answers[save.id])).toBe(save.value);
    expect(refused).toHaveLength(rounds * (perRound - 1));

    // A save on an old revision sent to either instance is refused and changes nothing.
    const stale = await post(
      second,
      "/r/autosave",
      { intent: "autosave", itemId: refused[0], value: "1", baseRevision: "0" },
      respondentCookie,
    );
    expect(stale.status).toBe(409);
  });
});
