import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action as importAction, loader as importLoader } from "../../app/routes/app.positions.$positionId.import";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { EXAMPLES } from "../factories-benchmark";
import { getRequest, outcome, postForm } from "../factories";
import { countRows, makeRecruiterWithPosition } from "../factories-answering";

withTestDatabase();

const AGENTS_CSV = fs.readFileSync(path.join(EXAMPLES, "agents.csv"), "utf8");
const HEADER = AGENTS_CSV.split("\n")[0];

type Problems = { problems: { row: number; column: string | null; message: string }[] };

function postCsv(positionId: string, cookie: string, csv: string) {
  return outcome(() =>
    importAction({
      request: postForm(`/app/positions/${positionId}/import`, { csv }, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

describe("CSV import of agents' answers", () => {
  it("imports a good file as submitted agent responses labelled by the respondent column", async () => {
    const { org, cookie, positionId, versionId } = await makeRecruiterWithPosition();
    const res = await postCsv(positionId, cookie, AGENTS_CSV);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ ok: true, imported: 13 });
    const rows = await getDb()
      .selectFrom("responses")
      .selectAll()
      .where("position_id", "=", positionId)
      .orderBy("submitted_at")
      .execute();
    expect(rows.map((r) => r.respondent_label)).toEqual(
      Array.from({ length: 13 }, (_, i) => `a${String(i + 1).padStart(2, "0")}`),
    );
    for (const r of rows) {
      expect(r).toMatchObject({
        organization_id: org.id,
        kind: "agent",
        source: "import",
        questionnaire_version_id: versionId,
        invitation_id: null,
      });
      expect(r.submitted_at).not.toBeNull();
    }
    // First data row: a01,4,2,5,2,9,b,4,1,3,1,a,3,4,2,3,4
    expect(JSON.parse(rows[0].answers_json)).toEqual({
      "emp-01": 4,
      "emp-02": 2,
      "emp-03": 5,
      "emp-04": 2,
      "emp-r1": 9,
      "emp-s1": "b",
      "pat-01": 4,
      "pat-02": 1,
      "pat-03": 3,
      "pat-04": 1,
      "pat-s1": "a",
      "pace-01": 3,
      "pace-02": 4,
      "pace-03": 2,
      "pace-04": 3,
      "att-01": 4,
    });
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "responses.imported")
      .execute();
    expect(JSON.parse(audit[0].details_json)).toEqual({ kind: "agent", count: 13, comparison: 0 });
  });

  it("accepts an uploaded file (multipart) and a partial header with empty cells as missing answers", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const body = new FormData();
    body.append("file", new File(["respondent,emp-01,emp-s1\nr1,5,\nr2,,c\n"], "paper.csv", { type: "text/csv" }));
    body.append("csv", "");
    const request = new Request(`http://localhost:3000/app/positions/${positionId}/import`, {
      method: "POST",
      body,
      headers: { Cookie: cookie, Origin: "http://localhost:3000" },
    });
    const res = await outcome(() => importAction({ request, params: { positionId }, context: {} }));
    expect(res.data).toEqual({ ok: true, imported: 2 });
    const rows = await getDb()
      .selectFrom("responses")
      .select(["respondent_label", "answers_json"])
      .where("position_id", "=", positionId)
      .orderBy("submitted_at")
      .execute();
    expect(rows.map((r) => [r.respondent_label, JSON.parse(r.answers_json)])).toEqual([
      ["r1", { "emp-01": 5 }],
      ["r2", { "emp-s1": "c" }],
    ]);
  });

  const BAD_FILES: { name: string; csv: string; row: number; column: string | null; message: RegExp }[] = [
    {
      name: "an unknown column",
      csv: "respondent,emp-01,zzz-99\na,4,1\n",
      row: 1,
      column: "zzz-99",
      message: /unknown|not an item/i,
    },
    {
      name: "a likert cell outside the scale",
      csv: `${HEADER}\n${AGENTS_CSV.split("\n")[1]}\nbad,4,2,5,2,9,b,4,1,3,1,a,3,4,2,3,6\n`,
      row: 3,
      column: "att-01",
      message: /1 to 5/,
    },
    {
      name: "a rating that is not an integer",
      csv: "respondent,emp-r1\nx,7.5\n",
      row: 2,
      column: "emp-r1",
      message: /0 to 10/,
    },
    {
      name: "an unknown scenario option",
      csv: "respondent,emp-s1\nx,z\n",
      row: 2,
      column: "emp-s1",
      message: /option/,
    },
    {
      name: "a duplicate respondent",
      csv: "respondent,emp-01\nx,4\nx,5\n",
      row: 3,
      column: "respondent",
      message: /duplicate/,
    },
    { name: "an empty respondent id", csv: "respondent,emp-01\n,4\n", row: 2, column: "respondent", message: /empty/ },
    {
      name: "a row with the wrong number of cells",
      csv: "respondent,emp-01,emp-02\nx,4\n",
      row: 2,
      column: null,
      message: /cells/,
    },
    { name: "a header without answers", csv: "respondent,emp-01\n", row: 2, column: null, message: /no answers/ },
  ];

  for (const bad of BAD_FILES) {
    it(`refuses a file with ${bad.name}, naming row and column, and imports nothing`, async () => {
      const { cookie, positionId } = await makeRecruiterWithPosition();
      // Where a valid row comes first, it must not be imported either.
      const before = await countRows("responses");
      const auditBefore = await countRows("audit_log");
      const res = await postCsv(positionId, cookie, bad.csv);
      expect(res.status).toBe(400);
      const { problems } = res.data as Problems;
      expect(problems[0]).toMatchObject({ row: bad.row, column: bad.column });
      expect(problems[0].message).toMatch(bad.message);
      expect(await countRows("responses")).toBe(before);
      expect(await countRows("audit_log")).toBe(auditBefore);
    });
  }

  it("words the problems for a Finnish reader: the sentence, each row's message and the empty form", async () => {
    const { recruiter, cookie, positionId } = await makeRecruiterWithPosition();
    await getDb().updateTable("users").set({ language: "fi" }).where("id", "=", recruiter.id).execute();
    // emp-r1 is a rating item on the scale 0..10 (English: must be an integer from 0 to 10, got "7.5")
    const res = await postCsv(positionId, cookie, "respondent,emp-r1\nx,7.5\n");
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({
      formError: "Mitään ei tuotu: tiedostossa on 1 virhe.",
      problems: [{ row: 2, column: "emp-r1", message: "pitää olla kokonaisluku väliltä 0–10, saatiin ”7.5”" }],
    });
    const empty = await postCsv(positionId, cookie, "  ");
    expect(empty.data).toMatchObject({ formError: "Valitse CSV-tiedosto tai liitä sen sisältö.", problems: [] });
    const view = await outcome(() =>
      importLoader({
        request: getRequest(`/app/positions/${positionId}/import`, cookie),
        params: { positionId },
        context: {},
      }),
    );
    expect((view.data as { title: string }).title).toMatch(/^Tuo vastauksia · /);
  });

  it("keeps English for an English reader, word for word", async () => {
    const { cookie, positionId } = await makeRecruiterWithPosition();
    const res = await postCsv(positionId, cookie, "respondent,emp-r1\nx,7.5\ny,11\n");
    expect(res.data).toMatchObject({
      formError: "Nothing was imported: the file has 2 problems.",
      problems: [
        { row: 2, column: "emp-r1", message: 'must be an integer from 0 to 10, got "7.5"' },
        { row: 3, column: "emp-r1", message: 'must be an integer from 0 to 10, got "11"' },
      ],
    });
    const empty = await postCsv(positionId, cookie, "  ");
    expect(empty.data).toMatchObject({ formError: "Choose a CSV file or paste its contents." });
  });

  it("refuses an empty form and another organization's position (404)", async () => {
    const a = await makeRecruiterWithPosition("A");
    const b = await makeRecruiterWithPosition("B");
    const empty = await postCsv(a.positionId, a.cookie, "   ");
    expect(empty.status).toBe(400);
    const before = await countRows("responses");
    const foreign = await postCsv(a.positionId, b.cookie, AGENTS_CSV);
    expect(foreign.status).toBe(404);
    expect(await countRows("responses")).toBe(before);
    const view = await outcome(() =>
      importLoader({
        request: getRequest(`/app/positions/${a.positionId}/import`, b.cookie),
        params: { positionId: a.positionId },
        context: {},
      }),
    );
    expect(view.status).toBe(404);
  });
});
