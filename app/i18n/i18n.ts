// The i18n layer of the answering flow. Browser-safe: it never imports a catalog or i18next itself.
//
// Server: renders use one shared i18next instance per locale (createInstance, resources = only the active locale's
// catalog): entry.server.tsx provides that factory through TranslatorFactoryContext, and loaders/actions use
// serverT() (catalogs.server.ts). Browser: the catalog arrives in the loader data of `i.$token` / `r` (only that
// locale's) and the same messages are read with a small interpolator of the subset of i18next syntax the catalogs
// use (nested keys, `{{name}}`, `ns:key`), so i18next's 16 KB never reach the candidate page (its JS budget is
// 100 KB gzip). test/unit/i18n-catalogs.test.ts proves both give the same text for every message of every locale.
import { createContext, createElement, Fragment, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "./locale";

export * from "./locale";

export type Catalog = { [key: string]: string | Catalog };
export type TranslateVars = Record<string, string | number>;
export type Translate = (key: string, vars?: TranslateVars) => string;
export type TranslatorFactory = (locale: Locale, catalog: Catalog, namespaces: Record<string, Catalog>) => Translate;

function lookup(catalog: Catalog | undefined, path: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of path.split(".")) {
    if (!node || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The browser's translate function: `ns:key.path` lookup and `{{name}}` interpolation, nothing else. */
export const catalogTranslator: TranslatorFactory = (_locale, catalog, namespaces) => (key, vars) => {
  const colon = key.indexOf(":");
  const [ns, path] = colon > 0 ? [key.slice(0, colon), key.slice(colon + 1)] : ["translation", key];
  const message = lookup(ns === "translation" ? catalog : namespaces[ns], path);
  if (message === undefined) return path;
  return message.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    vars && vars[name] !== undefined ? String(vars[name]) : whole,
  );
};

/** Set on the server only (entry.server.tsx): builds an i18next instance per render. */
export const TranslatorFactoryContext = createContext<TranslatorFactory | null>(null);

type LocaleContextValue = { locale: Locale; t: Translate };
const LocaleContext = createContext<LocaleContextValue | null>(null);

const EMPTY: Record<string, Catalog> = {};

/** Wraps a subtree (the answering layout, the landing page, the staff area) in one locale's messages. */
export function LocaleProvider({
  locale,
  catalog,
  extraNamespaces = EMPTY,
  children,
}: {
  locale: Locale;
  catalog: Catalog;
  extraNamespaces?: Record<string, Catalog>;
  children: ReactNode;
}) {
  const factory = useContext(TranslatorFactoryContext) ?? catalogTranslator;
  const value = useMemo(
    () => ({ locale, t: factory(locale, catalog, extraNamespaces) }),
    [factory, locale, catalog, extraNamespaces],
  );
  return createElement(LocaleContext.Provider, { value }, children);
}

/** Provides an already-made translate function (the staff area's i18next one, staff.tsx). */
export function TranslationProvider({ locale, t, children }: { locale: Locale; t: Translate; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t }), [locale, t]);
  return createElement(LocaleContext.Provider, { value }, children);
}

/** The page's locale inside a provider, or null outside one (shared components that also render bare). */
export function useOptionalLocale(): Locale | null {
  return useContext(LocaleContext)?.locale ?? null;
}

/** The page's translate function inside a provider, or null outside one. */
export function useOptionalT(): Translate | null {
  return useContext(LocaleContext)?.t ?? null;
}

export function useT(): Translate {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useT() outside a LocaleProvider");
  return value.t;
}

export function useLocale(): Locale {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale() outside a LocaleProvider");
  return value.locale;
}

/**
 * A catalog text with `<strong>…</strong>` and `<code>…</code>` parts, with `link` one kind of `<link>…</link>` part
 * drawn by `link`, and a `<date/>` slot filled by `date`, as React elements: never HTML (interpolated values stay
 * text; any other `<…>`, e.g. "<item id>", too).
 */
export function RichText({
  text,
  link,
  date,
}: {
  text: string;
  link?: (children: string) => ReactNode;
  date?: ReactNode;
}) {
  const parts = text.split(/<(code|strong|link)>(.*?)<\/\1>|<(date)\/>/g);
  const nodes: ReactNode[] = [];
  for (let i = 0; i < parts.length; i += 4) {
    if (parts[i]) nodes.push(parts[i]);
    if (i + 3 >= parts.length) continue;
    const [tag, inner, slot] = [parts[i + 1], parts[i + 2], parts[i + 3]];
    if (slot === "date") nodes.push(createElement(Fragment, { key: i }, date ?? null));
    else if (tag === "link") nodes.push(createElement(Fragment, { key: i }, link ? link(inner) : inner));
    else if (tag) nodes.push(createElement(tag, { key: i }, inner));
  }
  return createElement(Fragment, null, ...nodes);
}
