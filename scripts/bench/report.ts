// The end of `npm run bench` (issue 19): the table printed with the load average at the start and the end, and
// bench/results.json (machine, settings, every figure with its runs and verdict, the cold and phone details).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { collectFigures, type RawRuns } from "./collect";
import { figuresJson, renderTable, verdictOf } from "./figures";
import { ROOT } from "./processes";

export function printAndWrite(
  raw: RawRuns,
  run: { startedAt: number; loadStart: number[]; outFile: string; settings: Record<string, unknown> },
): void {
  const figures = collectFigures(raw);
  const loadEnd = os.loadavg();
  const cpus = os.cpus().length;
  console.log("\n" + renderTable(figures, { start: run.loadStart, end: loadEnd, cpus }));
  const missed = figures.filter((f) => verdictOf(f).met === false);
  const durationSeconds = (Date.now() - run.startedAt) / 1000;
  const report = {
    measuredAt: new Date().toISOString(),
    durationSeconds: Math.round(durationSeconds),
    machine: {
      cpus,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadAverageAtStart: run.loadStart.map((x) => Number(x.toFixed(2))),
      loadAverageAtEnd: loadEnd.map((x) => Number(x.toFixed(2))),
    },
    settings: { ...raw.options, ...run.settings },
    figures: figuresJson(figures),
    raw: {
      postgresVersion: "version" in raw.postgres ? raw.postgres.version : null,
      cold: raw.cold,
      tti: raw.tti,
    },
  };
  fs.mkdirSync(path.dirname(run.outFile), { recursive: true });
  fs.writeFileSync(run.outFile, JSON.stringify(report, null, 2) + "\n");
  const verdict =
    missed.length === 0 ? "every goal met" : `${missed.length} goal(s) not met: ${missed.map((f) => f.key).join(", ")}`;
  console.log(
    `bench: ${verdict} — wrote ${path.relative(ROOT, run.outFile)} in ${(durationSeconds / 60).toFixed(1)} min`,
  );
}
