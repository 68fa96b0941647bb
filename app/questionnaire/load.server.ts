import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, stringify, type Document } from "yaml";
import type { ZodIssue } from "zod";
import { questionnaireSchemaFor, type QuestionnaireRule } from "./schema.server";
import type { Questionnaire } from "./types";

const MAX_REPORTED_ISSUES = 20;

export interface QuestionnaireIssue {
  /** Path inside the file, e.g. `values[2].items[0].keyed`; empty for the whole document. */
  path: string;
  line: number | null;
  message: string;
}

export class QuestionnaireError extends Error {
  readonly fileName: string;
  readonly issues: QuestionnaireIssue[];

  constructor(fileName: string, issues: QuestionnaireIssue[]) {
    super(formatIssues(fileName, issues));
    this.name = "QuestionnaireError";
    this.fileName = fileName;
    this.issues = issues;
  }
}

function formatIssues(fileName: string, issues: QuestionnaireIssue[]): string {
  const lines = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const where = issue.path === "" ? "(document)" : issue.path;
    const line = issue.line === null ? "" : ` (line ${issue.line})`;
    return `${fileName}: ${where}${line}: ${issue.message}`;
  });
  if (issues.length > MAX_REPORTED_ISSUES)
    lines.push(`${fileName}: ... and ${issues.length - MAX_REPORTED_ISSUES} more`);
  return lines.join("\n");
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out === "" ? key : `${out}.${key}`;
  }, "");
}

/** The line of the node at `path`, or of its nearest existing parent (a missing key has no node). */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === "object" && "range" in node && Array.isArray(node.range)) {
      return lineCounter.linePos(Number(node.range[0])).line;
    }
  }
  return null;
}

function describeIssue(issue: ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  if (issue.code === "invalid_type" && issue.received === "undefined") {
    return issue.message === "Required" ? "is required" : issue.message;
  }
  return issue.message;
}

/** Parses and validates a questionnaire file under a rule (default: the current algorithm's, vb-2). */
export function parseQuestionnaireYaml(
  text: string,
  fileName: string,
  rule: QuestionnaireRule = "vb-2",
): Questionnaire {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new QuestionnaireError(
      fileName,
      doc.errors.map((error) => ({
        path: "",
        line: error.linePos?.[0]?.line ?? null,
        message: `YAML syntax: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
      })),
    );
  }
  let content: unknown;
  try {
    content = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new QuestionnaireError(fileName, [{ path: "", line: null, message: `YAML: ${String(error)}` }]);
  }
  const result = questionnaireSchemaFor(rule).safeParse(content);
  if (!result.success) {
    throw new QuestionnaireError(
      fileName,
      result.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        line: lineOf(doc, lineCounter, issue.path),
        message: describeIssue(issue),
      })),
    );
  }
  return result.data;
}

export function loadQuestionnaireFile(path: string, rule: QuestionnaireRule = "vb-2"): Questionnaire {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new QuestionnaireError(path, [{ path: "", line: null, message: `cannot read file (${reason})` }]);
  }
  return parseQuestionnaireYaml(text, path, rule);
}

/** YAML that loads back to identical content (the "download as YAML" of the web app). */
export function questionnaireToYaml(q: Questionnaire): string {
  const document = {
    id: q.id,
    version: q.version,
    title: q.title,
    locale: q.locale,
    values: q.values.map((value) => ({
      id: value.id,
      name: value.name,
      ...(value.description === undefined ? {} : { description: value.description }),
      direction: value.direction,
      weight: value.weight,
      items: value.items.map((item) =>
        item.type === "scenario"
          ? {
              id: item.id,
              type: item.type,
              text: item.text,
              options: item.options.map((o) => ({ id: o.id, text: o.text })),
            }
          : {
              id: item.id,
              type: item.type,
              text: item.text,
              keyed: item.keyed,
              scale: { min: item.scale.min, max: item.scale.max },
            },
      ),
      probes: [...value.probes],
    })),
    attention: q.attention.map((item) => ({
      id: item.id,
      text: item.text,
      expect: item.expect,
      scale: { min: item.scale.min, max: item.scale.max },
    })),
    ...(q.virtues.length === 0
      ? {}
      : {
          virtues: q.virtues.map((item) => ({
            id: item.id,
            text: item.text,
            scale: { min: item.scale.min, max: item.scale.max },
          })),
        }),
  };
  return stringify(document, { lineWidth: 0 });
}
