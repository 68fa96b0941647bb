// PostgreSQL baseline for `npm run bench -- --postgres` (issue 10): a bare node:http server that does exactly one
// PostgreSQL UPDATE per request through a pg Pool (PG_POOL_SIZE, default 10 like the app), the counterpart of
// scripts/bench-baseline.ts. Its table has the columns of `responses` (db/migrations/..._init.ts) and lives in the
// bench database (dropped with it).
//   PORT=3402 BASELINE_PG_URL=postgres://… RESPONSES=20 npx tsx scripts/bench-baseline-pg.ts
// POST /save body `id=<response id>&itemId=<item>&value=<n>&baseRevision=<n>` -> `{"revision":n}` (409 when stale).
import http from "node:http";
import pg from "pg";

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

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/save") {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const base = Number(form.get("baseRevision"));
    const text = form.get("value") ?? "";
    const value = /^\d+$/.test(text) ? Number(text) : text;
    pool
      .query({
        ...UPDATE,
        values: [form.get("itemId"), JSON.stringify(value), new Date().toISOString(), form.get("id"), base],
      })
      .then((result) => {
        const ok = result.rowCount === 1;
        res.writeHead(ok ? 200 : 409, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ ok, revision: ok ? base + 1 : base }));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ ok: false, revision: base, error: String(error) }));
      });
  });
});
server.keepAliveTimeout = 60_000;
await setup();
server.listen(port, "127.0.0.1", () => console.log(`baseline (postgres) listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    void pool.end().finally(() => process.exit(0));
  });
}
