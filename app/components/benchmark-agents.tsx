// The benchmark page's agents: flags, scores, pull, and the include/exclude form.
import { Form } from "@remix-run/react";
import { ErrorList } from "~/components/field";
import { TableRegion } from "~/components/table-region";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";
import { fmt, signed } from "./benchmark-format";

type Diag = BenchmarkDiagnostics;

export type ActionResult =
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

export function AgentsSection({
  diag,
  result,
  busy,
  group = "top",
}: {
  diag: Diag;
  result: ActionResult | undefined;
  busy: boolean;
  /** Top agents (the benchmark) or comparison agents (the contrast on the validity page), listed apart. */
  group?: "top" | "comparison";
}) {
  const agents = diag.agents.filter((a) => a.group === group);
  if (group === "comparison" && agents.length === 0) return null;
  return (
    <section aria-labelledby={`agents-heading-${group}`}>
      <h2 id={`agents-heading-${group}`}>{group === "top" ? "Top agents" : "Comparison agents"}</h2>
      {group === "top" ? (
        <p className="muted">
          Pull: how much each agent moves a value&apos;s mean (the mean with them minus the mean without them). A large
          pull from one person is worth a second look. Agents with a hard flag are left out until you include them
          again.
        </p>
      ) : (
        <p className="muted">
          Ordinary members of the team: they never enter the benchmark. Their answers are compared with the top
          agents&apos; on the validity page. Comparison agents with a hard flag are left out of that comparison until
          you include them again.
        </p>
      )}
      <TableRegion
        label={group === "top" ? "Flags, scores and pull per agent" : "Flags and scores per comparison-group member"}
      >
        <table className="agents">
          <caption className="sr-only">
            {group === "top"
              ? "Top agents, their flags, scores and pull on each value mean"
              : "Comparison agents, their flags and scores"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col">Flags</th>
              {diag.values.map((v) => (
                <th scope="col" key={v.id}>
                  {v.name}
                  <span className="muted block">{group === "top" ? "score (pull)" : "score"}</span>
                </th>
              ))}
              <th scope="col">Include or exclude</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
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
      </TableRegion>
    </section>
  );
}
