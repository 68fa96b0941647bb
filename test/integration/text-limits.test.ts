// Issue 15, item 7: every free-text field has a cap (app/utils/text-limits.ts), and the message names the field.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action as importAction } from "../../app/routes/app.positions.$positionId.import";
import { action as positionsAction } from "../../app/routes/app.positions._index";
import { action as teamAction } from "../../app/routes/app.team";
import { agentMembershipSchema } from "../../app/utils/schemas/benchmark.server";
import { customItemSchema } from "../../app/utils/schemas/questionnaires.server";
import { decisionSchema } from "../../app/utils/schemas/results.server";
import { visionSchema } from "../../app/utils/schemas/values.server";
import { translated } from "../../app/utils/form.server";
import { TEXT_LIMITS } from "../../app/utils/text-limits";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { EXAMPLES } from "../factories-benchmark";
import { makeRecruiterWithPosition } from "../factories-answering";
import { makeUser, outcome, postForm, sessionCookieFor } from "../factories";

withTestDatabase();

const [HEADER, FIRST_ROW] = fs.readFileSync(path.join(EXAMPLES, "agents.csv"), "utf8").split("\n");
const ANSWERS = FIRST_ROW.slice(FIRST_ROW.indexOf(","));

function importCsv(positionId: string, cookie: string, csv: string) {
  return outcome(() =>
    importAction({
      request: postForm(`/app/positions/${positionId}/import`, { csv }, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

function messagesOf(result: {
  success: boolean;
  error?: { issues: { path: (string | number)[]; message: string }[] };
}) {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${translated(i.message)}`);
}

describe("free-text caps", () => {
  it("caps the respondent label of an imported agent at 200 characters, naming row and column", async () => {
    const { positionId, cookie } = await makeRecruiterWithPosition();
    const tooLong = "x".repeat(201);
    const refused = await importCsv(positionId, cookie, `${HEADER}\n${tooLong}${ANSWERS}\n`);
    expect(refused.data).toMatchObject({
      ok: false,
      problems: [{ row: 2, column: "respondent", message: "the respondent label must be at most 200 characters" }],
    });
    const labels = await getDb().selectFrom("responses").select("respondent_label").execute();
    expect(labels).toEqual([]);
    const longest = "y".repeat(200);
    const accepted = await importCsv(positionId, cookie, `${HEADER}\n${longest}${ANSWERS}\n`);
    expect(accepted.data).toEqual({ ok: true, imported: 1 });
  });

  it("caps a position's description at 2000 characters", async () => {
    const { cookie, versionId } = await makeRecruiterWithPosition();
    const res = await outcome(() =>
      positionsAction({
        request: postForm(
          "/app/positions",
          { title: "Night shift", description: "d".repeat(2001), questionnaireVersionId: versionId },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ fieldErrors: { description: ["Description must be at most 2000 characters."] } });
  });

  it("caps a staff member's name at 200 characters", async () => {
    const { org } = await makeRecruiterWithPosition();
    const admin = await makeUser(org.id, "admin");
    const cookie = await sessionCookieFor(admin.id);
    const named = await outcome(() =>
      teamAction({
        request: postForm(
          "/app/team",
          {
            name: "n".repeat(201),
            email: "long.name@example.test",
            role: "recruiter",
            password: "a-long-enough-password",
          },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(named.status).toBe(400);
    expect(named.data).toMatchObject({ fieldErrors: { name: ["Name must be at most 200 characters."] } });
  });

  it("caps notes, reasons, the vision and item texts, naming the field", () => {
    expect(messagesOf(decisionSchema.safeParse({ decision: "hold", note: "n".repeat(TEXT_LIMITS.note + 1) }))).toEqual([
      "note: The note must be at most 2000 characters.",
    ]);
    expect(decisionSchema.safeParse({ decision: "hold", note: "n".repeat(TEXT_LIMITS.note) }).success).toBe(true);
    expect(
      messagesOf(
        agentMembershipSchema.safeParse({
          intent: "membership",
          responseId: "r1",
          decision: "exclude",
          reason: "r".repeat(2001),
        }),
      ),
    ).toEqual(["reason: The reason must be at most 2000 characters."]);
    expect(messagesOf(visionSchema.safeParse({ intent: "vision", vision: "v".repeat(2001) }))).toEqual([
      "vision: The vision must be at most 2000 characters.",
    ]);
    const item = { intent: "add-custom", value: "empathy", type: "scenario", options: "" };
    expect(messagesOf(customItemSchema.safeParse({ ...item, text: "t".repeat(1001), options: "a\nb" }))).toEqual([
      "text: The item text must be at most 1000 characters.",
    ]);
    expect(
      messagesOf(customItemSchema.safeParse({ ...item, text: "Which?", options: `a\n${"o".repeat(1001)}` })),
    ).toEqual(["options: Option 2 must be at most 1000 characters."]);
  });
});
