// Issue 21, point 7: the dashboard says what to do next, with numbers, and names events in words.
import { describe, expect, it } from "vitest";
import { recordAudit } from "../../app/models/audit.server";
import { loader as dashboardLoader } from "../../app/routes/app._index";
import { getDb, nowIso } from "../../app/utils/db.server";
import { newId } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, sessionCookieFor } from "../factories";
import { makePositionRow, makeResponseRow } from "../factories-benchmark";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

const DAY = 24 * 60 * 60 * 1000;

type Loaded = Awaited<ReturnType<typeof dashboardLoader>>;

async function load(cookie: string): Promise<Loaded> {
  return dashboardLoader({ request: getRequest("/app", cookie), context: {}, params: {} });
}

async function invite(orgId: string, positionId: string, expiresInDays: number, options: { revoked?: boolean } = {}) {
  const id = newId();
  await getDb()
    .insertInto("invitations")
    .values({
      id,
      organization_id: orgId,
      position_id: positionId,
      kind: "candidate",
      name: `Invitee ${id.slice(0, 6)}`,
      email: null,
      token_hash: newId(),
      expires_at: new Date(Date.now() + expiresInDays * DAY).toISOString(),
      revoked_at: options.revoked ? nowIso() : null,
      created_by: null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

describe("dashboard: what to do next", () => {
  it("counts positions without a benchmark, expiring invitations, flagged responses and new submissions", async () => {
    const org = await makeOrganization("Next Steps Org");
    const other = await makeOrganization("Other Org");
    const recruiter = await makeUser(org.id, "recruiter");
    const cookie = await sessionCookieFor(recruiter.id);

    // "Support agent": the example position with an active benchmark (13 agents) and three scored candidates.
    const active = await makeResultsPosition(org.id);
    const candidates = exampleCandidates();
    const ids = [];
    for (const label of ["c01", "c02", "c03"]) {
      ids.push((await addCandidate(org.id, active, candidates[label], label)).responseId);
    }
    // Two are on the review list; one of them was already reviewed ("usable"): one waits.
    await getDb().updateTable("scores").set({ review: 0 }).where("organization_id", "=", org.id).execute();
    await getDb().updateTable("scores").set({ review: 1 }).where("response_id", "in", [ids[0], ids[1]]).execute();
    await getDb().updateTable("responses").set({ review_status: "usable" }).where("id", "=", ids[1]).execute();

    // "Night shift": open, no benchmark; "Archive": closed, no benchmark (not a next step).
    const night = await makePositionRow(org.id, active.versionId, "Night shift");
    const closed = await makePositionRow(org.id, active.versionId, "Archive");
    await getDb().updateTable("positions").set({ status: "closed" }).where("id", "=", closed).execute();
    // Another organization's open position without a benchmark is not counted.
    const foreign = await makeResultsPosition(other.id, { benchmark: false });

    // Night shift's invitations: expiring in 1 and 2.5 days count; one submitted, one revoked, one in 5 days and an
    // expired one do not.
    await invite(org.id, night, 1);
    await invite(org.id, night, 2.5);
    const answered = await invite(org.id, night, 2);
    const answeredResponse = await makeResponseRow(org.id, night, active.versionId, "candidate", {}, { label: "x" });
    await getDb()
      .updateTable("responses")
      .set({ invitation_id: answered })
      .where("id", "=", answeredResponse)
      .execute();
    await invite(org.id, night, 1, { revoked: true });
    await invite(org.id, night, 5);
    await invite(org.id, night, -1);
    await invite(other.id, foreign.positionId, 1);

    // Every submission is old but three (two candidates, one agent on Support agent) after the last visit.
    await getDb()
      .updateTable("responses")
      .set({ submitted_at: "2026-11-01T00:00:00.000Z" })
      .where("organization_id", "=", org.id)
      .where("submitted_at", "is not", null)
      .execute();
    const agentId = Object.values(active.agentIds)[0];
    await getDb()
      .updateTable("responses")
      .set({ submitted_at: "2026-11-20T10:00:00.000Z" })
      .where("id", "in", [ids[0], ids[2], agentId])
      .execute();
    await getDb()
      .updateTable("users")
      .set({ last_seen_dashboard_at: "2026-11-15T00:00:00.000Z" })
      .where("id", "=", recruiter.id)
      .execute();

    const first = await load(cookie);
    expect(first.nextSteps).toEqual({
      positionsWithoutBenchmark: [{ positionId: night, title: "Night shift" }],
      expiringInvitations: [{ positionId: night, title: "Night shift", count: 2 }],
      awaitingReview: [{ positionId: active.positionId, title: "Support agent", count: 1 }],
      newSubmissions: [{ positionId: active.positionId, title: "Support agent", count: 3, candidates: 2, agents: 1 }],
      since: "2026-11-15T00:00:00.000Z",
      sinceDays: 7,
      expiringWithinDays: 3,
    });

    // The visit is recorded: the next one counts from it, and nothing was submitted since.
    const second = await load(cookie);
    expect(second.nextSteps.since).not.toBe("2026-11-15T00:00:00.000Z");
    expect(second.nextSteps.newSubmissions).toEqual([]);
  });

  it("shows people's names and events in words, not codes", async () => {
    const org = await makeOrganization("Words Org");
    const admin = await makeUser(org.id, "admin");
    const positionId = (await makeResultsPosition(org.id)).positionId;
    await recordAudit({
      organizationId: org.id,
      actorUserId: admin.id,
      actorLabel: admin.email,
      action: "position.created",
      targetType: "position",
      targetId: positionId,
    });
    await recordAudit({ organizationId: org.id, actorUserId: null, actorLabel: "system", action: "some.new-event" });
    const { dashboard } = await load(await sessionCookieFor(admin.id));
    expect(dashboard.recent.map((r) => [r.actor, r.action, r.target])).toEqual([
      ["system", "some new event", null],
      ["Test admin", "opened a position", "Support agent"],
    ]);
  });
});
