// The autosave fast path of issue 9: one conditional UPDATE on the respondent just read, group-committed with the
// autosaves that arrive at the same moment (app/models/answer-writes.server.ts). Concurrency must not lose or
// double-apply a save: every save is either written (revision + 1) or refused with 409.
import { describe, expect, it } from "vitest";
import { autosaveAnswer, consentToInvitation, requireRespondent } from "../../app/models/response.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest } from "../factories";
import { invite, makeRecruiterWithPosition } from "../factories-answering";

withTestDatabase();

async function respondentSession(orgId: string, positionId: string, actorId: string, name: string) {
  const { token } = await invite(orgId, positionId, actorId, "candidate", { name });
  const consent = await consentToInvitation(token);
  if (!consent.ok) throw new Error("consent failed");
  return { cookie: consent.setCookie.split(";")[0], responseId: consent.responseId };
}

async function stored(responseId: string) {
  return getDb()
    .selectFrom("responses")
    .select(["revision", "answers_json"])
    .where("id", "=", responseId)
    .executeTakeFirstOrThrow();
}

describe("autosave group commit", () => {
  it("writes concurrent saves of different respondents, each with its own revision", async () => {
    const setup = await makeRecruiterWithPosition("Batch Org");
    const sessions = [];
    for (const name of ["Ana", "Ben", "Cleo"]) {
      sessions.push(await respondentSession(setup.org.id, setup.positionId, setup.recruiter.id, name));
    }
    const respondents = await Promise.all(sessions.map((s) => requireRespondent(getRequest("/r/1", s.cookie))));
    const results = await Promise.all(
      respondents.map((r, i) => autosaveAnswer(r, 0, "emp-01", String(i + 2))), // 2, 3, 4
    );
    expect(results).toEqual([
      { ok: true, revision: 1 },
      { ok: true, revision: 1 },
      { ok: true, revision: 1 },
    ]);
    for (const [i, s] of sessions.entries()) {
      const row = await stored(s.responseId);
      expect(row.revision).toBe(1);
      expect(JSON.parse(row.answers_json)).toEqual({ "emp-01": i + 2 });
    }
  });

  it("lets one of two saves on the same revision win and refuses the other with 409", async () => {
    const setup = await makeRecruiterWithPosition("Race Org");
    const s = await respondentSession(setup.org.id, setup.positionId, setup.recruiter.id, "Dana");
    // Two tabs read revision 0, then both save at the same moment (same batch).
    const [tabA, tabB] = await Promise.all([
      requireRespondent(getRequest("/r/1", s.cookie)),
      requireRespondent(getRequest("/r/1", s.cookie)),
    ]);
    const [a, b] = await Promise.all([autosaveAnswer(tabA, 0, "emp-01", "5"), autosaveAnswer(tabB, 0, "pat-01", "1")]);
    expect(a).toEqual({ ok: true, revision: 1 });
    expect(b).toEqual({ ok: false, status: 409, reason: "stale", revision: 1 });
    const row = await stored(s.responseId);
    expect(row.revision).toBe(1);
    expect(JSON.parse(row.answers_json)).toEqual({ "emp-01": 5 });
  });

  it("merges into the answers it read and clears an answer with an empty value", async () => {
    const setup = await makeRecruiterWithPosition("Merge Org");
    const s = await respondentSession(setup.org.id, setup.positionId, setup.recruiter.id, "Eli");
    const read = () => requireRespondent(getRequest("/r/1", s.cookie));
    expect(await autosaveAnswer(await read(), 0, "emp-01", "4")).toEqual({ ok: true, revision: 1 });
    expect(await autosaveAnswer(await read(), 1, "pat-01", "2")).toEqual({ ok: true, revision: 2 });
    expect(await autosaveAnswer(await read(), 2, "emp-01", "")).toEqual({ ok: true, revision: 3 });
    const row = await stored(s.responseId);
    expect(row.revision).toBe(3);
    expect(JSON.parse(row.answers_json)).toEqual({ "pat-01": 2 });
    // A respondent read before the last save is stale: nothing is written.
    const before = await read();
    expect(await autosaveAnswer(before, 3, "emp-02", "3")).toEqual({ ok: true, revision: 4 });
    expect(await autosaveAnswer(before, 3, "emp-03", "3")).toEqual({
      ok: false,
      status: 409,
      reason: "stale",
      revision: 4,
    });
  });
});
