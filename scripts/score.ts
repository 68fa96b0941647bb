// Offline, reproducible scoring (SCORING.md section 8):
//   npm run --silent score -- --questionnaire <yaml> --agents <csv> --candidates <csv>
// Prints one JSON document (exit 0), or a message on stderr and nothing on stdout (exit 2).
import { readFileSync } from "node:fs";
import { loadQuestionnaireFile } from "../app/questionnaire/load.server";
import { parseResponsesCsv } from "../app/questionnaire/responses-csv";
import type { Questionnaire } from "../app/questionnaire/types";
import { scoreAll } from "../app/scoring/index";
import type { RespondentInput } from "../app/scoring/types";

const USAGE = "usage: npm run --silent score -- --questionnaire <yaml> --agents <csv> --candidates <csv>";
const FLAGS = ["questionnaire", "agents", "candidates"] as const;
type Flag = (typeof FLAGS)[number];

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Record<Flag, string> {
  const found: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(name)) throw new UsageError(`unknown argument "${arg}"`);
    const flag = name as Flag;
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === "" || value.startsWith("--"))
      throw new UsageError(`--${flag} needs a file path`);
    if (found[flag] !== undefined) throw new UsageError(`--${flag} is given twice`);
    found[flag] = value;
  }
  const missing = FLAGS.filter((flag) => found[flag] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((flag) => `--${flag}`).join(", ")}`);
  return found as Record<Flag, string>;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new Error(`${path}: cannot read file (${code})`);
  }
}

function loadResponses(path: string, q: Questionnaire): RespondentInput[] {
  const parsed = parseResponsesCsv(readText(path), q, { fileName: path });
  return parsed.respondents.map(({ respondent, answers }) => ({ respondent, answers }));
}

function main(argv: readonly string[]): number {
  try {
    const args = parseArgs(argv);
    const q = loadQuestionnaireFile(args.questionnaire);
    const agents = loadResponses(args.agents, q);
    const candidates = loadResponses(args.candidates, q);
    const report = scoreAll(q, agents, candidates);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`score: ${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
