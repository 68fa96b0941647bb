import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { RichText } from "~/i18n/i18n";
import { ResultsFilters } from "~/components/results-filters";
import { ResultsPager } from "~/components/results-pager";
import { HeldOutGroups, ResultsTable } from "~/components/results-table";
import { ScoringFailures } from "~/components/scoring-failures";
import type { Translate } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { languageName, LOCALES } from "~/i18n/locale";
import { getPositionHeading } from "~/models/position.server";
import { listResults } from "~/models/results.server";
import { listScoringFailures, retryScoring, type ScoringOutcome } from "~/models/scoring-jobs.server";
import reportCss from "~/styles/report.css?url";
import { parseForm } from "~/utils/form.server";
import { parseResultsQuery, retryScoringSchema } from "~/utils/schemas/results.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.results");
  const query = parseResultsQuery(new URL(request.url));
  const results = await listResults(user.organizationId, params.positionId ?? "", query);
  const scoring = await listScoringFailures(user.organizationId, results.context.position.id);
  const title = `${staffT(user.locale, "results")("page.metaTitle", { position: results.context.position.title })} · valuebench`;
  // the candidates' answer languages, named in the reader's language here (the browser's Intl may differ)
  const languageNames = Object.fromEntries(LOCALES.map((code) => [code, languageName(code, user.locale)]));
  return data(
    { ...results, scoring, query, title, languageNames },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

function retryMessage(t: Translate, outcome: ScoringOutcome): string {
  if (outcome.status === "failed") return t("retry.failed", { error: outcome.error });
  if (outcome.status === "scored") return t("retry.scored");
  return t("retry.nothing");
}

/** The "Retry scoring" button of a candidate whose scoring failed (recruiters and admins). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.results");
  // another organization's position is a 404 before the form is read, whatever was posted
  await getPositionHeading(user.organizationId, params.positionId ?? "");
  const t = staffT(user.locale, "results");
  const parsed = await parseForm(request, retryScoringSchema, { locale: user.locale });
  if (!parsed.ok) return data({ ok: false as const, message: parsed.formError ?? t("retry.choose") }, 400);
  const outcome = await retryScoring(user.organizationId, params.positionId ?? "", parsed.data.responseId, {
    userId: user.id,
    label: user.email,
  });
  return data({ ok: outcome.status !== "failed", message: retryMessage(t, outcome) });
}

function EmptyState({ state }: { state: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const t = useStaffT("results");
  const base = `/app/positions/${state.context.position.id}`;
  const { context } = state;
  if (!context.benchmark) {
    return (
      <div className="alert warning" role="status">
        <p>
          <RichText text={t("page.noBenchmark")} link={(label) => <Link to={`${base}/benchmark`}>{label}</Link>} />
        </p>
      </div>
    );
  }
  return null;
}

export default function ResultsPage() {
  const t = useStaffT("results");
  const state = useLoaderData<typeof loader>();
  const retried = useActionData<typeof action>();
  const { context, ranking, query } = state;
  const location = useLocation();
  const base = `/app/positions/${context.position.id}`;
  const current = new URLSearchParams(location.search);

  function withParams(changes: Record<string, string | null>): string {
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const text = next.toString();
    return text ? `?${text}` : "?";
  }

  function sortLink(key: string, label: string) {
    const active = ranking.sort === key;
    const dir = active && query.dir === "desc" ? "asc" : "desc";
    return (
      <Link
        to={withParams({ sort: key, dir, page: null, after: null, before: null })}
        aria-label={dir === "desc" ? t("page.sortDesc", { label }) : t("page.sortAsc", { label })}
      >
        {label}
        {active ? (query.dir === "desc" ? " ↓" : " ↑") : ""}
      </Link>
    );
  }

  /** The sorted column in the caption: overall, min or the value's name. */
  function sortName(key: string): string {
    if (key === "overall") return t("page.sortOverall");
    if (key === "min") return t("page.sortMin");
    return context.values.find((v) => v.id === key)?.name ?? key;
  }

  const exportSearch = new URLSearchParams(current);
  for (const key of ["page", "after", "before"]) exportSearch.delete(key);
  const exportHref = `${base}/results.csv${exportSearch.toString() ? `?${exportSearch}` : ""}`;

  return (
    <div className="stack">
      <h1>{t("page.heading", { position: context.position.title })}</h1>
      <EmptyState state={state} />
      {retried ? (
        <p className={`alert ${retried.ok ? "success" : "error"}`} role="status">
          {retried.message}
        </p>
      ) : null}
      <ScoringFailures positionId={context.position.id} {...state.scoring} />
      {context.benchmarkState === "small" ? (
        <p className="alert warning" role="status">
          <RichText
            text={t("page.tooSmall", { min: context.minAgents })}
            link={(label) => <Link to={`${base}/benchmark`}>{label}</Link>}
          />
        </p>
      ) : context.benchmarkState === "partly-small" && context.benchmark ? (
        <p className="alert warning" role="status">
          {t("page.partlySmall", {
            min: context.minAgents,
            values: context.benchmark.smallValues.map((v) => t("page.smallValue", { name: v.name, n: v.n })).join(", "),
          })}
        </p>
      ) : null}
      {context.submittedCount === 0 ? (
        <div className="alert" role="status">
          <p>
            <RichText text={t("page.nobody")} link={(label) => <Link to={base}>{label}</Link>} />
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            <RichText
              text={t(context.benchmark ? "page.countsAgainst" : "page.counts", {
                submitted: t("page.submitted", { count: context.submittedCount }),
                scored: t("page.scored", { count: context.scoredCount }),
              })}
              date={context.benchmark ? <FormattedDate value={context.benchmark.activatedAt} precision="day" /> : null}
            />{" "}
            {t("page.legend")}
          </p>
          <ResultsFilters
            values={context.values}
            sort={ranking.sort}
            bandValue={ranking.bandValue}
            query={query}
            clearHref={`${base}/results`}
            exportHref={exportHref}
          />

          <HeldOutGroups
            needsReview={state.needsReview}
            setAside={state.setAside}
            languageNames={state.languageNames}
            values={context.values}
            base={base}
          />

          {ranking.rows.length === 0 ? (
            <p role="status">{t("page.noMatch")}</p>
          ) : (
            <Form method="get" action={`${base}/compare`}>
              <ResultsTable
                rows={ranking.rows}
                languageNames={state.languageNames}
                values={context.values}
                base={base}
                caption={t(query.dir === "desc" ? "page.captionDesc" : "page.captionAsc", {
                  sort: sortName(ranking.sort),
                })}
                heading={(key, label) => sortLink(key, label)}
                verdicts={context.benchmark?.verdicts ?? {}}
                pickable
              />
              <div className="row">
                <button type="submit">{t("page.compareSelected")}</button>
              </div>
            </Form>
          )}

          <ResultsPager paging={ranking} search={location.search} />
        </>
      )}
    </div>
  );
}
