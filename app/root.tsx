import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { localeFromMatches } from "./i18n/locale";
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
  // The answering flow's loaders (i.$token, r) return the respondent's locale; every other page is English.
  const lang = localeFromMatches(useMatches()) ?? "en";
  return (
    <html lang={lang}>
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
  let title = "Something went wrong";
  let message = "An unexpected error happened. Nothing you entered was lost; please try again.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Page not found";
      message = "We could not find that page. It may have moved, or the link may be incomplete.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "You do not have access to this page.";
    } else {
      title = `${error.status} ${error.statusText}`;
      message = typeof error.data === "string" && error.data ? error.data : message;
    }
  }
  return (
    <main className="page narrow" id="main">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </main>
  );
}
