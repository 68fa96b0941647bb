import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useNavigation,
  useParams,
  useRouteError,
} from "@remix-run/react";
import { useEffect } from "react";
import { ErrorList } from "~/components/field";
import { sendOpenedBeacon } from "~/components/opened-beacon";
import { LanguageSwitcher } from "~/components/language-switcher";
import { catalogFor, negotiateLocale, serverT } from "~/i18n/catalogs.server";
import { LocaleProvider, RichText, useT } from "~/i18n/i18n";
import { formatDate, formatNumber, isLocale, type Locale } from "~/i18n/locale";
import { lookupInvitationToken } from "~/models/invitation.server";
import { switchResponseLocale } from "~/models/respondent-locale.server";
import { reserveInviteAttempt, settleInviteSuccess } from "~/models/login-throttle.server";
import { consentToInvitation } from "~/models/response.server";
import answeringCss from "~/styles/answering.css?url";
import i18nCss from "~/styles/i18n.css?url";
import { clientIp } from "~/utils/client-ip.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { consentSchema } from "~/utils/schemas/positions.server";

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: answeringCss },
  { rel: "stylesheet", href: i18nCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Invitation" },
  { name: "referrer", content: "no-referrer" },
  { name: "robots", content: "noindex" },
];

/** What an error page of the link shows, already in the visitor's language (no catalog travels with an error). */
type LinkErrorPayload = { locale: Locale; title: string; message: string; reason: LinkErrorReason };
type LinkErrorReason = "unknown" | "closed" | "position-closed" | "throttled";

function linkError(request: Request, reason: LinkErrorReason): never {
  const url = new URL(request.url);
  const wanted = url.searchParams.get("lang");
  const locale = isLocale(wanted) ? wanted : negotiateLocale(request);
  const t = serverT(locale);
  const [status, title, message] =
    reason === "unknown"
      ? [404, t("linkError.invalidTitle"), t("linkError.invalid")]
      : reason === "closed"
        ? [410, t("linkError.closedTitle"), t("linkError.closed")]
        : reason === "position-closed"
          ? [410, t("linkError.positionClosedTitle"), t("linkError.positionClosed")]
          : [429, t("linkError.throttledTitle"), t("linkError.throttled")];
  throw data({ locale, title, message, reason } satisfies LinkErrorPayload, { status, headers: PRIVATE_HEADERS });
}

/**
 * GET changes nothing: it only reads the invitation to explain who asks and why, in the invitation's language
 * (or the response's, once switched), or in the one picked with the switcher (`?lang=`, carried into the consent).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const wanted = new URL(request.url).searchParams.get("lang");
  const found = await lookupInvitationToken(params.token ?? "", new Date(), wanted);
  if (found.state !== "valid") linkError(request, found.state);
  const { invitationId: _id, responseId: _r, translation: _t, ...view } = found;
  const t = serverT(view.locale);
  return data(
    {
      ...view,
      catalog: catalogFor(view.locale),
      title: t("landing.metaTitle", { organization: view.organizationName }),
    },
    { headers: PRIVATE_HEADERS },
  );
}

/** Consent: exchanges the token for a respondent session cookie and leaves the token behind (redirect to /r). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  // Counted and recorded in one step before anything else, so parallel POSTs cannot all slip under the limit.
  const attempt = await reserveInviteAttempt(clientIp(context));
  if (!attempt.ok) linkError(request, "throttled");
  const token = params.token ?? "";
  const parsed = await parseForm(request, consentSchema);
  if (!parsed.ok) return data(parsed, { status: 400, headers: PRIVATE_HEADERS });
  const result = await consentToInvitation(token);
  if (!result.ok) linkError(request, result.state);
  await settleInviteSuccess(attempt.attemptId);
  // The language the landing page was read in becomes the response's (only one the version offers).
  if (parsed.data.locale) await switchResponseLocale(result.responseId, parsed.data.locale);
  throw redirect("/r", { headers: { ...PRIVATE_HEADERS, "Set-Cookie": result.setCookie } });
}

export default function Invitation() {
  const view = useLoaderData<typeof loader>();
  return (
    <LocaleProvider locale={view.locale} catalog={view.catalog}>
      <Landing />
    </LocaleProvider>
  );
}

function Landing() {
  const view = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { token } = useParams();
  const notStarted = !view.started && !view.alreadySubmitted;
  useEffect(() => {
    // Once per page view. A plain request, outside Remix's router: a fetcher's action ends in a revalidation of the
    // page, and one that began while "Start" was navigating aborted the route discovery of /r and left the person on
    // a broken /r (i.$token.opened.ts).
    if (notStarted && token) void sendOpenedBeacon(token);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const consentError =
    actionData && !actionData.ok && "fieldErrors" in actionData && actionData.fieldErrors.consent
      ? [t("landing.consentRequired")]
      : undefined;
  const isCandidate = view.kind === "candidate";
  const retentionMonths = Math.round(view.retentionDays / 30);
  const org = view.organizationName;
  return (
    <main className="answering" id="main">
      <LanguageSwitcher locales={view.availableLocales} current={view.locale} />
      <p className="org-name">{org}</p>
      <h1>{isCandidate ? t("landing.titleCandidate", { position: view.positionTitle }) : t("landing.titleAgent")}</h1>
      <p>{t("landing.hello", { name: view.name })}</p>
      {view.alreadySubmitted ? <p className="alert success">{t("landing.alreadySubmitted")}</p> : null}

      <section aria-labelledby="why">
        <h2 id="why">{t("landing.whyHeading")}</h2>
        {isCandidate ? (
          <>
            <p>
              <RichText
                text={t("landing.whyCandidate1", {
                  organization: org,
                  position: view.positionTitle,
                  values: view.valueNames.join(", "),
                })}
              />
            </p>
            <p>{t("landing.whyCandidate2")}</p>
          </>
        ) : (
          <>
            <p>
              <RichText text={t("landing.whyAgent1", { organization: org, position: view.positionTitle })} />
            </p>
            <p>{t("landing.whyAgent2")}</p>
          </>
        )}
        {view.positionDescription ? <p className="muted">{view.positionDescription}</p> : null}
      </section>

      <section aria-labelledby="how-long">
        <h2 id="how-long">{t("landing.howLongHeading")}</h2>
        <p>
          {t("landing.howLong", {
            minutes: formatNumber(view.locale, view.estimatedMinutes),
            items: formatNumber(view.locale, view.itemCount),
          })}{" "}
          {view.alreadySubmitted ? null : t("landing.expires", { date: formatDate(view.locale, view.expiresAt) })}
        </p>
      </section>

      <section aria-labelledby="who-sees">
        <h2 id="who-sees">{t("landing.whoHeading")}</h2>
        <p>
          {isCandidate
            ? t("landing.whoCandidate", { organization: org })
            : t("landing.whoAgent", { organization: org })}
        </p>
      </section>

      {isCandidate ? (
        <section aria-labelledby="rights">
          <h2 id="rights">{t("landing.rightsHeading")}</h2>
          <p>
            {t("landing.rights", { days: formatNumber(view.locale, view.retentionDays), organization: org })}
            {retentionMonths >= 2
              ? ` ${t("landing.rightsMonths", { months: formatNumber(view.locale, retentionMonths) })}`
              : null}
          </p>
        </section>
      ) : null}

      <Form method="post" className="stack consent-form" noValidate>
        <input type="hidden" name="locale" value={view.locale} />
        <div className={consentError ? "consent invalid" : "consent"}>
          <label>
            <input
              type="checkbox"
              name="consent"
              value="yes"
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? "consent-error" : undefined}
            />
            <span>{isCandidate ? t("landing.consentCandidate") : t("landing.consentAgent")}</span>
          </label>
          <ErrorList id="consent-error" errors={consentError} />
        </div>
        <button type="submit" className="big" disabled={busy}>
          {view.alreadySubmitted ? t("landing.open") : view.started ? t("landing.continue") : t("landing.start")}
        </button>
      </Form>
    </main>
  );
}

function isLinkErrorPayload(value: unknown): value is LinkErrorPayload {
  return Boolean(value && typeof value === "object" && "title" in value && "message" in value && "locale" in value);
}

export function ErrorBoundary() {
  const error = useRouteError();
  // Link errors arrive already translated (the visitor's language); anything else is an unexpected failure.
  const payload = isRouteErrorResponse(error) && isLinkErrorPayload(error.data) ? error.data : null;
  return (
    <main className="answering" id="main" lang={payload?.locale ?? "en"}>
      <h1>{payload?.title ?? "Something went wrong"}</h1>
      <p>{payload?.message ?? "Please try again in a moment."}</p>
    </main>
  );
}
