// Scoring-engine budget (issue 19): 100,000 candidates x 40 items x 8 values scored in <= 100 ms warm and
// <= 150 ms in a fresh process.
//   npx tsx scripts/bench-engine.ts [--algorithm=vb-1] [--runs=7] [--fresh-runs=5] [--detail]
// Prints human lines, then one JSON line last (format: /work/coord/issue19-interfaces.md, section "engine"):
// - warm: the JIT warm, a snapshot prepared as activation prepares it (built, then every reachable value result
//   tabled: tableReachableScores), then the 100,000 scored; median, min and max of --runs runs, each on a new
//   snapshot (so no run reuses the tables of another);
// - warmLazy: the same without tabling: the percentiles and intervals are computed while scoring, once per distinct
//   value score (what the web path does for a single candidate);
// - prepare: building the benchmark from 40 agents plus tabling, per run;
// - fresh: in a new process each time (node + tsx started, data generated, snapshot prepared): the first scoring of
//   the 100,000, with the JIT cold; median, min and max of --fresh-runs processes.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Questionnaire } from "../app/questionnaire/types";
import {
  agentValueScores,
  buildBenchmark,
  CURRENT_ALGORITHM,
  scoreCandidate,
  tableReachableScores,
  type AlgorithmVersion,
  type Answers,
  type BenchmarkSnapshot,
  type RespondentInput,
} from "../app/scoring/index";
import {
  BENCH_SEED,
  benchQuestionnaire,
  ITEMS_PER_VALUE,
  randomResponses,
  seededRandom,
  VALUES,
} from "./bench-engine-data";

const CANDIDATES = 100_000;
const AGENTS = 40;
const WARM_BUDGET_MS = 100;
const FRESH_BUDGET_MS = 150;
const FRESH_CHILD = "--fresh-child";

function timeScoring(q: Questionnaire, snapshot: BenchmarkSnapshot, candidates: readonly RespondentInput[]) {
  const started = performance.now();
  let checksum = 0;
  for (const candidate of candidates) checksum += scoreCandidate(q, snapshot, candidate).overall ?? 0;
  return { ms: performance.now() - started, checksum };
}

/** A benchmark built and prepared as activation prepares it (every reachable value result tabled). */
function prepare(q: Questionnaire, agents: readonly RespondentInput[], algorithm: AlgorithmVersion, table: boolean) {
  const started = performance.now();
  const snapshot = buildBenchmark(q, agents, {}, algorithm);
  const tabled = table ? tableReachableScores(q, snapshot) : 0;
  return { snapshot, tabled, ms: performance.now() - started };
}

type Summary = { runs: number; medianMs: number; minMs: number; maxMs: number };

function summary(ms: readonly number[]): Summary {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { runs: sorted.length, medianMs: round(median), minMs: round(sorted[0]), maxMs: round(sorted.at(-1) ?? 0) };
}

const fmt = (s: Summary) => `median ${s.medianMs} ms (min ${s.minMs}, max ${s.maxMs}, ${s.runs} runs)`;

function numberArg(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

function setup() {
  const q = benchQuestionnaire();
  const random = seededRandom(BENCH_SEED);
  const agents = randomResponses(q, AGENTS, "a", random);
  const candidates = randomResponses(q, CANDIDATES, "c", random);
  // --algorithm=vb-1 times the vb-1 engine; the default is the current algorithm.
  const algorithm: AlgorithmVersion = process.argv.includes("--algorithm=vb-1") ? "vb-1" : CURRENT_ALGORITHM;
  return { q, agents, candidates, algorithm };
}

/** The child of a fresh-process run: prepares, scores once, prints one JSON line. */
function freshChild(): void {
  const { q, agents, candidates, algorithm } = setup();
  const prepared = prepare(q, agents, algorithm, true);
  const first = timeScoring(q, prepared.snapshot, candidates);
  console.log(JSON.stringify({ prepareMs: prepared.ms, firstScoringMs: first.ms, checksum: first.checksum }));
}

function freshRuns(count: number) {
  const script = fileURLToPath(import.meta.url);
  const args = process.argv.slice(2).filter((a) => a.startsWith("--algorithm="));
  const scoring: number[] = [];
  const preparing: number[] = [];
  for (let run = 0; run < count; run += 1) {
    const child = spawnSync(process.execPath, [...process.execArgv, script, FRESH_CHILD, ...args], {
      encoding: "utf8",
      timeout: 120_000,
    });
    const line = (child.stdout ?? "").trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || !line.startsWith("{"))
      throw new Error(`fresh-process run failed: ${(child.stderr || child.stdout || "").slice(0, 500)}`);
    const parsed = JSON.parse(line) as { prepareMs: number; firstScoringMs: number };
    scoring.push(parsed.firstScoringMs);
    preparing.push(parsed.prepareMs);
  }
  return { scoring: summary(scoring), prepare: summary(preparing) };
}

function main(): void {
  if (process.argv.includes(FRESH_CHILD)) return freshChild();
  const runs = numberArg("runs", 7);
  const { q, agents, candidates, algorithm } = setup();
  // Warm-up: the JIT sees the scan and the lazy path once (not counted).
  timeScoring(q, prepare(q, agents, algorithm, false).snapshot, candidates);
  const warm: number[] = [];
  const lazy: number[] = [];
  const preparing: number[] = [];
  let checksum = 0;
  let tabled = 0;
  for (let run = 0; run < runs; run += 1) {
    const prepared = prepare(q, agents, algorithm, true);
    preparing.push(prepared.ms);
    tabled = prepared.tabled;
    const scored = timeScoring(q, prepared.snapshot, candidates);
    warm.push(scored.ms);
    checksum = scored.checksum;
    lazy.push(timeScoring(q, prepare(q, agents, algorithm, false).snapshot, candidates).ms);
  }
  const fresh = freshRuns(numberArg("fresh-runs", 5));
  const report = {
    engine: {
      algorithm,
      candidates: CANDIDATES,
      items: VALUES * ITEMS_PER_VALUE,
      values: VALUES,
      warm: summary(warm),
      warmLazy: summary(lazy),
      prepare: { ...summary(preparing), tabledCombinations: tabled },
      fresh: { ...fresh.scoring, prepare: fresh.prepare },
      budgets: { warmMs: WARM_BUDGET_MS, freshMs: FRESH_BUDGET_MS },
      checksum: Math.round(checksum * 1000) / 1000,
    },
  };
  const { engine } = report;
  console.log(
    `${algorithm}: scored ${CANDIDATES} candidates x ${engine.items} items x ${VALUES} values in ${engine.fresh.medianMs} ms ` +
      `in a fresh process (${fmt(engine.fresh)}; budget ${FRESH_BUDGET_MS} ms; checksum ${engine.checksum})`,
  );
  console.log(`  warm, snapshot tabled at activation: ${fmt(engine.warm)} (budget ${WARM_BUDGET_MS} ms)`);
  console.log(`  warm, percentiles computed while scoring: ${fmt(engine.warmLazy)}`);
  console.log(`  activation (benchmark + ${tabled} combinations tabled): ${fmt(engine.prepare)}`);
  console.log(`  fresh process, activation before the first scoring: ${fmt(engine.fresh.prepare)}`);
  if (process.argv.includes("--detail")) {
    const snapshot = prepare(q, agents, algorithm, false).snapshot;
    const distinct = q.values.map((v) => new Set(candidates.map((c) => agentValueScores(q, snapshot, c)[v.id])).size);
    console.log(`  distinct value scores per value (percentile + interval computed once each): ${distinct.join(", ")}`);
    // The web app builds answers with Object.fromEntries (answersFor in app/models/respondent-input.server.ts).
    const rebuilt = candidates.map(({ respondent, answers }) => ({
      respondent,
      answers: Object.fromEntries(Object.entries(answers)) as Answers,
    }));
    console.log(`  again, answers rebuilt as the app does: ${timeScoring(q, snapshot, rebuilt).ms.toFixed(1)} ms`);
  }
  console.log(JSON.stringify(report));
}

main();
