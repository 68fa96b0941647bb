// Re-scoring after an activation (issue 19), end to end: the app's activateBenchmark on a position whose candidates
// are all scored already, i.e. a new snapshot from the agents, every submitted candidate marked, then scored by the
// engine and written by storeResults (runScoringJobs, in its batches and transactions), as an admin's click does.
// Each run re-scores the same candidates again (the previous scores stay as history, as in the product).
import { seedScoredPosition, type BenchOrg } from "./seed";

export type RescoreRun = { ms: number; cpuMs: number; rescored: number };

export async function rescoreRuns(
  org: BenchOrg,
  positionId: string,
  candidates: number,
  runs: number,
  log: (line: string) => void,
) {
  const { activateBenchmark } = await import("../../app/models/benchmark-activation.server");
  const out: RescoreRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { rescored } = await activateBenchmark(org.orgId, positionId, org.recruiter);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (rescored !== candidates) throw new Error(`re-scoring: the activation re-scored ${rescored} of ${candidates}`);
    out.push({ ms, cpuMs: (used.user + used.system) / 1000, rescored });
    log(`re-score run ${run + 1}/${runs}: ${candidates} candidates in ${(ms / 1000).toFixed(2)} s`);
  }
  return out;
}

/** The position to re-score: the ranked one when it has exactly `n` candidates, else a new one seeded with `n`. */
export async function rescoreTarget(org: BenchOrg, ranked: { positionId: string; candidates: number }, n: number) {
  if (n === ranked.candidates) return ranked.positionId;
  return (await seedScoredPosition(org, `Support agent (re-score ${n})`, n)).positionId;
}
