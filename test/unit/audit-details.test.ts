// The audit log's details column in the reader's language (issue 18): stored field names through the catalog, flags
// as yes/no, values as recorded; a field the catalog does not name shows its stored name as code.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuditDetails } from "../../app/components/audit-details";
import "../../app/i18n/staff-catalogs.server";
import { StaffI18n } from "../../app/i18n/staff";
import type { Locale } from "../../app/i18n/locale";

const render = (locale: Locale, json: string) =>
  renderToStaticMarkup(createElement(StaffI18n, { locale, children: createElement(AuditDetails, { json }) }));

const details = JSON.stringify({ reason: "Pilot run", mailed: true, archived: null, scopes: ["results:read", "x"] });

describe("audit details", () => {
  it("names the fields in the reader's language and leaves the recorded values as they are", () => {
    expect(render("en", details)).toBe("reason: Pilot run · mailed: Yes · scopes: results:read, x");
    expect(render("fi", details)).toBe("syy: Pilot run · lähetetty sähköpostilla: Kyllä · oikeudet: results:read, x");
  });

  it("shows a field the catalog does not name as code, and nothing for unreadable JSON", () => {
    expect(render("es", JSON.stringify({ newField: 3 }))).toBe("<code>newField</code>: 3");
    expect(render("es", "{not json")).toBe("");
  });
});
