// Comparison agents (issue 17): invited as agents of the group "comparison", listed apart, and their responses carry
// the group from the invitation.
import { describe, expect, it } from "vitest";
import { action as overviewAction, loader as overviewLoader } from "../../app/routes/app.positions.$positionId._index";
import { action as inviteAction } from "../../app/routes/i.$token";
import * as benchmarkRoute from "../../app/routes/app.positions.$positionId.benchmark";
import * as importRoute from "../../app/routes/app.positions.$positionId.import";
import fs from "node:fs";
import path from "node:path";
import { EXAMPLES } from "../factories-benchmark";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, outcome, postForm } from "../factories";
import { makeRecruiterWithPosition, ORIGIN } from "../factories-answering";

withTestDatabase();

function overview(positionId: string, cookie: string, fields: Record<string, string>) {
  const request = postForm(`/app/positions/${positionId}`, fields, cookie);
  return outcome(() => overviewAction({ request, params: { positionId }, context: {} }));
}

type Listed = { name: string; group: string };

describe("comparison agents", () => {
  it("invites one comparison agent, lists them apart from the top agents, and their response carries the group", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const top = await overview(positionId, cookie, {
      intent: "invite-one",
      kind: "agent",
      name: "Ann Top",
      locale: "en",
    });
    expect(top.status).toBe(200);
    const comparison = await overview(positionId, cookie, {
      intent: "invite-one",
      kind: "agent",
      group: "comparison",
      name: "Cid Team",
      locale: "en",
    });
    expect(comparison.status).toBe(200);
    expect(comparison.data).toMatchObject({ ok: true, kind: "agent", group: "comparison" });

    const page = await outcome(() =>
      overviewLoader({
        request: getRequest(`/app/positions/${positionId}`, cookie),
        params: { positionId },
        context: {},
      }),
    );
    const loaded = page.data as { agents: Listed[]; comparisonAgents: Listed[] };
    expect(loaded.agents.map((a) => a.name)).toEqual(["Ann Top"]);
    expect(loaded.comparisonAgents.map((a) => a.name)).toEqual(["Cid Team"]);

    const link = (comparison.data as { issued: { link: string }[] }).issued[0].link;
    const token = link.slice(`${ORIGIN}/i/`.length);
    const consented = await outcome(() =>
      inviteAction({ request: postForm(`/i/${token}`, { consent: "yes" }), params: { token }, context: {} }),
    );
    expect(consented.status).toBe(302);
    const response = await getDb()
      .selectFrom("responses")
      .select(["respondent_label", "agent_group"])
      .where("position_id", "=", positionId)
      .executeTakeFirstOrThrow();
    expect(response).toEqual({ respondent_label: "Cid Team", agent_group: "comparison" });
  });

  it("invites a pasted list as comparison agents; an unknown group is refused and creates nothing", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const bad = await overview(positionId, cookie, {
      intent: "invite-list",
      kind: "agent",
      group: "best",
      list: "A One\nB Two",
      locale: "en",
    });
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors.group).toEqual([
      "Choose top agent or comparison agent.",
    ]);
    const ofPosition = () =>
      getDb()
        .selectFrom("invitations")
        .select(["name", "agent_group"])
        .where("position_id", "=", positionId)
        .orderBy("name")
        .execute();
    expect(await ofPosition()).toEqual([]);

    const ok = await overview(positionId, cookie, {
      intent: "invite-list",
      kind: "agent",
      group: "comparison",
      list: "A One\nB Two, b@example.com",
      locale: "en",
    });
    expect(ok.status).toBe(200);
    expect(await ofPosition()).toEqual([
      { name: "A One", agent_group: "comparison" },
      { name: "B Two", agent_group: "comparison" },
    ]);
    const mail = await getDb()
      .selectFrom("outbox")
      .select(["body"])
      .where("to_address", "=", "b@example.com")
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain("never judge you as a person");
    expect(mail.body).not.toContain("set the benchmark");
  });

  it("a candidate invitation without a group is stored with the default", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const res = await overview(positionId, cookie, {
      intent: "invite-one",
      kind: "candidate",
      name: "Cal",
      locale: "en",
    });
    expect(res.status).toBe(200);
    const row = await getDb()
      .selectFrom("invitations")
      .select(["kind", "agent_group"])
      .where("position_id", "=", positionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: "candidate", agent_group: "top" });
  });

  it("imported with the group column, comparison agents stay out of the benchmark and are listed apart; an exclusion takes one out of the contrast", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const csv = fs.readFileSync(path.join(EXAMPLES, "agents-groups.csv"), "utf8");
    const imported = await outcome(() =>
      importRoute.action({
        request: postForm(`/app/positions/${positionId}/import`, { csv }, cookie),
        params: { positionId },
        context: {},
      }),
    );
    expect(imported.data).toEqual({ ok: true, imported: 21 });
    type Diag = {
      agents: { label: string; group: string; status: string; excludedBy: string | null; responseId: string }[];
      snapshot: {
        agents: number;
        included: string[];
        contrast: { agents: number; excluded: { respondent: string }[] };
      };
    };
    const load = async () =>
      (
        await outcome(() =>
          benchmarkRoute.loader({
            request: getRequest(`/app/positions/${positionId}/benchmark`, cookie),
            params: { positionId },
            context: {},
          }),
        )
      ).data as Diag;
    const diag = await load();
    const comparison = diag.agents.filter((a) => a.group === "comparison");
    expect(comparison.map((a) => a.label)).toEqual(["b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08"]);
    expect(diag.snapshot.agents).toBe(13);
    expect(diag.snapshot.contrast.agents).toBe(8);
    const ids = new Set(comparison.map((a) => a.responseId));
    expect(diag.snapshot.included.some((id) => ids.has(id))).toBe(false);

    const b02 = comparison[1];
    const excluded = await outcome(() =>
      benchmarkRoute.action({
        request: postForm(
          `/app/positions/${positionId}/benchmark`,
          { intent: "membership", responseId: b02.responseId, decision: "exclude", reason: "Moved to billing" },
          cookie,
        ),
        params: { positionId },
        context: {},
      }),
    );
    expect(excluded.status).toBe(200);
    const after = await load();
    // the example's hard-flagged comparison agents are out of the contrast already, shown as excluded by their flags
    const flagged = diag.snapshot.contrast.excluded.map((e) => e.respondent);
    expect(flagged).not.toContain(b02.responseId);
    for (const id of flagged) {
      expect(diag.agents.find((a) => a.responseId === id)).toMatchObject({ status: "excluded", excludedBy: "flags" });
    }
    expect(new Set(after.snapshot.contrast.excluded.map((e) => e.respondent))).toEqual(
      new Set([...flagged, b02.responseId]),
    );
    expect(after.agents.find((a) => a.responseId === b02.responseId)).toMatchObject({
      status: "excluded",
      excludedBy: "recruiter",
    });
  });
});
