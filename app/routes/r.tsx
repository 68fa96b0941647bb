import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Outlet,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { LanguageSwitcher } from "~/components/language-switcher";
import { questionItemLinks } from "~/components/question-item";
import { answeringCatalogFor, negotiateLocale, serverT } from "~/i18n/catalogs.server";
import { LocaleProvider, useT } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { getRespondent } from "~/models/response.server";
import answeringCss from "~/styles/answering.css?url";
import i18nCss from "~/styles/i18n.css?url";
import { PRIVATE_HEADERS } from "~/utils/private-headers";

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const links: LinksFunction = () => [
  ...questionItemLinks(),
  { rel: "stylesheet", href: answeringCss },
  { rel: "stylesheet", href: i18nCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Questionnaire" },
  { name: "referrer", content: "no-referrer" },
  { name: "robots", content: "noindex" },
];

/** An error of the answering pages, already in the visitor's language (used when there is no respondent). */
type ShellErrorPayload = { locale: Locale; title: string; message: string };

/**
 * The respondent's language (the response's locale, if the version offers it) and only that language's catalog:
 * every answering page renders inside this layout's i18n provider.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const respondent = await getRespondent(request, context);
  if (!respondent) {
    const locale = negotiateLocale(request);
    const t = serverT(locale);
    throw data({ locale, title: t("shell.sessionTitle"), message: t("shell.session") } satisfies ShellErrorPayload, {
      status: 401,
      headers: PRIVATE_HEADERS,
    });
  }
  const locale = respondent.locale;
  return data(
    {
      organizationName: respondent.organizationName,
      positionTitle: respondent.positionTitle,
      locale,
      availableLocales: respondent.availableLocales,
      catalog: answeringCatalogFor(locale),
      title: serverT(locale)("shell.metaTitle"),
    },
    { headers: PRIVATE_HEADERS },
  );
}

export default function RespondentLayout() {
  const { locale, catalog } = useLoaderData<typeof loader>();
  return (
    <LocaleProvider locale={locale} catalog={catalog}>
      <Shell />
    </LocaleProvider>
  );
}

function Shell() {
  const { organizationName, positionTitle, locale, availableLocales } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  return (
    <div className="answering-shell">
      <header className="answering-header">
        <span className="org-name">{organizationName}</span>
        <span className="muted"> · {positionTitle}</span>
        <LanguageSwitcher locales={availableLocales} current={locale} returnTo={pathname} />
      </header>
      <main className="answering" id="main">
        <Outlet />
      </main>
    </div>
  );
}

function isShellErrorPayload(value: unknown): value is ShellErrorPayload {
  return Boolean(value && typeof value === "object" && "title" in value && "message" in value && "locale" in value);
}

export function ErrorBoundary() {
  const error = useRouteError();
  const shell = useRouteLoaderData<typeof loader>("routes/r");
  const payload = isRouteErrorResponse(error) && isShellErrorPayload(error.data) ? error.data : null;
  if (payload) {
    return (
      <main className="answering" id="main" lang={payload.locale}>
        <h1>{payload.title}</h1>
        <p>{payload.message}</p>
      </main>
    );
  }
  if (shell) {
    // A page below failed (not found, a session that ended during a POST): the layout's language is known.
    return (
      <LocaleProvider locale={shell.locale} catalog={shell.catalog}>
        <ShellError status={isRouteErrorResponse(error) ? error.status : 500} />
      </LocaleProvider>
    );
  }
  let title = "Something went wrong";
  let message = "Your answers so far are saved. Please reload the page, or open your invitation link again.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 401) {
      title = "Please open your invitation link again";
      message = typeof error.data === "string" ? error.data : message;
    } else if (error.status === 404) {
      title = "Page not found";
      message = "This page does not exist. Open your invitation link again to continue where you stopped.";
    }
  }
  return (
    <main className="answering" id="main">
      <h1>{title}</h1>
      <p>{message}</p>
    </main>
  );
}

function ShellError({ status }: { status: number }) {
  const t = useT();
  const [title, message] =
    status === 401
      ? [t("shell.sessionTitle"), t("shell.session")]
      : status === 404
        ? [t("shell.notFoundTitle"), t("shell.notFound")]
        : [t("shell.errorTitle"), t("shell.error")];
  return (
    <main className="answering" id="main">
      <h1>{title}</h1>
      <p>{message}</p>
    </main>
  );
}
