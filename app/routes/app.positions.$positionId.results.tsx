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
import { ResultsFilters } from "~/components/results-filters";
import { ResultsPager } from "~/components/results-pager";
import { HeldOutGroups, ResultsTable } from "~/components/results-table";
import { ScoringFailures } from "~/components/scoring-failures";
import { getPositionHeading } from "~/models/position.server";
import { listResults } from "~/models/results.server";
import { listScoringFailures, retryScoring, type ScoringOutcome } from "~/models/scoring-jobs.server";
import reportCss from "~/styles/report.css?url";
import { parseForm } from "~/utils/form.server";
import { parseResultsQuery, retryScoringSchema } from "~/utils/schemas/results.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Results${data ? ` · ${data.context.position.title}` : ""} · valuebench` },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.results");
  const query = parseResultsQuery(new URL(request.url));
  const results = await listResults(user.organizationId, params.positionId ?? "", query);
  const scoring = await listScoringFailures(user.organizationId, results.context.position.id);
  return data({ ...results, scoring, query }, { headers: { "Cache-Control": "private, no-store" } });
}

function retryMessage(outcome: ScoringOutcome): string {
  if (outcome.status === "failed") return `Scoring failed again: ${outcome.error}`;
  if (outcome.status === "scored") return "The candidate is scored.";
  return "There was nothing left to score for this candidate.";
}

/** The "Retry scoring" button of a candidate whose scoring failed (recruiters and admins). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.results");
  // another organization's position is a 404 before the form is read, whatever was posted
  await getPositionHeading(user.organizationId, params.positionId ?? "");
  const parsed = await parseForm(request, retryScoringSchema);
  if (!parsed.ok) return data({ ok: false as const, message: parsed.formError ?? "Choose a candidate." }, 400);
  const outcome = await retryScoring(user.organizationId, params.positionId ?? "", parsed.data.responseId, {
    userId: user.id,
    label: user.email,
  });
  return data({ ok: outcome.status !== "failed", message: retryMessage(outcome) });
}

function EmptyState({ state }: { state: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const base = `/app/positions/${state.context.position.id}`;
  const { context } = state;
  if (!context.benchmark) {
    return (
      <div className="alert warning" role="status">
        <p>
          <strong>No benchmark yet.</strong> Candidates are compared with your top agents, so invite at least 5 agents,
          let them answer, and activate the benchmark on the <Link to={`${base}/benchmark`}>Benchmark</Link> tab.
          Candidates who already submitted are scored as soon as it is active.
        </p>
      </div>
    );
  }
  return null;
}

export default function ResultsPage() {
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
        aria-label={`Sort by ${label}, ${dir === "desc" ? "highest" : "lowest"} first`}
      >
        {label}
        {active ? (query.dir === "desc" ? " ↓" : " ↑") : ""}
      </Link>
    );
  }

  const exportSearch = new URLSearchParams(current);
  for (const key of ["page", "after", "before"]) exportSearch.delete(key);
  const exportHref = `${base}/results.csv${exportSearch.toString() ? `?${exportSearch}` : ""}`;

  return (
    <div className="stack">
      <h1>Results: {context.position.title}</h1>
      <EmptyState state={state} />
      {retried ? (
        <p className={`alert ${retried.ok ? "success" : "error"}`} role="status">
          {retried.message}
        </p>
      ) : null}
      <ScoringFailures positionId={context.position.id} {...state.scoring} />
      {context.benchmarkState === "small" ? (
        <p className="alert warning" role="status">
          <strong>The benchmark is too small.</strong> Every value has fewer than {context.minAgents} agents with a
          score, so candidates get no percentile or alignment yet: the reports show the agents&apos; range only. Invite
          more top agents and re-activate the benchmark on the <Link to={`${base}/benchmark`}>Benchmark</Link> tab.
        </p>
      ) : context.benchmarkState === "partly-small" && context.benchmark ? (
        <p className="alert warning" role="status">
          Some values have fewer than {context.minAgents} agents with a score (
          {context.benchmark.smallValues.map((v) => `${v.name}: n = ${v.n}`).join(", ")}); candidates cannot be compared
          on them, and their overall covers the other values only.
        </p>
      ) : null}
      {context.submittedCount === 0 ? (
        <div className="alert" role="status">
          <p>
            <strong>Nobody has submitted yet.</strong> Invite candidates from the position&apos;s{" "}
            <Link to={base}>Overview</Link>; each one appears here, scored, as soon as they submit.
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            {context.submittedCount} submitted, {context.scoredCount} scored
            {context.benchmark ? (
              <>
                {" "}
                against the benchmark activated on{" "}
                <FormattedDate value={context.benchmark.activatedAt} precision="day" />
              </>
            ) : null}
            . Alignment is 0–100 per value (100 = at your top agents&apos; median, or above it on a value where higher
            is better); ▼ below, ● within, ▲ above the agents&apos; 10th–90th percentile band, in orange when it is a
            mismatch (below, or off target on a target value); ? = uncertain. Candidates on the review list are ranked
            only once someone has reviewed them.
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
            values={context.values}
            base={base}
          />

          {ranking.rows.length === 0 ? (
            <p role="status">No candidate matches these filters.</p>
          ) : (
            <Form method="get" action={`${base}/compare`}>
              <ResultsTable
                rows={ranking.rows}
                values={context.values}
                base={base}
                caption={`Candidates ranked by ${ranking.sort}, ${query.dir === "desc" ? "highest" : "lowest"} first`}
                heading={(key, label) => sortLink(key, label)}
                verdicts={context.benchmark?.verdicts ?? {}}
                pickable
              />
              <div className="row">
                <button type="submit">Compare selected (2–4)</button>
              </div>
            </Form>
          )}

          <ResultsPager paging={ranking} search={location.search} />
        </>
      )}
    </div>
  );
}
