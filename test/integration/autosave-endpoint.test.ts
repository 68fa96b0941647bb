// The lean autosave (issue 19): `POST /r/autosave` answered by server.js in front of Remix, through the production
// server, with every guard of the page action's autosave: origin check, respondent session, revision, size cap,
// validation, database busy, tenant. The page's plain form post (no JavaScript) still works beside it. Also the
// bench's server-time recorder (BENCH_TIMING=1) and the pieces the endpoint's speed rests on.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../app/i18n/locales/en.json";
import { writeAnswersIfCurrent } from "../../app/models/answer-writes.server";
import { recordFirstPageView } from "../../app/models/page-views.server";
import { consentToInvitation, submitResponse } from "../../app/models/response.server";
import { action as autosaveRoute } from "../../app/routes/r.autosave";
import { pagesOf } from "../../app/models/respondent-input.server";
import { presentationOrder } from "../../app/scoring/presentation-order";
import { compiledQuery } from "../../app/utils/compiled-query.server";
import { getDb } from "../../app/utils/db.server";
import { MAX_BODY_BYTES } from "../../app/utils/request-guard.server";
import { onPostgres, withTestDatabase } from "../db";
import { invite, makeRecruiterWithPosition } from "../factories-answering";
import { makeResponseRow } from "../factories-benchmark";
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

type Respondent = { cookie: string; responseId: string; orgId: string };

describe("POST /r/autosave through server.js", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  let server: ServerProcess | undefined;
  let base = "";
  let first: { id: string; values: string[] };
  let setup: Awaited<ReturnType<typeof makeRecruiterWithPosition>>;

  beforeAll(async () => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-autosave-"));
    setup = await makeRecruiterWithPosition("Autosave Org");
    const [item] = presentationOrder(setup.q);
    first = {
      id: item.item.id,
      values:
        "options" in item.item
          ? item.item.options.map((o) => o.id)
          : [String(item.item.scale.min), String(item.item.scale.max)],
    };
    const databaseUrl = onPostgres ? testDb.url() : `file:${testDb.file()}`;
    server = await startServer({
      port: await freePort(),
      databaseUrl,
      buildDir: build.dir,
      dataDir,
      env: { BENCH_TIMING: "1" },
    });
    base = server.base;
  }, 300_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function respondent(orgSetup = setup, name = "Sam Saver"): Promise<Respondent> {
    const { token } = await invite(orgSetup.org.id, orgSetup.positionId, orgSetup.recruiter.id, "agent", { name });
    const consent = await postForm(base, `/i/${token}`, { consent: "yes" });
    expect(consent.status).toBe(302);
    const row = await getDb()
      .selectFrom("responses as r")
      .innerJoin("invitations as i", "i.id", "r.invitation_id")
      .select(["r.id"])
      .where("i.name", "=", name)
      .where("r.organization_id", "=", orgSetup.org.id)
      .executeTakeFirstOrThrow();
    return { cookie: cookieOf(consent), responseId: row.id, orgId: orgSetup.org.id };
  }

  const save = (who: Respondent | null, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}/r/autosave`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: base,
        ...(who ? { Cookie: who.cookie } : {}),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });

  const stored = (responseId: string) =>
    getDb()
      .selectFrom("responses")
      .select(["revision", "answers_json", "organization_id"])
      .where("id", "=", responseId)
      .executeTakeFirstOrThrow();

  it("saves one answer and answers the new revision as JSON, privately", async () => {
    const sam = await respondent();
    const res = await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({ ok: true, revision: 1 });
    const row = await stored(sam.responseId);
    expect(row.revision).toBe(1);
    const expected = /^\d+$/.test(first.values[0]) ? Number(first.values[0]) : first.values[0];
    expect(JSON.parse(row.answers_json)).toEqual({ [first.id]: expected });

    // the next save builds on revision 1; Origin: null with Sec-Fetch-Site: same-origin (a no-referrer page) passes
    const next = await save(
      sam,
      { intent: "autosave", itemId: first.id, value: first.values[1], baseRevision: "1" },
      { Origin: "null", "Sec-Fetch-Site": "same-origin" },
    );
    expect(await next.json()).toEqual({ ok: true, revision: 2 });
  });

  it("refuses a save based on an old revision with 409 'stale' and the current revision, changing nothing", async () => {
    const sam = await respondent(setup, "Stale Sam");
    expect(
      (await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" })).status,
    ).toBe(200);
    const before = await stored(sam.responseId);
    const res = await save(sam, { intent: "autosave", itemId: first.id, value: first.values[1], baseRevision: "0" });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      ok: false,
      conflict: "stale",
      message: en.page.conflict,
      revision: 1,
      values: {},
    });
    expect(await stored(sam.responseId)).toEqual(before);
  });

  it("refuses a save to a submitted response with 409 'submitted'", async () => {
    const sam = await respondent(setup, "Submitted Sam");
    expect((await submitResponse(sam.responseId, 0)).ok).toBe(true);
    const res = await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "1" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      ok: false,
      conflict: "submitted",
      message: en.page.alreadySubmitted,
      revision: 1,
    });
    expect(JSON.parse((await stored(sam.responseId)).answers_json)).toEqual({});
  });

  it("refuses an answer the question does not take, and an unreadable form, with 400 and the catalog's message", async () => {
    const sam = await respondent(setup, "Invalid Sam");
    const invalid = await save(sam, { intent: "autosave", itemId: first.id, value: "not-a-choice", baseRevision: "0" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ ok: false, message: en.page.invalidAnswer });
    const unknownItem = await save(sam, { intent: "autosave", itemId: "no-such-item", value: "3", baseRevision: "0" });
    expect(unknownItem.status).toBe(400);
    expect(await unknownItem.json()).toEqual({ ok: false, message: en.page.invalidAnswer });
    // unknown fields are refused (strict schema), and so is a field sent twice
    const extra = await save(sam, {
      intent: "autosave",
      itemId: first.id,
      value: first.values[0],
      baseRevision: "0",
      x: "1",
    });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toEqual({ ok: false, message: en.page.answerUnreadable });
    const twice = await fetch(`${base}/r/autosave`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: sam.cookie },
      body: `intent=autosave&itemId=${first.id}&value=${first.values[0]}&value=${first.values[1]}&baseRevision=0`,
    });
    expect(twice.status).toBe(400);
    const row = await stored(sam.responseId);
    expect(row.revision).toBe(0);
    expect(JSON.parse(row.answers_json)).toEqual({});
  });

  it("refuses a cross-site post with 403 before anything is read", async () => {
    const sam = await respondent(setup, "Cross Sam");
    const fields = { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" };
    const evil = await save(sam, fields, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toBe("Cross-site requests are not allowed.");
    const crossSite = await save(sam, fields, { Origin: "null", "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await stored(sam.responseId)).revision).toBe(0);
  });

  it("answers 401 without a live respondent session (no cookie, a forged one, a staff cookie)", async () => {
    const fields = { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" };
    const none = await save(null, fields);
    expect(none.status).toBe(401);
    expect(none.headers.get("cache-control")).toBe("no-store");
    expect(await none.json()).toMatchObject({ ok: false, message: expect.stringMatching(/invitation link again/) });
    const sam = await respondent(setup, "Forged Sam");
    const [name, value] = sam.cookie.split("=");
    const forged = await save({ ...sam, cookie: `${name}=${value.slice(0, -3)}abc` }, fields);
    expect(forged.status).toBe(401);
    expect((await save({ ...sam, cookie: setup.cookie }, fields)).status).toBe(401);
    expect((await stored(sam.responseId)).revision).toBe(0);
  });

  it("writes only the session's own response: another organization's response can't be named or written", async () => {
    const other = await makeRecruiterWithPosition("Other Autosave Org");
    const theirs = await respondent(other, "Other Org Olive");
    const sam = await respondent(setup, "Tenant Sam");
    // the body can't name a response: an extra responseId field is refused
    const named = await save(sam, {
      intent: "autosave",
      itemId: first.id,
      value: first.values[0],
      baseRevision: "0",
      responseId: theirs.responseId,
    });
    expect(named.status).toBe(400);
    expect(
      (await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" })).status,
    ).toBe(200);
    expect((await stored(sam.responseId)).revision).toBe(1);
    expect(await stored(theirs.responseId)).toMatchObject({ revision: 0, answers_json: "{}" });
    // the group-committed UPDATE itself filters by organization: the other organization's id with this response
    // (or this organization's id with theirs) writes nothing
    const at = new Date().toISOString();
    expect(
      await writeAnswersIfCurrent({
        organizationId: sam.orgId,
        responseId: theirs.responseId,
        baseRevision: 0,
        answersJson: '{"x":1}',
        updatedAt: at,
      }),
    ).toBe(false);
    expect(await stored(theirs.responseId)).toMatchObject({ revision: 0, answers_json: "{}" });
  });

  it("refuses a body over the limit with 413, declared or chunked, and keeps serving", async () => {
    const sam = await respondent(setup, "Big Sam");
    const big = "a".repeat(MAX_BODY_BYTES + 1);
    const declared = await save(sam, { intent: "autosave", itemId: first.id, value: big, baseRevision: "0" });
    expect(declared.status).toBe(413);
    // chunked: no Content-Length for the guard; the body limit stops the read at the first byte past the limit
    const chunked = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        new URL("/r/autosave", base),
        {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "Transfer-Encoding": "chunked",
            Origin: base,
            Cookie: sam.cookie,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          request.destroy();
        },
      );
      request.on("error", reject);
      request.write(`intent=autosave&itemId=${first.id}&baseRevision=0&value=`);
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += 64 * 1024) request.write(Buffer.alloc(64 * 1024, "a"));
      request.end();
    });
    expect(chunked).toBe(413);
    expect((await stored(sam.responseId)).revision).toBe(0);
    expect(
      (await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" })).status,
    ).toBe(200);
  });

  it.skipIf(onPostgres)(
    "answers 503 with Retry-After while the database is locked elsewhere, then saves",
    async () => {
      const sam = await respondent(setup, "Busy Sam");
      const other = new SQLite(testDb.file());
      other.exec("begin immediate");
      let busy: Response;
      try {
        busy = await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" });
      } finally {
        other.exec("rollback");
        other.close();
      }
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("5");
      expect(await busy.json()).toEqual({ ok: false, message: en.page.savingRetrying, retryAfterSeconds: 5 });
      const res = await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" });
      expect(await res.json()).toEqual({ ok: true, revision: 1 });
    },
    30_000,
  );

  it("leaves the plain page post (no JavaScript) as it was: all answers of the page, then the next page", async () => {
    const sam = await respondent(setup, "Plain Sam");
    const ids = pagesOf(setup.q)[0];
    const items = new Map(presentationOrder(setup.q).map((p) => [p.item.id, p.item]));
    const fields: Record<string, string> = { intent: "next", baseRevision: "0" };
    for (const id of ids) {
      const item = items.get(id)!;
      fields[`a:${id}`] = "options" in item ? item.options[0].id : String(item.scale.min);
    }
    const res = await postForm(base, "/r/1", fields, sam.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/r/2");
    const row = await stored(sam.responseId);
    expect(row.revision).toBe(1);
    expect(Object.keys(JSON.parse(row.answers_json)).sort()).toEqual([...ids].sort());
  });

  it("records each request's server time for the bench (BENCH_TIMING=1), read once from the loopback interface", async () => {
    await fetch(`${base}/__bench/server-times`); // empties what the tests above left
    const sam = await respondent(setup, "Timed Sam");
    await save(sam, { intent: "autosave", itemId: first.id, value: first.values[0], baseRevision: "0" });
    const read = await fetch(`${base}/__bench/server-times`);
    expect(read.headers.get("cache-control")).toBe("no-store");
    const { entries, dropped } = (await read.json()) as {
      entries: [string, string, number, number][];
      dropped: number;
    };
    expect(dropped).toBe(0);
    // the consent post and the save, in the order they finished; the read itself is not recorded
    expect(
      entries.map(([method, pathname, status]) => [method, pathname.replace(/^\/i\/.+/, "/i/<token>"), status]),
    ).toEqual([
      ["POST", "/i/<token>", 302],
      ["POST", "/r/autosave", 200],
    ]);
    for (const [, , , ms] of entries) expect(ms).toBeGreaterThan(0);
    const again = (await (await fetch(`${base}/__bench/server-times`)).json()) as { entries: unknown[] };
    expect(again.entries).toEqual([]);
  });
});

describe("the resource route r.autosave.ts (where Remix sees the path: npm run dev)", () => {
  it("answers as server.js does: the save and its revision, then 409 on the old revision, 401 without a session", async () => {
    const { org, recruiter, positionId, q } = await makeRecruiterWithPosition("Resource Route Org");
    const { token } = await invite(org.id, positionId, recruiter.id, "agent", { name: "Rita Route" });
    const consent = await consentToInvitation(token);
    if (!consent.ok) throw new Error("consent failed");
    const cookie = consent.setCookie.split(";")[0];
    const [first] = presentationOrder(q);
    const value = "options" in first.item ? first.item.options[0].id : String(first.item.scale.min);
    const post = (headers: Record<string, string>) =>
      autosaveRoute({
        request: new Request("http://localhost/r/autosave", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
          body: new URLSearchParams({ intent: "autosave", itemId: first.item.id, value, baseRevision: "0" }),
        }),
        params: {},
        context: {},
      });
    const saved = await post({ Cookie: cookie });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("Cache-Control")).toBe("no-store");
    expect(await saved.json()).toEqual({ ok: true, revision: 1 });
    const stale = await post({ Cookie: cookie });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ conflict: "stale", revision: 1 });
    expect((await post({})).status).toBe(401);
  });
});

describe("what the endpoint's speed rests on", () => {
  it("compiledQuery runs its compiled text with each call's values, and refuses a query that drops a parameter", async () => {
    const { org } = await makeRecruiterWithPosition("Compiled Org");
    const orgName = compiledQuery(["id"], (db, p) =>
      db.selectFrom("organizations").select("name").where("id", "=", p.id),
    );
    expect((await orgName(getDb(), { id: org.id })).rows).toEqual([{ name: "Compiled Org" }]);
    expect((await orgName(getDb(), { id: "no-such-org" })).rows).toEqual([]);
    const dropsOne = compiledQuery(["id", "name"], (db, p) =>
      db.selectFrom("organizations").select("name").where("id", "=", p.id),
    );
    await expect(dropsOne(getDb(), { id: org.id, name: "x" })).rejects.toThrow('the parameter "name" is not used');
  });

  it("a page's first view is written once; a repeat view costs no write", async () => {
    const { org, versionId, positionId } = await makeRecruiterWithPosition("Views Org");
    const responseId = await makeResponseRow(org.id, positionId, versionId, "agent", {}, { submitted: false });
    const views = () =>
      getDb()
        .selectFrom("response_page_views")
        .select(["page", "first_viewed_at"])
        .where("response_id", "=", responseId)
        .orderBy("page")
        .execute();
    await recordFirstPageView(org.id, responseId, 0, new Date("2026-12-05T10:00:00Z"));
    expect(await views()).toEqual([{ page: 0, first_viewed_at: "2026-12-05T10:00:00.000Z" }]);
    // taken away behind the process's back, the row is not written again: the repeat view did not touch the database
    await getDb().deleteFrom("response_page_views").where("response_id", "=", responseId).execute();
    await recordFirstPageView(org.id, responseId, 0, new Date("2026-12-05T10:05:00Z"));
    expect(await views()).toEqual([]);
    await recordFirstPageView(org.id, responseId, 1, new Date("2026-12-05T10:06:00Z"));
    expect(await views()).toEqual([{ page: 1, first_viewed_at: "2026-12-05T10:06:00.000Z" }]);
  });
});
