import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bankDir = join(root, "questions", "bank");
const templatesDir = join(root, "questions", "templates");
const attentionPath = join(root, "questions", "attention.yaml");
const virtuesPath = join(root, "questions", "virtues.yaml");
const loaderPath = join(root, "app", "questionnaire", "load.server.ts");

const REQUIRED_VALUES = [
  "respect",
  "patience",
  "personalization",
  "empathy",
  "responsiveness",
  "honesty",
  "ownership",
  "listening",
  "clear-communication",
  "quality",
  "resilience",
  "following-procedures",
];
const ID = /^[a-z0-9-]+$/;

type Doc = Record<string, unknown>;

interface BankItem {
  id: string;
  type: "likert" | "rating" | "scenario";
  text: string;
  keyed?: "plus" | "minus";
  scale?: { min: number; max: number };
  options?: { id: string; text: string }[];
}

interface BankValue {
  id: string;
  items: BankItem[];
  probes: string[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

function readYaml(path: string): Doc {
  return parse(readFileSync(path, "utf8"), { uniqueKeys: true }) as Doc;
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as Doc).sort();
}

const bankFiles = yamlFiles(bankDir);
const bank = new Map<string, BankValue>(); // value id -> its only value
const itemOwner = new Map<string, string>(); // item id -> bank file
for (const file of bankFiles) {
  const value = (readYaml(join(bankDir, file)).values as BankValue[])[0];
  bank.set(file.replace(/\.yaml$/, ""), value);
}

describe("item bank files", () => {
  it("has one file for each required value", () => {
    for (const id of REQUIRED_VALUES) expect(bankFiles, id).toContain(`${id}.yaml`);
  });

  describe.each(bankFiles)("%s", (file) => {
    const doc = readYaml(join(bankDir, file));
    const valueId = file.replace(/\.yaml$/, "");

    it("is a questionnaire holding exactly one value named after the file", () => {
      expect(keysOf(doc)).toEqual(["id", "locale", "title", "values", "version"]);
      expect(doc.id).toBe(`bank-${valueId}`);
      expect(Number.isInteger(doc.version) && (doc.version as number) > 0).toBe(true);
      expect(doc.locale).toBe("en");
      expect(typeof doc.title).toBe("string");
      const values = doc.values as Doc[];
      expect(values).toHaveLength(1);
      const value = values[0];
      expect(keysOf(value)).toEqual(["description", "direction", "id", "items", "name", "probes", "weight"]);
      expect(value.id).toBe(valueId);
      expect(["higher", "target"]).toContain(value.direction);
      expect(value.weight).toBeGreaterThan(0);
      expect(String(value.description).trim().length).toBeGreaterThan(0);
    });

    it("has well-formed items with the expected keys", () => {
      for (const item of bank.get(valueId)!.items) {
        expect(item.id, item.id).toMatch(ID);
        expect(item.text.trim().length, item.id).toBeGreaterThan(0);
        if (item.type === "likert") {
          expect(keysOf(item), item.id).toEqual(["id", "keyed", "text", "type"]);
          expect(["plus", "minus"], item.id).toContain(item.keyed);
          expect(item.text, item.id).toMatch(/^(I|My) /);
        } else if (item.type === "rating") {
          expect(keysOf(item), item.id).toEqual(["id", "keyed", "scale", "text", "type"]);
          expect(item.scale, item.id).toEqual({ min: 0, max: 10 });
        } else {
          expect(item.type, item.id).toBe("scenario");
          expect(keysOf(item), item.id).toEqual(["id", "options", "text", "type"]);
          for (const option of item.options!) {
            expect(keysOf(option), item.id).toEqual(["id", "text"]);
            expect(option.id, item.id).toMatch(ID);
          }
        }
      }
    });

    it("meets the minimum counts of the bank", () => {
      const { items, probes } = bank.get(valueId)!;
      const likert = items.filter((item) => item.type === "likert");
      const reversed = likert.filter((item) => item.keyed === "minus");
      const ratings = items.filter((item) => item.type === "rating");
      const scenarios = items.filter((item) => item.type === "scenario");
      expect(likert.length).toBeGreaterThanOrEqual(8);
      expect(reversed.length * 3).toBeGreaterThanOrEqual(likert.length);
      expect(ratings.length).toBeGreaterThanOrEqual(1);
      expect(scenarios.length).toBeGreaterThanOrEqual(2);
      for (const scenario of scenarios) {
        const optionIds = scenario.options!.map((option) => option.id);
        expect(optionIds.length, scenario.id).toBeGreaterThanOrEqual(3);
        expect(optionIds.length, scenario.id).toBeLessThanOrEqual(4);
        expect(new Set(optionIds).size, scenario.id).toBe(optionIds.length);
      }
      expect(probes.length).toBeGreaterThanOrEqual(3);
      for (const probe of probes) expect(probe).toMatch(/^Tell me about /);
    });
  });
});

describe("attention items", () => {
  const doc = readYaml(attentionPath);

  it("holds only attention items in the questionnaire format", () => {
    expect(keysOf(doc)).toEqual(["attention"]);
    const items = doc.attention as Doc[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(keysOf(item)).toEqual(["expect", "id", "scale", "text"]);
      expect(item.id).toMatch(ID);
      expect(item.scale).toEqual({ min: 1, max: 5 });
      expect(Number.isInteger(item.expect)).toBe(true);
      expect(item.expect).toBeGreaterThanOrEqual(1);
      expect(item.expect).toBeLessThanOrEqual(5);
    }
  });
});

describe("virtue items", () => {
  const doc = readYaml(virtuesPath);

  it("hold 3 or 4 unlikely virtues in the questionnaire format, on the 1..5 likert scale", () => {
    expect(keysOf(doc)).toEqual(["virtues"]);
    const items = doc.virtues as Doc[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThanOrEqual(4);
    for (const item of items) {
      expect(keysOf(item)).toEqual(["id", "scale", "text"]);
      expect(item.id).toMatch(/^vir-[0-9]{2}$/);
      expect(item.scale).toEqual({ min: 1, max: 5 });
    }
  });
});

describe("item ids", () => {
  it("are unique across the whole bank, attention and virtue items included", () => {
    const duplicates: string[] = [];
    const claim = (id: string, owner: string) => {
      if (itemOwner.has(id)) duplicates.push(`${id} (${itemOwner.get(id)} and ${owner})`);
      itemOwner.set(id, owner);
    };
    for (const [valueId, value] of bank) for (const item of value.items) claim(item.id, valueId);
    for (const item of readYaml(attentionPath).attention as { id: string }[]) claim(item.id, "attention");
    for (const item of readYaml(virtuesPath).virtues as { id: string }[]) claim(item.id, "virtues");
    expect(duplicates).toEqual([]);
  });

  it("share one three-letter prefix per value", () => {
    const prefixOwner = new Map<string, string>();
    for (const [valueId, value] of bank) {
      const prefixes = new Set(value.items.map((item) => item.id.split("-")[0]));
      expect(prefixes.size, valueId).toBe(1);
      const [prefix] = prefixes;
      expect(prefix, valueId).toMatch(/^[a-z]{3}$/);
      expect(prefixOwner.get(prefix), `prefix ${prefix}`).toBeUndefined();
      prefixOwner.set(prefix, valueId);
    }
  });
});

describe("templates", () => {
  const templateFiles = yamlFiles(templatesDir);

  it("include the three starting templates", () => {
    for (const id of ["five-elements", "common-support-values", "care"]) expect(templateFiles).toContain(`${id}.yaml`);
  });

  describe.each(templateFiles)("%s", (file) => {
    const doc = readYaml(join(templatesDir, file));

    it("has the template structure", () => {
      expect(keysOf(doc)).toEqual(["description", "id", "name", "values", "vision"]);
      expect(doc.id).toBe(file.replace(/\.yaml$/, ""));
      for (const key of ["name", "description", "vision"])
        expect(String(doc[key]).trim().length, key).toBeGreaterThan(0);
      const values = doc.values as Doc[];
      expect(values.length).toBeGreaterThanOrEqual(1);
      expect(values.filter((value) => value.direction === "target").length).toBeLessThanOrEqual(1);
      const banks = values.map((value) => value.bank);
      expect(new Set(banks).size).toBe(banks.length);
      for (const value of values) {
        expect(keysOf(value)).toEqual(["bank", "direction", "iStatement", "items", "metrics", "weight"]);
        expect(String(value.iStatement)).toMatch(/^I /);
        expect(Array.isArray(value.metrics) && (value.metrics as unknown[]).length > 0).toBe(true);
        for (const metric of value.metrics as unknown[]) expect(typeof metric).toBe("string");
        expect(["higher", "target"]).toContain(value.direction);
        expect(value.weight).toBeGreaterThan(0);
      }
    });

    it("preselects existing items from existing bank values, with the minimum counts", () => {
      for (const value of doc.values as { bank: string; items: string[] }[]) {
        const bankValue = bank.get(value.bank);
        expect(bankValue, `bank ${value.bank}`).toBeDefined();
        const byId = new Map(bankValue!.items.map((item) => [item.id, item]));
        expect(new Set(value.items).size, value.bank).toBe(value.items.length);
        for (const id of value.items) expect(byId.has(id), `${value.bank}: ${id}`).toBe(true);
        const chosen = value.items.map((id) => byId.get(id)!);
        const likert = chosen.filter((item) => item.type === "likert");
        const scenarios = chosen.filter((item) => item.type === "scenario");
        expect(likert.length, value.bank).toBeGreaterThanOrEqual(6);
        expect(likert.filter((item) => item.keyed === "minus").length, value.bank).toBeGreaterThanOrEqual(2);
        expect(chosen.filter((item) => item.type === "rating").length, value.bank).toBeGreaterThanOrEqual(1);
        expect(scenarios.length, value.bank).toBeGreaterThanOrEqual(1);
        expect(scenarios.length, value.bank).toBeLessThanOrEqual(2);
      }
    });
  });
});

describe.runIf(existsSync(loaderPath))("strict questionnaire loader", () => {
  it.each(bankFiles)("loads %s without error", async (file) => {
    const { loadQuestionnaireFile } = (await import(/* @vite-ignore */ pathToFileURL(loaderPath).href)) as {
      loadQuestionnaireFile: (path: string) => unknown;
    };
    const questionnaire = await loadQuestionnaireFile(join(bankDir, file));
    expect(questionnaire).toMatchObject({ id: `bank-${file.replace(/\.yaml$/, "")}` });
  });
});
