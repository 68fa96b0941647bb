import { describe, expect, it } from "vitest";
import { action as inviteAction, loader as inviteLoader } from "../../app/routes/i.$token";
import { loader as resumeLoader } from "../../app/routes/r._index";
import { action as pageAction, loader as pageLoader } from "../../app/routes/r.$page";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/r.review";
import { action as doneAction, loader as doneLoader } from "../../app/routes/r.done";
import { INVITE_POSTS_PER_WINDOW } from "../../app/models/login-throttle.server";
import { saveAnswers, submitResponse } from "../../app/models/response.server";
import { getDb } from "../../app/utils/db.server";
import { checkIncomingRequest } from "../../app/utils/request-guard.server";
import { withTestDatabase } from "../db";
import { getRequest, outcome, postForm } from "../factories";
import { cookiePair, countRows, dumpDatabase, invite, makeRecruiterWithPosition } from "../factories-answering";

withTestDatabase();

let ipCounter = 0;
/** Each consent comes from its own address unless a test says otherwise (the consent POST is rate-limited per IP). */
function ctx(ip?: string) {
  ipCounter += 1;
  return { clientIp: ip ?? `10.0.0.${ipCounter}` };
}

async function consent(token: string, fields: Record<string, string> = { consent: "yes" }, ip?: string) {
  return outcome(() => inviteAction({ request: postForm(`/i/${token}`, fields), params: { token }, context: ctx(ip) }));
}

async function startAnswering(kind: "agent" | "candidate" = "agent") {
  const setup = await makeRecruiterWithPosition();
  const inv = await invite(setup.org.id, setup.positionId, setup.recruiter.id, kind, { name: "Robin Respondent" });
  const res = await consent(inv.token);
  const cookie = cookiePair(res.headers.get("Set-Cookie"));
  const response = await getDb()
    .selectFrom("responses")
    .selectAll()
    .where("invitation_id", "=", inv.invitationId)
    .executeTakeFirstOrThrow();
  return { ...setup, ...inv, cookie, responseId: response.id };
}

function loadPage(page: number, cookie: string) {
  return outcome(() =>
    pageLoader({ request: getRequest(`/r/${page}`, cookie), params: { page: String(page) }, context: {} }),
  );
}

function postPage(page: number, cookie: string, fields: Record<string, string>) {
  return outcome(() =>
    pageAction({ request: postForm(`/r/${page}`, fields, cookie), params: { page: String(page) }, context: {} }),
  );
}

function autosave(cookie: string, itemId: string, value: string, baseRevision: number, page = 1) {
  return postPage(page, cookie, { intent: "autosave", itemId, value, baseRevision: String(baseRevision) });
}

async function responseRow(id: string) {
  return getDb().selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

const PAGE_1 = ["emp-01", "pat-01", "pace-01", "emp-02", "pat-02", "pace-02", "emp-03", "pat-03"];
const PAGE_2 = ["att-01", "pace-03", "emp-04", "pat-04", "pace-04", "emp-r1", "pat-s1", "emp-s1"];

describe("the invitation page", () => {
  it("GET changes nothing in the database and explains who asks, why and for how long", async () => {
    const { org, positionId, recruiter } = await makeRecruiterWithPosition("Acme Care");
    const { token } = await invite(org.id, positionId, recruiter.id, "candidate", { name: "Casey" });
    const before = await dumpDatabase();
    const res = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${token}`), params: { token }, context: {} }),
    );
    const again = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${token}`), params: { token }, context: {} }),
    );
    expect(await dumpDatabase()).toBe(before);
    expect(res.status).toBe(200);
    expect(again.status).toBe(200);
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.data).toMatchObject({
      kind: "candidate",
      name: "Casey",
      organizationName: "Acme Care",
      positionTitle: "Support agent",
      valueNames: ["Empathy", "Patience", "Pace"],
      itemCount: 16,
      retentionDays: 365,
      started: false,
    });
    // 12 likert + 1 rating + 1 attention item at 8 s (112 s) + 2 scenarios at 25 s (50 s) = 162 s -> 3 minutes.
    expect((res.data as { estimatedMinutes: number }).estimatedMinutes).toBe(3);
    expect(JSON.stringify(res.data)).not.toContain(token);
  });

  it("consent is required: without the checkbox nothing is created", async () => {
    const { org, positionId, recruiter } = await makeRecruiterWithPosition();
    const { token } = await invite(org.id, positionId, recruiter.id);
    const before = await countRows("responses");
    const res = await consent(token, {});
    expect(res.status).toBe(400);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(await countRows("responses")).toBe(before);
    expect(await countRows("respondent_sessions")).toBe(0);
  });

  it("consent sets an HttpOnly SameSite=Lax cookie and redirects to /r without the token", async () => {
    const { org, positionId, recruiter, versionId } = await makeRecruiterWithPosition();
    const { token, invitationId } = await invite(org.id, positionId, recruiter.id, "candidate", { name: "Kim" });
    const res = await consent(token);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/r");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^vb_respondent=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toContain(token);
    const responses = await getDb()
      .selectFrom("responses")
      .selectAll()
      .where("invitation_id", "=", invitationId)
      .execute();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      kind: "candidate",
      respondent_label: "Kim",
      questionnaire_version_id: versionId,
      source: "web",
      revision: 0,
      submitted_at: null,
    });
    expect(responses[0].consent_at).not.toBeNull();
    const sessions = await getDb()
      .selectFrom("respondent_sessions")
      .selectAll()
      .where("response_id", "=", responses[0].id)
      .execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("one response per token: consenting again (another device) resumes the same response", async () => {
    const s = await startAnswering();
    const saved = await autosave(s.cookie, "emp-01", "4", 0);
    expect(saved.status).toBe(200);
    const again = await consent(s.token);
    expect(again.status).toBe(302);
    const secondCookie = cookiePair(again.headers.get("Set-Cookie"));
    expect(secondCookie).not.toBe(s.cookie);
    const responses = await getDb()
      .selectFrom("responses")
      .select("id")
      .where("invitation_id", "=", s.invitationId)
      .execute();
    expect(responses).toEqual([{ id: s.responseId }]);
    // Both devices see the same answers; page 1 still has unanswered items, so /r resumes there.
    const resumed = await outcome(() =>
      resumeLoader({ request: getRequest("/r", secondCookie), params: {}, context: {} }),
    );
    expect(resumed.location).toBe("/r/1");
    const page = await loadPage(1, secondCookie);
    const questions = (page.data as { questions: { id: string; value: unknown }[] }).questions;
    expect(questions.find((q) => q.id === "emp-01")?.value).toBe(4);
  });

  it("rate-limits consent POSTs per address", async () => {
    const { org, positionId, recruiter } = await makeRecruiterWithPosition();
    const { token } = await invite(org.id, positionId, recruiter.id);
    for (let i = 0; i < INVITE_POSTS_PER_WINDOW; i++) expect((await consent(token, {}, "192.0.2.7")).status).toBe(400);
    expect((await consent(token, { consent: "yes" }, "192.0.2.7")).status).toBe(429);
    expect((await consent(token, { consent: "yes" }, "192.0.2.8")).status).toBe(302);
  });
});

describe("answering", () => {
  it("pages hold at most 8 items in the interleaved order, with a progress count", async () => {
    const s = await startAnswering();
    const first = await loadPage(1, s.cookie);
    const data1 = first.data as { page: number; pageCount: number; questions: { id: string }[] };
    expect(data1.page).toBe(1);
    expect(data1.pageCount).toBe(2);
    expect(data1.questions.map((q) => q.id)).toEqual(PAGE_1);
    const second = await loadPage(2, s.cookie);
    expect((second.data as { questions: { id: string }[] }).questions.map((q) => q.id)).toEqual(PAGE_2);
    expect((await loadPage(3, s.cookie)).status).toBe(404);
    expect(first.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it("without a respondent cookie the pages answer 401", async () => {
    expect((await loadPage(1, "vb_respondent=nonsense")).status).toBe(401);
    const res = await outcome(() => resumeLoader({ request: getRequest("/r"), params: {}, context: {} }));
    expect(res.status).toBe(401);
  });

  it("autosave increments the revision; a stale revision gets 409 and changes nothing", async () => {
    const s = await startAnswering();
    const first = await autosave(s.cookie, "emp-01", "5", 0);
    expect(first).toMatchObject({ status: 200, data: { ok: true, revision: 1 } });
    const second = await autosave(s.cookie, "pat-01", "2", 1);
    expect(second).toMatchObject({ status: 200, data: { ok: true, revision: 2 } });
    const stale = await autosave(s.cookie, "emp-01", "1", 1);
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ ok: false, conflict: "stale", revision: 2 });
    expect((stale.data as { message: string }).message).toContain("changed in another tab or device");
    const row = await responseRow(s.responseId);
    expect(row.revision).toBe(2);
    expect(JSON.parse(row.answers_json)).toEqual({ "emp-01": 5, "pat-01": 2 });
  });

  it("refuses answers outside the item's scale or options, and clears an answer with an empty value", async () => {
    const s = await startAnswering();
    expect((await autosave(s.cookie, "emp-01", "6", 0)).status).toBe(400);
    expect((await autosave(s.cookie, "emp-s1", "z", 0)).status).toBe(400);
    expect((await autosave(s.cookie, "nope", "1", 0)).status).toBe(400);
    expect((await autosave(s.cookie, "emp-r1", "10", 0)).status).toBe(200);
    expect((await autosave(s.cookie, "emp-s1", "b", 1)).status).toBe(200);
    expect((await autosave(s.cookie, "emp-r1", "", 2)).status).toBe(200);
    const row = await responseRow(s.responseId);
    expect(JSON.parse(row.answers_json)).toEqual({ "emp-s1": "b" });
    expect(row.revision).toBe(3);
  });

  it("the plain form post saves the whole page, records the page time and moves on", async () => {
    const s = await startAnswering();
    expect((await loadPage(1, s.cookie)).status).toBe(200); // the server's first view of page 1
    const fields: Record<string, string> = {
      intent: "next",
      baseRevision: "0",
      renderedAt: String(Date.now() - 30_000),
    };
    PAGE_1.forEach((id, i) => (fields[`a:${id}`] = String((i % 5) + 1)));
    const res = await postPage(1, s.cookie, fields);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/r/2");
    const row = await responseRow(s.responseId);
    expect(row.revision).toBe(1);
    expect(Object.keys(JSON.parse(row.answers_json)).sort()).toEqual([...PAGE_1].sort());
    const times = JSON.parse(row.page_times_json) as Record<string, number>;
    // Measured from the server's first view of the page, not from the renderedAt the post claims (30 s ago).
    expect(Object.keys(times)).toEqual(["0"]);
    expect(times["0"]).toBeGreaterThanOrEqual(0);
    expect(times["0"]).toBeLessThan(30_000);

    // A stale page post is refused with 409 and hands back what was posted, so nothing on screen is lost.
    const stale = await postPage(2, s.cookie, {
      intent: "review",
      baseRevision: "0",
      renderedAt: String(Date.now()),
      "a:att-01": "4",
    });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ conflict: "stale", values: { "att-01": "4" } });
    // Answers of another page are not accepted on this one.
    const foreign = await postPage(2, s.cookie, {
      intent: "review",
      baseRevision: "1",
      renderedAt: "0",
      "a:emp-01": "4",
    });
    expect(foreign.status).toBe(400);
    // Resume goes to the first page with an unanswered item.
    const resumed = await outcome(() => resumeLoader({ request: getRequest("/r", s.cookie), params: {}, context: {} }));
    expect(resumed.location).toBe("/r/2");
    const back = await postPage(2, s.cookie, {
      intent: "back",
      baseRevision: "1",
      renderedAt: String(Date.now()),
      "a:att-01": "4",
    });
    expect(back.location).toBe("/r/1");
  });

  it("review lists unanswered items; submit makes the response read-only (409 on any later change)", async () => {
    const s = await startAnswering();
    await saveAnswers(s.responseId, 0, Object.fromEntries(PAGE_1.map((id) => [id, 3])));
    const review = await outcome(() =>
      reviewLoader({ request: getRequest("/r/review", s.cookie), params: {}, context: {} }),
    );
    const unanswered = (review.data as { unanswered: { page: number; items: { id: string }[] }[] }).unanswered;
    expect(unanswered).toEqual([{ page: 2, items: PAGE_2.map((id) => expect.objectContaining({ id })) }]);

    const stale = await outcome(() =>
      reviewAction({
        request: postForm("/r/review", { intent: "submit", baseRevision: "0" }, s.cookie),
        params: {},
        context: {},
      }),
    );
    expect(stale.status).toBe(409);
    const submitted = await outcome(() =>
      reviewAction({
        request: postForm("/r/review", { intent: "submit", baseRevision: "1" }, s.cookie),
        params: {},
        context: {},
      }),
    );
    expect(submitted.status).toBe(302);
    expect(submitted.location).toBe("/r/done");
    const row = await responseRow(s.responseId);
    expect(row.submitted_at).not.toBeNull();
    expect(row.revision).toBe(2);

    const late = await autosave(s.cookie, "att-01", "4", 2, 2);
    expect(late.status).toBe(409);
    expect(late.data).toMatchObject({ conflict: "submitted" });
    expect(await saveAnswers(s.responseId, 2, { "att-01": 4 })).toMatchObject({
      ok: false,
      status: 409,
      reason: "submitted",
    });
    expect(await submitResponse(s.responseId, 2)).toMatchObject({ ok: false, status: 409, reason: "submitted" });
    const unchanged = await responseRow(s.responseId);
    expect(unchanged.answers_json).toBe(row.answers_json);
    expect(unchanged.revision).toBe(2);
    // Pages now lead to the thank-you page; the link can still be opened and shows that it is done.
    expect((await loadPage(1, s.cookie)).location).toBe("/r/done");
    const link = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${s.token}`), params: { token: s.token }, context: {} }),
    );
    expect(link.data).toMatchObject({ alreadySubmitted: true });
    const done = await outcome(() => doneLoader({ request: getRequest("/r/done", s.cookie), params: {}, context: {} }));
    expect(done.data).toMatchObject({ kind: "agent", name: "Robin Respondent", options: null });
    // Agents get no self-identification form.
    const demo = await outcome(() =>
      doneAction({ request: postForm("/r/done", { gender: "woman" }, s.cookie), params: {}, context: {} }),
    );
    expect(demo.status).toBe(404);
  });

  it("candidates see the values assessed and may answer the voluntary self-identification form", async () => {
    const s = await startAnswering("candidate");
    expect((await submitResponse(s.responseId, 0)).ok).toBe(true);
    const done = await outcome(() => doneLoader({ request: getRequest("/r/done", s.cookie), params: {}, context: {} }));
    expect(done.data).toMatchObject({
      kind: "candidate",
      values: [
        expect.objectContaining({ name: "Empathy" }),
        expect.objectContaining({ name: "Patience" }),
        expect.objectContaining({ name: "Pace" }),
      ],
      demographicsGiven: false,
    });
    const bad = await outcome(() =>
      doneAction({ request: postForm("/r/done", { gender: "robot" }, s.cookie), params: {}, context: {} }),
    );
    expect(bad.status).toBe(400);
    const empty = await outcome(() =>
      doneAction({ request: postForm("/r/done", {}, s.cookie), params: {}, context: {} }),
    );
    expect(empty.status).toBe(200);
    const some = await outcome(() =>
      doneAction({
        request: postForm("/r/done", { gender: "prefer-not-to-say", ageBand: "25-34" }, s.cookie),
        params: {},
        context: {},
      }),
    );
    expect(some.status).toBe(200);
    const rows = await getDb().selectFrom("demographics").selectAll().where("response_id", "=", s.responseId).execute();
    expect(rows).toEqual([
      expect.objectContaining({
        organization_id: s.org.id,
        gender: "prefer-not-to-say",
        age_band: "25-34",
        ethnicity: null,
      }),
    ]);
  });

  it("a page of an unsubmitted response cannot be reached after the link is revoked (session ends)", async () => {
    const s = await startAnswering();
    await getDb()
      .updateTable("invitations")
      .set({ revoked_at: new Date().toISOString() })
      .where("id", "=", s.invitationId)
      .execute();
    expect((await autosave(s.cookie, "emp-01", "4", 0)).status).toBe(401);
  });
});

describe("posting from a no-referrer page", () => {
  const base = { method: "POST", host: "localhost:3000", contentLength: "10" };
  it("accepts Origin: null when the browser says the request is same-origin, and nothing else", () => {
    // Browsers send `Origin: null` for form posts from pages with Referrer-Policy: no-referrer.
    expect(checkIncomingRequest({ ...base, origin: "null", secFetchSite: "same-origin" })).toEqual({ ok: true });
    expect(checkIncomingRequest({ ...base, origin: "null", secFetchSite: undefined })).toMatchObject({ status: 403 });
    expect(checkIncomingRequest({ ...base, origin: "null", secFetchSite: "cross-site" })).toMatchObject({
      status: 403,
    });
    expect(checkIncomingRequest({ ...base, origin: "null", secFetchSite: "same-site" })).toMatchObject({ status: 403 });
  });
});
