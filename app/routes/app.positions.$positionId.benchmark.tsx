import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/field";
import {
  activateBenchmark,
  getBenchmarkDiagnostics,
  getPositionForBenchmark,
  NothingToActivateError,
  setAgentMembership,
  type BenchmarkDiagnostics,
} from "~/models/benchmark.server";
import benchmarkCss from "~/styles/benchmark.css?url";
import { failure, parseForm } from "~/utils/form.server";
import { benchmarkActionSchema } from "~/utils/schemas/benchmark.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: benchmarkCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Benchmark${data ? ` · ${data.position.title}` : ""} · valuebench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.benchmark");
  return getBenchmarkDiagnostics(user.organizationId, params.positionId ?? "");
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
  try {
    const { rescored } = await activateBenchmark(user.organizationId, positionId, user);
    return data({
      ok: true as const,
      message: `The benchmark is active. ${rescored} candidate${rescored === 1 ? " was" : "s were"} re-scored against it; earlier scores are kept as history.`,
    });
  } catch (error) {
    if (error instanceof NothingToActivateError) return data(failure(error.message, {}, { intent: "activate" }), 409);
    throw error;
  }
}

function fmt(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? "—" : x.toFixed(digits);
}

function signed(x: number | null | undefined): string {
  if (x === null || x === undefined) return "—";
  const r = x.toFixed(1);
  return x > 0 && r !== "0.0" ? `+${r}` : r === "-0.0" ? "0.0" : r;
}

function dateTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "—";
}

type Diag = BenchmarkDiagnostics;

function BandChart({ diag }: { diag: Diag }) {
  const left = 150;
  const plotWidth = 460;
  const rowHeight = 34;
  const top = 12;
  const height = top + diag.values.length * rowHeight + 30;
  const x = (v: number) => left + (Math.max(0, Math.min(100, v)) / 100) * plotWidth;
  const summary = diag.values
    .map((v) => {
      const s = diag.snapshot.values[v.id];
      return s && s.p10 !== null && s.p90 !== null
        ? `${v.name}: middle 80% of agents from ${fmt(s.p10)} to ${fmt(s.p90)}, median ${fmt(s.median)}, ${s.n} agents.`
        : `${v.name}: no agent scores yet.`;
    })
    .join(" ");
  return (
    <figure className="band-chart">
      <svg
        viewBox={`0 0 ${left + plotWidth + 20} ${height}`}
        role="img"
        aria-labelledby="band-chart-title band-chart-desc"
        width="100%"
      >
        <title id="band-chart-title">Where the top agents score on each value (0 to 100)</title>
        <desc id="band-chart-desc">{summary}</desc>
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={height - 24} className="grid-line" />
            <text x={x(t)} y={height - 8} textAnchor="middle" className="axis-label">
              {t}
            </text>
          </g>
        ))}
        {diag.values.map((v, i) => {
          const s = diag.snapshot.values[v.id];
          const y = top + i * rowHeight;
          return (
            <g key={v.id}>
              <text x={left - 8} y={y + rowHeight / 2 + 4} textAnchor="end" className="value-label">
                {v.name}
              </text>
              {s && s.p10 !== null && s.p90 !== null ? (
                <>
                  <rect
                    x={x(s.p10)}
                    y={y + 6}
                    width={Math.max(2, x(s.p90) - x(s.p10))}
                    height={rowHeight - 12}
                    className={s.sdUsed === null ? "band small" : "band"}
                  >
                    <title>{`${v.name}: p10 ${fmt(s.p10)} to p90 ${fmt(s.p90)}`}</title>
                  </rect>
                  {s.median !== null ? (
                    <line x1={x(s.median)} x2={x(s.median)} y1={y + 3} y2={y + rowHeight - 3} className="median">
                      <title>{`${v.name}: median ${fmt(s.median)}`}</title>
                    </line>
                  ) : null}
                </>
              ) : (
                <text x={left + 4} y={y + rowHeight / 2 + 4} className="axis-label">
                  no scores yet
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        Bar: the middle 80% of included agents (10th to 90th percentile); tick: the median. A paler bar means fewer than
        5 agents, so candidates get no percentile on that value. The table above has the same numbers.
      </figcaption>
    </figure>
  );
}

function ValuesTable({ diag }: { diag: Diag }) {
  return (
    <div className="table-scroll">
      <table className="numbers">
        <caption className="sr-only">Benchmark statistics per value (draft)</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Agents (n)</th>
            <th scope="col">Mean</th>
            <th scope="col">SD</th>
            <th scope="col">SD used</th>
            <th scope="col">Median</th>
            <th scope="col">p10</th>
            <th scope="col">p90</th>
            <th scope="col">Alpha</th>
          </tr>
        </thead>
        <tbody>
          {diag.values.map((v) => {
            const s = diag.snapshot.values[v.id];
            return (
              <tr key={v.id}>
                <th scope="row">
                  {v.name}
                  {v.direction === "target" ? <span className="muted"> (closest to the agents is best)</span> : null}
                </th>
                <td>{s?.n ?? 0}</td>
                <td>{fmt(s?.mean)}</td>
                <td>{fmt(s?.sd)}</td>
                <td>{fmt(s?.sdUsed)}</td>
                <td>{fmt(s?.median)}</td>
                <td>{fmt(s?.p10)}</td>
                <td>{fmt(s?.p90)}</td>
                <td>{fmt(s?.alpha, 2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type ActionResult =
  | { ok: true; message: string }
  | { ok: false; formError: string | null; fieldErrors: Record<string, string[]>; values: Record<string, unknown> };

function AgentForm({
  agent,
  result,
  busy,
}: {
  agent: Diag["agents"][number];
  result: ActionResult | undefined;
  busy: boolean;
}) {
  const mine = result && !result.ok && result.values.responseId === agent.responseId ? result : null;
  const id = `agent-${agent.responseId}`;
  const next = agent.status === "included" ? "exclude" : "include";
  const errors = mine?.fieldErrors.reason ?? (mine?.formError ? [mine.formError] : undefined);
  return (
    <Form method="post" className="agent-form" aria-label={`Include or exclude ${agent.label}`}>
      <input type="hidden" name="intent" value="membership" />
      <input type="hidden" name="responseId" value={agent.responseId} />
      <div>
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select id={`${id}-decision`} name="decision" defaultValue={next}>
          <option value="exclude">Exclude</option>
          <option value="include">Include</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-reason`}>Reason for {agent.label}</label>
        <input
          id={`${id}-reason`}
          name="reason"
          type="text"
          required
          maxLength={500}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-reason-error` : undefined}
        />
        <ErrorList id={`${id}-reason-error`} errors={errors} />
      </div>
      <div>
        <button type="submit" className="secondary" disabled={busy}>
          Save
        </button>
      </div>
    </Form>
  );
}

function AgentsSection({ diag, result, busy }: { diag: Diag; result: ActionResult | undefined; busy: boolean }) {
  return (
    <section aria-labelledby="agents-heading">
      <h2 id="agents-heading">Agents</h2>
      <p className="muted">
        Pull: how much each agent moves a value&apos;s mean (the mean with them minus the mean without them). A large
        pull from one person is worth a second look. Agents with a hard flag are left out until you include them again.
      </p>
      <div className="table-scroll">
        <table className="agents">
          <caption className="sr-only">Agents, their flags, scores and pull on each value mean</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col">Flags</th>
              {diag.values.map((v) => (
                <th scope="col" key={v.id}>
                  {v.name}
                  <span className="muted block">score (pull)</span>
                </th>
              ))}
              <th scope="col">Include or exclude</th>
            </tr>
          </thead>
          <tbody>
            {diag.agents.map((a) => (
              <tr key={a.responseId} id={`agent-row-${a.responseId}`}>
                <th scope="row">
                  {a.label}
                  <span className="muted block">{a.source === "import" ? "imported" : "answered online"}</span>
                </th>
                <td>
                  <span className={a.status === "included" ? "badge" : "badge excluded"}>
                    {a.status === "included" ? "Included" : "Excluded"}
                  </span>
                  {a.excludedBy === "flags" ? <span className="block muted">by a hard flag</span> : null}
                  {a.override ? (
                    <span className="block muted">
                      {a.override.decision === "exclude" ? "Excluded" : "Included"} by {a.override.by ?? "a recruiter"}:
                      “{a.override.reason}”
                    </span>
                  ) : null}
                </td>
                <td>
                  {a.flags.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="flags">
                      {a.flags.map((f, i) => (
                        <li key={f}>
                          <strong>{f}</strong>: {a.flagExplanations[i]}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                {diag.values.map((v) => (
                  <td key={v.id} className="num">
                    {fmt(a.scores[v.id])}
                    {a.pull ? <span className="muted"> ({signed(a.pull[v.id])})</span> : null}
                  </td>
                ))}
                <td>
                  <details
                    className="agent-change"
                    open={Boolean(result && !result.ok && result.values.responseId === a.responseId)}
                  >
                    <summary>
                      {a.status === "included" ? "Exclude" : "Include"}
                      <span className="sr-only"> {a.label}</span>…
                    </summary>
                    <AgentForm agent={a} result={result} busy={busy} />
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ActivationSection({ diag, result, busy }: { diag: Diag; result: ActionResult | undefined; busy: boolean }) {
  const activateError =
    result && !result.ok && result.values.intent === "activate"
      ? [...(result.fieldErrors.confirm ?? []), ...(result.formError ? [result.formError] : [])]
      : undefined;
  const active = diag.active;
  return (
    <section aria-labelledby="activation-heading" className="card">
      <h2 id="activation-heading">Active benchmark</h2>
      {active ? (
        <p>
          Candidates are scored against the benchmark activated on {dateTime(active.activatedAt)} by{" "}
          {active.activatedBy ?? "a former team member"} ({active.snapshot.included.length} of {active.snapshot.agents}{" "}
          agents included).
        </p>
      ) : (
        <p>No benchmark is active yet, so candidates of this position are not scored.</p>
      )}
      {active && diag.draftDiffers ? (
        <div className="table-scroll">
          <table className="numbers">
            <caption>Active benchmark compared with the draft below</caption>
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col">Active: n, mean, SD used</th>
                <th scope="col">Draft: n, mean, SD used</th>
              </tr>
            </thead>
            <tbody>
              {diag.values.map((v) => {
                const a = active.snapshot.values[v.id];
                const d = diag.snapshot.values[v.id];
                return (
                  <tr key={v.id}>
                    <th scope="row">{v.name}</th>
                    <td>
                      {a?.n ?? 0}, {fmt(a?.mean)}, {fmt(a?.sdUsed)}
                    </td>
                    <td>
                      {d?.n ?? 0}, {fmt(d?.mean)}, {fmt(d?.sdUsed)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {diag.snapshot.included.length === 0 ? (
        <p className="muted">There is nothing to activate until at least one agent is included.</p>
      ) : !diag.draftDiffers ? (
        <p className="muted">The draft is the same as the active benchmark; activating would change nothing.</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="activate" />
          <p>
            Activating makes the draft below ({diag.snapshot.included.length} of {diag.snapshot.agents} agents) the
            benchmark for this position. {active ? "The active benchmark is archived. " : ""}
            {diag.submittedCandidates} submitted candidate{diag.submittedCandidates === 1 ? "" : "s"} will be re-scored
            against it; their earlier scores stay in their history.
          </p>
          <div className="choices">
            <label>
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                required
                aria-invalid={activateError?.length ? true : undefined}
                aria-describedby={activateError?.length ? "confirm-error" : undefined}
              />{" "}
              I understand what changes
            </label>
          </div>
          <ErrorList id="confirm-error" errors={activateError?.length ? activateError : undefined} />
          <div>
            <button type="submit" disabled={busy}>
              Activate this benchmark
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

export default function BenchmarkPage() {
  const diag = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const included = diag.snapshot.included.length;
  const genericError =
    result && !result.ok && !result.values.responseId && result.values.intent !== "activate" ? result.formError : null;
  return (
    <div className="stack benchmark-page">
      <h1>Values benchmark: {diag.position.title}</h1>
      <p className="muted">
        Built from the answers of your top agents to {diag.questionnaire.title} (version {diag.questionnaire.version}
        ). The draft below changes as agents submit or as you include or exclude them; candidates are scored only
        against the active benchmark.
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
          {diag.warnings.length > 0 ? (
            <section aria-labelledby="warnings-heading">
              <h2 id="warnings-heading">Warnings</h2>
              <ul className="warnings">
                {diag.warnings.map((w, i) => (
                  <li key={i} className={`alert ${w.level === "error" ? "error" : "warning"}`}>
                    {w.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <p className="alert success">No warnings: the benchmark is large and the agents agree.</p>
          )}

          <ActivationSection diag={diag} result={result} busy={busy} />

          <section aria-labelledby="values-heading">
            <h2 id="values-heading">
              Draft: {included} of {diag.snapshot.agents} agents included
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
                Activated {dateTime(h.activatedAt)} by {h.activatedBy ?? "a former team member"}: {h.included} of{" "}
                {h.agents} agents (archived).
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
