// Numbers, percentages and dates in the reader's language (issue 18): the one helper the staff pages use, on Intl.
// Numeric forms only, so the server's and the browser's ICU agree ("0,95" and "95 %" in Finnish, "0.95" and "95%" in
// English). CSV files stay machine-readable: they never use this (dot decimal, ISO dates).
import { formatDate, formatDateTime, type DateInput } from "~/utils/format-date";
import { useOptionalLocale } from "./i18n";
import type { Locale } from "./locale";

export type Formatter = {
  locale: Locale;
  /** 1234.5 -> "1,234.5" / "1 234,5"; `digits` fixes the decimals. */
  number: (n: number, digits?: number) => string;
  /** A share 0..1 -> "95%" / "95 %"; `digits` decimals (default 0). */
  percent: (share: number, digits?: number) => string;
  /** A day: "2026-12-04" / "04.12.2026". */
  date: (value: DateInput | null | undefined) => string;
  /** A moment: "2026-12-04 14:05 UTC" / "04.12.2026 14:05 UTC". */
  dateTime: (value: DateInput | null | undefined, seconds?: boolean) => string;
};

const formatters = new Map<Locale, Map<string, Intl.NumberFormat>>();

function numberFormat(locale: Locale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let byKey = formatters.get(locale);
  if (!byKey) formatters.set(locale, (byKey = new Map()));
  let format = byKey.get(key);
  if (!format) byKey.set(key, (format = new Intl.NumberFormat(locale, { numberingSystem: "latn", ...options })));
  return format;
}

export function formatterFor(locale: Locale): Formatter {
  return {
    locale,
    number: (n, digits) =>
      numberFormat(
        locale,
        `n${digits ?? ""}`,
        digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits },
      ).format(n),
    percent: (share, digits = 0) =>
      numberFormat(locale, `p${digits}`, {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(share),
    date: (value) => formatDate(value, locale),
    dateTime: (value, seconds) => formatDateTime(value, { seconds, locale }),
  };
}

/** The formatter of the page's language (English outside any provider). */
export function useFormat(): Formatter {
  return formatterFor(useOptionalLocale() ?? "en");
}
