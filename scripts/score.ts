// Offline, reproducible scoring (SCORING.md section 8):
//   npm run --silent score -- --questionnaire <yaml> --agents <csv> --candidates <csv> [--outcomes <csv>]
//                             [--algorithm vb-1|vb-2]
// Prints one JSON document (exit 0), or a message on stderr and nothing on stdout (exit 2).
import { readFileSync } from "node:fs";
import { loadQuestionnaireFile } from "../app/questionnaire/load.server";
import { parseOutcomesCsv, parseResponsesCsv, ResponsesCsvError } from "../app/questionnaire/responses-csv";
import type { Questionnaire } from "../app/questionnaire/types";
import { scoreAll } from "../app/scoring/index";
import {
  CURRENT_ALGORITHM,
  isAlgorithmVersion,
  type AlgorithmVersion,
  type RespondentInput,
} from "../app/scoring/types";

const USAGE =
  "usage: npm run --silent score -- --questionnaire <yaml> --agents <csv> --candidates <csv> [--outcomes <csv>] [--algorithm vb-1|vb-2]";
const REQUIRED = ["questionnaire", "agents", "candidates"] as const;
const FLAGS = [...REQUIRED, "outcomes", "algorithm"] as const;
type Flag = (typeof FLAGS)[number];
type Args = Record<(typeof REQUIRED)[number], string> & { outcomes?: string; algorithm: AlgorithmVersion };

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  const found: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(name)) throw new UsageError(`unknown argument "${arg}"`);
    const flag = name as Flag;
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === "" || value.startsWith("--"))
      throw new UsageError(flag === "algorithm" ? "--algorithm needs vb-1 or vb-2" : `--${flag} needs a file path`);
    if (found[flag] !== undefined) throw new UsageError(`--${flag} is given twice`);
    found[flag] = value;
  }
  const missing = REQUIRED.filter((flag) => found[flag] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((flag) => `--${flag}`).join(", ")}`);
  const algorithm = found.algorithm ?? CURRENT_ALGORITHM;
  if (!isAlgorithmVersion(algorithm)) throw new UsageError(`--algorithm must be vb-1 or vb-2, got "${algorithm}"`);
  if (algorithm === "vb-1" && found.outcomes !== undefined)
    throw new UsageError("--outcomes needs --algorithm vb-2 (vb-1 has no outcomes)");
  return { ...(found as Record<(typeof REQUIRED)[number], string>), outcomes: found.outcomes, algorithm };
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new Error(`${path}: cannot read file (${code})`);
  }
}

function loadResponses(path: string, q: Questionnaire, groupColumn: boolean) {
  return parseResponsesCsv(readText(path), q, { fileName: path, groupColumn }).respondents;
}

function main(argv: readonly string[]): number {
  try {
    const args = parseArgs(argv);
    const q = loadQuestionnaireFile(args.questionnaire, args.algorithm);
    // The group column is the agents' file's only, and vb-2's: elsewhere it is an unknown column.
    const agentRows = loadResponses(args.agents, q, args.algorithm !== "vb-1");
    const candidateRows = loadResponses(args.candidates, q, false);
    const agents: RespondentInput[] = agentRows.map(({ respondent, answers, group }) =>
      group === "comparison" ? { respondent, answers, group } : { respondent, answers },
    );
    const candidates: RespondentInput[] = candidateRows.map(({ respondent, answers }) => ({ respondent, answers }));
    let outcomes;
    if (args.outcomes !== undefined) {
      // An outcome names a respondent of either file, so no id may be in both.
      const agentIds = new Set(agents.map((a) => a.respondent));
      const shared = candidateRows.find((c) => agentIds.has(c.respondent));
      if (shared) {
        throw new ResponsesCsvError(
          [
            {
              row: shared.row,
              column: "respondent",
              message: `respondent "${shared.respondent}" is also in the agents' file (${args.agents}); with --outcomes no id may be in both files`,
            },
          ],
          false,
          args.candidates,
        );
      }
      const respondents = new Set([...agentIds, ...candidates.map((c) => c.respondent)]);
      outcomes = parseOutcomesCsv(readText(args.outcomes), { fileName: args.outcomes, respondents });
    }
    const report = scoreAll(q, agents, candidates, { algorithm: args.algorithm, outcomes });
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
