// The one date format of the staff pages (issue 21, point 7): app/utils/format-date.ts shows UTC days "2026-12-04" and
// moments "2026-12-04 14:05 UTC", whatever the server's or the browser's zone; <FormattedDate> wraps them in
// <time dateTime="ISO 8601">. A scan keeps every staff route and component on the helper, so a new page cannot drift.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { FormattedDate } from "../../app/components/formatted-date";
import { formatterFor } from "../../app/i18n/format";
import { formatDate, formatDateTime, isoDate, isoDateTime, NO_DATE } from "../../app/utils/format-date";

// 2026-12-04 14:05:09.250 UTC, a Friday; every expected string below is read off this instant by hand.
const INSTANT = Date.UTC(2026, 11, 4, 14, 5, 9, 250);
const ISO = "2026-12-04T14:05:09.250Z";

describe("formatDate / formatDateTime", () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("shows a fixed instant as the UTC day and the UTC minute, labelled", () => {
    expect(formatDate(ISO)).toBe("2026-12-04");
    expect(formatDateTime(ISO)).toBe("2026-12-04 14:05 UTC");
    expect(formatDateTime(ISO, { seconds: true })).toBe("2026-12-04 14:05:09 UTC");
  });

  it("takes a Date, epoch milliseconds and an ISO string alike", () => {
    expect(formatDateTime(new Date(INSTANT))).toBe("2026-12-04 14:05 UTC");
    expect(formatDateTime(INSTANT)).toBe("2026-12-04 14:05 UTC");
    expect(formatDateTime(0)).toBe("1970-01-01 00:00 UTC");
  });

  it("converts an offset to UTC, crossing the day boundary when it must", () => {
    // 01:30 at +02:00 is 23:30 UTC the day before
    expect(formatDateTime("2026-12-04T01:30:00+02:00")).toBe("2026-12-03 23:30 UTC");
    expect(formatDate("2026-12-04T01:30:00+02:00")).toBe("2026-12-03");
    // 19:45 at -05:00 is 00:45 UTC the next day
    expect(formatDateTime("2026-12-31T19:45:00-05:00")).toBe("2027-01-01 00:45 UTC");
  });

  it("writes midnight as 00, never 24, and pads every part to two digits", () => {
    expect(formatDateTime("2026-01-02T00:00:00.000Z")).toBe("2026-01-02 00:00 UTC");
    expect(formatDateTime("2026-03-05T07:08:09Z", { seconds: true })).toBe("2026-03-05 07:08:09 UTC");
  });

  it("reads a date-only value as that day and a zone-less date-time as UTC", () => {
    expect(formatDate("2026-12-04")).toBe("2026-12-04");
    expect(formatDateTime("2026-12-04 14:05:00")).toBe("2026-12-04 14:05 UTC");
    expect(formatDateTime("2026-12-04T14:05")).toBe("2026-12-04 14:05 UTC");
  });

  it("does not depend on the process's time zone (server and browser render the same text)", () => {
    for (const tz of ["Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"]) {
      process.env.TZ = tz;
      expect(formatDate(ISO)).toBe("2026-12-04");
      expect(formatDateTime(ISO)).toBe("2026-12-04 14:05 UTC");
      expect(formatDateTime("2026-12-04 14:05:00")).toBe("2026-12-04 14:05 UTC");
      expect(isoDate("2026-12-04T23:59:59Z")).toBe("2026-12-04");
    }
  });

  it("shows a dash for a missing date and names a value that is not a date", () => {
    expect(NO_DATE).toBe("—");
    expect(formatDate(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
    expect(formatDateTime("")).toBe("—");
    expect(() => formatDateTime("yesterday")).toThrow('Not a date: "yesterday"');
    expect(() => formatDate(Number.NaN)).toThrow(RangeError);
  });

  it("keeps the machine forms ISO 8601 in UTC", () => {
    expect(isoDateTime("2026-12-04T16:05:09.250+02:00")).toBe(ISO);
    expect(isoDateTime(INSTANT)).toBe(ISO);
    expect(isoDate(INSTANT)).toBe("2026-12-04");
  });
});

describe("<FormattedDate>", () => {
  const html = (props: Parameters<typeof FormattedDate>[0]) =>
    renderToStaticMarkup(createElement(FormattedDate, props));

  it("wraps the text in <time> with the ISO instant", () => {
    expect(html({ value: ISO })).toBe(`<time dateTime="${ISO}">2026-12-04 14:05 UTC</time>`);
    expect(html({ value: "2026-12-04T14:05:09.250+00:00", precision: "day" })).toBe(
      `<time dateTime="${ISO}">2026-12-04</time>`,
    );
    expect(html({ value: ISO, precision: "second", className: "muted" })).toBe(
      `<time dateTime="${ISO}" class="muted">2026-12-04 14:05:09 UTC</time>`,
    );
  });

  it("shows the caller's word (or a dash) without a <time> when there is no date", () => {
    expect(html({ value: null })).toBe("—");
    expect(html({ value: null, missing: "never" })).toBe("never");
  });
});

// --- No staff page formats dates by itself ---------------------------------------------------------------------------

const ROOT = join(__dirname, "..", "..");

/** Ways of turning a date into text other than ~/utils/format-date (each with what to use instead). */
const DRIFT: { pattern: RegExp; what: string }[] = [
  { pattern: /\.toLocale(Date|Time)?String\(/, what: "toLocale*String" },
  { pattern: /\.toISOString\(\)/, what: "toISOString()" },
  { pattern: /\bIntl\.DateTimeFormat\b/, what: "Intl.DateTimeFormat" },
  { pattern: /\.slice\(0, ?(10|16|19)\)/, what: "an ISO string cut with slice(0, 10|16|19)" },
  { pattern: /\.slice\(11, ?(16|19)\)/, what: "an ISO time cut with slice(11, …)" },
  { pattern: /\.replace\(\s*["']T["']\s*,/, what: 'replace("T", …) on an ISO string' },
];

/** "file:line: what" for every line of `source` that formats a date outside the helper. */
function driftIn(file: string, source: string): string[] {
  const found: string[] = [];
  source.split("\n").forEach((line, i) => {
    for (const { pattern, what } of DRIFT) {
      if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what} (use ~/utils/format-date or <FormattedDate>)`);
    }
  });
  return found;
}

function staffFiles(): string[] {
  const routes = readdirSync(join(ROOT, "app/routes"))
    .filter((f) => f.startsWith("app.") && f.endsWith(".tsx"))
    .map((f) => `app/routes/${f}`);
  const components = readdirSync(join(ROOT, "app/components"))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => `app/components/${f}`);
  return [...routes, ...components];
}

describe("staff routes and components format dates only through the helper", () => {
  it("flags a page that formats a date by itself (the scan can fail)", () => {
    const drifting = [
      "<td>{u.created_at.slice(0, 10)}</td>",
      '{new Date(at).toLocaleString("en-GB", { timeZone: "UTC" })}',
      "const today = new Date().toISOString().slice(0, 10);",
      '{iso.replace("T", " ")}',
    ].join("\n");
    expect(driftIn("app/routes/app.example.tsx", drifting)).toEqual([
      "app/routes/app.example.tsx:1: an ISO string cut with slice(0, 10|16|19) (use ~/utils/format-date or <FormattedDate>)",
      "app/routes/app.example.tsx:2: toLocale*String (use ~/utils/format-date or <FormattedDate>)",
      "app/routes/app.example.tsx:3: toISOString() (use ~/utils/format-date or <FormattedDate>)",
      "app/routes/app.example.tsx:3: an ISO string cut with slice(0, 10|16|19) (use ~/utils/format-date or <FormattedDate>)",
      'app/routes/app.example.tsx:4: replace("T", …) on an ISO string (use ~/utils/format-date or <FormattedDate>)',
    ]);
  });

  it("finds none in app/routes/app.*.tsx and app/components/*", () => {
    const files = staffFiles();
    // the staff side has well over 20 route modules and components; an empty list would pass vacuously
    expect(files.length).toBeGreaterThan(40);
    expect(files).toContain("app/routes/app.positions.$positionId.candidates.$responseId.tsx");
    const drift = files.flatMap((file) => driftIn(file, readFileSync(join(ROOT, file), "utf8")));
    expect(drift).toEqual([]);
  });
});

// Issue 18: the reader's language. Numeric day forms (the server's and the browser's ICU agree on them); the 24-hour
// time and its "UTC" label stay the same; numbers and percentages in the language's own separators.
describe("dates and numbers in the reader's language", () => {
  const moment = "2026-12-04T14:05:09Z";
  it("writes the day as each language does", () => {
    expect(formatDate(moment, "en")).toBe("2026-12-04");
    expect(formatDate(moment, "fi")).toBe("04.12.2026");
    expect(formatDate(moment, "ro")).toBe("04.12.2026");
    expect(formatDate(moment, "it")).toBe("04/12/2026");
    expect(formatDate(moment, "es")).toBe("04/12/2026");
    expect(formatDate(moment, "sl")).toBe("04. 12. 2026");
    expect(formatDateTime(moment, { locale: "fi", seconds: true })).toBe("04.12.2026 14:05:09 UTC");
    expect(formatDateTime(moment, { locale: "en" })).toBe("2026-12-04 14:05 UTC");
  });

  it("formats numbers and percentages with the language's separators", () => {
    const fi = formatterFor("fi");
    const en = formatterFor("en");
    expect(en.number(1234.5, 1)).toBe("1,234.5");
    expect(fi.number(1234.5, 1)).toBe("1\u00a0234,5");
    expect(fi.number(0.42, 2)).toBe("0,42");
    expect(en.percent(0.95)).toBe("95%");
    expect(fi.percent(0.95)).toBe("95\u00a0%");
    expect(formatterFor("es").percent(0.125, 1)).toBe("12,5\u00a0%");
    expect(fi.date(moment)).toBe("04.12.2026");
  });
});
