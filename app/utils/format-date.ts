// The one way the staff pages show a date or a time (issue 21, point 7).
//
// Rule: every human-facing date on the staff side is shown in UTC, as a day "2026-12-04" or as a moment
// "2026-12-04 14:05 UTC" (the audit log and webhook deliveries add seconds: "2026-12-04 14:05:09 UTC"). A moment always
// carries the "UTC" label; a bare day is the UTC calendar day. Machine formats stay ISO 8601: CSV cells, JSON exports
// and the `dateTime` attribute of the `<time>` element that wraps every visible date (see `~/components/formatted-date`).
//
// Browser-safe (no server imports) and the same on server and client: the formatter has a fixed locale, fixed options
// and the fixed time zone "UTC", so hydration never sees a different string. It is built on Intl.DateTimeFormat so
// the staff i18n can later pass a locale through `FORMAT_LOCALE`'s place without changing any caller.

/** What a date can arrive as: an ISO 8601 string from the database or a loader, a Date, or epoch milliseconds. */
export type DateInput = string | Date | number;

/** What is shown where a date is missing (never used, not yet run...) unless the caller words it itself. */
export const NO_DATE = "—";

/** The locale and zone of the staff pages' dates; fixed, so server and browser render the same string. */
const FORMAT_LOCALE = "en-US";
const FORMAT_TIME_ZONE = "UTC";

const formatter = new Intl.DateTimeFormat(FORMAT_LOCALE, {
  timeZone: FORMAT_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  numberingSystem: "latn",
});

/** A zone-less "2026-12-04 14:05:00" or "2026-12-04T14:05" (SQLite's own format) is read as UTC, never local time. */
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The instant of a value; a string or number that is not a date is a programming error, named in the message. */
export function toDate(value: DateInput): Date {
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === "number") date = new Date(value);
  else date = new Date(ZONELESS_DATE_TIME.test(value) ? `${value.replace(" ", "T")}Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a date: ${JSON.stringify(value instanceof Date ? String(value) : value)}`);
  }
  return date;
}

type Parts = { year: string; month: string; day: string; hour: string; minute: string; second: string };

function partsOf(value: DateInput): Parts {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(toDate(value))) parts[part.type] = part.value;
  return {
    year: parts.year.padStart(4, "0"),
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/**
 * The day in the reader's language (issue 18), numeric so server and browser (two ICU versions) agree: "04.12.2026"
 * in Finnish and Romanian, "04/12/2026" in Italian and Spanish, "04. 12. 2026" in Slovenian. English keeps the ISO day.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function localDay(value: DateInput, locale: string): string {
  let formatter = dayFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone: FORMAT_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      numberingSystem: "latn",
    });
    dayFormatters.set(locale, formatter);
  }
  return formatter.format(toDate(value));
}

/** The UTC day: "2026-12-04" (English), "04.12.2026" (Finnish)... Missing → "—". */
export function formatDate(value: DateInput | null | undefined, locale = "en"): string {
  if (value === null || value === undefined || value === "") return NO_DATE;
  if (locale !== "en") return localDay(value, locale);
  const p = partsOf(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The UTC moment to the minute, labelled: "2026-12-04 14:05 UTC" (with `seconds`, "2026-12-04 14:05:09 UTC"); in
 * another reader's language the day is that language's ("04.12.2026 14:05 UTC"), the 24-hour time is the same.
 */
export function formatDateTime(
  value: DateInput | null | undefined,
  options: { seconds?: boolean; locale?: string } = {},
): string {
  if (value === null || value === undefined || value === "") return NO_DATE;
  const p = partsOf(value);
  const time = options.seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  const day =
    options.locale && options.locale !== "en" ? localDay(value, options.locale) : `${p.year}-${p.month}-${p.day}`;
  return `${day} ${time} UTC`;
}

/** The machine form for `<time dateTime>`, CSV and JSON: full ISO 8601 in UTC ("2026-12-04T14:05:09.000Z"). */
export function isoDateTime(value: DateInput): string {
  return toDate(value).toISOString();
}

/** The machine form of a day, for `<input type="date">` values and CSV cells: "2026-12-04" (UTC), never localized. */
export function isoDate(value: DateInput): string {
  return toDate(value).toISOString().slice(0, 10);
}
