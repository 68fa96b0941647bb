// Checks the translations of the item bank under questions/i18n/<locale>/ against the English
// sources (questions/bank/*.yaml, questions/attention.yaml and questions/virtues.yaml). Iterates over every locale
// directory that exists, so each translator's language is covered automatically.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bankDir = join(root, "questions", "bank");
const attentionPath = join(root, "questions", "attention.yaml");
const virtuesPath = join(root, "questions", "virtues.yaml");
const i18nDir = join(root, "questions", "i18n");

type Doc = Record<string, unknown>;

interface SourceItem {
  id: string;
  type: "likert" | "rating" | "scenario";
  text: string;
  options?: { id: string; text: string }[];
}

interface SourceValue {
  id: string;
  name: string;
  description: string;
  items: SourceItem[];
  probes: string[];
}

interface SourceBank {
  file: string; // e.g. "empathy.yaml"
  id: string; // e.g. "bank-empathy"
  values: SourceValue[];
}

interface AttentionItem {
  id: string;
  text: string;
  expect: number;
}

function readYaml(path: string): Doc {
  return parse(readFileSync(path, "utf8")) as Doc;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

const PLACEHOLDER = /\{\{?\s*[A-Za-z0-9_.-]+\s*\}?\}/g;

function placeholders(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])].sort();
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

/** Every string leaf in a parsed document, with its path, so empty strings can be reported. */
function stringLeaves(node: unknown, path = ""): [string, unknown][] {
  if (Array.isArray(node)) {
    return node.flatMap((child, i) => stringLeaves(child, `${path}[${i}]`));
  }
  if (node !== null && typeof node === "object") {
    return Object.entries(node as Doc).flatMap(([key, child]) => stringLeaves(child, path ? `${path}.${key}` : key));
  }
  return [[path, node]];
}

const sources: SourceBank[] = yamlFiles(bankDir).map((file) => {
  const doc = readYaml(join(bankDir, file));
  return { file, id: doc.id as string, values: doc.values as SourceValue[] };
});

const attention = (readYaml(attentionPath).attention as AttentionItem[]) ?? [];
const virtues = (readYaml(virtuesPath).virtues as { id: string; text: string }[]) ?? [];

const locales = existsSync(i18nDir)
  ? readdirSync(i18nDir)
      .filter((name) => statSync(join(i18nDir, name)).isDirectory())
      .sort()
  : [];

describe("i18n item bank sources", () => {
  it("has bank files and attention items to translate", () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(attention.length).toBeGreaterThan(0);
    expect(virtues.length).toBeGreaterThan(0);
  });
});

for (const locale of locales) {
  const dir = join(i18nDir, locale);

  describe(`i18n bank: ${locale}`, () => {
    it("has a translation file for every source file", () => {
      const expected = [...sources.map((s) => s.file), "attention.yaml", "virtues.yaml", "scale.yaml"].sort();
      const missing = expected.filter((file) => !existsSync(join(dir, file)));
      expect(missing, `missing files in questions/i18n/${locale}`).toEqual([]);
    });

    it("scale.yaml has likert labels 1-5 and rating low/high", () => {
      const path = join(dir, "scale.yaml");
      expect(existsSync(path), `questions/i18n/${locale}/scale.yaml`).toBe(true);
      const doc = readYaml(path);
      const likert = doc.likert as Record<string, unknown>;
      expect(likert).toBeTypeOf("object");
      expect(Object.keys(likert).sort()).toEqual(["1", "2", "3", "4", "5"]);
      for (const key of ["1", "2", "3", "4", "5"]) {
        expect(isNonEmptyString(likert[key]), `likert ${key}`).toBe(true);
      }
      const rating = doc.rating as Record<string, unknown>;
      expect(rating).toBeTypeOf("object");
      expect(isNonEmptyString(rating.low), "rating.low").toBe(true);
      expect(isNonEmptyString(rating.high), "rating.high").toBe(true);
    });

    it("attention.yaml covers exactly the attention ids and names the scale labels", () => {
      const path = join(dir, "attention.yaml");
      expect(existsSync(path), `questions/i18n/${locale}/attention.yaml`).toBe(true);
      const doc = readYaml(path);
      expect(doc.locale).toBe(locale);
      expect(doc.source).toBe("attention");
      const items = doc.items as Record<string, unknown>;
      expect(items).toBeTypeOf("object");
      expect(Object.keys(items).sort()).toEqual(attention.map((a) => a.id).sort());

      for (const [path2, value] of stringLeaves(doc)) {
        expect(isNonEmptyString(value), `${locale}/attention.yaml ${path2} is empty`).toBe(true);
      }

      const scalePath = join(dir, "scale.yaml");
      const likert = existsSync(scalePath) ? ((readYaml(scalePath).likert as Record<string, string>) ?? {}) : {};
      for (const item of attention) {
        const text = items[item.id] as string;
        for (const ph of placeholders(item.text)) {
          expect(text, `${item.id} keeps ${ph}`).toContain(ph);
        }
        // The answer the item asks for must be named with the locale's own scale label.
        const label = likert[String(item.expect)];
        if (isNonEmptyString(label)) {
          expect(
            text.toLowerCase().includes(label.toLowerCase()),
            `${locale} ${item.id} should name the scale label "${label}"`,
          ).toBe(true);
        }
      }
    });

    it("virtues.yaml covers exactly the virtue ids, each translated", () => {
      const path = join(dir, "virtues.yaml");
      expect(existsSync(path), `questions/i18n/${locale}/virtues.yaml`).toBe(true);
      const doc = readYaml(path);
      expect(doc.locale).toBe(locale);
      expect(doc.source).toBe("virtues");
      const items = doc.items as Record<string, unknown>;
      expect(items).toBeTypeOf("object");
      expect(Object.keys(items).sort()).toEqual(virtues.map((v) => v.id).sort());
      for (const [path2, value] of stringLeaves(doc)) {
        expect(isNonEmptyString(value), `${locale}/virtues.yaml ${path2} is empty`).toBe(true);
      }
      for (const item of virtues) {
        expect(items[item.id], `${locale} ${item.id} is translated, not copied`).not.toBe(item.text);
      }
    });

    for (const source of sources) {
      it(`${source.file} matches ${source.id}`, () => {
        const path = join(dir, source.file);
        expect(existsSync(path), `questions/i18n/${locale}/${source.file}`).toBe(true);
        const doc = readYaml(path);
        const where = `${locale}/${basename(path)}`;

        expect(doc.locale, `${where} locale`).toBe(locale);
        expect(doc.source, `${where} source`).toBe(source.id);

        // No empty strings anywhere in the file.
        for (const [leafPath, value] of stringLeaves(doc)) {
          expect(isNonEmptyString(value), `${where} ${leafPath} is empty or not a string`).toBe(true);
        }

        // Values: same ids, each with a name and description.
        const values = doc.values as Record<string, { name?: unknown; description?: unknown }>;
        expect(values, `${where} values`).toBeTypeOf("object");
        expect(Object.keys(values).sort()).toEqual(source.values.map((v) => v.id).sort());
        for (const value of source.values) {
          expect(isNonEmptyString(values[value.id]?.name), `${where} ${value.id}.name`).toBe(true);
          expect(isNonEmptyString(values[value.id]?.description), `${where} ${value.id}.description`).toBe(true);
        }

        // Items: exactly the source ids.
        const items = doc.items as Record<string, unknown>;
        expect(items, `${where} items`).toBeTypeOf("object");
        const sourceItems = source.values.flatMap((v) => v.items);
        expect(Object.keys(items).sort(), `${where} item ids`).toEqual(sourceItems.map((i) => i.id).sort());

        for (const item of sourceItems) {
          const translated = items[item.id];
          if (item.type === "scenario") {
            const scenario = translated as { text?: unknown; options?: Record<string, unknown> };
            expect(scenario, `${where} ${item.id} must be { text, options }`).toBeTypeOf("object");
            expect(isNonEmptyString(scenario.text), `${where} ${item.id}.text`).toBe(true);
            expect(scenario.options, `${where} ${item.id}.options`).toBeTypeOf("object");
            const options = scenario.options ?? {};
            expect(Object.keys(options).sort(), `${where} ${item.id} option ids`).toEqual(
              (item.options ?? []).map((o) => o.id).sort(),
            );
            for (const ph of placeholders(item.text)) {
              expect(scenario.text, `${where} ${item.id} keeps ${ph}`).toContain(ph);
            }
            for (const option of item.options ?? []) {
              for (const ph of placeholders(option.text)) {
                expect(options[option.id], `${where} ${item.id}.${option.id} keeps ${ph}`).toContain(ph);
              }
            }
          } else {
            expect(isNonEmptyString(translated), `${where} ${item.id} must be a string`).toBe(true);
            for (const ph of placeholders(item.text)) {
              expect(translated, `${where} ${item.id} keeps ${ph}`).toContain(ph);
            }
          }
        }

        // Probes: same number (and order) as the source.
        const probes = doc.probes as unknown[];
        const sourceProbes = source.values.flatMap((v) => v.probes ?? []);
        expect(Array.isArray(probes), `${where} probes must be a list`).toBe(true);
        expect(probes.length, `${where} probe count`).toBe(sourceProbes.length);
        sourceProbes.forEach((probe, i) => {
          for (const ph of placeholders(probe)) {
            expect(probes[i], `${where} probes[${i}] keeps ${ph}`).toContain(ph);
          }
        });
      });
    }
  });
}
