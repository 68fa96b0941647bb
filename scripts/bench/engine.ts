// The scoring engine alone (issue 19): scripts/bench-engine.ts in a child process (100,000 candidates x 40 items x
// 8 values, warm: median of its runs in one process; fresh: one scoring each in new processes), read from the JSON
// line it prints last.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseEngineOutput, type EngineReport } from "./parse";
import { ROOT } from "./processes";

export function runEngineBench(runs: number): EngineReport {
  const engine = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts/bench-engine.ts"), `--runs=${runs}`, `--fresh-runs=${runs}`],
    { cwd: ROOT, encoding: "utf8", timeout: 300_000 },
  );
  if (engine.status !== 0)
    throw new Error(`scripts/bench-engine.ts failed: ${(engine.stderr || engine.stdout || "").slice(0, 500)}`);
  return parseEngineOutput(engine.stdout);
}
