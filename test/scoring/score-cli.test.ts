import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const examples = join(root, "questions/examples");
const exampleArgs = {
  questionnaire: join(examples, "questionnaire.yaml"),
  agents: join(examples, "agents.csv"),
  candidates: join(examples, "candidates.csv"),
};

function score(args: string[]) {
  const run = spawnSync(tsx, [join(root, "scripts/score.ts"), ...args], { cwd: root, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function withArgs(overrides: Partial<typeof exampleArgs>): string[] {
  const all = { ...exampleArgs, ...overrides };
  return ["--questionnaire", all.questionnaire, "--agents", all.agents, "--candidates", all.candidates];
}

/** The vb-1 document (section 13): `--algorithm vb-1`. */
function vb1Args(overrides: Partial<typeof exampleArgs>): string[] {
  return [...withArgs(overrides), "--algorithm", "vb-1"];
}

const scratch = mkdtempSync(join(tmpdir(), "score-cli-"));
function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe("the score command (section 8)", () => {
  it("prints the vb-1 JSON document of the examples with keys in the documented order", () => {
    const { status, stdout, stderr } = score(vb1Args({}));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(["algorithmVersion", "questionnaire", "benchmark", "candidates"]);
    expect(report.algorithmVersion).toBe("vb-1");
    expect(report.questionnaire).toEqual({ id: "example-service", version: 1 });
    expect(Object.keys(report.benchmark)).toEqual(["agents", "excluded", "values", "scenarios"]);
    expect(report.benchmark.agents).toBe(13);
    expect(report.benchmark.excluded).toEqual([{ respondent: "a07", flags: ["long-string", "no-variance"] }]);
    expect(Object.keys(report.benchmark.values)).toEqual(["empathy", "patience", "pace"]);
    expect(Object.keys(report.benchmark.values.empathy)).toEqual([
      "n",
      "mean",
      "sd",
      "sdUsed",
      "median",
      "p10",
      "p90",
      "alpha",
    ]);
    expect(Object.keys(report.benchmark.scenarios)).toEqual(["emp-s1", "pat-s1"]);
    expect(Object.keys(report.benchmark.scenarios["emp-s1"])).toEqual(["m", "shares"]);
    expect(Object.keys(report.benchmark.scenarios["emp-s1"].shares)).toEqual(["a", "b", "c"]);
    const candidates = report.candidates as { respondent: string; values: Record<string, unknown> }[];
    expect(candidates.map((c) => c.respondent)).toEqual(["c01", "c02", "c03", "c04", "c05", "c06"]);
    expect(Object.keys(candidates[0])).toEqual([
      "respondent",
      "flags",
      "review",
      "values",
      "overall",
      "minAlignment",
      "belowValues",
      "incomplete",
    ]);
    expect(Object.keys(candidates[0].values)).toEqual(["empathy", "patience", "pace"]);
    expect(candidates.find((c) => c.respondent === "c04")).toMatchObject({ incomplete: true });
    expect(candidates.find((c) => c.respondent === "c05")).toMatchObject({
      flags: ["long-string", "no-variance", "attention"],
      review: true,
    });
  });

  it("keeps the vb-1 numbers of the example (a change here changes stored reports)", () => {
    const report = JSON.parse(score(vb1Args({})).stdout);
    expect(report.benchmark.values.empathy.mean).toBeCloseTo(82.56944444444444, 12);
    expect(report.benchmark.values.empathy.alpha).toBeCloseTo(0.10911452695388592, 12);
    expect(report.candidates[0].values.pace).toEqual({
      score: 50,
      percentile: expect.closeTo(31.21079798079629, 9),
      ciLow: expect.closeTo(13.133033017898905, 9),
      ciHigh: expect.closeTo(53.64645335487267, 9),
      alignment: expect.closeTo(62.42159596159258, 9),
      band: "within",
      uncertain: false,
    });
    expect(report.candidates[0].overall).toBeCloseTo(90.60539899039814, 9);
  });

  it("is reproducible: the same input gives the same bytes", () => {
    expect(score(withArgs({})).stdout).toBe(score(withArgs({})).stdout);
    expect(score(vb1Args({})).stdout).toBe(score(vb1Args({})).stdout);
  });

  it.each([
    [
      "a missing flag",
      ["--questionnaire", exampleArgs.questionnaire, "--agents", exampleArgs.agents],
      /missing --candidates/,
    ],
    ["an unknown argument", [...withArgs({}), "--verbose"], /unknown argument "--verbose"/],
    [
      "a flag without a value",
      ["--questionnaire", "--agents", "x", "--candidates", "y"],
      /--questionnaire needs a file path/,
    ],
  ])("exits 2 on %s, with usage on stderr and nothing on stdout", (_, args, message) => {
    const { status, stdout, stderr } = score(args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("usage:");
  });

  it("exits 2 naming an unreadable file", () => {
    const { status, stdout, stderr } = score(withArgs({ agents: join(scratch, "missing.csv") }));
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("missing.csv: cannot read file (ENOENT)");
  });

  it("exits 2 naming the file and path of a questionnaire error", () => {
    const broken = readFileSync(exampleArgs.questionnaire, "utf8").replace("direction: target", "direction: lower");
    const path = scratchFile("broken.yaml", broken);
    const { status, stdout, stderr } = score(withArgs({ questionnaire: path }));
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${path}: values[2].direction`);
  });

  it("exits 2 naming the file, row and column of a bad CSV cell", () => {
    const text = readFileSync(exampleArgs.candidates, "utf8").replace("c02,2,", "c02,7,");
    const path = scratchFile("bad-cell.csv", text);
    const { status, stdout, stderr } = score(withArgs({ candidates: path }));
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${path}: row 3, column "emp-01": must be an integer from 1 to 5, got "7"`);
  });

  it("exits 2 on an unknown column and on a duplicate respondent", () => {
    const unknown = scratchFile("unknown.csv", "respondent,emp-01,emp-99\nc01,3,1\n");
    const first = score(withArgs({ candidates: unknown }));
    expect(first.status).toBe(2);
    expect(first.stdout).toBe("");
    expect(first.stderr).toContain('row 1, column "emp-99": unknown column');
    const duplicate = scratchFile("duplicate.csv", "respondent,emp-01\nc01,3\nc01,4\n");
    const second = score(withArgs({ agents: duplicate }));
    expect(second.status).toBe(2);
    expect(second.stdout).toBe("");
    expect(second.stderr).toContain('duplicate.csv: row 3, column "respondent": duplicate respondent "c01"');
  });
});
