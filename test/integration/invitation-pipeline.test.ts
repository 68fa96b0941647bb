// Issue 21, point 1: the invitation pipeline, the outbox for hand sending and reminders, through loaders/actions.
import { describe, expect, it } from "vitest";
import {
  action as pipelineAction,
  loader as pipelineLoader,
} from "../../app/routes/app.positions.$positionId.invitations";
import { action as outboxAction, loader as outboxLoader } from "../../app/routes/app.outbox";
import { action as inviteAction, loader as inviteLoader } from "../../app/routes/i.$token";
import { action as openedAction } from "../../app/routes/i.$token.opened";
import { openedBeaconPath } from "../../app/components/opened-beacon";
import { action as settingsAction } from "../../app/routes/app.settings";
import { sendDueReminders } from "../../app/models/invitation-reminders.server";
import { recordFirstPageView } from "../../app/models/page-views.server";
import { submitResponse } from "../../app/models/response.server";
import { getDb } from "../../app/utils/db.server";
import { sha256Hex } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { getRequest, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { invite, makeRecruiterWithPosition, ORIGIN } from "../factories-answering";

withTestDatabase();

const DAY = 24 * 60 * 60 * 1000;
type Setup = Awaited<ReturnType<typeof makeRecruiterWithPosition>>;
type Row = { id: string; name: string; status: string; page: number | null; pages: number; language: string };
type Outbox = { waiting: { id: string; to: string; subject: string; text: string; kind: string }[] };

async function pipeline(s: Setup, cookie = s.cookie, positionId = s.positionId) {
  return outcome(() =>
    pipelineLoader({
      request: getRequest(`/app/positions/${positionId}/invitations`, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

async function rows(s: Setup): Promise<Row[]> {
  const res = await pipeline(s);
  expect(res.status).toBe(200);
  return (res.data as { rows: Row[] }).rows;
}

async function act(s: Setup, intent: string, invitationId: string, cookie = s.cookie, positionId = s.positionId) {
  return outcome(() =>
    pipelineAction({
      request: postForm(`/app/positions/${positionId}/invitations`, { intent, invitationId }, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

async function outbox(cookie: string): Promise<Outbox> {
  const res = await outcome(() =>
    outboxLoader({ request: getRequest("/app/outbox", cookie), params: {}, context: {} }),
  );
  expect(res.status).toBe(200);
  return res.data as Outbox;
}

function tokenOf(link: string) {
  return link.slice(`${ORIGIN}/i/`.length);
}

async function consent(token: string) {
  return outcome(() =>
    inviteAction({ request: postForm(`/i/${token}`, { consent: "yes" }), params: { token }, context: {} }),
  );
}

async function opened(token: string) {
  return outcome(() =>
    openedAction({ request: postForm(openedBeaconPath(token), { intent: "opened" }), params: { token }, context: {} }),
  );
}

async function responseOf(invitationId: string) {
  return getDb()
    .selectFrom("responses")
    .select(["id", "revision"])
    .where("invitation_id", "=", invitationId)
    .executeTakeFirstOrThrow();
}

describe("the invitation pipeline", () => {
  it("follows a person invited → opened → started (page k of n) → submitted, in their language", async () => {
    const s = await makeRecruiterWithPosition("Pipeline Org");
    const inv = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Casey",
      email: "casey@example.test",
    });
    expect((await rows(s))[0]).toMatchObject({ name: "Casey", status: "invited", page: null, language: "en" });

    // GET of the landing page writes nothing; the page's script posts "opened"
    const landing = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${inv.token}`), params: { token: inv.token }, context: {} }),
    );
    expect(landing.status).toBe(200);
    expect((await rows(s))[0].status).toBe("invited");
    expect((await opened(inv.token)).status).toBe(204);
    expect((await rows(s))[0].status).toBe("opened");
    // an unknown token gets the same answer and changes nothing
    expect((await opened("x".repeat(43))).status).toBe(204);

    expect((await consent(inv.token)).status).toBe(302);
    const response = await responseOf(inv.invitationId);
    // the example questionnaire: 15 value items + 1 attention check = 16 items, 8 per page → 2 pages
    expect((await rows(s))[0]).toMatchObject({ status: "started", page: 1, pages: 2 });
    await recordFirstPageView(s.org.id, response.id, 0);
    await recordFirstPageView(s.org.id, response.id, 1);
    expect((await rows(s))[0]).toMatchObject({ status: "started", page: 2, pages: 2 });

    await submitResponse(response.id, response.revision);
    expect((await rows(s))[0]).toMatchObject({ status: "submitted", page: null });
    // a submitted person has no actions: a new link or a reminder is refused
    expect((await act(s, "copy-link", inv.invitationId)).status).toBe(409);
    expect((await act(s, "remind", inv.invitationId)).status).toBe(409);
  });

  it("shows expired and revoked links, and audits revoke", async () => {
    const s = await makeRecruiterWithPosition("Expiry Org");
    const old = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Old",
      now: new Date(Date.now() - 15 * DAY),
    });
    const gone = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", { name: "Gone" });
    expect((await act(s, "revoke", gone.invitationId)).status).toBe(200);
    const byName = new Map((await rows(s)).map((r) => [r.name, r.status]));
    expect(byName.get("Old")).toBe("expired");
    expect(byName.get("Gone")).toBe("revoked");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", gone.invitationId)
      .where("action", "=", "invitation.revoked")
      .execute();
    expect(audit).toHaveLength(1);
    expect(old.invitationId).toBeTruthy();
  });

  it("copy a fresh link: the new link works, the old one no longer does, nothing is mailed", async () => {
    const s = await makeRecruiterWithPosition("Fresh Link Org");
    const inv = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Fay",
      email: "fay@example.test",
    });
    const mailsBefore = await getDb()
      .selectFrom("outbox")
      .select("id")
      .where("organization_id", "=", s.org.id)
      .execute();
    const res = await act(s, "copy-link", inv.invitationId);
    expect(res.status).toBe(200);
    const link = (res.data as { issued: { link: string } }).issued.link;
    const fresh = tokenOf(link);
    expect(fresh).not.toBe(inv.token);
    const row = await getDb()
      .selectFrom("invitations")
      .select("token_hash")
      .where("id", "=", inv.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(fresh));
    const oldPage = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${inv.token}`), params: { token: inv.token }, context: {} }),
    );
    expect(oldPage.status).toBe(404);
    expect((await consent(fresh)).status).toBe(302);
    // no new mail; the first mail (its link dead now) is withdrawn from the outbox, its link text dropped
    const mails = await getDb()
      .selectFrom("outbox")
      .select(["id", "unsent_body", "withdrawn_at"])
      .where("organization_id", "=", s.org.id)
      .execute();
    expect(mails).toHaveLength(mailsBefore.length);
    expect(mails[0]).toMatchObject({ unsent_body: null });
    expect(mails[0].withdrawn_at).not.toBeNull();
  });

  it("another organization's position or invitation is a 404", async () => {
    const a = await makeRecruiterWithPosition("Tenant A");
    const b = await makeRecruiterWithPosition("Tenant B");
    const inv = await invite(a.org.id, a.positionId, a.recruiter.id, "candidate", {
      name: "Ana",
      email: "ana@example.test",
    });
    expect((await pipeline(b, b.cookie, a.positionId)).status).toBe(404);
    for (const intent of ["copy-link", "resend", "revoke", "remind"]) {
      // B's own position with A's invitation id, and A's position
      expect((await act(b, intent, inv.invitationId)).status).toBe(404);
      expect((await act(b, intent, inv.invitationId, b.cookie, a.positionId)).status).toBe(404);
    }
    const row = await getDb()
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", inv.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(inv.token));
    expect(row.revoked_at).toBeNull();
    // B's admin does not see A's mails
    const adminB = await sessionCookieFor((await makeUser(b.org.id, "admin")).id);
    expect((await outbox(adminB)).waiting).toEqual([]);
  });
});

describe("the outbox without SMTP_URL", () => {
  it("shows the admin every mail with its link; marking it sent drops the link from the database", async () => {
    const s = await makeRecruiterWithPosition("Outbox Org");
    const admin = await sessionCookieFor((await makeUser(s.org.id, "admin")).id);
    const inv = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Olli",
      email: "olli@example.test",
    });
    const box = await outbox(admin);
    expect(box.waiting).toHaveLength(1);
    const [mail] = box.waiting;
    expect(mail).toMatchObject({
      to: "olli@example.test",
      kind: "invitation",
      subject: "Outbox Org: questionnaire for the Support agent position",
    });
    expect(mail.text).toContain(`Open your personal link: ${inv.link}`);
    expect(mail.text).toMatch(/It takes about \d+ minutes/);
    // recruiters do not see the outbox
    expect(
      (await outcome(() => outboxLoader({ request: getRequest("/app/outbox", s.cookie), params: {}, context: {} })))
        .status,
    ).toBe(403);

    const marked = await outcome(() =>
      outboxAction({
        request: postForm("/app/outbox", { intent: "mark-sent", outboxId: mail.id }, admin),
        params: {},
        context: {},
      }),
    );
    expect(marked.status).toBe(200);
    expect((await outbox(admin)).waiting).toEqual([]);
    const stored = await getDb().selectFrom("outbox").selectAll().where("id", "=", mail.id).executeTakeFirstOrThrow();
    expect(stored.unsent_body).toBeNull();
    expect(stored.sent_at).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(inv.token);
  });

  it("the minutes in the mail are the questionnaire's estimate: 13 × 8 s + 2 scenarios × 25 s + 1 attention × 8 s = 162 s → 3 minutes", async () => {
    const s = await makeRecruiterWithPosition("Minutes Org");
    await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", { name: "Mia", email: "mia@example.test" });
    const [row] = await getDb()
      .selectFrom("outbox")
      .select("unsent_body")
      .where("organization_id", "=", s.org.id)
      .execute();
    expect(row.unsent_body).toContain("It takes about 3 minutes;");
  });
});

describe("reminders", () => {
  it("are due 3 days before expiry and again 1 day before: at most two, never to people who submitted", async () => {
    const s = await makeRecruiterWithPosition("Reminder Org");
    const t0 = new Date("2030-03-01T09:00:00.000Z");
    // links expire 14 days later: 2030-03-15 09:00; reminders due 03-12 09:00 and 03-14 09:00
    const open = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Rita",
      email: "rita@example.test",
      now: t0,
    });
    const done = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Dana",
      email: "dana@example.test",
      now: t0,
    });
    await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", { name: "No Mail", now: t0 });
    expect((await consent(done.token)).status).toBe(302);
    const response = await responseOf(done.invitationId);
    await submitResponse(response.id, response.revision);

    const reminders = async () =>
      getDb()
        .selectFrom("outbox")
        .select(["to_address", "unsent_body"])
        .where("organization_id", "=", s.org.id)
        .where("kind", "=", "reminder")
        .orderBy("created_at")
        .execute();
    const at = (iso: string) => sendDueReminders(ORIGIN, new Date(iso));

    expect(await at("2030-03-12T08:59:00.000Z")).toEqual({ sent: 0, failed: 0 });
    expect(await at("2030-03-12T09:00:00.000Z")).toEqual({ sent: 1, failed: 0 });
    // once only: an hour later nothing is due
    expect(await at("2030-03-12T10:00:00.000Z")).toEqual({ sent: 0, failed: 0 });
    const [first] = await reminders();
    expect(first.to_address).toBe("rita@example.test");
    // the reminder's link is the working one; the invitation's first link no longer opens
    const link = /Open your personal link: (\S+)/.exec(first.unsent_body ?? "")?.[1] ?? "";
    const row = await getDb()
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", open.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(tokenOf(link)));
    expect(row.expires_at).toBe("2030-03-15T09:00:00.000Z");
    expect(row.reminders_sent).toBe(1);

    expect(await at("2030-03-14T08:59:00.000Z")).toEqual({ sent: 0, failed: 0 });
    expect(await at("2030-03-14T09:00:00.000Z")).toEqual({ sent: 1, failed: 0 });
    // never a third
    expect(await at("2030-03-15T08:00:00.000Z")).toEqual({ sent: 0, failed: 0 });
    expect((await reminders()).map((r) => r.to_address)).toEqual(["rita@example.test", "rita@example.test"]);
    // each new reminder withdrew the previous unsent mail (its link is dead): one mail with a link waits
    const waiting = await getDb()
      .selectFrom("outbox")
      .select("id")
      .where("organization_id", "=", s.org.id)
      .where("to_address", "=", "rita@example.test")
      .where("unsent_body", "is not", null)
      .execute();
    expect(waiting).toHaveLength(1);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_label"])
      .where("target_id", "=", open.invitationId)
      .where("action", "=", "invitation.reminded")
      .execute();
    expect(audit).toEqual([
      { action: "invitation.reminded", actor_label: "scheduled reminders" },
      { action: "invitation.reminded", actor_label: "scheduled reminders" },
    ]);
  });

  it("follow the organization's settings: off sends none; 5 days moves the first one", async () => {
    const s = await makeRecruiterWithPosition("Reminder Settings Org");
    const adminUser = await makeUser(s.org.id, "admin");
    const admin = await sessionCookieFor(adminUser.id);
    const t0 = new Date("2030-05-01T12:00:00.000Z");
    await invite(s.org.id, s.positionId, s.recruiter.id, "agent", {
      name: "Alma",
      email: "alma@example.test",
      now: t0,
    });
    const save = (fields: Record<string, string>) =>
      outcome(() =>
        settingsAction({
          request: postForm("/app/settings", { intent: "reminders", ...fields }, admin),
          params: {},
          context: {},
        }),
      );
    expect((await save({ reminderDaysBefore: "0" })).status).toBe(400);
    expect((await save({ reminderDaysBefore: "5" })).status).toBe(200); // checkbox absent: off
    expect(await sendDueReminders(ORIGIN, new Date("2030-05-14T12:00:00.000Z"))).toEqual({ sent: 0, failed: 0 });
    expect((await save({ remindersEnabled: "on", reminderDaysBefore: "5" })).status).toBe(200);
    // expiry 2030-05-15 12:00 → first reminder due 2030-05-10 12:00
    expect(await sendDueReminders(ORIGIN, new Date("2030-05-10T11:59:00.000Z"))).toEqual({ sent: 0, failed: 0 });
    expect(await sendDueReminders(ORIGIN, new Date("2030-05-10T12:00:00.000Z"))).toEqual({ sent: 1, failed: 0 });
  });

  it("a recruiter's reminder is sent at once, audited and counted", async () => {
    const s = await makeRecruiterWithPosition("Manual Reminder Org");
    const inv = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", {
      name: "Max",
      email: "max@example.test",
    });
    const res = await act(s, "remind", inv.invitationId);
    expect(res.status).toBe(200);
    expect((res.data as { message: string }).message).toBe(
      "The reminder to max@example.test waits in the outbox (no mail server is configured).",
    );
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_user_id", "details_json"])
      .where("target_id", "=", inv.invitationId)
      .where("action", "=", "invitation.reminded")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(s.recruiter.id);
  });
});
