// Pure parsers of the two outcome uploads (issue 17; SCORING.md section 2 "Outcomes CSV"). Browser-safe, no zod.
// - values: `email,metric,value` (any column order; an optional `name` column is ignored), one row per person and
//   metric; the value a decimal number;
// - per-ticket ratings as helpdesks export them: `email,rating[,date]`, the rating `good`/`bad` or an integer 1..5,
//   aggregated per person to a mean with its count.
// Who a row names (an email, or the respondent id of an imported agent) and whether the metric exists are checked by
// app/models/outcomes.server.ts, which knows the position. Problems are worded by a ProblemText: English by default,
// `keyedProblem` for a staff page that translates them (issue 18).
import { englishProblem, type ProblemText } from "~/questionnaire/csv-problem-text";
import { DEFAULT_MAX_PROBLEMS, readCsvRecords, type CsvProblem } from "~/questionnaire/responses-csv";

export type { CsvProblem };

/** A metric key, as a value id (SCORING.md section 1). */
export const METRIC_KEY = /^[a-z][a-z0-9-]*$/;
/** A value cell (SCORING.md section 2). */
export const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
/** A mean of fewer per-ticket ratings than this is marked: it is mostly noise. */
export const MIN_RATINGS = 20;
/** good = 100 and bad = 0, so the mean of good/bad ratings is the percentage of good ones. */
export const GOOD_RATING = 100;

export type OutcomeValueRow = { row: number; who: string; metric: string; value: number };
/** Also on failure `rows` holds every data row read, so the caller can name unknown people and metrics too. */
export type ParsedOutcomeValues =
  | { ok: true; rows: OutcomeValueRow[]; skipped: number }
  | { ok: false; problems: CsvProblem[]; rows: OutcomeValueRow[] };

export type RatingScale = "good-bad" | "1-5";
export type AggregatedRating = { who: string; firstRow: number; mean: number; count: number };
export type ParsedRatings =
  { ok: true; scale: RatingScale; people: AggregatedRating[] } | { ok: false; problems: CsvProblem[] };

/** The identity column: `email`, or `respondent` as in the `score` command's outcomes file. */
const WHO_COLUMNS = ["email", "respondent"];

function headerIndex(
  header: string[],
  problems: CsvProblem[],
  required: string[],
  optional: string[],
  text: ProblemText,
) {
  const index = new Map<string, number>();
  header.forEach((raw, c) => {
    const name = raw.trim().toLowerCase();
    const canonical = WHO_COLUMNS.includes(name) ? "email" : name;
    if (index.has(canonical)) problems.push({ row: 1, column: raw, message: text("duplicateColumn") });
    else if ([...required, ...optional].includes(canonical)) index.set(canonical, c);
    else
      problems.push({
        row: 1,
        column: raw,
        message: text("unknownHeaderColumn", {
          header: [...required, ...optional.map((o) => `[${o}]`)].join(","),
        }),
      });
  });
  for (const name of required) {
    if (!index.has(name)) problems.push({ row: 1, column: name, message: text("noColumn", { column: name }) });
  }
  return index;
}

/** Normalises the identity cell: emails compare case-insensitively, imported respondent ids as written. */
export function normaliseWho(raw: string): string {
  const text = raw.trim();
  return text.includes("@") ? text.toLowerCase() : text;
}

function records(csv: string, text: ProblemText) {
  const read = readCsvRecords(csv, DEFAULT_MAX_PROBLEMS, text);
  if (read.records.length === 0 && read.problems.length === 0) {
    read.problems.push({ row: 1, column: null, message: text("emptyFile") });
  }
  return read;
}

/**
 * `email,metric,value`. A row whose value cell is empty is skipped (an unfilled template row) and counted; every
 * other problem (a malformed metric or value, a second row for the same person and metric) names its row.
 */
export function parseOutcomeValuesCsv(csv: string, text: ProblemText = englishProblem): ParsedOutcomeValues {
  const { records: all, problems } = records(csv, text);
  if (all.length === 0) return { ok: false, problems, rows: [] };
  const cols = headerIndex(all[0].cells, problems, ["email", "metric", "value"], ["name"], text);
  if (problems.length > 0) return { ok: false, problems, rows: [] };
  const rows: OutcomeValueRow[] = [];
  const firstRow = new Map<string, number>();
  let skipped = 0;
  for (const record of all.slice(1)) {
    const cell = (name: string) => (record.cells[cols.get(name)!] ?? "").trim();
    if (record.cells.length !== all[0].cells.length) {
      problems.push({
        row: record.row,
        column: null,
        message: text("cellCount", { count: record.cells.length, header: all[0].cells.length }),
      });
      continue;
    }
    const who = normaliseWho(cell("email"));
    const metric = cell("metric");
    const value = cell("value");
    if (value === "") {
      skipped += 1;
      continue;
    }
    if (who === "") problems.push({ row: record.row, column: "email", message: text("emptyEmail") });
    if (!METRIC_KEY.test(metric)) {
      problems.push({
        row: record.row,
        column: "metric",
        message: metric === "" ? text("emptyMetric") : text("notMetricKey", { metric }),
      });
    }
    if (!DECIMAL.test(value)) {
      problems.push({
        row: record.row,
        column: "value",
        message: text("notNumber", { value }),
      });
    }
    const key = `${who}\u0000${metric}`;
    const first = firstRow.get(key);
    if (who !== "" && first !== undefined) {
      problems.push({
        row: record.row,
        column: null,
        message: text("secondValue", { who, metric, first }),
      });
    } else firstRow.set(key, record.row);
    rows.push({ row: record.row, who, metric, value: Number(value) });
  }
  return problems.length > 0 ? { ok: false, problems, rows } : { ok: true, rows, skipped };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How a problem names a rating scale (the file's own words, the same in every language). */
const SCALE_NAME: Record<RatingScale, string> = { "good-bad": "good/bad", "1-5": "1–5" };

/**
 * `email,rating[,date]`: one row per rated ticket. Ratings are all `good`/`bad` (case-insensitive) or all integers
 * 1..5; they are averaged per person (good = 100, bad = 0: the percentage of good ratings) with their count.
 */
export function parseRatingsCsv(csv: string, text: ProblemText = englishProblem): ParsedRatings {
  const { records: all, problems } = records(csv, text);
  if (all.length === 0) return { ok: false, problems };
  const cols = headerIndex(all[0].cells, problems, ["email", "rating"], ["date", "name"], text);
  if (problems.length > 0) return { ok: false, problems };
  let scale: RatingScale | null = null;
  const people = new Map<string, { firstRow: number; sum: number; count: number }>();
  for (const record of all.slice(1)) {
    const cell = (name: string) => (cols.has(name) ? (record.cells[cols.get(name)!] ?? "").trim() : "");
    if (record.cells.length !== all[0].cells.length) {
      problems.push({
        row: record.row,
        column: null,
        message: text("cellCount", { count: record.cells.length, header: all[0].cells.length }),
      });
      continue;
    }
    const who = normaliseWho(cell("email"));
    const raw = cell("rating").toLowerCase();
    if (who === "") problems.push({ row: record.row, column: "email", message: text("emptyEmail") });
    let value: number | null = null;
    let rowScale: RatingScale | null = null;
    if (raw === "good" || raw === "bad") {
      value = raw === "good" ? GOOD_RATING : 0;
      rowScale = "good-bad";
    } else if (/^[1-5]$/.test(raw)) {
      value = Number(raw);
      rowScale = "1-5";
    } else {
      problems.push({
        row: record.row,
        column: "rating",
        message: text("notRating", { rating: cell("rating") }),
      });
    }
    if (rowScale && scale && rowScale !== scale) {
      problems.push({
        row: record.row,
        column: "rating",
        message: text("mixedScales", { scale: SCALE_NAME[rowScale], earlier: SCALE_NAME[scale] }),
      });
    }
    scale ??= rowScale;
    const date = cell("date");
    if (date !== "" && (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))) {
      problems.push({ row: record.row, column: "date", message: text("notDate", { date }) });
    }
    if (who === "" || value === null) continue;
    const person = people.get(who) ?? { firstRow: record.row, sum: 0, count: 0 };
    person.sum += value;
    person.count += 1;
    people.set(who, person);
  }
  if (problems.length === 0 && people.size === 0) {
    problems.push({ row: 2, column: null, message: text("noRatings") });
  }
  if (problems.length > 0 || scale === null) return { ok: false, problems };
  return {
    ok: true,
    scale,
    people: [...people].map(([who, p]) => ({ who, firstRow: p.firstRow, mean: p.sum / p.count, count: p.count })),
  };
}
