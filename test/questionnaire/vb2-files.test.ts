// vb-2 file rules: the id rule and virtue items (section 1), the agents' group column and the outcomes CSV (2).
import { describe, expect, it } from "vitest";
import { parseQuestionnaireYaml, QuestionnaireError, questionnaireToYaml } from "../../app/questionnaire/load.server";
import type { QuestionnaireRule } from "../../app/questionnaire/schema.server";
import {
  parseOutcomesCsv,
  parseResponsesCsv,
  ResponsesCsvError,
  type CsvProblem,
} from "../../app/questionnaire/responses-csv";
import { parseStoredQuestionnaire } from "../../app/questionnaire/stored";
import { valueKeySchema } from "../../app/utils/schemas/values.server";
import { translated } from "../../app/utils/form.server";

const withIds = (valueId: string, itemId: string, extra = "") => `
id: demo
version: 1
title: Demo
values:
  - id: ${valueId}
    name: Value
    items:
      - { id: ${itemId}, type: likert, text: "I care.", keyed: plus }
${extra}`;

function problemOf(text: string, rule?: QuestionnaireRule): string {
  try {
    parseQuestionnaireYaml(text, "demo.yaml", rule);
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireError);
    return (error as Error).message;
  }
  throw new Error("expected a QuestionnaireError");
}

describe("the id rule (section 1) by algorithm", () => {
  it("vb-2 (the default) wants ids that start with a letter; vb-1 and stored content still accept numeric ids", () => {
    expect(problemOf(withIds('"2024"', "emp-01"))).toBe(
      "demo.yaml: values[0].id (line 6): must match [a-z][a-z0-9-]* (a lower-case letter, then lower-case letters, digits, dashes)",
    );
    expect(problemOf(withIds("empathy", "1-emp"))).toContain("values[0].items[0].id");
    expect(problemOf(withIds("empathy", "-emp"))).toContain("must match [a-z][a-z0-9-]*");
    expect(parseQuestionnaireYaml(withIds('"2024"', "1-emp"), "demo.yaml", "vb-1").values[0].id).toBe("2024");
    expect(parseQuestionnaireYaml(withIds('"2024"', "1-emp"), "demo.yaml", "stored").values[0].items[0].id).toBe(
      "1-emp",
    );
    expect(problemOf(withIds("Empathy", "emp-01"), "vb-1")).toContain("must match [a-z0-9-]+");
  });

  it("the web's value keys follow the vb-2 rule", () => {
    expect(valueKeySchema.safeParse("clear-communication").success).toBe(true);
    const numeric = valueKeySchema.safeParse("2fast");
    expect(numeric.success).toBe(false);
    // the schema's message is a catalog key (issue 18); translated() gives what an English reader sees
    expect(translated(numeric.error?.issues[0].message ?? "")).toBe(
      "Start with a lower-case letter, then use lower-case letters, digits and dashes (e.g. clear-communication).",
    );
  });
});

describe("virtue items (sections 1 and 6)", () => {
  const virtues = `virtues:
  - { id: vir-01, text: "I have never been impatient with anyone." }
  - { id: vir-02, text: "I always keep every promise.", scale: { min: 1, max: 7 } }
`;

  it("load with the 1..5 default scale, in file order, and round-trip through YAML", () => {
    const q = parseQuestionnaireYaml(withIds("empathy", "emp-01", virtues), "demo.yaml");
    expect(q.virtues).toEqual([
      { id: "vir-01", text: "I have never been impatient with anyone.", scale: { min: 1, max: 5 } },
      { id: "vir-02", text: "I always keep every promise.", scale: { min: 1, max: 7 } },
    ]);
    expect(parseQuestionnaireYaml(questionnaireToYaml(q), "again.yaml")).toEqual(q);
    expect(parseQuestionnaireYaml(withIds("empathy", "emp-01"), "demo.yaml").virtues).toEqual([]);
    expect(questionnaireToYaml(parseQuestionnaireYaml(withIds("empathy", "emp-01"), "demo.yaml"))).not.toContain(
      "virtues",
    );
  });

  it("are refused by vb-1, take part in the unique item ids, and refuse unknown keys", () => {
    expect(problemOf(withIds("empathy", "emp-01", virtues), "vb-1")).toContain(
      "virtues[0] (line 11): virtue items need algorithm vb-2",
    );
    expect(problemOf(withIds("empathy", "vir-01", virtues))).toContain(
      'virtues[0].id (line 11): duplicate item id "vir-01"',
    );
    expect(problemOf(withIds("empathy", "emp-01", 'virtues:\n  - { id: vir-01, text: "x", expect: 5 }\n'))).toContain(
      'unknown key "expect"',
    );
  });

  it("stored content without virtues reads with virtues: []", () => {
    const stored = JSON.stringify({ id: "q", version: 1, title: "Q", locale: "en", values: [], attention: [] });
    expect(parseStoredQuestionnaire(stored).virtues).toEqual([]);
  });
});

const q = parseQuestionnaireYaml(
  withIds("empathy", "emp-01", 'virtues:\n  - { id: vir-01, text: "I never lie." }\n'),
  "demo.yaml",
);

function problemsOf(run: () => unknown): CsvProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ResponsesCsvError);
    return (error as ResponsesCsvError).problems;
  }
  throw new Error("expected a ResponsesCsvError");
}

describe("the agents' group column and virtue columns (section 2)", () => {
  it("reads top (also for an empty cell) and comparison, anywhere in the header", () => {
    const parsed = parseResponsesCsv("emp-01,group,respondent,vir-01\n4,comparison,a1,5\n3,,a2,\n2,top,a3,1\n", q, {
      groupColumn: true,
    });
    expect(parsed.columns).toEqual(["emp-01", "vir-01"]);
    expect(parsed.respondents.map((r) => [r.respondent, r.group, r.answers])).toEqual([
      ["a1", "comparison", { "emp-01": 4, "vir-01": 5 }],
      ["a2", "top", { "emp-01": 3, "vir-01": null }],
      ["a3", "top", { "emp-01": 2, "vir-01": 1 }],
    ]);
  });

  it("names the row and column of a bad group or virtue cell; group is unknown in other files", () => {
    expect(
      problemsOf(() => parseResponsesCsv("respondent,group,vir-01\na1,Top,6\n", q, { groupColumn: true })),
    ).toEqual([
      { row: 2, column: "group", message: 'must be top or comparison (or empty for top), got "Top"' },
      { row: 2, column: "vir-01", message: 'must be an integer from 1 to 5, got "6"' },
    ]);
    expect(problemsOf(() => parseResponsesCsv("respondent,group\nc1,top\n", q))).toEqual([
      { row: 1, column: "group", message: "unknown column: not an item of questionnaire demo version 1" },
    ]);
  });
});

describe("the outcomes CSV (section 2)", () => {
  const respondents = new Set(["a1", "a2", "c1"]);

  it("reads respondent, metric, value in any column order, with BOM, CRLF and quotes; metrics by first row", () => {
    const text = '\uFEFFvalue,respondent,metric\r\n4.5,a1,csat\r\n"-12",a1,"aht"\r\n3,c1,csat\r\n0.25,a2,qa-score\r\n';
    const table = parseOutcomesCsv(text, { respondents });
    expect(table.metrics).toEqual(["csat", "aht", "qa-score"]);
    expect([...table.values.entries()].map(([id, m]) => [id, Object.fromEntries(m)])).toEqual([
      ["a1", { csat: 4.5, aht: -12 }],
      ["c1", { csat: 3 }],
      ["a2", { "qa-score": 0.25 }],
    ]);
  });

  it("names the row and column of every problem", () => {
    const text = [
      "respondent,metric,value",
      "a1,csat,4.5",
      "x9,csat,4",
      "a2,CSAT,4",
      "a2,csat,4.",
      "a2,csat,1e3",
      "a1,csat,4",
      "c1,2nd,+3",
    ].join("\n");
    expect(problemsOf(() => parseOutcomesCsv(text, { respondents, fileName: "outcomes.csv" }))).toEqual([
      { row: 3, column: "respondent", message: `unknown respondent "x9": not in the agents' or candidates' file` },
      { row: 4, column: "metric", message: 'must match [a-z][a-z0-9-]* (e.g. csat, qa-score), got "CSAT"' },
      { row: 5, column: "value", message: 'must be a decimal number like 4.25 or -1, got "4."' },
      { row: 6, column: "value", message: 'must be a decimal number like 4.25 or -1, got "1e3"' },
      { row: 7, column: null, message: 'a second row for respondent "a1" and metric "csat" (first on row 2)' },
      { row: 8, column: "metric", message: 'must match [a-z][a-z0-9-]* (e.g. csat, qa-score), got "2nd"' },
      { row: 8, column: "value", message: 'must be a decimal number like 4.25 or -1, got "+3"' },
    ]);
  });

  it("wants exactly the three columns", () => {
    expect(problemsOf(() => parseOutcomesCsv("respondent,metric,value,note\n", {}))).toEqual([
      {
        row: 1,
        column: "note",
        message: "unknown column: an outcomes file has exactly the columns respondent, metric, value",
      },
    ]);
    expect(problemsOf(() => parseOutcomesCsv("respondent,value\n", {}))).toEqual([
      { row: 1, column: "metric", message: 'the header has no "metric" column' },
    ]);
    expect(() => parseOutcomesCsv("", { fileName: "o.csv" })).toThrow(/o.csv: row 1: the file is empty/);
  });
});
