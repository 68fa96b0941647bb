// Re-scoring budget (issue 19): activating a benchmark re-scores every submitted candidate of the position, engine
// and writes, in <= 10 s for 100,000 candidates.
//   npx tsx scripts/bench-rescore.ts [--candidates=100000] [--runs=1]
//   BENCH_DATABASE_URL=postgres://... npx tsx scripts/bench-rescore.ts   (an empty PostgreSQL database; default: a
//   new SQLite file in a temporary directory)
// Builds the fixture (the engine bench's questionnaire, 40 agents, the candidates written with multi-row INSERTs:
// this script times re-scoring, not seeding), activates a first benchmark, then times each further activation
// (activateBenchmark: new snapshot, marks, then runScoringJobs scoring and writing every candidate). Prints human
// lines, then one JSON line last (format: /work/coord/issue19-interfaces.md, section "engine").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RespondentInput } from "../app/scoring/index";
import { BENCH_SEED, benchQuestionnaire, randomResponses, seededRandom } from "./bench-engine-data";

const AGENTS = 40;
const BUDGET_MS = 10_000;
const ROWS_PER_INSERT = 500;

function numberArg(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const candidates = numberArg("candidates", 100_000);
  const runs = numberArg("runs", 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-bench-rescore-"));
  process.env.DATA_DIR = dir;
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "rescore.db")}`;
  const { createDb, setDb, nowIso, dialectName } = await import("../app/utils/db.server");
  const { migrateToLatest } = await import("../db/migrator");
  const { createOrganization } = await import("../app/models/organization.server");
  const { activateBenchmark } = await import("../app/models/benchmark-activation.server");
  const { newId, sha256Hex } = await import("../app/utils/tokens.server");
  const db = createDb(databaseUrl);
  try {
    await migrateToLatest(db);
    setDb(db);
    const q = benchQuestionnaire();
    const random = seededRandom(BENCH_SEED);
    const agents = randomResponses(q, AGENTS, "a", random);
    const orgId = await createOrganization({ name: "Rescore bench", slug: `rescore-bench-${process.pid}` });
    const user = { id: newId(), email: "rescore-bench@example.test" };
    const now = nowIso();
    await db
      .insertInto("users")
      .values({
        id: user.id,
        organization_id: orgId,
        email: user.email,
        name: "Rescore bench",
        role: "admin",
        password_hash: "no login",
        created_at: now,
        disabled_at: null,
      })
      .execute();
    const content = JSON.stringify(q);
    const questionnaireId = newId();
    const versionId = newId();
    await db
      .insertInto("questionnaires")
      .values({
        id: questionnaireId,
        organization_id: orgId,
        slug: `bench-${questionnaireId.slice(0, 8)}`,
        title: q.title,
        draft_json: content,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto("questionnaire_versions")
      .values({
        id: versionId,
        organization_id: orgId,
        questionnaire_id: questionnaireId,
        version: q.version,
        content_json: content,
        sha256: sha256Hex(content),
        published_at: now,
        published_by: null,
      })
      .execute();
    const positionId = newId();
    await db
      .insertInto("positions")
      .values({
        id: positionId,
        organization_id: orgId,
        title: "Bench",
        questionnaire_version_id: versionId,
        created_at: now,
      })
      .execute();
    let seq = 0;
    const insert = async (kind: "agent" | "candidate", inputs: readonly RespondentInput[]) => {
      for (let start = 0; start < inputs.length; start += ROWS_PER_INSERT) {
        const rows = inputs.slice(start, start + ROWS_PER_INSERT).map((input) => {
          seq += 1;
          const at = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();
          return {
            id: newId(),
            organization_id: orgId,
            position_id: positionId,
            invitation_id: null,
            kind,
            respondent_label: input.respondent,
            questionnaire_version_id: versionId,
            source: "import" as const,
            answers_json: JSON.stringify(input.answers),
            page_times_json: "{}",
            consent_at: at,
            started_at: at,
            updated_at: at,
            submitted_at: at,
          };
        });
        await db.insertInto("responses").values(rows).execute();
      }
    };
    await insert("agent", agents);
    await activateBenchmark(orgId, positionId, user);
    let started = performance.now();
    await insert("candidate", randomResponses(q, candidates, "c", random));
    const seedMs = performance.now() - started;
    const timings: { activationMs: number; cpuMs: number; rescored: number }[] = [];
    for (let run = 0; run < runs; run += 1) {
      started = performance.now();
      const cpu = process.cpuUsage();
      const { rescored } = await activateBenchmark(orgId, positionId, user);
      const used = process.cpuUsage(cpu);
      timings.push({
        activationMs: Math.round(performance.now() - started),
        cpuMs: Math.round((used.user + used.system) / 1000),
        rescored,
      });
      if (rescored !== candidates) throw new Error(`activation re-scored ${rescored} of ${candidates} candidates`);
    }
    const sorted = timings.map((t) => t.activationMs).sort((a, b) => a - b);
    const report = {
      rescore: {
        dialect: dialectName(db),
        candidates,
        items: q.values.reduce((n, v) => n + v.items.length, 0),
        values: q.values.length,
        runs: timings.length,
        // each run leaves one more score (and its value rows) per candidate as history: later runs write beside more
        activationMs: timings.map((t) => t.activationMs),
        // CPU time of this process (user + system) per run: what the machine's load does not stretch
        cpuMs: timings.map((t) => t.cpuMs),
        medianMs: sorted[sorted.length >> 1],
        minMs: sorted[0],
        maxMs: sorted.at(-1),
        budgetMs: BUDGET_MS,
        seedMs: Math.round(seedMs),
      },
    };
    console.log(
      `${report.rescore.dialect}: activation re-scored ${candidates} candidates (engine + writes) in ${timings
        .map((t) => `${t.activationMs} ms (cpu ${t.cpuMs} ms)`)
        .join(", ")} (budget ${BUDGET_MS} ms; seeding them took ${report.rescore.seedMs} ms, not counted)`,
    );
    console.log(JSON.stringify(report));
  } finally {
    setDb(undefined);
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
