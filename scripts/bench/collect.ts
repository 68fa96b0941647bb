// From the bench's raw runs to its figures (issue 19): one label per figure saying exactly what it measures, the
// goal of issue 19 where it has one. "server time" is always the server's own span from the first byte read to the
// last byte written (server.js with BENCH_TIMING=1); "client time" is this process's, request written -> last byte.
import type { Bundle } from "../bench-bundle";
import type { AutosaveRun } from "./autosave";
import { figureOf, figureOfSpread, skippedFigure, type Figure } from "./figures";
import type { BenchOptions } from "./options";
import { scaledGoal } from "./options";
import type { PageRun } from "./pages";
import type { EngineReport, EngineSummary } from "./parse";
import type { PostgresRuns } from "./postgres";
import type { ColdRun } from "./ranking";
import type { RescoreRun } from "./rescore";
import type { ResultsRuns } from "./results-pages";
import type { TtiResult } from "./tti";

export type RawRuns = {
  options: BenchOptions;
  autosave: AutosaveRun[];
  autosaveOneClient: { serverP50: number; clientP50: number }[];
  questionnairePage: { one: PageRun[]; four: PageRun[] };
  reportPage: { one: PageRun[]; four: PageRun[] };
  results: ResultsRuns[];
  api: { report: number[]; resultsPage: number[] };
  bundle: Bundle[];
  tti: TtiResult | { skipped: string };
  cold: { label: string; runs: ColdRun[] }[];
  engine: EngineReport | { skipped: string };
  postgres: PostgresRuns | { skipped: string };
  rescore: { candidates: number; runs: RescoreRun[] };
};

const k = (n: number) => n.toLocaleString("en-US");
const pick = <T>(xs: readonly T[], f: (x: T) => number | null) => xs.map(f).filter((x): x is number => x !== null);
const spreadOf = (s: EngineSummary) => ({ median: s.medianMs, min: s.minMs, max: s.maxMs, runs: s.runs });

export function collectFigures(raw: RawRuns): Figure[] {
  const { options } = raw;
  const N = k(options.candidates);
  const a = raw.autosave;
  const s = `${options.autosaveSeconds} s`;
  const figures: Figure[] = [
    figureOf(
      "autosave.ratio",
      `autosave saves/s ÷ bare baseline saves/s, 20 clients, runs of ${s} each`,
      "x",
      a.map((r) => r.ratio),
      { op: ">=", value: 0.5 },
    ),
    figureOf(
      "autosave.perSecond",
      "autosave POST /r/autosave saves/s, 20 clients",
      "/s",
      a.map((r) => r.app.perSecond),
    ),
    figureOf(
      "autosave.p99",
      "autosave client time p99, 20 clients",
      "ms",
      a.map((r) => r.app.p99),
      { op: "<=", value: 50 },
    ),
    figureOf(
      "autosave.serverP50",
      "autosave server time p50, 20 clients",
      "ms",
      a.map((r) => r.app.serverP50),
    ),
    figureOf(
      "autosave.cpuPerSave",
      "autosave server CPU per save (user+sys, /proc)",
      "ms",
      pick(a, (r) => r.app.cpuPerSave),
    ),
    figureOf(
      "baseline.perSecond",
      "baseline node:http + 1 SQLite UPDATE saves/s, 20 clients",
      "/s",
      a.map((r) => r.baseline.perSecond),
    ),
    figureOf(
      "baseline.p99",
      "baseline client time p99, 20 clients",
      "ms",
      a.map((r) => r.baseline.p99),
    ),
    figureOf(
      "baseline.cpuPerSave",
      "baseline server CPU per save",
      "ms",
      pick(a, (r) => r.baseline.cpuPerSave),
    ),
  ];
  const page = (key: string, name: string, p: { one: PageRun[]; four: PageRun[] }) => [
    figureOf(
      `${key}.serverP50.1`,
      `${name} server time p50, 1 client`,
      "ms",
      p.one.map((r) => r.serverP50),
      { op: "<=", value: 5 },
    ),
    figureOf(
      `${key}.serverP50.4`,
      `${name} server time p50, 4 clients (queued: ~4 x CPU)`,
      "ms",
      p.four.map((r) => r.serverP50),
      { op: "<=", value: 5 },
    ),
    figureOf(
      `${key}.perSecond.4`,
      `${name} requests/s, 4 clients`,
      "/s",
      p.four.map((r) => r.perSecond),
    ),
    figureOf(
      `${key}.cpu`,
      `${name} server CPU per request, 4 clients`,
      "ms",
      pick(p.four, (r) => r.cpuPerRequest),
    ),
  ];
  figures.push(
    ...page("questionnairePage", "questionnaire page GET /r/1", raw.questionnairePage),
    ...page("reportPage", `fit report page (SQLite, position of ${N})`, raw.reportPage),
  );
  for (const r of raw.results) {
    figures.push(
      figureOf(
        `results.${r.label}.server`,
        `results page ${r.label} of ${N}: server time, 1 request a run`,
        "ms",
        r.http.map((x) => x.serverMs),
        { op: "<=", value: 50 },
      ),
      figureOf(
        `results.${r.label}.client`,
        `results page ${r.label} of ${N}: client time`,
        "ms",
        r.http.map((x) => x.clientMs),
      ),
      figureOf(
        `results.${r.label}.model`,
        `results page ${r.label} of ${N}: listResults() in-process, warm connection`,
        "ms",
        r.model,
        { op: "<=", value: 50 },
      ),
    );
  }
  figures.push(
    figureOf("api.report", `API fit report server time, p50 of 20 requests a run`, "ms", raw.api.report),
    figureOf(
      "api.resultsPage",
      `API results page of 100 server time, p50 of 20 requests a run`,
      "ms",
      raw.api.resultsPage,
    ),
  );
  for (const c of raw.cold) {
    const verified = c.runs.every((r) => r.eviction.verified);
    const resident = Math.max(...c.runs.map((r) => r.eviction.residentBytes ?? 0));
    const atRequest = Math.max(...c.runs.map((r) => r.residentAtRequest ?? 0));
    const fileMb = (c.runs[0].eviction.fileBytes / 1024 / 1024).toFixed(0);
    figures.push(
      figureOf(
        `rank.cold.${c.label}`,
        `rank ${N} cold by ${c.label}: 1st GET of a fresh server, db evicted, client time`,
        "ms",
        c.runs.map((r) => r.clientMs),
        { op: "<=", value: 300 },
        `eviction: ${c.runs[0].eviction.method}; ${verified ? `verified by fincore: at most ${resident} B of the ${fileMb} MB file cached after eviction, ${(atRequest / 1024 / 1024).toFixed(1)} MB once the server had started` : "NOT verified (no fincore)"}`,
      ),
      figureOf(
        `rank.cold.${c.label}.server`,
        `rank ${N} cold by ${c.label}: server time of that request`,
        "ms",
        c.runs.map((r) => r.serverMs),
      ),
    );
  }
  if ("skipped" in raw.engine) {
    figures.push(
      skippedFigure("engine.warm", "engine 100k x 40 x 8, warm", "ms", raw.engine.skipped, { op: "<=", value: 100 }),
    );
  } else {
    const e = raw.engine;
    const what = `engine (${e.algorithm}) ${k(e.candidates)} x ${e.items} items x ${e.values} values`;
    figures.push(
      figureOfSpread("engine.warm", `${what}, warm process, snapshot tabled`, "ms", spreadOf(e.warm), {
        op: "<=",
        value: 100,
      }),
      figureOfSpread("engine.fresh", `${what}, 1st scoring in a fresh process`, "ms", spreadOf(e.fresh), {
        op: "<=",
        value: 150,
      }),
      figureOfSpread(
        "engine.prepare",
        `engine activation: benchmark built + every reachable score tabled`,
        "ms",
        spreadOf(e.prepare),
      ),
    );
  }
  const rn = raw.rescore.candidates;
  const goal = scaledGoal(10, rn);
  figures.push(
    figureOf(
      "rescore.seconds",
      `re-score ${k(rn)} candidates: activateBenchmark end to end (engine + writes)`,
      "s",
      raw.rescore.runs.map((r) => r.ms / 1000),
      { op: "<=", value: goal },
      rn === 100_000 ? undefined : `goal 10 s for 100,000 scaled linearly to ${k(rn)}: ${goal.toFixed(2)} s`,
    ),
    figureOf(
      "rescore.cpuSeconds",
      `re-score ${k(rn)}: CPU of the bench process`,
      "s",
      raw.rescore.runs.map((r) => r.cpuMs / 1000),
    ),
  );
  const pgOne = raw.autosaveOneClient;
  figures.push(
    figureOf(
      "sqlite.autosave.serverP50",
      "autosave server time p50, 1 client, SQLite",
      "ms",
      pgOne.map((r) => r.serverP50),
    ),
  );
  if ("skipped" in raw.postgres) {
    figures.push(
      skippedFigure(
        "postgres.report.serverP50",
        "fit report server time p50, 1 client, PostgreSQL",
        "ms",
        raw.postgres.skipped,
        { op: "<=", value: 15 },
      ),
      skippedFigure(
        "postgres.autosave.serverP50",
        "autosave server time p50, 1 client, PostgreSQL",
        "ms",
        raw.postgres.skipped,
      ),
    );
  } else {
    const p = raw.postgres;
    figures.push(
      figureOf(
        "postgres.report.serverP50",
        `fit report server time p50, 1 client, PostgreSQL (position of ${k(p.candidates)})`,
        "ms",
        p.report.map((r) => r.serverP50),
        { op: "<=", value: 15 },
      ),
      figureOf(
        "postgres.report.cpu",
        "fit report server CPU per request, 1 client, PostgreSQL",
        "ms",
        pick(p.report, (r) => r.cpuPerRequest),
      ),
      figureOf(
        "postgres.autosave.serverP50",
        "autosave server time p50, 1 client, PostgreSQL",
        "ms",
        p.autosave.map((r) => r.serverP50),
      ),
    );
  }
  if ("skipped" in raw.tti) {
    figures.push(
      skippedFigure("tti.js", "answering page interactive, throttled phone, JavaScript", "ms", raw.tti.skipped, {
        op: "<=",
        value: 2500,
      }),
    );
  } else {
    const t = raw.tti;
    const phone = `${t.profile.cpuSlowdown}x CPU, ${((t.profile.downloadBytesPerSecond * 8) / 1e6).toFixed(1)} Mbps, ${t.profile.latencyMs} ms RTT`;
    figures.push(
      figureOf("tti.js", `answering page to hydrated (vb-hydrated mark), phone ${phone}, JavaScript`, "ms", t.js.runs, {
        op: "<=",
        value: 2500,
      }),
      figureOf("tti.noJs", `answering page parsed+styled+painted, same phone, no JavaScript`, "ms", t.noJs.runs, {
        op: "<=",
        value: 2500,
      }),
    );
  }
  const b = raw.bundle;
  figures.push(
    figureOf(
      "bundle.candidatePageKb",
      `answering page JS as sent for Accept-Encoding: br, gzip (${b[0].files.length} files, ${[...new Set(b[0].files.map((f) => f.encoding))].join("/")})`,
      "KB",
      b.map((x) => x.totalSent / 1024),
      { op: "<=", value: 100 },
    ),
  );
  return figures;
}
