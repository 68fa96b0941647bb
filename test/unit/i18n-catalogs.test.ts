// The message catalogs of the answering flow (app/i18n/locales/<locale>.json): every locale has exactly the keys of
// English, no empty strings, the same {{placeholders}} and <tags>, and the scale labels of questions/i18n/<l>/scale.yaml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { catalogTranslator, LOCALES, type Catalog } from "../../app/i18n/i18n";
import { catalogFor, i18nextTranslator } from "../../app/i18n/catalogs.server";

function flatten(catalog: Catalog, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const placeholders = (text: string) => [...new Set(text.match(/\{\{\s*[\w.-]+\s*\}\}/g) ?? [])].sort();
const tags = (text: string) => (text.match(/<\/?[a-z]+>/g) ?? []).sort();

const en = flatten(catalogFor("en"));

describe("answering-flow catalogs", () => {
  it("English is complete and non-trivial", () => {
    expect(Object.keys(en).length).toBeGreaterThan(100);
    expect(en["page.progress"]).toBe("Page {{page}} of {{pages}}");
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    describe(locale, () => {
      const messages = flatten(catalogFor(locale));

      it("has exactly the keys of en", () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      });

      it("has no empty strings", () => {
        expect(Object.entries(messages).filter(([, v]) => v.trim() === "")).toEqual([]);
      });

      it("keeps every {{placeholder}} and <tag> of en", () => {
        const problems = Object.keys(en).flatMap((key) => {
          const wanted = placeholders(en[key]);
          const got = placeholders(messages[key] ?? "");
          const missing = wanted.filter((p) => !got.includes(p));
          const extra = got.filter((p) => !wanted.includes(p));
          const tagMismatch = tags(en[key]).join() !== tags(messages[key] ?? "").join();
          return missing.length || extra.length || tagMismatch ? [{ key, missing, extra, tagMismatch }] : [];
        });
        expect(problems).toEqual([]);
      });

      it("is actually translated (long sentences differ from English)", () => {
        const literal = (text: string) => text.replace(/\{\{[^}]*\}\}/g, "").trim();
        const same = Object.keys(en).filter((key) => literal(en[key]).length > 20 && messages[key] === en[key]);
        expect(same).toEqual([]);
      });

      it("renders every message identically with i18next (server) and the browser's interpolator", () => {
        const server = i18nextTranslator(locale, catalogFor(locale), {});
        const browser = catalogTranslator(locale, catalogFor(locale), {});
        for (const key of Object.keys(messages)) {
          const vars = Object.fromEntries(
            placeholders(en[key]).map((p, i) => [p.replace(/[{}\s]/g, ""), i % 2 ? 1234 : "Ä <b>&"]),
          );
          expect(browser(key, vars), key).toBe(server(key, vars));
          expect(browser(key, vars)).not.toMatch(/\{\{/);
        }
      });

      it("uses the scale wording of questions/i18n/<locale>/scale.yaml", () => {
        const scale = parse(readFileSync(`questions/i18n/${locale}/scale.yaml`, "utf8")) as {
          likert: Record<string, string>;
          rating: { low: string; high: string };
        };
        for (const point of ["1", "2", "3", "4", "5"])
          expect(messages[`scale.likert${point}`]).toBe(scale.likert[point]);
        expect(messages["scale.ratingLow"]).toBe(scale.rating.low);
        expect(messages["scale.ratingHigh"]).toBe(scale.rating.high);
      });
    });
  }

  it("the self-identification options cover every stored value", async () => {
    const { AGE_BAND_OPTIONS, ETHNICITY_OPTIONS, GENDER_OPTIONS } =
      await import("../../app/models/demographics.server");
    for (const [group, options] of [
      ["genderOptions", GENDER_OPTIONS],
      ["ageBandOptions", AGE_BAND_OPTIONS],
      ["ethnicityOptions", ETHNICITY_OPTIONS],
    ] as const) {
      for (const o of options) expect(en[`selfId.${group}.${o.value}`], `${group}.${o.value}`).toBeTruthy();
    }
  });
});
