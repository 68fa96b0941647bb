// Locale facts without i18next: cheap to import anywhere (root layout, staff pages, models).

export const LOCALES = ["en", "ro", "it", "sl", "fi", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language in its own name (a language switcher shows endonyms, the same in every catalog). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  ro: "Română",
  it: "Italiano",
  sl: "Slovenščina",
  fi: "Suomi",
  es: "Español",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Intl formatting in the page's locale. */
export function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** The `locale` of the deepest matched route whose loader data carries one (for `<html lang>`). */
export function localeFromMatches(matches: readonly { data?: unknown }[]): Locale | null {
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i].data;
    if (data && typeof data === "object" && "locale" in data && isLocale((data as { locale: unknown }).locale)) {
      return (data as { locale: Locale }).locale;
    }
  }
  return null;
}

/** The staff reader's language: the `staffLocale` a staff page's loader returns (app layout, login, setup). */
export function staffLocaleFromMatches(matches: readonly { data?: unknown }[]): Locale | null {
  for (const match of matches) {
    const data = match.data;
    if (data && typeof data === "object" && "staffLocale" in data) {
      const value = (data as { staffLocale: unknown }).staffLocale;
      if (isLocale(value)) return value;
    }
  }
  return null;
}

/** Built on first use, one per reader's language: a DisplayNames costs ~0.1 ms, and a results page names up to 50. */
const languageNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the reader's language ("fi" -> "Finnish", or "suomi" for a Finnish reader), via Intl. */
export function languageName(locale: string, reader: Locale = DEFAULT_LOCALE): string {
  try {
    let names = languageNames.get(reader);
    if (!names) languageNames.set(reader, (names = new Intl.DisplayNames([reader], { type: "language" })));
    return names.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
