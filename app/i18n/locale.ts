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

/** Built on first use: a DisplayNames costs ~0.1 ms, and a results page names up to 50 languages. */
let languageNames: Intl.DisplayNames | undefined;

/** A language's English name for the staff area ("fi" -> "Finnish"), via Intl. */
export function languageName(locale: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(["en"], { type: "language" });
    return languageNames.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
