import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { errorLocale, StaffErrorMessage } from "./components/staff-error";
import { localeFromMatches, staffLocaleFromMatches } from "./i18n/locale";
import stylesHref from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "valuebench" }];

/**
 * Marks the moment React has hydrated the document (the root's effects run last in the first commit, after every
 * route's): `performance.mark("vb-hydrated")` and `<html data-hydrated>`. The answering page's time-to-interactive
 * figure reads the mark (scripts/bench/tti.ts, issue 19); nothing in the app depends on it.
 */
const HYDRATED_MARK = "vb-hydrated";

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  useEffect(() => {
    if (document.documentElement.dataset.hydrated !== undefined) return;
    performance.mark(HYDRATED_MARK);
    document.documentElement.dataset.hydrated = "";
  }, []);
  // Staff pages (the app layout, login, setup) return the reader's `staffLocale` (issue 18); the answering flow's
  // loaders (i.$token, r) return the respondent's `locale`. entry.client.tsx loads the staff catalogs the attribute
  // names before hydrating.
  const matches = useMatches();
  const staffLocale = staffLocaleFromMatches(matches);
  const error = useRouteError();
  const lang = staffLocale ?? localeFromMatches(matches) ?? errorLocale(error) ?? "en";
  return (
    <html lang={lang} data-staff-locale={staffLocale ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const matches = useMatches();
  // The language of the page that failed (a staff page's, a candidate's), else the one the error names (`$.tsx`).
  const locale = staffLocaleFromMatches(matches) ?? localeFromMatches(matches);
  return (
    <main className="page narrow" id="main">
      <StaffErrorMessage error={error} locale={locale} />
    </main>
  );
}
