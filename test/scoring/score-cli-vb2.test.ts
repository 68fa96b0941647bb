// The score command under vb-2 (SCORING.md section 8): --outcomes, --algorithm and the bad inputs of sections 1 and 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const examples = join(root, "questions/examples");
const questionnaire = join(examples, "questionnaire.yaml");
const agents = join(examples, "agents-groups.csv");
const candidates = join(examples, "candidates.csv");
const outcomes = join(examples, "outcomes.csv");

function score(args: string[]) {
  const run = spawnSync(tsx, [join(root, "scripts/score.ts"), ...args], { cwd: root, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function args(files: { questionnaire?: string; agents?: string; candidates?: string }, ...extra: string[]) {
  return [
    "--questionnaire",
    files.questionnaire ?? questionnaire,
    "--agents",
    files.agents ?? agents,
    "--candidates",
    files.candidates ?? candidates,
    ...extra,
  ];
}

const scratch = mkdtempSync(join(tmpdir(), "score-cli-vb2-"));
function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

function expectBadInput(run: ReturnType<typeof score>, message: string | RegExp) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  if (typeof message === "string") expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
}

describe("score --algorithm vb-2 (the default)", () => {
  it("prints the vb-2 document with contrast and outcomes, keys in the documented order", () => {
    const { status, stdout, stderr } = score(args({}, "--outcomes", outcomes));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      "algorithmVersion",
      "questionnaire",
      "benchmark",
      "contrast",
      "candidates",
      "outcomes",
    ]);
    expect(report.algorithmVersion).toBe("vb-2");
    expect(report.benchmark.agents).toBe(13);
    expect(report.benchmark.excluded).toEqual([{ respondent: "a07", flags: ["long-string", "no-variance"] }]);
    expect(Object.keys(report.benchmark.values.empathy)).toEqual([
      "n",
      "mean",
      "sd",
      "sdUsed",
      "dfUsed",
      "median",
      "p10",
      "p90",
      "alpha",
    ]);
    expect(report.benchmark.values.empathy.dfUsed).toBe(11); // n = 12
    expect(Object.keys(report.contrast)).toEqual(["agents", "excluded", "values"]);
    expect(report.contrast.agents).toBe(8);
    expect(report.contrast.excluded).toEqual([
      { respondent: "b01", flags: ["long-string", "no-variance"] },
      { respondent: "b07", flags: ["attention"] },
    ]);
    expect(Object.keys(report.contrast.values)).toEqual(["empathy", "patience", "pace"]);
    expect(Object.keys(report.contrast.values.empathy)).toEqual([
      "nTop",
      "nComparison",
      "meanTop",
      "meanComparison",
      "sdPooled",
      "d",
      "g",
      "ciLow",
      "ciHigh",
      "verdict",
    ]);
    expect(report.contrast.values.empathy).toMatchObject({ nTop: 12, nComparison: 6 });
    expect(report.contrast.values.empathy.meanTop).toBe(report.benchmark.values.empathy.mean);
    expect(Object.keys(report.outcomes)).toEqual(["csat", "aht"]);
    expect(Object.keys(report.outcomes.csat)).toEqual(["agents", "candidates"]);
    expect(Object.keys(report.outcomes.csat.candidates)).toEqual(["values", "overall"]);
    // csat rows: 13 top agents (a07 excluded) and 8 comparison agents (b01, b07 excluded): 18 pairs.
    expect(Object.keys(report.outcomes.csat.agents.values.empathy)).toEqual([
      "n",
      "r",
      "ciLow",
      "ciHigh",
      "p",
      "rCritical",
    ]);
    expect(report.outcomes.csat.agents.values.empathy.n).toBe(18);
    // 6 candidates: below 10 pairs, r is null but rCritical is not.
    expect(report.outcomes.csat.candidates.overall).toMatchObject({ n: 6, r: null, p: null });
    expect(report.outcomes.csat.candidates.overall.rCritical).toBeCloseTo(0.811401, 5); // t(.975, 4) = 2.776445
  });

  it("prints contrast: null and outcomes: null without comparison agents and --outcomes", () => {
    const report = JSON.parse(score(args({ agents: join(examples, "agents.csv") })).stdout);
    expect(report.contrast).toBeNull();
    expect(report.outcomes).toBeNull();
  });

  it("reproduces the hand-worked contrast: d = 30 / sqrt(1000), g = d * 28 / 31", () => {
    const q = scratchFile(
      "one.yaml",
      "id: one\nversion: 1\ntitle: One\nvalues:\n  - id: v\n    name: V\n    items:\n      - { id: l, type: likert, text: x, keyed: plus }\n",
    );
    // Top agents answer 1..5 (scores 0, 25, 50, 75, 100), comparison agents 1, 1, 2, 2, 3 (0, 0, 25, 25, 50).
    const rows = ["a1,top,1", "a2,,2", "a3,top,3", "a4,top,4", "a5,,5"];
    rows.push("b1,comparison,1", "b2,comparison,1", "b3,comparison,2", "b4,comparison,2", "b5,comparison,3");
    const agentsFile = scratchFile("groups.csv", `respondent,group,l\r\n${rows.join("\r\n")}\r\n`);
    const candidatesFile = scratchFile("none.csv", "respondent,l\n");
    const report = JSON.parse(score(args({ questionnaire: q, agents: agentsFile, candidates: candidatesFile })).stdout);
    const d = 30 / Math.sqrt(1000);
    expect(report.contrast.values.v).toMatchObject({
      nTop: 5,
      nComparison: 5,
      meanTop: 50,
      meanComparison: 20,
      verdict: "unclear",
    });
    expect(report.contrast.values.v.d).toBeCloseTo(d, 12);
    expect(report.contrast.values.v.g).toBeCloseTo((d * 28) / 31, 12);
  });

  it("exits 2 on an unknown algorithm", () => {
    expectBadInput(score(args({}, "--algorithm", "vb-3")), '--algorithm must be vb-1 or vb-2, got "vb-3"');
  });

  it("exits 2 naming the file, row and column of a bad outcomes row", () => {
    const bad = scratchFile("bad-outcomes.csv", "respondent,metric,value\na01,csat,4.5\nzz,csat,4\n");
    expectBadInput(
      score(args({}, "--outcomes", bad)),
      `${bad}: row 3, column "respondent": unknown respondent "zz": not in the agents' or candidates' file`,
    );
    const badValue = scratchFile("bad-value.csv", "respondent,metric,value\na01,csat,4,5\n");
    expectBadInput(score(args({}, "--outcomes", badValue)), `${badValue}: row 2: has 4 cells but the header has 3`);
  });

  it("exits 2 when an id is in both files with --outcomes", () => {
    const overlap = scratchFile("overlap.csv", "respondent,emp-01\nc01,4\na03,4\n");
    expectBadInput(
      score(args({ candidates: overlap }, "--outcomes", outcomes)),
      `${overlap}: row 3, column "respondent": respondent "a03" is also in the agents' file`,
    );
  });

  it("exits 2 on a bad group cell and on a group column in the candidates' file", () => {
    const text = readFileSync(agents, "utf8").replace("b02,comparison", "b02,comparsion");
    const bad = scratchFile("bad-group.csv", text);
    expectBadInput(
      score(args({ agents: bad })),
      `${bad}: row 16, column "group": must be top or comparison (or empty for top), got "comparsion"`,
    );
    expectBadInput(score(args({ candidates: agents })), `${agents}: row 1, column "group": unknown column`);
  });
});

describe("score --algorithm vb-1 refuses what vb-2 added (section 13)", () => {
  it("refuses a group column in the agents' file", () => {
    expectBadInput(score(args({}, "--algorithm", "vb-1")), `${agents}: row 1, column "group": unknown column`);
  });

  it("refuses --outcomes", () => {
    expectBadInput(score(args({}, "--algorithm", "vb-1", "--outcomes", outcomes)), "--outcomes needs --algorithm vb-2");
  });

  it("refuses virtue items, and vb-2 refuses a numeric id that vb-1 accepts", () => {
    const withVirtue = scratchFile(
      "virtue.yaml",
      `${readFileSync(questionnaire, "utf8")}virtues:\n  - { id: vir-01, text: "I never lie." }\n`,
    );
    const plain = { questionnaire: withVirtue, agents: join(examples, "agents.csv") };
    expectBadInput(score(args(plain, "--algorithm", "vb-1")), `${withVirtue}: virtues[0]`);
    expect(score(args(plain)).status).toBe(0);
    const numeric = scratchFile(
      "numeric.yaml",
      readFileSync(questionnaire, "utf8").replace("id: example-service", "id: 2026-service"),
    );
    expectBadInput(score(args({ questionnaire: numeric, agents: join(examples, "agents.csv") })), `${numeric}: id`);
    expect(
      score(args({ questionnaire: numeric, agents: join(examples, "agents.csv") }, "--algorithm", "vb-1")).status,
    ).toBe(0);
  });
});
