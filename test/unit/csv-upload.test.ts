// The shared pieces of the CSV upload pages (issue 18): a refused file's problems with row and column in the reader's
// language, and catalog texts whose <code>/<strong>/<link> parts become elements while any other <…> stays text.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CsvProblems } from "../../app/components/csv-upload";
import { RichText } from "../../app/i18n/i18n";
import "../../app/i18n/staff-catalogs.server";
import { StaffI18n } from "../../app/i18n/staff";
import type { Locale } from "../../app/i18n/locale";

const problems = [
  { row: 2, column: "emp-r1", message: "m1" },
  { row: 3, column: null, message: "m2" },
];
const render = (locale: Locale) =>
  renderToStaticMarkup(
    createElement(StaffI18n, { locale, children: createElement(CsvProblems, { formError: "F", problems }) }),
  );

describe("CSV upload pieces", () => {
  it("lists problems with their row and column in the reader's language", () => {
    expect(render("en")).toContain("<li>Row 2, column “emp-r1”: m1</li><li>Row 3: m2</li>");
    expect(render("fi")).toContain("<li>Rivi 2, sarake ”emp-r1”: m1</li><li>Rivi 3: m2</li>");
    expect(render("sl")).toContain("<li>Vrstica 2, stolpec »emp-r1«: m1</li><li>Vrstica 3: m2</li>");
  });

  it("turns <code>, <strong> and <link> into elements and keeps other angle brackets as text", () => {
    const html = renderToStaticMarkup(
      createElement(RichText, {
        text: "Header <code>respondent,<item id></code> of <strong>Q</strong>, <link>see</link>.",
        link: (text: string) => createElement("a", { href: "/v" }, text),
      }),
    );
    expect(html).toBe('Header <code>respondent,&lt;item id&gt;</code> of <strong>Q</strong>, <a href="/v">see</a>.');
  });
});
