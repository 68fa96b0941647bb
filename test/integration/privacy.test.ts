import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { eraseCandidate, purgeExpired, type exportCandidateData } from "../../app/models/privacy.server";
import { onPostgres, withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { exampleCandidates, makeResultsPosition } from "../factories-results";
import { addFullCandidate } from "../factories-trust";
import * as exportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId_.export[.json]";
import * as eraseRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId_.erase";
import * as settingsRoute from "../../app/routes/app.settings";

const testDb = withTestDatabase();
const AGENTS = ["a01", "a02", "a03", "a04", "a05", "a06"];
const DAY = 24 * 60 * 60 * 1000;

async function setup(name = "Privacy Org") {
  const org = await makeOrganization(name);
  const admin = await makeUser(org.id, "admin");
  const recruiter = await makeUser(org.id, "recruiter");
  const position = await makeResultsPosition(org.id, { agentLabels: AGENTS });
  return {
    org,
    admin,
    recruiter,
    position,
    adminCookie: await sessionCookieFor(admin.id),
    recruiterCookie: await sessionCookieFor(recruiter.id),
  };
}

let people = 0;
function person() {
  people += 1;
  return { name: `Zelda Quixote${people}`, email: `zelda.quixote${people}@candidate.test` };
}

/** Every row of every table whose text columns contain one of `needles` (introspected, so new tables are covered). */
async function rowsMentioning(needles: string[]) {
  const db = testDb.db();
  const tables = await db.introspection.getTables();
  const hits: { table: string; row: Record<string, unknown> }[] = [];
  for (const table of tables) {
    const rows = (await db
      .selectFrom(table.name as never)
      .selectAll()
      .execute()) as Record<string, unknown>[];
    for (const row of rows) {
      const text = Object.values(row)
        .filter((v) => typeof v === "string")
        .join("\u0000");
      if (needles.some((n) => text.includes(n))) hits.push({ table: table.name, row });
    }
  }
  return hits;
}

function exportRequest(positionId: string, responseId: string, cookie: string) {
  return outcome(() =>
    exportRoute.loader({
      request: getRequest(`/app/positions/${positionId}/candidates/${responseId}/export.json`, cookie),
      params: { positionId, responseId },
      context: {},
    }),
  );
}

function eraseRequest(positionId: string, responseId: string, cookie: string, confirm: string) {
  return outcome(() =>
    eraseRoute.action({
      request: postForm(`/app/positions/${positionId}/candidates/${responseId}/erase`, { confirm }, cookie),
      params: { positionId, responseId },
      context: {},
    }),
  );
}

describe("candidate data export", () => {
  it("gives an admin everything stored about the candidate, without the token hash, and audits it", async () => {
    const s = await setup();
    const p = person();
    const { responseId, invitationId } = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...p,
      answers: exampleCandidates().c01,
    });
    const res = await exportRequest(s.position.positionId, responseId, s.adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const body = res.data as Awaited<ReturnType<typeof exportCandidateData>>;
    expect(body.invitation).toMatchObject({ id: invitationId, name: p.name, email: p.email });
    expect(JSON.stringify(body)).not.toMatch(/token_hash|tokenHash/);
    const tokenHash = await testDb
      .db()
      .selectFrom("invitations")
      .select("token_hash")
      .where("id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(body)).not.toContain(tokenHash.token_hash);
    expect(body.response.answers).toEqual(exampleCandidates().c01);
    expect(body.response.pageTimesSeconds).toEqual({ "1": 31.5 });
    expect(body.scores).toHaveLength(1);
    expect(body.scores[0].values.length).toBeGreaterThan(0);
    expect(body.decisions).toMatchObject([{ decision: "advance", note: `Call ${p.name} back` }]);
    expect(body.demographics).toMatchObject({ gender: "woman", age_band: "25-34", ethnicity: "asian" });
    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "candidate.exported")
      .where("target_id", "=", responseId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details_json).not.toContain(p.name);
  });

  it("is refused to recruiters (403) and is a 404 across organizations or positions", async () => {
    const s = await setup();
    const other = await setup("Other Org");
    const { responseId } = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...person(),
      answers: exampleCandidates().c02,
    });
    expect((await exportRequest(s.position.positionId, responseId, s.recruiterCookie)).status).toBe(403);
    expect((await exportRequest(s.position.positionId, responseId, other.adminCookie)).status).toBe(404);
    expect((await exportRequest(other.position.positionId, responseId, other.adminCookie)).status).toBe(404);
    // Same organization, wrong position in the URL.
    const second = await makeResultsPosition(s.org.id, { agentLabels: AGENTS, benchmark: false });
    expect((await exportRequest(second.positionId, responseId, s.adminCookie)).status).toBe(404);
  });
});

describe("candidate erasure", () => {
  it("needs ERASE typed, then leaves no trace of the person anywhere except an id-only audit event", async () => {
    const s = await setup();
    const p = person();
    const keep = person();
    const { responseId, invitationId } = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...p,
      answers: exampleCandidates().c03,
    });
    const kept = await addFullCandidate(s.org.id, s.position, s.admin, { ...keep, answers: exampleCandidates().c04 });
    const before = await rowsMentioning([p.name, p.email]);
    // The person is in invitations, responses, decisions, outbox and the decision's audit row before erasure.
    expect(new Set(before.map((h) => h.table))).toEqual(
      new Set(["invitations", "responses", "decisions", "outbox", "audit_log"]),
    );

    const refused = await eraseRequest(s.position.positionId, responseId, s.adminCookie, "erase");
    expect(refused.status).toBe(400);
    expect((refused.data as { fieldErrors: Record<string, string[]> }).fieldErrors.confirm[0]).toMatch(/ERASE/);
    expect(await rowsMentioning([p.name])).toHaveLength(before.length);
    expect((await eraseRequest(s.position.positionId, responseId, s.recruiterCookie, "ERASE")).status).toBe(403);

    const done = await eraseRequest(s.position.positionId, responseId, s.adminCookie, "ERASE");
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/app/positions/${s.position.positionId}/results`);

    expect(await rowsMentioning([p.name, p.email])).toEqual([]);
    // No row keyed by the response or the invitation is left, other than audit events.
    const byId = (await rowsMentioning([responseId, invitationId])).filter((h) => h.table !== "audit_log");
    expect(byId).toEqual([]);
    const db = testDb.db();
    for (const table of ["scores", "decisions", "demographics", "respondent_sessions"] as const) {
      const n = await db.selectFrom(table).select("response_id").where("response_id", "=", responseId).execute();
      expect(n, table).toEqual([]);
    }
    expect(await db.selectFrom("score_values").selectAll().execute()).not.toHaveLength(0); // the other candidate's
    const events = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", s.org.id)
      .where("action", "=", "candidate.erased")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: s.admin.id, target_type: "response", target_id: responseId });
    expect(JSON.parse(events[0].details_json)).toEqual({
      positionId: s.position.positionId,
      responseId,
      invitationId,
      reason: "request",
    });
    // The earlier decision event is still there, without the name and the note.
    const decision = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "candidate.decision")
      .where("target_id", "=", responseId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(decision.details_json)).toMatchObject({ decision: "advance", redacted: "candidate erased" });

    // The other candidate is untouched.
    expect((await rowsMentioning([keep.name, keep.email])).length).toBeGreaterThanOrEqual(4);
    const still = await db.selectFrom("responses").select("id").where("id", "=", kept.responseId).execute();
    expect(still).toHaveLength(1);
  });

  it("is a 404 for another organization's candidate, and deletes nothing", async () => {
    const s = await setup();
    const other = await setup("Other Org");
    const p = person();
    const { responseId } = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...p,
      answers: exampleCandidates().c05,
    });
    const before = await rowsMentioning([p.name, p.email]);
    expect((await eraseRequest(s.position.positionId, responseId, other.adminCookie, "ERASE")).status).toBe(404);
    expect((await eraseRequest(other.position.positionId, responseId, other.adminCookie, "ERASE")).status).toBe(404);
    const page = await outcome(() =>
      eraseRoute.loader({
        request: getRequest(
          `/app/positions/${s.position.positionId}/candidates/${responseId}/erase`,
          other.adminCookie,
        ),
        params: { positionId: s.position.positionId, responseId },
        context: {},
      }),
    );
    expect(page.status).toBe(404);
    expect(await rowsMentioning([p.name, p.email])).toEqual(before);
  });
});

describe("erasure is one transaction", () => {
  it.skipIf(onPostgres)("deletes nothing when a late step (the audit event) fails", async () => {
    const s = await setup("Atomic Org");
    const p = person();
    const { responseId } = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...p,
      answers: exampleCandidates().c06,
    });
    const before = await rowsMentioning([p.name, p.email, responseId]);
    const db = testDb.db();
    await sql`CREATE TRIGGER fail_erased_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'candidate.erased'
      BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END`.execute(db);
    try {
      await expect(eraseCandidate(s.org.id, responseId, { id: s.admin.id, email: s.admin.email })).rejects.toThrow(
        /audit store unavailable/,
      );
    } finally {
      await sql`DROP TRIGGER fail_erased_audit`.execute(db);
    }
    expect(await rowsMentioning([p.name, p.email, responseId])).toEqual(before);
  });
});

describe("retention purge", () => {
  it("erases only candidates older than their organization's retention period, with a dry run first", async () => {
    // A fixed clock one day ahead: the other tests' candidates (created just now) are all inside any retention period.
    const now = new Date(Date.now() + DAY);
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const s = await setup("Retention A"); // default 365 days
    const t = await setup("Retention B");
    await testDb.db().updateTable("organizations").set({ retention_days: 30 }).where("id", "=", t.org.id).execute();
    const answers = exampleCandidates();
    const old = person();
    const recent = person();
    const oldInvited = person();
    const shortOrg = person();
    const a = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...old,
      answers: answers.c01,
      invitedAt: ago(420),
      submittedAt: ago(400).toISOString(),
    });
    // Invited long ago but submitted recently: counts from the submission, kept.
    const b = await addFullCandidate(s.org.id, s.position, s.admin, {
      ...recent,
      answers: answers.c02,
      invitedAt: ago(500),
      submittedAt: ago(364).toISOString(),
    });
    // Invited 366 days ago and never opened the link: counts from the invitation, erased.
    const { createInvitations } = await import("../../app/models/invitation.server");
    const [unopened] = await createInvitations(
      s.org.id,
      s.position.positionId,
      "candidate",
      [{ ...oldInvited, locale: "en" }],
      { userId: s.admin.id, label: s.admin.email },
      "http://localhost:3000",
      ago(366),
    );
    // Organization B keeps 30 days: a 31-day-old submission goes.
    const c = await addFullCandidate(t.org.id, t.position, t.admin, {
      ...shortOrg,
      answers: answers.c03,
      invitedAt: ago(40),
      submittedAt: ago(31).toISOString(),
    });

    const dry = await purgeExpired({ now, dryRun: true });
    const listed = dry.map((i) => `${i.kind}:${i.id}`).sort();
    expect(listed).toEqual(
      [`response:${a.responseId}`, `invitation:${unopened.invitationId}`, `response:${c.responseId}`].sort(),
    );
    expect(await rowsMentioning([old.name, oldInvited.name, shortOrg.name])).not.toEqual([]);
    expect(
      await testDb
        .db()
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "candidate.erased")
        .where("organization_id", "in", [s.org.id, t.org.id])
        .execute(),
    ).toEqual([]);

    const done = await purgeExpired({ now });
    expect(done).toHaveLength(3);
    expect(
      await rowsMentioning([old.name, old.email, oldInvited.name, oldInvited.email, shortOrg.name, shortOrg.email]),
    ).toEqual([]);
    expect((await rowsMentioning([recent.name])).length).toBeGreaterThan(0);
    const remaining = await testDb.db().selectFrom("responses").select("id").where("id", "=", b.responseId).execute();
    expect(remaining).toHaveLength(1);
    const erased = await testDb
      .db()
      .selectFrom("audit_log")
      .select(["organization_id", "actor_label", "details_json"])
      .where("action", "=", "candidate.erased")
      .where("organization_id", "in", [s.org.id, t.org.id])
      .execute();
    expect(erased).toHaveLength(3);
    expect(
      erased.every((e) => e.actor_label === "retention purge" && JSON.parse(e.details_json).reason === "retention"),
    ).toBe(true);
    // Running it again finds nothing.
    expect(await purgeExpired({ now })).toEqual([]);
  });
});

describe("organization settings", () => {
  it("lets an admin change retention, score sharing and default language; validates; refuses recruiters", async () => {
    const s = await setup();
    const post = (fields: Record<string, string>, cookie: string) =>
      outcome(() =>
        settingsRoute.action({ request: postForm("/app/settings", fields, cookie), params: {}, context: {} }),
      );
    expect(
      (await post({ retentionDays: "90", defaultLocale: "fi", staffLanguage: "en" }, s.recruiterCookie)).status,
    ).toBe(403);
    const bad = await post({ retentionDays: "5", defaultLocale: "xx", staffLanguage: "xx" }, s.adminCookie);
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "defaultLocale",
      "retentionDays",
      "staffLanguage",
    ]);
    const extra = await post(
      { retentionDays: "90", defaultLocale: "fi", staffLanguage: "en", retention_days: "1" },
      s.adminCookie,
    );
    expect(extra.status).toBe(400);
    const ok = await post(
      { retentionDays: "90", showScoresToCandidates: "on", defaultLocale: "fi", staffLanguage: "sl" },
      s.adminCookie,
    );
    expect(ok.status).toBe(200);
    const org = await testDb
      .db()
      .selectFrom("organizations")
      .selectAll()
      .where("id", "=", s.org.id)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({
      retention_days: 90,
      show_scores_to_candidates: 1,
      default_locale: "fi",
      staff_language: "sl",
    });
    const page = await outcome(() =>
      settingsRoute.loader({ request: getRequest("/app/settings", s.adminCookie), params: {}, context: {} }),
    );
    expect((page.data as { settings: object }).settings).toEqual({
      retentionDays: 90,
      showScoresToCandidates: true,
      defaultLocale: "fi",
      staffLanguage: "sl",
    });
    await post({ retentionDays: "90", defaultLocale: "fi", staffLanguage: "sl" }, s.adminCookie);
    const after = await testDb
      .db()
      .selectFrom("organizations")
      .select("show_scores_to_candidates")
      .where("id", "=", s.org.id)
      .executeTakeFirstOrThrow();
    expect(after.show_scores_to_candidates).toBe(0);
    const audits = await testDb
      .db()
      .selectFrom("audit_log")
      .select("id")
      .where("organization_id", "=", s.org.id)
      .where("action", "=", "settings.updated")
      .execute();
    expect(audits).toHaveLength(2);
  });
});
