// The staff area's catalogs (issue 18): every language has every key of English with the same {{variables}}, the
// plural forms its language needs (Intl.PluralRules, as i18next chooses them), no empty or untranslated long text;
// every literal key the staff code asks for exists; and i18next's plurals work through the staff translator.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_TEXTS } from "../../app/i18n/error-pages";
import type { Catalog } from "../../app/i18n/i18n";
import { LOCALES, type Locale } from "../../app/i18n/locale";
import { msg } from "../../app/i18n/message";
import { STAFF_CATALOGS, staffT } from "../../app/i18n/staff-catalogs.server";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(catalog: Catalog, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[at] = value;
    else Object.assign(out, flatten(value, at));
  }
  return out;
}

/** namespace:key (plural suffix removed) -> the forms present and the union of their variables. */
function shape(locale: Locale) {
  const out = new Map<string, { forms: Set<string>; vars: Set<string> }>();
  for (const [ns, catalog] of Object.entries(STAFF_CATALOGS[locale])) {
    if (ns === "translation") continue; // the answering catalog: test/unit/i18n-catalogs.test.ts
    for (const [key, text] of Object.entries(flatten(catalog))) {
      const plural = PLURAL.exec(key);
      const base = `${ns}:${plural ? key.slice(0, plural.index) : key}`;
      const entry = out.get(base) ?? { forms: new Set<string>(), vars: new Set<string>() };
      entry.forms.add(plural ? plural[1] : "");
      for (const v of text.match(/\{\{\s*[\w.-]+\s*\}\}/g) ?? []) entry.vars.add(v.replace(/\s/g, ""));
      out.set(base, entry);
    }
  }
  return out;
}

const english = shape("en");
const englishTexts = new Map(
  Object.entries(STAFF_CATALOGS.en).flatMap(([ns, c]) =>
    ns === "translation" ? [] : Object.entries(flatten(c)).map(([k, v]) => [`${ns}:${k}`, v] as const),
  ),
);

describe("staff catalogs", () => {
  it("have the same namespaces in every language, and English has real content", () => {
    for (const locale of LOCALES) {
      expect(Object.keys(STAFF_CATALOGS[locale]).sort(), locale).toEqual(Object.keys(STAFF_CATALOGS.en).sort());
    }
    expect(english.size).toBeGreaterThan(50);
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale}: every English key, the same variables, the plural forms of ${locale}`, () => {
      const mine = shape(locale);
      expect(
        [...mine.keys()].filter((k) => !english.has(k)),
        "keys English does not have",
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !mine.has(k)),
        "keys missing",
      ).toEqual([]);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      for (const [key, en] of english) {
        const entry = mine.get(key)!;
        expect([...entry.vars].sort(), `${key}: variables`).toEqual([...en.vars].sort());
        if (en.forms.has("")) expect([...entry.forms], `${key}: not plural in English`).toEqual([""]);
        else expect([...entry.forms].sort(), `${key}: plural forms`).toEqual(categories);
      }
    });

    it(`${locale}: no empty message and no long English text left untranslated`, () => {
      for (const [ns, catalog] of Object.entries(STAFF_CATALOGS[locale])) {
        if (ns === "translation") continue;
        for (const [key, text] of Object.entries(flatten(catalog))) {
          expect(text.trim(), `${ns}:${key}`).not.toBe("");
          const en = englishTexts.get(`${ns}:${key}`);
          if (en && en.replace(/\{\{[^}]*\}\}/g, "").trim().length >= 20) {
            expect(text, `${locale} ${ns}:${key} is the English text`).not.toBe(en);
          }
        }
      }
    });
  }

  it("English plurals have exactly one and other", () => {
    for (const [key, entry] of english) {
      if (!entry.forms.has("")) expect([...entry.forms].sort(), key).toEqual(["one", "other"]);
    }
  });

  it("i18next chooses each language's plural form from count (worked by hand)", () => {
    const fields = "a, b";
    const unexpected = (locale: Locale, count: number) =>
      staffT(locale, "errors")("unexpectedFields", { count, fields });
    expect(unexpected("en", 1)).toBe("Unexpected field: a, b.");
    expect(unexpected("en", 2)).toBe("Unexpected fields: a, b.");
    // Slovenian: 1 one, 2 two, 3 few, 5 other; 102 two again (n mod 100 = 2).
    expect(unexpected("sl", 1)).toBe("Nepričakovano polje: a, b.");
    expect(unexpected("sl", 2)).toBe("Nepričakovani polji: a, b.");
    expect(unexpected("sl", 3)).toBe("Nepričakovana polja: a, b.");
    expect(unexpected("sl", 102)).toBe("Nepričakovani polji: a, b.");
    // Finnish: one / other.
    expect(unexpected("fi", 1)).toBe("Odottamaton kenttä: a, b.");
    expect(unexpected("fi", 3)).toBe("Odottamattomat kentät: a, b.");
  });

  it("translates a server message with a translated label", () => {
    const label = msg("common:name");
    const t = staffT("fi");
    expect(t.message(msg("errors:required", { label }))).toBe("Nimi: pakollinen tieto.");
    expect(staffT("en").message(msg("errors:tooLong", { label, max: 80 }))).toBe("Name must be at most 80 characters.");
    expect(t.message("plain text stays")).toBe("plain text stays");
  });

  it("the error pages' texts exist in every language", () => {
    for (const locale of LOCALES) {
      expect(Object.keys(ERROR_TEXTS[locale]).sort(), locale).toEqual(Object.keys(ERROR_TEXTS.en).sort());
      if (locale !== "en") expect(ERROR_TEXTS[locale].notFound).not.toBe(ERROR_TEXTS.en.notFound);
    }
  });
});

// ---- Every literal key the staff code asks for exists in English (so in every language, by the tests above).

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("keys used by the staff code", () => {
  it("exist in the English catalogs", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles("app")) {
      // comments hold examples, not calls
      const text = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      const bindings = new Map<string, string>();
      for (const m of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*(?:useStaffT|staffT)\((?:[^()]*?,\s*)?"(\w+)"\)/g)) {
        bindings.set(m[1], m[2]);
      }
      for (const m of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*useStaffT\(\)/g)) bindings.set(m[1], "common");
      for (const [name, ns] of bindings) {
        for (const call of text.matchAll(new RegExp(`\\b${name}\\(\\s*"([^"]+)"`, "g"))) {
          const key = call[1].includes(":") ? call[1] : `${ns}:${call[1]}`;
          checked++;
          if (!english.has(key) && !english.has(key.replace(PLURAL, ""))) missing.push(`${file}: ${key}`);
        }
      }
      for (const call of text.matchAll(/\bmsg\(\s*"([\w-]+:[^"]+)"/g)) {
        checked++;
        if (!english.has(call[1])) missing.push(`${file}: ${call[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
