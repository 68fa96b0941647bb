// The command line of `npm run bench` (issue 19). Plain TypeScript (unit-tested in test/unit/bench-figures.test.ts).
//
//   npm run bench                          # full: 100,000 ranked candidates, re-scoring of all 100,000
//   npm run bench -- --quick               # smoke run: 2,000 candidates, short load phases, still 5 runs a figure
//   npm run bench -- --rescore-n=20000     # re-score that many candidates (default 100,000, see RESCORE_DEFAULT)
//   npm run bench -- --runs=7              # runs per figure (at least 5)
//   npm run bench -- --no-build            # reuse BUILD_DIR as it is (default: build the checkout first, ~10 s)
//   npm run bench -- --no-postgres         # skip the PostgreSQL figures;  --no-tti: skip the phone figures
// Environment: BUILD_DIR (default build-bench/: a build others serve from build/ is never replaced under them),
// BENCH_PORT, BENCH_OUT (default bench/results.json; --quick: bench/out/results-quick.json), BENCH_KEEP=1 (keep the temp dir), BENCH_PROFILE=1 (CPU
// profiles of the app server in bench/out/prof), BENCH_POSTGRES_URL (an admin URL; default: scripts/pg-test-cluster.sh
// start).

export type BenchOptions = {
  quick: boolean;
  /** Runs per figure (each figure is the median of these). */
  runs: number;
  /** Scored candidates of the ranked position (the "100k"). */
  candidates: number;
  /** Candidates re-scored per activation run. */
  rescoreN: number;
  /** Scored candidates of the PostgreSQL position (the fit report reads one candidate: point lookups). */
  postgresCandidates: number;
  /** Seconds of one autosave run (each run: the baseline, then the app, for this long). */
  autosaveSeconds: number;
  /** Seconds of one page run (per page and client count). */
  pageSeconds: number;
  postgres: boolean;
  tti: boolean;
  /** Build the checkout into BUILD_DIR first (false: --no-build, reuse what is there). */
  build: boolean;
};

/**
 * Candidates re-scored per activation run by default: the issue's own figure, 100,000 (the ranked position). With the
 * current-score partial indexes (migration 20261208100000) one re-score of 100,000 takes about 80 s on this 2-core
 * machine, so the 5 runs take about 7 minutes; --rescore-n=N measures another N (the goal is then scaled linearly and
 * the label says so).
 */
export const RESCORE_DEFAULT = 100_000;

function intArg(args: readonly string[], name: string): number | undefined {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return undefined;
  const value = Number(arg.slice(name.length + 3).replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number, got "${arg}"`);
  return value;
}

const KNOWN = ["--quick", "--no-build", "--no-postgres", "--no-tti"];
const KNOWN_VALUES = ["--runs=", "--rescore-n=", "--candidates="];

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  for (const arg of args) {
    if (!KNOWN.includes(arg) && !KNOWN_VALUES.some((k) => arg.startsWith(k)))
      throw new Error(`unknown option ${arg} (known: ${[...KNOWN, ...KNOWN_VALUES.map((k) => `${k}N`)].join(", ")})`);
  }
  const quick = args.includes("--quick");
  const runs = intArg(args, "runs") ?? 5;
  if (runs < 5) throw new Error(`--runs must be at least 5 (every figure is the median of at least 5 runs)`);
  const candidates = intArg(args, "candidates") ?? (quick ? 2_000 : 100_000);
  const rescoreN = intArg(args, "rescore-n") ?? Math.min(candidates, RESCORE_DEFAULT);
  if (rescoreN > candidates)
    throw new Error(`--rescore-n=${rescoreN} is more than the ${candidates} candidates the bench seeds`);
  return {
    quick,
    runs,
    candidates,
    rescoreN,
    postgresCandidates: quick ? 500 : 2_000,
    autosaveSeconds: quick ? 1 : 4,
    pageSeconds: quick ? 0.5 : 2,
    postgres: !args.includes("--no-postgres"),
    tti: !args.includes("--no-tti"),
    build: !args.includes("--no-build"),
  };
}

/** The last page of a ranking of `candidates` at 50 a page: page 2,000 of 100,000. */
export function lastPageOf(candidates: number, pageSize = 50): number {
  return Math.max(1, Math.ceil(candidates / pageSize));
}

/** A goal stated for 100,000 candidates, scaled linearly to `n` (re-scoring is linear in the candidates). */
export function scaledGoal(goalFor100k: number, n: number): number {
  return (goalFor100k * n) / 100_000;
}
