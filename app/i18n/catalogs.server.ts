// All catalogs and i18next, server side only: a route sends the browser just the one catalog it renders with.
import { createInstance, type i18n as I18n } from "i18next";
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALES,
  type Catalog,
  type Locale,
  type Translate,
  type TranslatorFactory,
} from "./i18n";
import { memoizeTranslate } from "./memo-translate";
import en from "./locales/en.json";
import es from "./locales/es.json";
import fi from "./locales/fi.json";
import it from "./locales/it.json";
import ro from "./locales/ro.json";
import sl from "./locales/sl.json";

const CATALOGS: Record<Locale, Catalog> = { en, ro, it, sl, fi, es };

/** A new, synchronously initialised i18next instance holding one locale's catalog (plus optional namespaces). */
export function createI18n(locale: Locale, catalog: Catalog, extraNamespaces: Record<string, Catalog> = {}): I18n {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    supportedLngs: [locale],
    ns: ["translation", ...Object.keys(extraNamespaces)],
    defaultNS: "translation",
    resources: { [locale]: { translation: catalog, ...extraNamespaces } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  return instance;
}

// Instances are never changed after init (fixed language, no changeLanguage), so one per catalog and set of extra
// namespaces (both keyed by identity: the catalogs and the staff namespace are module constants) is shared by all
// requests; creating one per render was about half of a page's server time (npm run bench).
const sharedTranslators = new WeakMap<Catalog, WeakMap<Record<string, Catalog>, Translate>>();
const NO_NAMESPACES: Record<string, Catalog> = {};

/** The server render's translate function (entry.server.tsx): one i18next instance per catalog and namespaces. */
export const i18nextTranslator: TranslatorFactory = (locale, catalog, namespaces = NO_NAMESPACES) => {
  let byNamespaces = sharedTranslators.get(catalog);
  if (!byNamespaces) sharedTranslators.set(catalog, (byNamespaces = new WeakMap()));
  const cached = byNamespaces.get(namespaces);
  if (cached) return cached;
  const t = createI18n(locale, catalog, namespaces).t;
  // The instance never changes: the last few thousand texts are kept (issue 19: a questionnaire page asks for the same
  // scale labels about fifty times, ~0.7 ms per page).
  const translate = memoizeTranslate(t);
  byNamespaces.set(namespaces, translate);
  return translate;
};

export function catalogFor(locale: Locale): Catalog {
  return CATALOGS[locale];
}

/** Sections only the invitation page (i.$token.tsx) reads: the answering pages under /r never show them. */
const INVITATION_ONLY_SECTIONS = new Set(["landing", "linkError"]);
const answeringCatalogs = new Map<Locale, Catalog>();

/**
 * The catalog the answering pages (the /r layout) send to the browser: the locale's catalog without the invitation
 * page's sections (issue 19: about 40% of it, encoded into every answering page view).
 */
export function answeringCatalogFor(locale: Locale): Catalog {
  let catalog = answeringCatalogs.get(locale);
  if (!catalog) {
    catalog = Object.fromEntries(
      Object.entries(CATALOGS[locale]).filter(([section]) => !INVITATION_ONLY_SECTIONS.has(section)),
    ) as Catalog;
    answeringCatalogs.set(locale, catalog);
  }
  return catalog;
}

/** The translate function of a locale for loaders and actions (only this locale's resources). */
export function serverT(locale: Locale): Translate {
  return i18nextTranslator(locale, CATALOGS[locale], NO_NAMESPACES);
}

/** The best supported language of an Accept-Language header (for pages with no invitation to go by). */
export function negotiateLocale(request: Request, allowed: readonly Locale[] = LOCALES): Locale {
  const header = request.headers.get("Accept-Language") ?? "";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q[1]) : 1 };
    })
    .filter((r) => r.lang && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) if (isLocale(r.lang) && allowed.includes(r.lang)) return r.lang;
  return DEFAULT_LOCALE;
}
