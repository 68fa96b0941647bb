import { describe, expect, it } from "vitest";
import { action as positionAction, loader as positionLoader } from "../../app/routes/app.positions.$positionId._index";
import { action as inviteAction, loader as inviteLoader } from "../../app/routes/i.$token";
import { loader as doneLoader } from "../../app/routes/r.done";
import { loader as resultsLoader } from "../../app/routes/app.positions.$positionId.results";
import { loader as reportLoader } from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import { submitResponse } from "../../app/models/response.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, outcome, postForm } from "../factories";
import { cookiePair, countRows, dumpDatabase, invite, makeRecruiterWithPosition } from "../factories-answering";

withTestDatabase();

const CLOSED_MESSAGE =
  "This position is closed, so nobody new can be invited. Open it again under “Edit position” first.";

let ip = 0;
function consent(token: string) {
  ip += 1;
  return outcome(() =>
    inviteAction({
      request: postForm(`/i/${token}`, { consent: "yes" }),
      params: { token },
      context: { clientIp: `10.7.0.${ip}` },
    }),
  );
}

function postPosition(positionId: string, fields: Record<string, string>, cookie: string) {
  return outcome(() =>
    positionAction({
      request: postForm(`/app/positions/${positionId}`, fields, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

async function setStatus(setup: Awaited<ReturnType<typeof makeRecruiterWithPosition>>, status: "open" | "closed") {
  const res = await postPosition(
    setup.positionId,
    {
      intent: "update",
      title: "Support agent",
      description: "Chat and email support",
      questionnaireVersionId: setup.versionId,
      status,
    },
    setup.cookie,
  );
  expect(res.status).toBe(200);
}

describe("a closed position", () => {
  it("refuses new invitations, one or a list, and new links, with a clear message; nothing is created", async () => {
    const setup = await makeRecruiterWithPosition("Closed Org");
    const earlier = await invite(setup.org.id, setup.positionId, setup.recruiter.id, "candidate", {
      name: "Early Bird",
    });
    await setStatus(setup, "closed");
    const before = await countRows("invitations");
    const outboxBefore = await countRows("outbox");

    const one = await postPosition(
      setup.positionId,
      { intent: "invite-one", kind: "candidate", name: "Late Comer", email: "late@example.test", locale: "en" },
      setup.cookie,
    );
    expect(one.status).toBe(409);
    expect(one.data).toMatchObject({ ok: false, intent: "invite-one", kind: "candidate", formError: CLOSED_MESSAGE });

    const list = await postPosition(
      setup.positionId,
      { intent: "invite-list", kind: "agent", list: "Ann One\nBob Two, bob@example.test", locale: "en" },
      setup.cookie,
    );
    expect(list.status).toBe(409);
    expect(list.data).toMatchObject({ ok: false, intent: "invite-list", kind: "agent", formError: CLOSED_MESSAGE });

    const tokenHash = await getDb()
      .selectFrom("invitations")
      .select("token_hash")
      .where("id", "=", earlier.invitationId)
      .executeTakeFirstOrThrow();
    const resend = await postPosition(
      setup.positionId,
      { intent: "resend", invitationId: earlier.invitationId },
      setup.cookie,
    );
    expect(resend.status).toBe(409);
    expect(resend.data).toMatchObject({ ok: false, formError: CLOSED_MESSAGE });

    expect(await countRows("invitations")).toBe(before);
    expect(await countRows("outbox")).toBe(outboxBefore);
    const after = await getDb()
      .selectFrom("invitations")
      .select("token_hash")
      .where("id", "=", earlier.invitationId)
      .executeTakeFirstOrThrow();
    expect(after.token_hash).toBe(tokenHash.token_hash);

    // The overview still loads and lists the earlier invitation.
    const overview = await outcome(() =>
      positionLoader({
        request: getRequest(`/app/positions/${setup.positionId}`, setup.cookie),
        params: { positionId: setup.positionId },
        context: {},
      }),
    );
    expect(overview.status).toBe(200);
    expect((overview.data as { position: { status: string }; candidates: { name: string }[] }).position.status).toBe(
      "closed",
    );
    expect((overview.data as { candidates: { name: string }[] }).candidates.map((c) => c.name)).toEqual(["Early Bird"]);
  });

  it("answers an unused link with a friendly 410 on GET and on consent, and changes nothing", async () => {
    const setup = await makeRecruiterWithPosition("Closed Org 2");
    const inv = await invite(setup.org.id, setup.positionId, setup.recruiter.id, "candidate");
    await setStatus(setup, "closed");
    const before = await dumpDatabase();

    const page = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${inv.token}`), params: { token: inv.token }, context: {} }),
    );
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ reason: "position-closed", title: "This questionnaire is closed" });
    expect(page.headers.get("Cache-Control")).toContain("no-store");

    const res = await consent(inv.token);
    expect(res.status).toBe(410);
    expect(res.data).toMatchObject({ reason: "position-closed", title: "This questionnaire is closed" });
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(await countRows("responses")).toBe(0);
    expect(await countRows("respondent_sessions")).toBe(0);
    // only the consent attempt's throttle row is new
    const after = await dumpDatabase();
    expect(after.replace(/login_attempts:[^\n]*\n/, "")).toBe(before.replace(/login_attempts:[^\n]*\n/, ""));

    // Opened again, the same link works again.
    await setStatus(setup, "open");
    const reopened = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${inv.token}`), params: { token: inv.token }, context: {} }),
    );
    expect(reopened.status).toBe(200);
  });

  it("keeps what was already answered readable by the recruiter and by the respondent's own session", async () => {
    const setup = await makeRecruiterWithPosition("Closed Org 3");
    const inv = await invite(setup.org.id, setup.positionId, setup.recruiter.id, "candidate", {
      name: "Sam Submitted",
    });
    const consented = await consent(inv.token);
    expect(consented.status).toBe(302);
    const cookie = cookiePair(consented.headers.get("Set-Cookie"));
    const response = await getDb()
      .selectFrom("responses")
      .select(["id", "revision"])
      .where("invitation_id", "=", inv.invitationId)
      .executeTakeFirstOrThrow();
    expect((await submitResponse(response.id, response.revision)).ok).toBe(true);
    await setStatus(setup, "closed");

    // The respondent's existing session still shows the thank-you page.
    const done = await outcome(() => doneLoader({ request: getRequest("/r/done", cookie), params: {}, context: {} }));
    expect(done.status).toBe(200);
    // The recruiter still reads the results list and the candidate's report.
    const params = { positionId: setup.positionId };
    const results = await outcome(() =>
      resultsLoader({
        request: getRequest(`/app/positions/${setup.positionId}/results`, setup.cookie),
        params,
        context: {},
      }),
    );
    expect(results.status).toBe(200);
    const report = await outcome(() =>
      reportLoader({
        request: getRequest(`/app/positions/${setup.positionId}/candidates/${response.id}`, setup.cookie),
        params: { ...params, responseId: response.id },
        context: {},
      }),
    );
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.data)).toContain("Sam Submitted");
  });
});
