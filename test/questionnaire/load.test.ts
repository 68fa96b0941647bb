import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadQuestionnaireFile,
  parseQuestionnaireYaml,
  QuestionnaireError,
  questionnaireToYaml,
} from "../../app/questionnaire/load.server";

const root = join(import.meta.dirname, "../..");

const minimal = `
id: demo
version: 1
title: Demo
locale: en
values:
  - id: empathy
    name: Empathy
    items:
      - { id: emp-01, type: likert, text: "I care.", keyed: plus }
      - { id: emp-02, type: rating, text: "0 to 10?", keyed: minus }
      - id: emp-03
        type: scenario
        text: What first?
        options:
          - { id: a, text: Listen }
          - { id: b, text: Fix }
`;

function problemOf(text: string): string {
  try {
    parseQuestionnaireYaml(text, "demo.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireError);
    return (error as Error).message;
  }
  throw new Error("expected a QuestionnaireError");
}

describe("questionnaire files (section 1)", () => {
  it("applies the defaults: weight 1, direction higher, likert 1..5, rating 0..10", () => {
    const q = parseQuestionnaireYaml(minimal, "demo.yaml");
    expect(q.values[0]).toMatchObject({ direction: "higher", weight: 1, probes: [] });
    expect(q.values[0].items[0]).toMatchObject({ scale: { min: 1, max: 5 } });
    expect(q.values[0].items[1]).toMatchObject({ scale: { min: 0, max: 10 } });
    expect(q.attention).toEqual([]);
  });

  it("loads the example and every bank file", () => {
    const files = [
      join(root, "questions/examples/questionnaire.yaml"),
      ...readdirSync(join(root, "questions/bank"))
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => join(root, "questions/bank", name)),
    ];
    for (const file of files) expect(loadQuestionnaireFile(file).values.length).toBeGreaterThan(0);
  });

  it("names the file, the path and the problem: a typo is an unknown key", () => {
    const message = problemOf(minimal.replace("keyed: plus", "kyed: plus"));
    expect(message).toContain("demo.yaml: values[0].items[0]");
    expect(message).toContain('unknown key "kyed"');
    expect(message).toContain("values[0].items[0].keyed");
    expect(message).toMatch(/line \d+/);
  });

  it.each([
    ["a missing keyed", minimal.replace(", keyed: minus", ""), "values[0].items[1].keyed"],
    ["an id outside [a-z0-9-]", minimal.replace("id: empathy", "id: Empathy"), "values[0].id"],
    ["one option", minimal.replace("          - { id: b, text: Fix }\n", ""), "values[0].items[2].options"],
    [
      "duplicate option ids",
      minimal.replace("id: b, text: Fix", "id: a, text: Fix"),
      "values[0].items[2].options[1].id",
    ],
    ["an unknown type", minimal.replace("type: likert", "type: slider"), "values[0].items[0].type"],
    [
      "scale min >= max",
      minimal.replace("keyed: plus }", "keyed: plus, scale: { min: 5, max: 5 } }"),
      "values[0].items[0].scale",
    ],
    [
      "a non-integer scale",
      minimal.replace("keyed: plus }", "keyed: plus, scale: { min: 1, max: 4.5 } }"),
      "values[0].items[0].scale.max",
    ],
    ["weight 0", minimal.replace("name: Empathy", "name: Empathy\n    weight: 0"), "values[0].weight"],
    [
      "an unknown direction",
      minimal.replace("name: Empathy", "name: Empathy\n    direction: lower"),
      "values[0].direction",
    ],
    ["a missing version", minimal.replace("version: 1\n", ""), "version"],
    [
      "keyed on a scenario",
      minimal.replace("type: scenario", "type: scenario\n        keyed: plus"),
      "values[0].items[2]",
    ],
  ])("rejects %s", (_, text, path) => {
    expect(problemOf(text)).toContain(`demo.yaml: ${path}`);
  });

  it("item ids are unique across the whole file, attention included; value ids unique", () => {
    const duplicated = `${minimal}attention:\n  - { id: emp-01, text: "Pick 4", expect: 4 }\n`;
    expect(problemOf(duplicated)).toContain("demo.yaml: attention[0].id");
    expect(problemOf(duplicated)).toContain('duplicate item id "emp-01"');
    const twice = minimal + minimal.slice(minimal.indexOf("  - id: empathy")).replace(/emp-0/g, "x-0");
    expect(problemOf(twice)).toContain("values[1].id");
    expect(problemOf(minimal.replace("id: emp-02", "id: respondent"))).toContain("reserved");
  });

  it("attention expect must be inside its scale", () => {
    const text = `${minimal}attention:\n  - { id: att-01, text: "Pick 4", expect: 6, scale: { min: 1, max: 5 } }\n`;
    expect(problemOf(text)).toContain("attention[0].expect");
  });

  it("reports YAML syntax errors with a line, and duplicate keys", () => {
    expect(problemOf("id: demo\nvalues: [\n")).toMatch(/demo\.yaml: \(document\) \(line \d+\): YAML syntax/);
    expect(problemOf("id: demo\nid: again\n")).toContain("YAML syntax");
    expect(problemOf("")).toContain("demo.yaml");
  });

  it("loadQuestionnaireFile names an unreadable file", () => {
    expect(() => loadQuestionnaireFile("/nonexistent/q.yaml")).toThrow(
      /\/nonexistent\/q\.yaml.*cannot read file \(ENOENT\)/,
    );
  });
});

describe("questionnaireToYaml", () => {
  it("round-trips the example and bank files", () => {
    const files = [
      join(root, "questions/examples/questionnaire.yaml"),
      ...readdirSync(join(root, "questions/bank"))
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => join(root, "questions/bank", name)),
    ];
    for (const file of files) {
      const q = loadQuestionnaireFile(file);
      expect(parseQuestionnaireYaml(questionnaireToYaml(q), "round-trip.yaml")).toEqual(q);
    }
  });

  it("round-trips awkward text", () => {
    const q = parseQuestionnaireYaml(minimal, "demo.yaml");
    const awkward = [
      "yes",
      "no",
      "1.0",
      "null",
      "a: b # c",
      "'quoted' \"double\"",
      "line one\nline two",
      "- dash",
      "@at",
      "~",
      "ünïcödé ✓",
    ];
    const edited = {
      ...q,
      title: "0x10",
      values: q.values.map((v) => ({ ...v, description: "true", probes: awkward })),
      attention: [{ id: "att-01", text: "Please answer 'Agree' here.", expect: 4, scale: { min: 1, max: 5 } }],
    };
    expect(parseQuestionnaireYaml(questionnaireToYaml(edited), "round-trip.yaml")).toEqual(edited);
  });
});
