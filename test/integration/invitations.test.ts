import { describe, expect, it } from "vitest";
import { action as overviewAction, loader as overviewLoader } from "../../app/routes/app.positions.$positionId._index";
import { loader as layoutLoader } from "../../app/routes/app.positions.$positionId";
import { action as positionsAction, loader as positionsLoader } from "../../app/routes/app.positions._index";
import { action as inviteAction, loader as inviteLoader } from "../../app/routes/i.$token";
import { loader as pageLoader } from "../../app/routes/r.$page";
import { listInvitations } from "../../app/models/invitation.server";
import { markOutboxSent } from "../../app/models/invitation-outbox.server";
import { parseInvitationList } from "../../app/utils/invitation-list";
import { translated } from "../../app/utils/form.server";
import { getDb } from "../../app/utils/db.server";
import { sha256Hex } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { makePublishedVersion } from "../factories-benchmark";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { cookiePair, countRows, dumpDatabase, invite, makeRecruiterWithPosition, ORIGIN } from "../factories-answering";

withTestDatabase();

const DAY = 24 * 60 * 60 * 1000;

type Issued = { invitationId: string; link: string; expiresAt: string; name: string };

function overview(positionId: string, cookie: string, fields: Record<string, string>) {
  const request = postForm(`/app/positions/${positionId}`, fields, cookie);
  return outcome(() => overviewAction({ request, params: { positionId }, context: {} }));
}

function tokenOf(link: string) {
  return link.slice(`${ORIGIN}/i/`.length);
}

async function openLink(token: string) {
  return outcome(() => inviteLoader({ request: getRequest(`/i/${token}`), params: { token }, context: {} }));
}

async function consent(token: string) {
  return outcome(() =>
    inviteAction({ request: postForm(`/i/${token}`, { consent: "yes" }), params: { token }, context: {} }),
  );
}

describe("positions", () => {
  it("creates a position on a published version and lists it; an unknown version is refused", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const cookie = await sessionCookieFor(user.id);
    const { versionId } = await makePublishedVersion(org.id);
    const other = await makeOrganization("Other");
    const { versionId: foreignVersion } = await makePublishedVersion(other.id);

    const bad = await outcome(() =>
      positionsAction({
        request: postForm("/app/positions", { title: "Agent", questionnaireVersionId: foreignVersion }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(await countRows("positions")).toBe(0);

    const created = await outcome(() =>
      positionsAction({
        request: postForm(
          "/app/positions",
          { title: "Chat agent", description: "Nights", questionnaireVersionId: versionId },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(created.status).toBe(302);
    const positionId = created.location!.split("/").pop()!;
    const list = await outcome(() =>
      positionsLoader({ request: getRequest("/app/positions", cookie), params: {}, context: {} }),
    );
    const positions = (list.data as { positions: { id: string; title: string; status: string }[] }).positions;
    expect(positions).toEqual([expect.objectContaining({ id: positionId, title: "Chat agent", status: "open" })]);
  });

  it("lets the questionnaire version change only while nobody has answered", async () => {
    const { org, recruiter, cookie, positionId } = await makeRecruiterWithPosition();
    const { versionId: second } = await makePublishedVersion(org.id);
    const fields = {
      intent: "update",
      title: "Renamed",
      description: "",
      status: "open",
      questionnaireVersionId: second,
    };
    const changed = await overview(positionId, cookie, fields);
    expect(changed.status).toBe(200);
    const { invitationId: _i, token } = await invite(org.id, positionId, recruiter.id);
    expect((await consent(token)).status).toBe(302);

    const { versionId: third } = await makePublishedVersion(org.id);
    const locked = await overview(positionId, cookie, { ...fields, questionnaireVersionId: third });
    expect(locked.status).toBe(409);
    const row = await getDb()
      .selectFrom("positions")
      .selectAll()
      .where("id", "=", positionId)
      .executeTakeFirstOrThrow();
    expect(row.questionnaire_version_id).toBe(second);
    const view = await outcome(() =>
      overviewLoader({
        request: getRequest(`/app/positions/${positionId}`, cookie),
        params: { positionId },
        context: {},
      }),
    );
    expect((view.data as { position: { versionLocked: boolean } }).position.versionLocked).toBe(true);
  });

  it("answers 404 for another organization's position, its invitations and their actions", async () => {
    const a = await makeRecruiterWithPosition("A");
    const b = await makeRecruiterWithPosition("B");
    const { invitationId } = await invite(a.org.id, a.positionId, a.recruiter.id);
    const params = { positionId: a.positionId };
    for (const load of [overviewLoader, layoutLoader]) {
      const res = await outcome(() =>
        load({ request: getRequest(`/app/positions/${a.positionId}`, b.cookie), params, context: {} }),
      );
      expect(res.status).toBe(404);
    }
    const revoke = await overview(a.positionId, b.cookie, { intent: "revoke", invitationId });
    expect(revoke.status).toBe(404);
    // B's own position with A's invitation id: still 404, and A's invitation is untouched.
    const crossed = await overview(b.positionId, b.cookie, { intent: "revoke", invitationId });
    expect(crossed.status).toBe(404);
    const resend = await overview(b.positionId, b.cookie, { intent: "resend", invitationId });
    expect(resend.status).toBe(404);
    const row = await getDb()
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });
});

describe("invitation tokens", () => {
  it("stores only the SHA-256 of the token: the raw token appears nowhere in the database", async () => {
    const { recruiter, cookie, positionId } = await makeRecruiterWithPosition();
    const res = await overview(positionId, cookie, {
      intent: "invite-one",
      kind: "agent",
      name: "Alex Agent",
      email: "alex@example.test",
      locale: "en",
    });
    expect(res.status).toBe(200);
    const [issued] = (res.data as { issued: Issued[] }).issued;
    const token = tokenOf(issued.link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const row = await getDb()
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", issued.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(row.created_by).toBe(recruiter.id);
    // Expires 14 days after creation.
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(14 * DAY);
    // An outbox row records the message with the link left out; without SMTP_URL its unsent copy keeps the link for
    // an admin to send by hand (issue 21), and only until it is sent: then the raw token is nowhere.
    const outbox = await getDb()
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "alex@example.test")
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0].body).toContain("Hello Alex Agent");
    expect(outbox[0].body).not.toContain(token);
    expect(outbox[0].unsent_body).toContain(issued.link);
    const withoutUnsent = (await dumpDatabase()).split(JSON.stringify(outbox[0].unsent_body).slice(1, -1)).join("");
    expect(withoutUnsent).not.toContain(token);
    await markOutboxSent(outbox[0].organization_id, outbox[0].id, { userId: recruiter.id, label: recruiter.email });
    const dump = await dumpDatabase();
    expect(dump).not.toContain(token);
    expect(dump).toContain(sha256Hex(token));
    // The action is audited.
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "invitation.created")
      .where("target_id", "=", issued.invitationId)
      .execute();
    expect(audit).toHaveLength(1);
    // Consenting also leaves no raw token behind.
    const consented = await consent(token);
    expect(consented.status).toBe(302);
    expect(await dumpDatabase()).not.toContain(token);
  });

  it("an expired link answers 410 on GET and on consent, and creates nothing", async () => {
    const { org, recruiter, positionId } = await makeRecruiterWithPosition();
    const { token, invitationId } = await invite(org.id, positionId, recruiter.id, "candidate", {
      now: new Date(Date.now() - 15 * DAY),
    });
    expect((await openLink(token)).status).toBe(410);
    const before = await countRows("responses");
    expect((await consent(token)).status).toBe(410);
    expect(await countRows("responses")).toBe(before);
    const [listed] = (await listInvitations(org.id, positionId)).filter((i) => i.id === invitationId);
    expect(listed.status).toBe("expired");
    // 13 days old: still valid.
    const fresh = await invite(org.id, positionId, recruiter.id, "candidate", { now: new Date(Date.now() - 13 * DAY) });
    expect((await openLink(fresh.token)).status).toBe(200);
  });

  it("an unknown or malformed token answers 404 without details", async () => {
    const unknown = await openLink("A".repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect((await openLink("short")).status).toBe(404);
    expect((await consent("B".repeat(43))).status).toBe(404);
  });

  it("revoking stops the link and ends sessions opened with it; status shows revoked", async () => {
    const { org, recruiter, cookie, positionId } = await makeRecruiterWithPosition();
    const { token, invitationId } = await invite(org.id, positionId, recruiter.id);
    const consented = await consent(token);
    const respondentCookie = cookiePair(consented.headers.get("Set-Cookie"));
    const page = await outcome(() =>
      pageLoader({ request: getRequest("/r/1", respondentCookie), params: { page: "1" }, context: {} }),
    );
    expect(page.status).toBe(200);

    const revoked = await overview(positionId, cookie, { intent: "revoke", invitationId });
    expect(revoked.status).toBe(200);
    expect((await openLink(token)).status).toBe(410);
    expect((await consent(token)).status).toBe(410);
    const after = await outcome(() =>
      pageLoader({ request: getRequest("/r/1", respondentCookie), params: { page: "1" }, context: {} }),
    );
    expect(after.status).toBe(401);
    const [listed] = (await listInvitations(org.id, positionId)).filter((i) => i.id === invitationId);
    expect(listed.status).toBe("revoked");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", invitationId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["invitation.created", "invitation.revoked"]);
  });

  it("a new link kills the old token, restarts the 14 days and resumes the same response", async () => {
    const { org, recruiter, cookie, positionId } = await makeRecruiterWithPosition();
    const old = await invite(org.id, positionId, recruiter.id, "candidate", { now: new Date(Date.now() - 10 * DAY) });
    const first = await consent(old.token);
    expect(first.status).toBe(302);
    const response = await getDb()
      .selectFrom("responses")
      .select("id")
      .where("invitation_id", "=", old.invitationId)
      .executeTakeFirstOrThrow();

    const resent = await overview(positionId, cookie, { intent: "resend", invitationId: old.invitationId });
    expect(resent.status).toBe(200);
    const [issued] = (resent.data as { issued: Issued[] }).issued;
    const newToken = tokenOf(issued.link);
    expect(newToken).not.toBe(old.token);
    expect((await openLink(old.token)).status).toBe(404);
    expect((await consent(old.token)).status).toBe(404);
    expect(new Date(issued.expiresAt).getTime()).toBeGreaterThan(Date.now() + 14 * DAY - 60_000);
    expect((await consent(newToken)).status).toBe(302);
    const responses = await getDb()
      .selectFrom("responses")
      .select("id")
      .where("invitation_id", "=", old.invitationId)
      .execute();
    expect(responses).toEqual([{ id: response.id }]);
    const [listed] = (await listInvitations(org.id, positionId)).filter((i) => i.id === old.invitationId);
    expect(listed.status).toBe("started");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", old.invitationId)
      .execute();
    expect(audit.map((a) => a.action)).toContain("invitation.reissued");
  });
});

describe("pasted lists", () => {
  it("validates every line first and reports line numbers; nothing is created on error", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const before = await countRows("invitations");
    const outboxBefore = await countRows("outbox");
    const res = await overview(positionId, cookie, {
      intent: "invite-list",
      kind: "candidate",
      locale: "en",
      list: "Ann One, ann@example.test\n\nBo Two, not-an-email\n, nobody@example.test\nCy Three\nDee, ann@example.test",
    });
    expect(res.status).toBe(400);
    const lineErrors = (res.data as { lineErrors: { line: number; message: string }[] }).lineErrors;
    expect(lineErrors.map((e) => e.line)).toEqual([3, 4, 6]);
    expect(await countRows("invitations")).toBe(before);
    expect(await countRows("outbox")).toBe(outboxBefore);
  });

  it("invites everyone on a valid list and shows each link once", async () => {
    const { org, cookie, positionId } = await makeRecruiterWithPosition();
    const outboxBefore = await countRows("outbox");
    const res = await overview(positionId, cookie, {
      intent: "invite-list",
      kind: "agent",
      locale: "en",
      list: "Ann One, Ann@Example.test\r\nBo Two\r\n",
    });
    expect(res.status).toBe(200);
    const issued = (res.data as { issued: Issued[] }).issued;
    expect(issued.map((i) => i.name)).toEqual(["Ann One", "Bo Two"]);
    const rows = await listInvitations(org.id, positionId, "agent");
    expect(rows.map((r) => [r.name, r.email, r.locale, r.status]).sort()).toEqual([
      ["Ann One", "ann@example.test", "en", "invited"],
      ["Bo Two", null, "en", "invited"],
    ]);
    // Only the invitee with an email gets an outbox record.
    expect(await countRows("outbox")).toBe(outboxBefore + 1);
  });

  it("parses names with and without email and rejects extra commas", () => {
    expect(parseInvitationList("A, a@b.co\nB")).toEqual({
      ok: true,
      entries: [
        { name: "A", email: "a@b.co" },
        { name: "B", email: null },
      ],
    });
    // The line messages are catalog messages (issue 18); the action shows them in the reader's language.
    const english = (text: string) => {
      const parsed = parseInvitationList(text);
      return parsed.ok
        ? parsed
        : { ...parsed, errors: parsed.errors.map((e) => ({ ...e, message: translated(e.message) })) };
    };
    expect(english("Smith, John, j@b.co")).toEqual({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining("name, email") }],
    });
    expect(english("\n \n")).toEqual({ ok: false, errors: [{ line: 1, message: "The list is empty." }] });
  });
});
