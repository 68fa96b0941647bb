// Pure parser of a responses CSV (SCORING.md sections 2 and 10). Browser-safe: no node imports, no zod.
import type { AgentGroup, Answers, OutcomeTable } from "../scoring/types";
import { englishProblem, type ProblemText, type ProblemVars } from "./csv-problem-text";
import { ID_PATTERN, RESPONDENT_COLUMN, type Questionnaire } from "./types";

/** The optional agents' file column naming the agent's group (section 2, vb-2). */
export const GROUP_COLUMN = "group";

export const DEFAULT_MAX_PROBLEMS = 50;

export interface CsvProblem {
  /** 1-based CSV record number; the header is row 1. */
  row: number;
  column: string | null;
  message: string;
}

export interface CsvRespondent {
  respondent: string;
  row: number;
  answers: Answers;
  /** Only with the `groupColumn` option: the agent's group ("top" for an empty cell or no group column). */
  group?: AgentGroup;
}

export interface ParsedResponses {
  /** Item and attention columns of the file, in header order. */
  columns: string[];
  respondents: CsvRespondent[];
}

export interface ParseResponsesOptions {
  fileName?: string;
  maxProblems?: number;
  /** The agents' file under vb-2: a `group` column (top | comparison) is allowed; elsewhere it is unknown. */
  groupColumn?: boolean;
  /** How a problem is worded: English (the default) or `keyedProblem`, for a staff page to translate. */
  problemText?: ProblemText;
}

export class ResponsesCsvError extends Error {
  readonly problems: CsvProblem[];
  readonly truncated: boolean;

  constructor(problems: CsvProblem[], truncated: boolean, fileName?: string) {
    super(formatProblems(problems, truncated, fileName));
    this.name = "ResponsesCsvError";
    this.problems = problems;
    this.truncated = truncated;
  }
}

function formatProblems(problems: CsvProblem[], truncated: boolean, fileName?: string): string {
  const prefix = fileName ? `${fileName}: ` : "";
  const lines = problems.map(
    (p) => `${prefix}row ${p.row}${p.column === null ? "" : `, column "${p.column}"`}: ${p.message}`,
  );
  if (truncated) lines.push(`${prefix}too many problems; only the first ${problems.length} are listed`);
  return lines.join("\n");
}

type ColumnRule =
  | { kind: "respondent" }
  | { kind: "scaled"; min: number; max: number }
  | { kind: "scenario"; options: ReadonlySet<string>; optionList: string }
  | { kind: "group" }
  | { kind: "ignored" };

class ProblemList {
  readonly items: CsvProblem[] = [];
  truncated = false;
  constructor(
    private readonly max: number,
    private readonly text: ProblemText = englishProblem,
  ) {}

  /** A problem named by its key under `outcomes:csv` (csv-problem-text.ts). */
  add(row: number, column: string | null, key: string, vars?: ProblemVars): void {
    if (this.items.length >= this.max) {
      this.truncated = true;
      return;
    }
    this.items.push({ row, column, message: this.text(key, vars) });
  }

  get full(): boolean {
    return this.items.length >= this.max;
  }
}

interface CsvRecord {
  row: number;
  cells: string[];
}

/** RFC 4180 records; a record that is one empty line is skipped. */
function tokenizeCsv(text: string, problems: ProblemList): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let row = 1;
  let i = 0;
  let atCellStart = true;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ row, cells });
    cells = [];
    cell = "";
    atCellStart = true;
    row += 1;
  };
  while (i < source.length) {
    const ch = source[i];
    if (atCellStart && ch === '"') {
      const end = readQuoted(source, i + 1);
      if (end.closedAt === -1) {
        problems.add(row, null, "unterminatedQuote");
        return records;
      }
      cell = end.value;
      i = end.closedAt + 1;
      atCellStart = false;
      const next = source[i];
      if (i < source.length && next !== "," && next !== "\n" && next !== "\r") {
        problems.add(row, null, "textAfterQuote");
        while (i < source.length && source[i] !== "," && source[i] !== "\n" && source[i] !== "\r") i += 1;
      }
      continue;
    }
    if (ch === ",") {
      cells.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i += 1;
      endRecord();
    } else {
      if (ch === '"') problems.add(row, null, "quoteInCell");
      cell += ch;
      atCellStart = false;
    }
    i += 1;
  }
  if (!atCellStart || cells.length > 0 || cell !== "") endRecord();
  return records;
}

function readQuoted(source: string, start: number): { value: string; closedAt: number } {
  let value = "";
  let i = start;
  while (i < source.length) {
    const quote = source.indexOf('"', i);
    if (quote === -1) break;
    value += source.slice(i, quote);
    if (source[quote + 1] === '"') {
      value += '"';
      i = quote + 2;
      continue;
    }
    return { value, closedAt: quote };
  }
  return { value, closedAt: -1 };
}

function itemRules(q: Questionnaire): Map<string, ColumnRule> {
  const rules = new Map<string, ColumnRule>();
  for (const value of q.values) {
    for (const item of value.items) {
      if (item.type === "scenario") {
        const ids = item.options.map((o) => o.id);
        rules.set(item.id, { kind: "scenario", options: new Set(ids), optionList: ids.join(", ") });
      } else {
        rules.set(item.id, { kind: "scaled", min: item.scale.min, max: item.scale.max });
      }
    }
  }
  for (const item of q.attention) rules.set(item.id, { kind: "scaled", min: item.scale.min, max: item.scale.max });
  for (const item of q.virtues ?? []) rules.set(item.id, { kind: "scaled", min: item.scale.min, max: item.scale.max });
  return rules;
}

function headerRules(header: string[], q: Questionnaire, problems: ProblemList, groupColumn: boolean): ColumnRule[] {
  const known = itemRules(q);
  const seen = new Set<string>();
  const rules = header.map((raw): ColumnRule => {
    const name = raw.trim();
    if (name === "") {
      problems.add(1, null, "emptyColumnName");
      return { kind: "ignored" };
    }
    if (seen.has(name)) {
      problems.add(1, name, "duplicateColumn");
      return { kind: "ignored" };
    }
    seen.add(name);
    if (name === RESPONDENT_COLUMN) return { kind: "respondent" };
    if (groupColumn && name === GROUP_COLUMN && !known.has(name)) return { kind: "group" };
    const rule = known.get(name);
    if (!rule) {
      problems.add(1, name, "unknownItemColumn", { questionnaire: q.id, version: q.version });
      return { kind: "ignored" };
    }
    return rule;
  });
  if (!seen.has(RESPONDENT_COLUMN)) problems.add(1, RESPONDENT_COLUMN, "noColumn", { column: RESPONDENT_COLUMN });
  return rules;
}

const INTEGER = /^[+-]?\d+$/;

function parseCell(
  rule: ColumnRule,
  raw: string,
): { value: number | string | null; error?: { key: string; vars: ProblemVars } } {
  const text = raw.trim();
  if (text === "") return { value: null };
  if (rule.kind === "scaled") {
    const number = INTEGER.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(number) || number < rule.min || number > rule.max) {
      return { value: null, error: { key: "integerRange", vars: { min: rule.min, max: rule.max, raw } } };
    }
    return { value: number };
  }
  if (rule.kind === "scenario") {
    if (!rule.options.has(text))
      return { value: null, error: { key: "unknownOption", vars: { options: rule.optionList, raw } } };
    return { value: text };
  }
  return { value: null };
}

export function parseResponsesCsv(
  text: string,
  q: Questionnaire,
  options: ParseResponsesOptions = {},
): ParsedResponses {
  const problems = new ProblemList(options.maxProblems ?? DEFAULT_MAX_PROBLEMS, options.problemText);
  const records = tokenizeCsv(text, problems);
  if (records.length === 0) {
    problems.add(1, null, "emptyFileHeader", { header: "respondent,<item id>,..." });
    throw new ResponsesCsvError(problems.items, problems.truncated, options.fileName);
  }
  const header = records[0].cells.map((name) => name.trim());
  const groupColumn = options.groupColumn ?? false;
  const rules = headerRules(header, q, problems, groupColumn);
  const respondents: CsvRespondent[] = [];
  const firstRowOf = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (problems.full) {
      problems.truncated = true;
      break;
    }
    if (record.cells.length !== header.length) {
      problems.add(record.row, null, "cellCount", { count: record.cells.length, header: header.length });
      continue;
    }
    const answers: Answers = {};
    let respondent = "";
    let group: AgentGroup = "top";
    record.cells.forEach((raw, c) => {
      const rule = rules[c];
      if (rule.kind === "respondent") {
        respondent = raw.trim();
        return;
      }
      if (rule.kind === "group") {
        const text = raw.trim();
        if (text === "comparison") group = "comparison";
        else if (text !== "" && text !== "top") problems.add(record.row, header[c], "groupValue", { raw });
        return;
      }
      if (rule.kind === "ignored") return;
      const cell = parseCell(rule, raw);
      if (cell.error) problems.add(record.row, header[c], cell.error.key, cell.error.vars);
      answers[header[c]] = cell.value;
    });
    if (respondent === "") {
      problems.add(record.row, RESPONDENT_COLUMN, "emptyRespondent");
    } else if (firstRowOf.has(respondent)) {
      problems.add(record.row, RESPONDENT_COLUMN, "duplicateRespondent", {
        respondent,
        first: firstRowOf.get(respondent) ?? 0,
      });
    } else {
      firstRowOf.set(respondent, record.row);
    }
    respondents.push(
      groupColumn ? { respondent, row: record.row, answers, group } : { respondent, row: record.row, answers },
    );
  }
  if (problems.items.length > 0) throw new ResponsesCsvError(problems.items, problems.truncated, options.fileName);
  return {
    columns: header.filter((_, c) => rules[c].kind !== "respondent" && rules[c].kind !== "group"),
    respondents,
  };
}

const OUTCOME_COLUMNS = ["respondent", "metric", "value"] as const;
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

export interface ParseOutcomesOptions {
  fileName?: string;
  maxProblems?: number;
  /** The respondent ids outcomes may name (the agents' and candidates' files); absent = any. */
  respondents?: ReadonlySet<string>;
}

/**
 * An outcomes CSV (section 2): exactly the columns respondent, metric, value in any order, one row per respondent
 * and metric; metric matches [a-z][a-z0-9-]*, value -?[0-9]+(.[0-9]+)?. Metrics in the order of their first row.
 */
export function parseOutcomesCsv(text: string, options: ParseOutcomesOptions = {}): OutcomeTable {
  const problems = new ProblemList(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const records = tokenizeCsv(text, problems);
  if (records.length === 0) {
    problems.add(1, null, "emptyFileHeader", { header: "respondent,metric,value" });
    throw new ResponsesCsvError(problems.items, problems.truncated, options.fileName);
  }
  const header = records[0].cells.map((name) => name.trim());
  const at = new Map<string, number>();
  header.forEach((name, c) => {
    if (!(OUTCOME_COLUMNS as readonly string[]).includes(name)) problems.add(1, name, "unknownOutcomeColumn");
    else if (at.has(name)) problems.add(1, name, "duplicateColumn");
    else at.set(name, c);
  });
  for (const name of OUTCOME_COLUMNS) if (!at.has(name)) problems.add(1, name, "noColumn", { column: name });
  if (problems.items.length > 0) throw new ResponsesCsvError(problems.items, problems.truncated, options.fileName);
  const table: OutcomeTable = { metrics: [], values: new Map() };
  const firstRowOf = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (problems.full) {
      problems.truncated = true;
      break;
    }
    if (record.cells.length !== header.length) {
      problems.add(record.row, null, "cellCount", { count: record.cells.length, header: header.length });
      continue;
    }
    const respondent = record.cells[at.get("respondent") as number].trim();
    const metric = record.cells[at.get("metric") as number].trim();
    const rawValue = record.cells[at.get("value") as number].trim();
    let ok = true;
    if (respondent === "") {
      problems.add(record.row, "respondent", "emptyRespondent");
      ok = false;
    } else if (options.respondents && !options.respondents.has(respondent)) {
      problems.add(record.row, "respondent", "unknownRespondent", { respondent });
      ok = false;
    }
    if (!ID_PATTERN.test(metric)) {
      problems.add(record.row, "metric", "metricPattern", { metric });
      ok = false;
    }
    if (!DECIMAL.test(rawValue)) {
      problems.add(record.row, "value", "decimalValue", { value: rawValue });
      ok = false;
    }
    if (!ok) continue;
    const key = `${respondent}\u0000${metric}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problems.add(record.row, null, "secondRow", { respondent, metric, first });
      continue;
    }
    firstRowOf.set(key, record.row);
    if (!table.metrics.includes(metric)) table.metrics.push(metric);
    let byMetric = table.values.get(respondent);
    if (!byMetric) table.values.set(respondent, (byMetric = new Map()));
    byMetric.set(metric, Number(rawValue));
  }
  if (problems.items.length > 0) throw new ResponsesCsvError(problems.items, problems.truncated, options.fileName);
  return table;
}

/**
 * The CSV records of a text (RFC 4180, LF or CRLF, optional UTF-8 BOM; one empty line is skipped), for other CSV
 * uploads (outcomes, issue 17); `problems` lists malformed quoting with its row.
 */
export function readCsvRecords(
  text: string,
  maxProblems = DEFAULT_MAX_PROBLEMS,
  problemText: ProblemText = englishProblem,
): { records: { row: number; cells: string[] }[]; problems: CsvProblem[] } {
  const problems = new ProblemList(maxProblems, problemText);
  const records = tokenizeCsv(text, problems);
  return { records, problems: problems.items };
}
