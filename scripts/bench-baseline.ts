// Baseline for `npm run bench` (issue 9): a bare node:http server that does exactly one SQLite write per request, so
// the autosave figure of the app can be read as a ratio of what this machine's disk and SQLite allow.
//   PORT=3402 BASELINE_DB=/tmp/x.db RESPONSES=20 npx tsx scripts/bench-baseline.ts
// POST /save body `id=<response id>&itemId=<item>&value=<n>&baseRevision=<n>` -> `{"revision":n}` (409 when stale).
// The table has the columns of `responses` (db/migrations/..._init.ts) and the database the app's pragmas (openSqlite).
import { openSqlite } from "../app/utils/db.server";
import { serveBaseline } from "./bench-baseline-server";

const port = Number(process.env.PORT ?? 3402);
const file = process.env.BASELINE_DB;
const count = Number(process.env.RESPONSES ?? 20);
if (!file) throw new Error("BASELINE_DB is required");

const sqlite = openSqlite(file);
sqlite.exec(`CREATE TABLE IF NOT EXISTS responses (
  id text PRIMARY KEY, organization_id text NOT NULL, position_id text NOT NULL, invitation_id text UNIQUE,
  kind text NOT NULL, respondent_label text NOT NULL, questionnaire_version_id text NOT NULL,
  locale text NOT NULL DEFAULT 'en', source text NOT NULL DEFAULT 'web', answers_json text NOT NULL DEFAULT '{}',
  revision integer NOT NULL DEFAULT 0, page_times_json text NOT NULL DEFAULT '{}', consent_at text,
  started_at text NOT NULL, updated_at text NOT NULL, submitted_at text)`);
const insert = sqlite.prepare(
  `INSERT OR IGNORE INTO responses (id, organization_id, position_id, kind, respondent_label, questionnaire_version_id,
   started_at, updated_at) VALUES (?, 'org', 'pos', 'candidate', ?, 'v1', ?, ?)`,
);
const now = new Date().toISOString();
for (let i = 0; i < count; i += 1) insert.run(`r${i}`, `Candidate ${i}`, now, now);

const update = sqlite.prepare(
  `UPDATE responses SET answers_json = json_set(answers_json, '$."' || ? || '"', ?), revision = revision + 1, updated_at = ?
   WHERE id = ? AND revision = ? AND submitted_at IS NULL`,
);

serveBaseline(
  port,
  "baseline",
  (save) => update.run(save.itemId, save.value, new Date().toISOString(), save.id, save.baseRevision).changes === 1,
);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
