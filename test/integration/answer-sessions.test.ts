// Issue 15: a replaced link ends the answering sessions opened with it (item 6), and page times come from the server's
// first view of each page, never from a value the browser posts (item 7).
import { afterEach, describe, expect, it, vi } from "vitest";
import { action as overviewAction } from "../../app/routes/app.positions.$positionId._index";
import { action as inviteAction } from "../../app/routes/i.$token";
import { action as pageAction, loader as pageLoader } from "../../app/routes/r.$page";
import { action as reviewAction } from "../../app/routes/r.review";
import { exportCandidateData } from "../../app/models/privacy.server";
import { getCurrentScore } from "../../app/models/score.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { cookiePair, invite, makeRecruiterWithPosition, ORIGIN } from "../factories-answering";
import { exampleCandidates, makeResultsPosition } from "../factories-results";
import { makeOrganization } from "../factories";

withTestDatabase();

let ipCounter = 0;
async function consent(token: string) {
  ipCounter += 1;
  const res = await outcome(() =>
    inviteAction({
      request: postForm(`/i/${token}`, { consent: "yes" }),
      params: { token },
      context: { clientIp: `10.9.0.${ipCounter}` },
    }),
  );
  expect(res.status).toBe(302);
  return cookiePair(res.headers.get("Set-Cookie"));
}

function overview(positionId: string, cookie: string, fields: Record<string, string>) {
  const request = postForm(`/app/positions/${positionId}`, fields, cookie);
  return outcome(() => overviewAction({ request, params: { positionId }, context: {} }));
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

function autosave(cookie: string, itemId: string, value: string, baseRevision: number) {
  return postPage(1, cookie, { intent: "autosave", itemId, value, baseRevision: String(baseRevision) });
}

async function responseOf(invitationId: string) {
  return getDb()
    .selectFrom("responses")
    .selectAll()
    .where("invitation_id", "=", invitationId)
    .executeTakeFirstOrThrow();
}

describe("replacing a link (“New link”)", () => {
  it("ends the answering session opened with the old link, as revoking does", async () => {
    const { org, recruiter, cookie, positionId } = await makeRecruiterWithPosition("Relink Org");
    const first = await invite(org.id, positionId, recruiter.id, "candidate", { name: "Old Link" });
    const oldSession = await consent(first.token);
    expect((await autosave(oldSession, "emp-01", "4", 0)).status).toBe(200);

    const resent = await overview(positionId, cookie, { intent: "resend", invitationId: first.invitationId });
    expect(resent.status).toBe(200);
    const refused = await autosave(oldSession, "emp-01", "5", 1);
    expect(refused.status).toBe(401);
    expect((await loadPage(1, oldSession)).status).toBe(401);

    // The same answer as for a session of a revoked link.
    const other = await invite(org.id, positionId, recruiter.id, "candidate", { name: "Revoked Link" });
    const revokedSession = await consent(other.token);
    expect((await overview(positionId, cookie, { intent: "revoke", invitationId: other.invitationId })).status).toBe(
      200,
    );
    const revoked = await autosave(revokedSession, "emp-01", "5", 0);
    expect(revoked.status).toBe(401);
    expect(refused.data).toEqual(revoked.data);

    // The answer saved before stays, and the new link opens the same response.
    const [issued] = (resent.data as { issued: { link: string }[] }).issued;
    const newSession = await consent(issued.link.slice(`${ORIGIN}/i/`.length));
    expect((await autosave(newSession, "pat-01", "3", 1)).status).toBe(200);
    expect(JSON.parse((await responseOf(first.invitationId)).answers_json)).toEqual({ "emp-01": 4, "pat-01": 3 });
  });
});

const PAGE_1 = ["emp-01", "pat-01", "pace-01", "emp-02", "pat-02", "pace-02", "emp-03", "pat-03"];
const T0 = Date.parse("2026-12-05T10:00:00.000Z");

describe("page times measured by the server", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function at(ms: number) {
    vi.setSystemTime(new Date(T0 + ms));
  }

  it("counts a page's time from its first view; a posted renderedAt (forged or missing) changes nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const { org, recruiter, positionId } = await makeRecruiterWithPosition("Timing Org");
    const { token, invitationId } = await invite(org.id, positionId, recruiter.id, "candidate");
    const cookie = await consent(token);

    const page = await loadPage(1, cookie); // first view at T0
    expect(page.status).toBe(200);
    expect(page.data).not.toHaveProperty("renderedAt");
    at(5_000);
    expect((await loadPage(1, cookie)).status).toBe(200); // a later view is not a new start

    // 30 s after the first view; the page claims it was rendered an hour ago.
    at(30_000);
    const fields: Record<string, string> = { intent: "next", baseRevision: "0", renderedAt: String(T0 - 3_600_000) };
    PAGE_1.forEach((id) => (fields[`a:${id}`] = "3"));
    expect((await postPage(1, cookie, fields)).location).toBe("/r/2");
    expect(JSON.parse((await responseOf(invitationId)).page_times_json)).toEqual({ "0": 30_000 });

    // Posted again 12 s later with no renderedAt at all: first view to this post, 42 s.
    at(42_000);
    const again = { ...fields, baseRevision: "1" };
    delete (again as Record<string, string>).renderedAt;
    expect((await postPage(1, cookie, again)).location).toBe("/r/2");
    expect(JSON.parse((await responseOf(invitationId)).page_times_json)).toEqual({ "0": 42_000 });

    // A page the server never served gets no time, whatever the post claims.
    at(50_000);
    const unseen = await postPage(2, cookie, {
      intent: "back",
      baseRevision: "2",
      renderedAt: String(T0 - 600_000),
      "a:att-01": "4",
    });
    expect(unseen.location).toBe("/r/1");
    const stored = await getDb()
      .selectFrom("response_page_views")
      .select(["page", "first_viewed_at"])
      .where("response_id", "=", (await responseOf(invitationId)).id)
      .execute();
    expect(stored).toEqual([{ page: 0, first_viewed_at: new Date(T0).toISOString() }]);
    expect(JSON.parse((await responseOf(invitationId)).page_times_json)).toEqual({ "0": 42_000 });
    // The candidate's data export carries the first views too.
    const exported = await exportCandidateData(org.id, (await responseOf(invitationId)).id);
    expect(exported.response.pageFirstViews).toEqual({ "0": new Date(T0).toISOString() });
  });

  it("the speeding flag reads the server's times: claiming ten minutes a page does not hide 4 s pages", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const org = await makeOrganization("Speed Org");
    const recruiter = await makeUser(org.id, "recruiter");
    await sessionCookieFor(recruiter.id);
    const position = await makeResultsPosition(org.id);
    const { token, invitationId } = await invite(org.id, position.positionId, recruiter.id, "candidate");
    const cookie = await consent(token);
    const answers = exampleCandidates().c01;

    // Each page is posted 4 s after it was first shown, with a renderedAt ten minutes before the post.
    let clock = 0;
    let revision = 0;
    for (let page = 1; ; page++) {
      at(clock);
      const view = (await loadPage(page, cookie)).data as { pageCount: number; questions: { id: string }[] };
      clock += 4_000;
      at(clock);
      const fields: Record<string, string> = {
        intent: page < view.pageCount ? "next" : "review",
        baseRevision: String(revision),
        renderedAt: String(T0 + clock - 600_000),
      };
      for (const q of view.questions) if (answers[q.id] !== undefined) fields[`a:${q.id}`] = String(answers[q.id]);
      expect((await postPage(page, cookie, fields)).status).toBe(302);
      revision += 1;
      if (page === view.pageCount) break;
    }
    const row = await responseOf(invitationId);
    const times = JSON.parse(row.page_times_json) as Record<string, number>;
    expect(Object.values(times).every((ms) => ms === 4_000)).toBe(true);

    const submitted = await outcome(() =>
      reviewAction({
        request: postForm("/r/review", { intent: "submit", baseRevision: String(revision) }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(submitted.location).toBe("/r/done");
    // 4 s over a page of at most 8 answered items is at most 0.5 s per item: under the 2 s median of SCORING.md 6.
    const score = await getCurrentScore(org.id, row.id);
    expect(score?.result.flags).toContain("speeding");
  });
});
