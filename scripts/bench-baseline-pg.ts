// PostgreSQL baseline for `npm run bench -- --postgres` (issue 10): a bare node:http server that does exactly one
// PostgreSQL UPDATE per request through a pg Pool (PG_POOL_SIZE, default 10 like the app), the counterpart of
// scripts/bench-baseline.ts. Its table has the columns of `responses` (db/migrations/..._init.ts) and lives in the
// bench database (dropped with it).
//   PORT=3402 BASELINE_PG_URL=postgres://… RESPONSES=20 npx tsx scripts/bench-baseline-pg.ts
// POST /save body `id=<response id>&itemId=<item>&value=<n>&baseRevision=<n>` -> `{"revision":n}` (409 when stale).
import pg from "pg";
import { serveBaseline } from "./bench-baseline-server";

const port = Number(process.env.PORT ?? 3402);
const url = process.env.BASELINE_PG_URL;
const count = Number(process.env.RESPONSES ?? 20);
if (!url) throw new Error("BASELINE_PG_URL is required");

const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
pool.on("error", (error) => console.error(`baseline pool: ${error.message}`));

async function setup(): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline_responses (
    id text PRIMARY KEY, organization_id text NOT NULL, position_id text NOT NULL, invitation_id text UNIQUE,
    kind text NOT NULL, respondent_label text NOT NULL, questionnaire_version_id text NOT NULL,
    locale text NOT NULL DEFAULT 'en', source text NOT NULL DEFAULT 'web', answers_json text NOT NULL DEFAULT '{}',
    revision integer NOT NULL DEFAULT 0, page_times_json text NOT NULL DEFAULT '{}', consent_at text,
    started_at text NOT NULL, updated_at text NOT NULL, submitted_at text)`);
  const now = new Date().toISOString();
  for (let i = 0; i < count; i += 1) {
    await pool.query(
      `INSERT INTO bench_baseline_responses (id, organization_id, position_id, kind, respondent_label,
       questionnaire_version_id, started_at, updated_at) VALUES ($1, 'org', 'pos', 'candidate', $2, 'v1', $3, $3)
       ON CONFLICT (id) DO NOTHING`,
      [`r${i}`, `Candidate ${i}`, now],
    );
  }
}

const UPDATE = {
  name: "baseline_save",
  text: `UPDATE bench_baseline_responses
    SET answers_json = jsonb_set(answers_json::jsonb, array[$1::text], $2::jsonb)::text, revision = revision + 1,
      updated_at = $3
    WHERE id = $4 AND revision = $5 AND submitted_at IS NULL`,
};

await setup();
serveBaseline(port, "baseline (postgres)", async (save) => {
  const result = await pool.query({
    ...UPDATE,
    values: [save.itemId, JSON.stringify(save.value), new Date().toISOString(), save.id, save.baseRevision],
  });
  return result.rowCount === 1;
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    void pool.end().finally(() => process.exit(0));
  });
}
