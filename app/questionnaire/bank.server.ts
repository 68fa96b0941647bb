import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { formatPath, loadQuestionnaireFile, QuestionnaireError } from "./load.server";
import { ID_MESSAGE, questionnaireSchema } from "./schema.server";
import { ID_PATTERN, type AttentionItem, type Item, type QuestionnaireValue, type VirtueItem } from "./types";

/** A value of the item bank: one `questions/bank/<id>.yaml` file. */
export type BankValue = QuestionnaireValue;

export type TemplateValue = {
  bank: string;
  iStatement: string;
  metrics: string[];
  direction: "higher" | "target";
  weight: number;
  items: string[];
};

export type ValuesTemplate = {
  id: string;
  name: string;
  description: string;
  vision: string;
  values: TemplateValue[];
};

export type ItemBank = {
  values: BankValue[];
  attention: AttentionItem[];
  /** "Unlikely virtue" items (questions/virtues.yaml) for the impression flag (SCORING.md section 6). */
  virtues: VirtueItem[];
  templates: ValuesTemplate[];
};

const id = z.string().regex(ID_PATTERN, ID_MESSAGE);
const text = z.string().trim().min(1, "must not be empty");

const templateSchema = z
  .object({
    id,
    name: text,
    description: text,
    vision: text,
    values: z
      .array(
        z
          .object({
            bank: id,
            iStatement: text,
            metrics: z.array(text),
            direction: z.enum(["higher", "target"]),
            weight: z.number().finite().positive(),
            items: z.array(id).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** Directory of the bank; QUESTIONS_DIR overrides it (tests). */
export function questionsDir(): string {
  return path.resolve(process.env.QUESTIONS_DIR ?? "questions");
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

function loadBankValues(dir: string): BankValue[] {
  return yamlFiles(dir).map((file) => {
    const q = loadQuestionnaireFile(path.join(dir, file));
    const expected = file.replace(/\.yaml$/, "");
    if (q.values.length !== 1 || q.values[0].id !== expected) {
      throw new QuestionnaireError(path.join(dir, file), [
        { path: "values", line: null, message: `a bank file holds exactly one value, with id "${expected}"` },
      ]);
    }
    return q.values[0];
  });
}

// Attention and virtue items go through the questionnaire schema itself (wrapped in a placeholder value), so the
// rules are the loader's.
function loadChecks<K extends "attention" | "virtues">(file: string, key: K) {
  const doc = parse(readFileSync(file, "utf8"), { uniqueKeys: true }) as unknown;
  const keys = doc && typeof doc === "object" ? Object.keys(doc) : [];
  if (keys.length !== 1 || keys[0] !== key) {
    throw new QuestionnaireError(file, [
      { path: "", line: null, message: `expected only a top-level \`${key}:\` list` },
    ]);
  }
  const wrapped = {
    id: "checks",
    version: 1,
    title: "checks",
    values: [
      {
        id: "placeholder",
        name: "placeholder",
        items: [{ id: "placeholder-1", type: "likert", text: "x", keyed: "plus" }],
      },
    ],
    [key]: (doc as Record<K, unknown>)[key],
  };
  const result = questionnaireSchema.safeParse(wrapped);
  if (!result.success) {
    throw new QuestionnaireError(
      file,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), line: null, message: issue.message })),
    );
  }
  return result.data[key];
}

function loadTemplates(dir: string, values: BankValue[]): ValuesTemplate[] {
  const byId = new Map(values.map((v) => [v.id, v]));
  return yamlFiles(dir).map((file) => {
    const fileName = path.join(dir, file);
    const result = templateSchema.safeParse(parse(readFileSync(fileName, "utf8"), { uniqueKeys: true }));
    if (!result.success) {
      throw new QuestionnaireError(
        fileName,
        result.error.issues.map((issue) => ({
          path: formatPath(issue.path),
          line: null,
          message: issue.code === "unrecognized_keys" ? `unknown keys ${issue.keys.join(", ")}` : issue.message,
        })),
      );
    }
    const template = result.data;
    const problems: string[] = [];
    if (template.id !== file.replace(/\.yaml$/, "")) problems.push(`id "${template.id}" must match the file name`);
    for (const value of template.values) {
      const bankValue = byId.get(value.bank);
      if (!bankValue) {
        problems.push(`unknown bank value "${value.bank}"`);
        continue;
      }
      const itemIds = new Set(bankValue.items.map((item) => item.id));
      for (const itemId of value.items) {
        if (!itemIds.has(itemId)) problems.push(`${value.bank}: unknown item "${itemId}"`);
      }
    }
    if (problems.length > 0) {
      throw new QuestionnaireError(
        fileName,
        problems.map((message) => ({ path: "values", line: null, message })),
      );
    }
    return template;
  });
}

/** Reads and validates the whole bank (no cache). */
export function loadItemBank(dir: string = questionsDir()): ItemBank {
  const values = loadBankValues(path.join(dir, "bank"));
  const attention = loadChecks(path.join(dir, "attention.yaml"), "attention");
  const virtues = loadChecks(path.join(dir, "virtues.yaml"), "virtues");
  const templates = loadTemplates(path.join(dir, "templates"), values);
  return { values, attention, virtues, templates };
}

const cache = globalThis as unknown as { __valuebenchItemBank?: ItemBank };

/** The item bank, read once per process. */
export function getItemBank(): ItemBank {
  cache.__valuebenchItemBank ??= loadItemBank();
  return cache.__valuebenchItemBank;
}

export function listBankValues(): BankValue[] {
  return getItemBank().values;
}

export function getBankValue(valueId: string): BankValue | undefined {
  return getItemBank().values.find((v) => v.id === valueId);
}

export function getBankItems(valueId: string): Item[] {
  return getBankValue(valueId)?.items ?? [];
}

export function getBankProbes(valueId: string): string[] {
  return getBankValue(valueId)?.probes ?? [];
}

/** The bank item with that id and the bank value that holds it. */
export function findBankItem(itemId: string): { valueId: string; item: Item } | undefined {
  for (const value of getItemBank().values) {
    const item = value.items.find((i) => i.id === itemId);
    if (item) return { valueId: value.id, item };
  }
  return undefined;
}

export function getAttentionItems(): AttentionItem[] {
  return getItemBank().attention;
}

export function getVirtueItems(): VirtueItem[] {
  return getItemBank().virtues;
}

export function listTemplates(): ValuesTemplate[] {
  return getItemBank().templates;
}

export function getTemplate(templateId: string): ValuesTemplate | undefined {
  return getItemBank().templates.find((t) => t.id === templateId);
}
