import { describe, expect, it } from "vitest";
import { loader as doneLoader } from "../../app/routes/r.done";
import { action as inviteAction } from "../../app/routes/i.$token";
import { scoreResponse } from "../../app/models/score.server";
import { getDb, nowIso } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm } from "../factories";
import { cookiePair, invite } from "../factories-answering";
import { exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

type DoneData = {
  kind: string;
  scoreFeedback: { heading: string; intro: string; values: { id: string; band: string; sentence: string }[] } | null;
};

let ip = 0;

/**
 * A candidate of the example position (active benchmark of the 12 included example agents) who answered like the
 * example candidate `answersOf`, submitted and was scored; returns their respondent cookie.
 */
async function submittedCandidate(showScores: boolean, answersOf: string, options: { score?: boolean } = {}) {
  const org = await makeOrganization("Harbour Support");
  await getDb()
    .updateTable("organizations")
    .set({ show_scores_to_candidates: showScores ? 1 : 0 })
    .where("id", "=", org.id)
    .execute();
  const recruiter = await makeUser(org.id, "recruiter");
  const position = await makeResultsPosition(org.id);
  const inv = await invite(org.id, position.positionId, recruiter.id, "candidate", { name: "Casey Candidate" });
  ip += 1;
  const consent = await outcome(() =>
    inviteAction({
      request: postForm(`/i/${inv.token}`, { consent: "yes" }),
      params: { token: inv.token },
      context: { clientIp: `10.9.0.${ip}` },
    }),
  );
  expect(consent.status).toBe(302);
  const cookie = cookiePair(consent.headers.get("Set-Cookie"));
  const response = await getDb()
    .selectFrom("responses")
    .select("id")
    .where("invitation_id", "=", inv.invitationId)
    .executeTakeFirstOrThrow();
  await getDb()
    .updateTable("responses")
    .set({ answers_json: JSON.stringify(exampleCandidates()[answersOf]), submitted_at: nowIso() })
    .where("id", "=", response.id)
    .execute();
  if (options.score !== false) expect(await scoreResponse(org.id, response.id)).not.toBeNull();
  return { cookie, orgId: org.id, responseId: response.id };
}

async function done(cookie: string): Promise<DoneData> {
  const res = await outcome(() => doneLoader({ request: getRequest("/r/done", cookie), params: {}, context: {} }));
  expect(res.status).toBe(200);
  return res.data as DoneData;
}

describe("scores on the candidate's feedback page", () => {
  it("shows one band sentence per value when the organization turned it on (c03: within / below / within)", async () => {
    const { cookie } = await submittedCandidate(true, "c03");
    const view = await done(cookie);
    expect(view.scoreFeedback?.heading).toBe("How your answers compare");
    expect(view.scoreFeedback?.intro).toMatch(/^Harbour Support shares a short summary/);
    expect(view.scoreFeedback?.values).toEqual([
      { id: "empathy", band: "within", sentence: "Empathy: within the range of our top agents" },
      { id: "patience", band: "below", sentence: "Patience: below the range of our top agents" },
      { id: "pace", band: "within", sentence: "Pace: within the range of our top agents" },
    ]);
    // bands only: no percentile, interval or alignment number reaches the candidate
    expect(JSON.stringify(view.scoreFeedback)).not.toMatch(/\d/);
  });

  it("says it cannot tell for a value without a band (c04 answered too few empathy items), above for c01", async () => {
    const c04 = await done((await submittedCandidate(true, "c04")).cookie);
    expect(c04.scoreFeedback?.values.map((v) => v.sentence)).toEqual([
      "Empathy: we cannot tell yet",
      "Patience: within the range of our top agents",
      "Pace: within the range of our top agents",
    ]);
    const c01 = await done((await submittedCandidate(true, "c01")).cookie);
    expect(c01.scoreFeedback?.values[0].sentence).toBe("Empathy: above the range of our top agents");
  });

  it("shows nothing when the organization has it off (the default)", async () => {
    const { cookie } = await submittedCandidate(false, "c03");
    const view = await done(cookie);
    expect(view.kind).toBe("candidate");
    expect(view.scoreFeedback).toBeNull();
  });

  it("shows nothing while the response has no current score, even when on", async () => {
    const { cookie } = await submittedCandidate(true, "c03", { score: false });
    expect((await done(cookie)).scoreFeedback).toBeNull();
  });
});
