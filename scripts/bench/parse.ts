// Parsing what the bench's children and the server hand back (issue 19). Plain TypeScript, no app imports.

/** One request timed by the server from its first byte read to its last byte written (BENCH_TIMING=1). */
export type ServerTime = { method: string; path: string; status: number; ms: number };

/**
 * The body of `GET /__bench/server-times`: `{"entries":[[method, path, status, ms], ...], "dropped": n}`
 * (see bench-timing.js). Throws on anything else, so a figure is never computed from a misread answer.
 */
export function parseServerTimes(body: string): { entries: ServerTime[]; dropped: number } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`server-times: the answer is not JSON: ${body.slice(0, 200)}`);
  }
  const { entries, dropped } = (json ?? {}) as { entries?: unknown; dropped?: unknown };
  if (!Array.isArray(entries) || typeof dropped !== "number")
    throw new Error(`server-times: expected {"entries": [...], "dropped": n}, got ${body.slice(0, 200)}`);
  return {
    dropped,
    entries: entries.map((entry, i) => {
      if (
        !Array.isArray(entry) ||
        entry.length !== 4 ||
        typeof entry[0] !== "string" ||
        typeof entry[1] !== "string" ||
        typeof entry[2] !== "number" ||
        typeof entry[3] !== "number"
      )
        throw new Error(`server-times: entry ${i} is not [method, path, status, ms]: ${JSON.stringify(entry)}`);
      return { method: entry[0], path: entry[1], status: entry[2], ms: entry[3] };
    }),
  };
}

/** Milliseconds of the successful (2xx) requests of one method and path, in the order they finished. */
export function serverTimesOf(entries: readonly ServerTime[], method: string, path: string): number[] {
  return entries
    .filter((e) => e.method === method && e.path === path && e.status >= 200 && e.status < 300)
    .map((e) => e.ms);
}

/** The summary scripts/bench-engine.ts prints per figure. */
export type EngineSummary = { runs: number; medianMs: number; minMs: number; maxMs: number };
export type EngineReport = {
  algorithm: string;
  candidates: number;
  items: number;
  values: number;
  warm: EngineSummary;
  fresh: EngineSummary;
  prepare: EngineSummary;
  budgets: { warmMs: number; freshMs: number };
};

function isSummary(x: unknown): x is EngineSummary {
  const s = x as EngineSummary;
  return (
    typeof s === "object" &&
    s !== null &&
    [s.runs, s.medianMs, s.minMs, s.maxMs].every((n) => typeof n === "number" && Number.isFinite(n))
  );
}

/** The last line of scripts/bench-engine.ts's output: `{"engine": {...}}` with warm and fresh-process summaries. */
export function parseEngineOutput(stdout: string): EngineReport {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`bench-engine: the last line is not JSON: ${line.slice(0, 200)}`);
  }
  const engine = (json as { engine?: EngineReport } | null)?.engine;
  if (!engine || !isSummary(engine.warm) || !isSummary(engine.fresh) || !isSummary(engine.prepare))
    throw new Error(`bench-engine: no engine report with warm, fresh and prepare summaries in: ${line.slice(0, 200)}`);
  return engine;
}
