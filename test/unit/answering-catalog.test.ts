// The /r layout sends the answering pages a catalog without the invitation page's sections (issue 19): every
// section the answering routes and the shared components ask for must still be in it, in every locale.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answeringCatalogFor, catalogFor } from "../../app/i18n/catalogs.server";
import { LOCALES } from "../../app/i18n/i18n";

function sourcesOf(dir: string, match: (file: string) => boolean): string[] {
  return fs
    .readdirSync(dir)
    .filter(match)
    .map((file) => fs.readFileSync(path.join(dir, file), "utf8"));
}

describe("the answering pages' catalog", () => {
  it("leaves out only the invitation page's sections", () => {
    for (const locale of LOCALES) {
      const full = Object.keys(catalogFor(locale)).sort();
      const answering = Object.keys(answeringCatalogFor(locale)).sort();
      expect(full.filter((section) => !answering.includes(section))).toEqual(["landing", "linkError"]);
      for (const section of answering) expect(answeringCatalogFor(locale)[section]).toBe(catalogFor(locale)[section]);
    }
  });

  it("holds every section the /r routes and the components read", () => {
    const sources = [
      ...sourcesOf("app/routes", (file) => /^r[.$]/.test(file) || file === "r.tsx"),
      ...sourcesOf("app/components", (file) => file.endsWith(".tsx") || file.endsWith(".ts")),
    ].filter((source) => !source.includes("useStaffT(")); // staff components read the staff catalogs (issue 18)
    const sections = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/\bt\(\s*["'`]([a-zA-Z]+)\./g)) sections.add(match[1]);
      for (const match of source.matchAll(/["'`]([a-zA-Z]+)\.[a-zA-Z0-9]+["'`]/g)) {
        if (match[1] in catalogFor("en")) sections.add(match[1]);
      }
    }
    expect(sections.size).toBeGreaterThanOrEqual(6);
    for (const section of sections) expect(Object.keys(answeringCatalogFor("en"))).toContain(section);
  });
});
