// The benchmark page's agents: flags, scores, pull, and the include/exclude form.
import { Form } from "@remix-run/react";
import { ErrorList } from "~/components/field";
import { TableRegion } from "~/components/table-region";
import { useBenchmarkFormat } from "./benchmark-format";
import { useStaffT } from "~/i18n/staff";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";

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
  const t = useStaffT("benchmark");
  return (
    <Form method="post" className="agent-form" aria-label={t("agents.formLabel", { agent: agent.label })}>
      <input type="hidden" name="intent" value="membership" />
      <input type="hidden" name="responseId" value={agent.responseId} />
      <div>
        <label htmlFor={`${id}-decision`}>{t("agents.decision")}</label>
        <select id={`${id}-decision`} name="decision" defaultValue={next}>
          <option value="exclude">{t("agents.exclude")}</option>
          <option value="include">{t("agents.include")}</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-reason`}>{t("agents.reasonFor", { agent: agent.label })}</label>
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
          {t("common:save")}
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
  const t = useStaffT("benchmark");
  const { fmt, signed } = useBenchmarkFormat();
  const agents = diag.agents.filter((a) => a.group === group);
  if (group === "comparison" && agents.length === 0) return null;
  return (
    <section aria-labelledby={`agents-heading-${group}`}>
      <h2 id={`agents-heading-${group}`}>{group === "top" ? t("agents.topHeading") : t("agents.comparisonHeading")}</h2>
      {group === "top" ? (
        <p className="muted">{t("agents.topIntro")}</p>
      ) : (
        <p className="muted">{t("agents.comparisonIntro")}</p>
      )}
      <TableRegion label={group === "top" ? t("agents.topRegion") : t("agents.comparisonRegion")}>
        <table className="agents">
          <caption className="sr-only">
            {group === "top" ? t("agents.topCaption") : t("agents.comparisonCaption")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("agents.agent")}</th>
              <th scope="col">{t("common:status")}</th>
              <th scope="col">{t("agents.flags")}</th>
              {diag.values.map((v) => (
                <th scope="col" key={v.id}>
                  {v.name}
                  <span className="muted block">{group === "top" ? t("agents.scorePull") : t("agents.score")}</span>
                </th>
              ))}
              <th scope="col">{t("agents.includeOrExclude")}</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.responseId} id={`agent-row-${a.responseId}`}>
                <th scope="row">
                  {a.label}
                  <span className="muted block">
                    {a.source === "import" ? t("agents.imported") : t("agents.online")}
                  </span>
                </th>
                <td>
                  <span className={a.status === "included" ? "badge" : "badge excluded"}>
                    {a.status === "included" ? t("agents.included") : t("agents.excluded")}
                  </span>
                  {a.excludedBy === "flags" ? <span className="block muted">{t("agents.byFlag")}</span> : null}
                  {a.override ? (
                    <span className="block muted">
                      {t(a.override.decision === "exclude" ? "agents.excludedBy" : "agents.includedBy", {
                        by: a.override.by ?? t("agents.aRecruiter"),
                        reason: a.override.reason,
                      })}
                    </span>
                  ) : null}
                </td>
                <td>
                  {a.flags.length === 0 ? (
                    <span className="muted">{t("agents.noFlags")}</span>
                  ) : (
                    <ul className="flags">
                      {a.flags.map((f, i) => (
                        <li key={f}>
                          <strong>{t(`wording:flagName.${f}`)}</strong>: {a.flagExplanations[i]}
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
                      {a.status === "included" ? t("agents.exclude") : t("agents.include")}
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
