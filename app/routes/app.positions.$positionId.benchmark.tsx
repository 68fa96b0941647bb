import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActivationSection } from "~/components/benchmark-activation";
import { BenchmarkWarnings } from "~/components/benchmark-warnings";
import { AgentsSection, type ActionResult } from "~/components/benchmark-agents";
import { FormattedDate } from "~/components/formatted-date";
import { BandChart, ValuesTable } from "~/components/benchmark-values";
import {
  activateBenchmark,
  ActivationReasonRequiredError,
  CannotRescoreError,
  getBenchmarkDiagnostics,
  getPositionForBenchmark,
  NothingToActivateError,
  rescoreWithCurrentAlgorithm,
  setAgentMembership,
} from "~/models/benchmark.server";
import benchmarkCss from "~/styles/benchmark.css?url";
import { failure, parseForm } from "~/utils/form.server";
import { benchmarkActionSchema } from "~/utils/schemas/benchmark.server";
import { algorithmLabel } from "~/utils/report-wording";
import { requireRole } from "~/utils/route-roles.server";
import { validitySummary } from "~/utils/validity-wording";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: benchmarkCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Benchmark${data ? ` · ${data.position.title}` : ""} · valuebench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.benchmark");
  const diag = await getBenchmarkDiagnostics(user.organizationId, params.positionId ?? "");
  return { ...diag, canRescore: user.role === "admin", canActivate: user.role === "admin" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.benchmark");
  const positionId = params.positionId ?? "";
  await getPositionForBenchmark(user.organizationId, positionId);
  const parsed = await parseForm(request, benchmarkActionSchema);
  if (!parsed.ok) return data(parsed, 400);
  const input = parsed.data;
  if (input.intent === "membership") {
    await setAgentMembership(user.organizationId, positionId, input.responseId, input.decision, input.reason, user);
    return data({
      ok: true as const,
      message: input.decision === "exclude" ? "The agent is now excluded." : "The agent is now included.",
    });
  }
  if (input.intent === "rescore") {
    try {
      const { rescored } = await rescoreWithCurrentAlgorithm(user.organizationId, positionId, user);
      return data({
        ok: true as const,
        message: `The benchmark was rebuilt with the current scoring algorithm and is active. ${rescored} candidate${rescored === 1 ? " was" : "s were"} re-scored; earlier scores are kept as history.`,
      });
    } catch (error) {
      if (error instanceof CannotRescoreError) return data(failure(error.message, {}, { intent: "rescore" }), 409);
      throw error;
    }
  }
  try {
    const { rescored } = await activateBenchmark(user.organizationId, positionId, user, input.reason);
    return data({
      ok: true as const,
      message: `The benchmark is active. ${rescored} candidate${rescored === 1 ? " was" : "s were"} re-scored against it; earlier scores are kept as history.`,
    });
  } catch (error) {
    if (error instanceof NothingToActivateError) return data(failure(error.message, {}, { intent: "activate" }), 409);
    if (error instanceof ActivationReasonRequiredError) {
      return data(failure(null, { reason: [error.message] }, { intent: "activate" }), 400);
    }
    throw error;
  }
}

export default function BenchmarkPage() {
  const diag = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const included = diag.snapshot.included.length;
  const genericError =
    result &&
    !result.ok &&
    !result.values.responseId &&
    result.values.intent !== "activate" &&
    result.values.intent !== "rescore"
      ? result.formError
      : null;
  return (
    <div className="stack benchmark-page">
      <h1>Values benchmark: {diag.position.title}</h1>
      <p className="muted">
        Built from the answers of your top agents to {diag.questionnaire.title} (version {diag.questionnaire.version}
        ). The draft below changes as agents submit or as you include or exclude them; candidates are scored only
        against the active benchmark.
      </p>
      <p className="validity-link">
        <Link to={`/app/positions/${diag.position.id}/validity`}>Validity evidence</Link>:{" "}
        {validitySummary(diag.snapshot.contrast, diag.values.length)}
      </p>
      {result?.ok ? (
        <p className="alert success" role="status">
          {result.message}
        </p>
      ) : null}
      {genericError ? (
        <p className="alert error" role="alert">
          {genericError}
        </p>
      ) : null}

      {diag.agents.length === 0 ? (
        <div className="card">
          <h2>No agents yet</h2>
          <p>
            No top agent has submitted answers for this position yet. Invite at least 5 (10 or more is better) from the{" "}
            <Link to={`/app/positions/${diag.position.id}`}>position page</Link>, or{" "}
            <Link to={`/app/positions/${diag.position.id}/import`}>import their answers</Link> from a CSV.
          </p>
        </div>
      ) : (
        <>
          {included < 5 ? (
            <p className="alert warning">
              Only {included} agent{included === 1 ? " is" : "s are"} included. With fewer than 5 the benchmark shows
              the agents&apos; range only: candidates get no percentile or alignment. Invite more agents.
            </p>
          ) : null}
          <BenchmarkWarnings diag={diag} />

          <ActivationSection
            diag={diag}
            result={result}
            busy={busy}
            canRescore={diag.canRescore}
            canActivate={diag.canActivate}
          />

          <section aria-labelledby="values-heading">
            <h2 id="values-heading">
              Draft: {included} of {diag.snapshot.agents} agents included{" "}
              <span className="badge">{algorithmLabel(diag.snapshot.algorithmVersion)}</span>
            </h2>
            <ValuesTable diag={diag} />
            <BandChart diag={diag} />
          </section>

          {diag.scenarios.length > 0 ? (
            <section aria-labelledby="scenarios-heading">
              <h2 id="scenarios-heading">Scenario consensus</h2>
              <p className="muted">
                A candidate&apos;s scenario answer scores by how many agents chose it: share = (agents who chose it + 1)
                / (agents who answered + options), relative to the most chosen answer.
              </p>
              {diag.scenarios.map((s) => {
                const top = Math.max(0, ...Object.values(s.consensus?.shares ?? {}));
                return (
                  <details key={s.id} className="scenario">
                    <summary>
                      {s.text}{" "}
                      <span className="muted">
                        ({s.consensus?.m ?? 0} agents answered
                        {s.consensus && !s.consensus.scored ? "; too few, not scored" : ""})
                      </span>
                    </summary>
                    <table className="scenarios">
                      <caption className="sr-only">Shares of the answers to: {s.text}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Answer</th>
                          <th scope="col">Share</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.options.map((o) => {
                          const share = s.consensus?.shares[o.id] ?? 0;
                          return (
                            <tr key={o.id}>
                              <td>
                                {o.text}
                                {share === top && top > 0 ? <strong> (agents&apos; choice)</strong> : null}
                              </td>
                              <td>{Math.round(share * 100)}%</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </details>
                );
              })}
            </section>
          ) : null}

          <AgentsSection diag={diag} result={result} busy={busy} />
          <AgentsSection diag={diag} result={result} busy={busy} group="comparison" />
        </>
      )}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Earlier benchmarks</h2>
        {diag.history.length === 0 ? (
          <p className="muted">None archived yet.</p>
        ) : (
          <ul>
            {diag.history.map((h) => (
              <li key={h.id}>
                Activated <FormattedDate value={h.activatedAt} /> by {h.activatedBy ?? "a former team member"}:{" "}
                {h.included} of {h.agents} agents (archived).{" "}
                <span className="badge">{algorithmLabel(h.algorithmVersion)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
