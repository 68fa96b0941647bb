// Pure parsers of the two outcome uploads (issue 17; SCORING.md section 2 "Outcomes CSV"). Browser-safe, no zod.
// - values: `email,metric,value` (any column order; an optional `name` column is ignored), one row per person and
//   metric; the value a decimal number;
// - per-ticket ratings as helpdesks export them: `email,rating[,date]`, the rating `good`/`bad` or an integer 1..5,
//   aggregated per person to a mean with its count.
// Who a row names (an email, or the respondent id of an imported agent) and whether the metric exists are checked by
// app/models/outcomes.server.ts, which knows the position.
import { readCsvRecords, type CsvProblem } from "~/questionnaire/responses-csv";

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

function headerIndex(header: string[], problems: CsvProblem[], required: string[], optional: string[]) {
  const index = new Map<string, number>();
  header.forEach((raw, c) => {
    const name = raw.trim().toLowerCase();
    const canonical = WHO_COLUMNS.includes(name) ? "email" : name;
    if (index.has(canonical)) problems.push({ row: 1, column: raw, message: "duplicate column" });
    else if ([...required, ...optional].includes(canonical)) index.set(canonical, c);
    else
      problems.push({
        row: 1,
        column: raw,
        message: `unknown column: the header is ${[...required, ...optional.map((o) => `[${o}]`)].join(",")}`,
      });
  });
  for (const name of required) {
    if (!index.has(name)) problems.push({ row: 1, column: name, message: `the header has no "${name}" column` });
  }
  return index;
}

/** Normalises the identity cell: emails compare case-insensitively, imported respondent ids as written. */
export function normaliseWho(raw: string): string {
  const text = raw.trim();
  return text.includes("@") ? text.toLowerCase() : text;
}

function records(text: string) {
  const read = readCsvRecords(text);
  if (read.records.length === 0 && read.problems.length === 0) {
    read.problems.push({ row: 1, column: null, message: "the file is empty" });
  }
  return read;
}

/**
 * `email,metric,value`. A row whose value cell is empty is skipped (an unfilled template row) and counted; every
 * other problem (a malformed metric or value, a second row for the same person and metric) names its row.
 */
export function parseOutcomeValuesCsv(text: string): ParsedOutcomeValues {
  const { records: all, problems } = records(text);
  if (all.length === 0) return { ok: false, problems, rows: [] };
  const cols = headerIndex(all[0].cells, problems, ["email", "metric", "value"], ["name"]);
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
        message: `has ${record.cells.length} cells but the header has ${all[0].cells.length}`,
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
    if (who === "") problems.push({ row: record.row, column: "email", message: "the email is empty" });
    if (!METRIC_KEY.test(metric)) {
      problems.push({
        row: record.row,
        column: "metric",
        message:
          metric === ""
            ? "the metric is empty"
            : `"${metric}" is not a metric key (lower-case letters, digits and dashes, starting with a letter, e.g. csat)`,
      });
    }
    if (!DECIMAL.test(value)) {
      problems.push({
        row: record.row,
        column: "value",
        message: `"${value}" is not a number (write it like 4.5 or -2, with a point and no thousands separator)`,
      });
    }
    const key = `${who}\u0000${metric}`;
    const first = firstRow.get(key);
    if (who !== "" && first !== undefined) {
      problems.push({
        row: record.row,
        column: null,
        message: `a second value for ${who} and ${metric} (first on row ${first})`,
      });
    } else firstRow.set(key, record.row);
    rows.push({ row: record.row, who, metric, value: Number(value) });
  }
  return problems.length > 0 ? { ok: false, problems, rows } : { ok: true, rows, skipped };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `email,rating[,date]`: one row per rated ticket. Ratings are all `good`/`bad` (case-insensitive) or all integers
 * 1..5; they are averaged per person (good = 100, bad = 0: the percentage of good ratings) with their count.
 */
export function parseRatingsCsv(text: string): ParsedRatings {
  const { records: all, problems } = records(text);
  if (all.length === 0) return { ok: false, problems };
  const cols = headerIndex(all[0].cells, problems, ["email", "rating"], ["date", "name"]);
  if (problems.length > 0) return { ok: false, problems };
  let scale: RatingScale | null = null;
  const people = new Map<string, { firstRow: number; sum: number; count: number }>();
  for (const record of all.slice(1)) {
    const cell = (name: string) => (cols.has(name) ? (record.cells[cols.get(name)!] ?? "").trim() : "");
    if (record.cells.length !== all[0].cells.length) {
      problems.push({
        row: record.row,
        column: null,
        message: `has ${record.cells.length} cells but the header has ${all[0].cells.length}`,
      });
      continue;
    }
    const who = normaliseWho(cell("email"));
    const raw = cell("rating").toLowerCase();
    if (who === "") problems.push({ row: record.row, column: "email", message: "the email is empty" });
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
        message: `"${cell("rating")}" is not a rating: write good or bad, or a whole number from 1 to 5`,
      });
    }
    if (rowScale && scale && rowScale !== scale) {
      problems.push({
        row: record.row,
        column: "rating",
        message: `mixes ${rowScale === "good-bad" ? "good/bad" : "1–5"} with the ${scale === "good-bad" ? "good/bad" : "1–5"} ratings above: upload one kind per file`,
      });
    }
    scale ??= rowScale;
    const date = cell("date");
    if (date !== "" && (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))) {
      problems.push({ row: record.row, column: "date", message: `"${date}" is not a date like 2026-03-31` });
    }
    if (who === "" || value === null) continue;
    const person = people.get(who) ?? { firstRow: record.row, sum: 0, count: 0 };
    person.sum += value;
    person.count += 1;
    people.set(who, person);
  }
  if (problems.length === 0 && people.size === 0) {
    problems.push({ row: 2, column: null, message: "the file has a header but no ratings" });
  }
  if (problems.length > 0 || scale === null) return { ok: false, problems };
  return {
    ok: true,
    scale,
    people: [...people].map(([who, p]) => ({ who, firstRow: p.firstRow, mean: p.sum / p.count, count: p.count })),
  };
}
