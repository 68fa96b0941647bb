// Writing engine results as the current scores of their responses, one or many at a time (issue 19: re-scoring
// 100,000 candidates after an activation must take seconds, not minutes). Storage contract: score.server.ts.
// Many results are written with a few statements per batch: the older scores of the batch's responses superseded by
// two UPDATEs (chunks of ids), then multi-row INSERTs. A multi-row INSERT built with Kysely's query builder costs
// more to build and compile than the database needs to run it, so its text is compiled once per dialect, table and
// row count, and reused with new parameters (as app/utils/compiled-query.server.ts does for the hot reads).
import crypto from "node:crypto";
import { sql, type CompiledQuery } from "kysely";
import type { Questionnaire } from "~/questionnaire/types";
import type { AlgorithmVersion, CandidateResult } from "~/scoring";
import { setBounded } from "~/utils/bounded-map";
import { dialectName, nowIso, type DB } from "~/utils/db.server";

export type ScoreToStore = {
  positionId: string;
  responseId: string;
  benchmarkId: string;
  questionnaireVersionId: string;
  q: Questionnaire;
  result: CandidateResult;
  /** The algorithm of the benchmark snapshot the result was computed against. */
  algorithmVersion: AlgorithmVersion;
  /** The response's submission time, copied as the ranking tie-break. */
  submittedAt: string;
};

/** Response ids per UPDATE ... IN (...). */
const IDS_PER_STATEMENT = 500;
/**
 * Parameters per multi-row INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 (score_values rows have 11
 * columns: 1,818 rows a statement).
 */
const PARAMETERS_PER_INSERT = 20_000;
const COMPILED_INSERTS_KEPT = 32;

const SCORE_COLUMNS = [
  "id",
  "organization_id",
  "position_id",
  "response_id",
  "benchmark_id",
  "questionnaire_version_id",
  "algorithm_version",
  "is_current",
  "overall",
  "min_alignment",
  "review",
  "result_json",
  "created_at",
  "submitted_at",
] as const;
const VALUE_COLUMNS = [
  "score_id",
  "value_key",
  "organization_id",
  "position_id",
  "is_current",
  "score",
  "percentile",
  "alignment",
  "band",
  "response_id",
  "submitted_at",
] as const;

type Table = "scores" | "score_values";
type Row = Record<string, unknown>;

const MARK = "\u0000vb-column:";
const compiledInserts = new Map<string, CompiledQuery>();

/**
 * The INSERT of `rows` rows into `table`, compiled by Kysely for this database's dialect, with its parameters in
 * `columns` order row after row (checked once, when it is compiled).
 */
function insertOf(db: DB, table: Table, columns: readonly string[], rows: number): CompiledQuery {
  const key = `${dialectName(db)}:${table}:${rows}`;
  const known = compiledInserts.get(key);
  if (known) return known;
  const placeholder = Object.fromEntries(columns.map((column) => [column, `${MARK}${column}`]));
  const compiled = db
    .insertInto(table)
    .values(Array.from({ length: rows }, () => placeholder) as never)
    .compile();
  compiled.parameters.forEach((parameter, i) => {
    if (parameter !== `${MARK}${columns[i % columns.length]}`)
      throw new Error(`insert into ${table}: parameter ${i} is ${String(parameter)}, not in column order`);
  });
  setBounded(compiledInserts, key, compiled, COMPILED_INSERTS_KEPT);
  return compiled;
}

async function insertRows(db: DB, table: Table, columns: readonly string[], rows: readonly Row[]): Promise<void> {
  const perStatement = Math.floor(PARAMETERS_PER_INSERT / columns.length);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const compiled = insertOf(db, table, columns, chunk.length);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(row[column]);
    await db.executeQuery({ ...compiled, parameters });
  }
}

/**
 * A new score id: a version 7 UUID (RFC 9562: the time in milliseconds, then 74 random bits), so the ids of later
 * scores sort after the earlier ones. The primary keys of scores and score_values (score_id, value_key) then grow at
 * their end instead of at a random place among every score ever stored: with random ids, each re-score dirtied
 * nearly every page of those two indexes, more with every activation kept as history.
 */
export function newScoreId(now = Date.now()): string {
  const bytes = crypto.randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The tenant filter in a form no index can serve, for reads and writes of a chunk of ids: without table statistics
 * SQLite would otherwise walk the whole organization's rows by an index that starts with organization_id, for every
 * chunk, instead of looking the chunk's ids up (a re-score of 100,000 candidates went quadratic). `|| ''` is the
 * same string on SQLite and PostgreSQL.
 */
export const organizationColumn = sql<string>`${sql.ref("organization_id")} || ''`;

/** Marks the scores (and their value rows) of these responses as no longer current. */
async function supersede(db: DB, orgId: string, responseIds: readonly string[]): Promise<void> {
  for (let start = 0; start < responseIds.length; start += IDS_PER_STATEMENT) {
    const chunk = responseIds.slice(start, start + IDS_PER_STATEMENT);
    await db
      .updateTable("score_values")
      .set({ is_current: 0 })
      .where(organizationColumn, "=", orgId)
      .where("is_current", "=", 1)
      .where("score_id", "in", (eb) =>
        eb
          .selectFrom("scores")
          .select("id")
          .where(organizationColumn, "=", orgId)
          .where("response_id", "in", chunk)
          .where("is_current", "=", 1),
      )
      .execute();
    await db
      .updateTable("scores")
      .set({ is_current: 0 })
      .where(organizationColumn, "=", orgId)
      .where("response_id", "in", chunk)
      .where("is_current", "=", 1)
      .execute();
  }
}

/**
 * Stores each result as the current score of its response (older scores stay as history, is_current = 0), inside
 * the caller's transaction. Each response may appear once. Returns the new score ids, in the order given.
 */
export async function storeResults(db: DB, orgId: string, scores: readonly ScoreToStore[]): Promise<string[]> {
  if (scores.length === 0) return [];
  const seen = new Set<string>();
  for (const s of scores) {
    if (seen.has(s.responseId)) throw new Error(`storeResults: response ${s.responseId} is given twice`);
    seen.add(s.responseId);
  }
  await supersede(db, orgId, [...seen]);
  const createdAt = nowIso();
  const scoreRows: Row[] = [];
  const valueRows: Row[] = [];
  const ids = scores.map((s) => {
    const scoreId = newScoreId();
    const { result } = s;
    scoreRows.push({
      id: scoreId,
      organization_id: orgId,
      position_id: s.positionId,
      response_id: s.responseId,
      benchmark_id: s.benchmarkId,
      questionnaire_version_id: s.questionnaireVersionId,
      algorithm_version: s.algorithmVersion,
      is_current: 1,
      overall: result.overall,
      min_alignment: result.minAlignment,
      review: result.review ? 1 : 0,
      result_json: JSON.stringify(result),
      created_at: createdAt,
      submitted_at: s.submittedAt,
    });
    for (const value of s.q.values) {
      const v = result.values[value.id];
      valueRows.push({
        score_id: scoreId,
        value_key: value.id,
        organization_id: orgId,
        position_id: s.positionId,
        is_current: 1,
        score: v?.score ?? null,
        percentile: v?.percentile ?? null,
        alignment: v?.alignment ?? null,
        band: v?.band ?? null,
        response_id: s.responseId,
        submitted_at: s.submittedAt,
      });
    }
    return scoreId;
  });
  await insertRows(db, "scores", SCORE_COLUMNS, scoreRows);
  await insertRows(db, "score_values", VALUE_COLUMNS, valueRows);
  return ids;
}
