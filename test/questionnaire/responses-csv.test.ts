import { describe, expect, it } from "vitest";
import { parseResponsesCsv, ResponsesCsvError, type CsvProblem } from "../../app/questionnaire/responses-csv";
import type { Questionnaire } from "../../app/questionnaire/types";

const q: Questionnaire = {
  id: "demo",
  version: 3,
  title: "Demo",
  locale: "en",
  virtues: [],
  values: [
    {
      id: "empathy",
      name: "Empathy",
      direction: "higher",
      weight: 1,
      probes: [],
      items: [
        { id: "emp-01", type: "likert", text: "x", keyed: "plus", scale: { min: 1, max: 5 } },
        { id: "emp-02", type: "rating", text: "x", keyed: "minus", scale: { min: 0, max: 10 } },
        {
          id: "emp-03",
          type: "scenario",
          text: "x",
          options: [
            { id: "a", text: "A" },
            { id: "b", text: "B" },
          ],
        },
      ],
    },
  ],
  attention: [{ id: "att-01", text: "Pick 4", expect: 4, scale: { min: 1, max: 5 } }],
};

function problemsOf(text: string, maxProblems?: number): CsvProblem[] {
  try {
    parseResponsesCsv(text, q, { fileName: "agents.csv", maxProblems });
  } catch (error) {
    expect(error).toBeInstanceOf(ResponsesCsvError);
    return (error as ResponsesCsvError).problems;
  }
  throw new Error("expected a ResponsesCsvError");
}

describe("responses CSV (sections 2 and 10)", () => {
  it("parses integers, option ids and empty cells; absent columns stay absent", () => {
    const parsed = parseResponsesCsv("respondent,emp-03,emp-01,att-01\na01,b,4,\na02,,5,4\n", q);
    expect(parsed.columns).toEqual(["emp-03", "emp-01", "att-01"]);
    expect(parsed.respondents).toEqual([
      { respondent: "a01", row: 2, answers: { "emp-03": "b", "emp-01": 4, "att-01": null } },
      { respondent: "a02", row: 3, answers: { "emp-03": null, "emp-01": 5, "att-01": 4 } },
    ]);
    expect("emp-02" in parsed.respondents[0].answers).toBe(false);
  });

  it("accepts RFC 4180 quoting, CRLF and a UTF-8 BOM", () => {
    const text = '\uFEFFrespondent,emp-01,emp-02\r\n"a, ""01""",4,"10"\r\n"multi\nline",1,0\r\n';
    const parsed = parseResponsesCsv(text, q);
    expect(parsed.respondents.map((r) => r.respondent)).toEqual(['a, "01"', "multi\nline"]);
    expect(parsed.respondents[0].answers).toEqual({ "emp-01": 4, "emp-02": 10 });
  });

  it("accepts a file without a final newline and skips blank lines", () => {
    const parsed = parseResponsesCsv("respondent,emp-01\n\na01,3", q);
    expect(parsed.respondents).toEqual([{ respondent: "a01", row: 3, answers: { "emp-01": 3 } }]);
  });

  it("names row and column of every bad cell, and imports nothing", () => {
    const text = "respondent,emp-01,emp-02,emp-03,att-01\na01,6,10,a,4\na02,3,x,c,4\na03,2.5,-1,a,0\n";
    expect(problemsOf(text)).toEqual([
      { row: 2, column: "emp-01", message: 'must be an integer from 1 to 5, got "6"' },
      { row: 3, column: "emp-02", message: 'must be an integer from 0 to 10, got "x"' },
      { row: 3, column: "emp-03", message: 'must be one of the option ids a, b, got "c"' },
      { row: 4, column: "emp-01", message: 'must be an integer from 1 to 5, got "2.5"' },
      { row: 4, column: "emp-02", message: 'must be an integer from 0 to 10, got "-1"' },
      { row: 4, column: "att-01", message: 'must be an integer from 1 to 5, got "0"' },
    ]);
  });

  it("the error message names the file, row and column", () => {
    expect(() => parseResponsesCsv("respondent,emp-01\na01,9\n", q, { fileName: "agents.csv" })).toThrow(
      'agents.csv: row 2, column "emp-01": must be an integer from 1 to 5, got "9"',
    );
  });

  it("rejects unknown, duplicate and missing columns", () => {
    expect(problemsOf("respondent,emp-01,emp-99\na01,3,1\n")).toEqual([
      { row: 1, column: "emp-99", message: "unknown column: not an item of questionnaire demo version 3" },
    ]);
    expect(problemsOf("respondent,emp-01,emp-01\na01,3,1\n")[0]).toMatchObject({ row: 1, column: "emp-01" });
    expect(problemsOf("id,emp-01\na01,3\n")).toContainEqual({
      row: 1,
      column: "respondent",
      message: 'the header has no "respondent" column',
    });
  });

  it("rejects a duplicate or empty respondent id and a wrong cell count", () => {
    expect(problemsOf("respondent,emp-01\na01,3\na02,3\na01,4\n")).toEqual([
      { row: 4, column: "respondent", message: 'duplicate respondent "a01" (first on row 2)' },
    ]);
    expect(problemsOf("respondent,emp-01\n,3\n")[0]).toMatchObject({ row: 2, column: "respondent" });
    expect(problemsOf("respondent,emp-01\na01,3,4\n")[0]).toMatchObject({ row: 2, column: null });
  });

  it("rejects broken quoting and an empty file", () => {
    expect(problemsOf('respondent,emp-01\n"a01,3\n')[0].message).toContain("unterminated");
    expect(problemsOf('respondent,emp-01\na"01,3\n')[0].message).toContain("quote");
    expect(problemsOf('respondent,emp-01\n"a01"x,3\n')[0].message).toContain("closing quote");
    expect(problemsOf("")[0].message).toContain("empty");
  });

  it("reports every problem up to the cap", () => {
    const rows = Array.from({ length: 80 }, (_, i) => `a${i},9`).join("\n");
    const problems = problemsOf(`respondent,emp-01\n${rows}\n`);
    expect(problems).toHaveLength(50);
    expect(problems[49].row).toBe(51);
    expect(() => parseResponsesCsv(`respondent,emp-01\n${rows}\n`, q)).toThrow(/too many problems/);
    expect(problemsOf(`respondent,emp-01\n${rows}\n`, 5)).toHaveLength(5);
  });
});
