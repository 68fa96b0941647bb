// The figures of `npm run bench` (issue 19) and the table it prints. Plain TypeScript, no app imports (unit-tested
// in test/unit/bench-figures.test.ts).
//
// A figure is the median of at least 5 runs with their min and max, a label that says exactly what it measures, and
// optionally a goal (from issue 19) it is compared with: ratio = median / goal, so a "<=" goal is met at a ratio
// <= 1 and a ">=" goal at a ratio >= 1. A figure that could not be measured carries the reason instead.
import { summarizeRuns } from "./stats";

export const MIN_RUNS = 5;

export type Goal = { op: "<=" | ">="; value: number };

/** Median, min and max of a figure's runs and how many runs there were. */
export type Spread = { median: number; min: number; max: number; runs: number };

export type Figure = {
  key: string;
  label: string;
  unit: string;
  spread: Spread | null;
  goal: Goal | null;
  /** Why there is no spread (e.g. "PostgreSQL not available: ..."). */
  skipped?: string;
  /** Anything the reader needs beside the numbers (e.g. what the goal was scaled from). */
  detail?: string;
  /** Each run's value, in the order measured. */
  values?: number[];
};

/** A figure from its runs: refuses fewer than MIN_RUNS (the "median of at least 5 runs"). */
export function figureOf(
  key: string,
  label: string,
  unit: string,
  runs: readonly number[],
  goal: Goal | null = null,
  detail?: string,
): Figure {
  if (runs.length < MIN_RUNS) throw new Error(`figure ${key}: ${runs.length} runs, at least ${MIN_RUNS} are needed`);
  const s = summarizeRuns(runs);
  return {
    key,
    label,
    unit,
    spread: { median: s.median, min: s.min, max: s.max, runs: s.runs.length },
    goal,
    detail,
    values: [...runs],
  };
}

/** A figure from a summary measured elsewhere (e.g. scripts/bench-engine.ts's own median/min/max of its runs). */
export function figureOfSpread(
  key: string,
  label: string,
  unit: string,
  spread: Spread,
  goal: Goal | null = null,
  detail?: string,
): Figure {
  if (spread.runs < MIN_RUNS) throw new Error(`figure ${key}: ${spread.runs} runs, at least ${MIN_RUNS} are needed`);
  return { key, label, unit, spread, goal, detail };
}

export function skippedFigure(key: string, label: string, unit: string, reason: string, goal: Goal | null = null) {
  return { key, label, unit, spread: null, goal, skipped: reason } satisfies Figure;
}

export type Verdict = { met: boolean | null; ratio: number | null };

/** Whether the median meets the goal, and median / goal (null without a goal or a measurement). */
export function verdictOf(figure: Figure): Verdict {
  if (!figure.goal || !figure.spread) return { met: null, ratio: null };
  const { median } = figure.spread;
  const ratio = figure.goal.value === 0 ? null : median / figure.goal.value;
  const met = figure.goal.op === "<=" ? median <= figure.goal.value : median >= figure.goal.value;
  return { met, ratio };
}

/** 3 significant digits, at most 2 decimals: 0.123, 1.23, 12.3, 123, 12345. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatGoal(goal: Goal | null, unit: string): string {
  return goal ? `${goal.op} ${formatNumber(goal.value)} ${unit}` : "";
}

export function formatVerdict(v: Verdict): string {
  if (v.met === null) return "";
  const ratio = v.ratio === null ? "" : ` (${v.ratio.toFixed(2)}x)`;
  return `${v.met ? "met" : "NOT met"}${ratio}`;
}

export const TABLE_HEADER = ["figure", "median", "min", "max", "runs", "goal", "met? (median/goal)"] as const;

/** The table's rows as cells, in TABLE_HEADER's order. */
export function tableCells(figures: readonly Figure[]): string[][] {
  return figures.map((f) => {
    if (!f.spread) return [f.label, "—", "", "", "0", formatGoal(f.goal, f.unit), `skipped: ${f.skipped ?? ""}`];
    const n = (x: number) => `${formatNumber(x)} ${f.unit}`;
    return [
      f.label,
      n(f.spread.median),
      n(f.spread.min),
      n(f.spread.max),
      String(f.spread.runs),
      formatGoal(f.goal, f.unit),
      formatVerdict(verdictOf(f)),
    ];
  });
}

/** The printed table: a header, a rule, one line per figure, columns padded; the load average before and after. */
export function renderTable(
  figures: readonly Figure[],
  load: { start: readonly number[]; end: readonly number[]; cpus: number },
): string {
  const rows = tableCells(figures);
  const widths = TABLE_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const loadText = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  return [
    line(TABLE_HEADER),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    `load average (1 / 5 / 15 min) at start ${loadText(load.start)}, at end ${loadText(load.end)}, on ${load.cpus} CPUs`,
  ].join("\n");
}

/** The figures' JSON for bench/results.json: each with its verdict, numbers rounded to 3 decimals. */
export function figuresJson(figures: readonly Figure[]) {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return figures.map((f) => {
    const v = verdictOf(f);
    return {
      key: f.key,
      label: f.label,
      unit: f.unit,
      median: f.spread ? r(f.spread.median) : null,
      min: f.spread ? r(f.spread.min) : null,
      max: f.spread ? r(f.spread.max) : null,
      runs: f.spread?.runs ?? 0,
      values: f.values?.map(r),
      goal: f.goal ? `${f.goal.op} ${f.goal.value}` : null,
      met: v.met,
      ratio: v.ratio === null ? null : r(v.ratio),
      skipped: f.skipped,
      detail: f.detail,
    };
  });
}
