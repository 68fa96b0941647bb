import type { FitReport } from "~/models/fit-report.server";
import type { Translate } from "~/i18n/i18n";
import { useFormat } from "~/i18n/format";
import { useStaffT } from "~/i18n/staff";
import { agentCountText } from "~/utils/report-wording";

type Scenario = FitReport["scenarios"][number];

/** "3 of 7 agents": how many agents chose an option (the printed summary; the screen shows the shares beside). */
function agentsText(t: Translate, scenario: Scenario, option: Scenario["options"][number]): string {
  return option.count === null
    ? t("report:scenarios.noBenchmark")
    : agentCountText(t, option.count, scenario.agentsAnswered);
}

/** The printed line of a scenario after its value's name: the candidate's option beside the agents' choice. */
function summaryText(t: Translate, scenario: Scenario): string {
  const chosen = scenario.options.find((o) => o.id === scenario.chosen);
  if (!chosen) return t("report:scenarios.notAnsweredLine");
  const option = chosen.text;
  const agents = agentsText(t, scenario, chosen);
  if (chosen.consensus) return t("report:scenarios.choseConsensus", { option, agents });
  const consensus = scenario.options
    .filter((o) => o.consensus)
    .map((o) => t("report:scenarios.option", { option: o.text, agents: agentsText(t, scenario, o) }));
  return t("report:scenarios.choseOther", { option, agents, consensus: consensus.join(t("report:scenarios.or")) });
}

/** What the counts under a scenario's table mean. */
function footnote(t: Translate, scenario: Scenario, minAgents: number): string {
  const answered = scenario.scored
    ? t("report:scenarios.answered", { count: scenario.agentsAnswered })
    : t("report:scenarios.answeredTooFew", { count: scenario.agentsAnswered, min: minAgents });
  const note = t("report:scenarios.footnote", { answered });
  return scenario.chosen ? note : `${t("report:scenarios.notAnswered")} ${note}`;
}

/** The fit report's scenario answers: per scenario the options, the candidate's choice and the agents' counts. */
export function ReportScenarios({ scenarios, minAgents }: { scenarios: Scenario[]; minAgents: number }) {
  const tw = useStaffT("report");
  const f = useFormat();
  return (
    <section aria-labelledby="scenarios-heading" className="report-scenarios">
      <h2 id="scenarios-heading">{tw("scenarios.heading")}</h2>
      <ul className="scenario-summary print-only">
        {/* One string per element where it can be: fewer text boundaries to mark when rendering (issue 19). */}
        {scenarios.map((s) => (
          <li key={s.itemId}>
            <strong>{`${s.valueName}:`}</strong>
            {` ${summaryText(tw, s)}`}
          </li>
        ))}
      </ul>
      {scenarios.map((s) => (
        <div key={s.itemId} className="scenario no-print">
          <p>
            <span className="muted">{`${s.valueName}:`}</span>
            {` ${s.text}`}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{tw("scenarios.colOption")}</th>
                <th scope="col">{tw("scenarios.colCandidate")}</th>
                <th scope="col">{tw("scenarios.colAgents")}</th>
                <th scope="col">{tw("scenarios.colShare")}</th>
              </tr>
            </thead>
            <tbody>
              {s.options.map((o) => (
                <tr key={o.id} className={o.id === s.chosen ? "chosen" : undefined}>
                  <td>
                    {o.text}
                    {o.consensus ? <span className="badge">{tw("scenarios.agentsChoice")}</span> : null}
                  </td>
                  <td>{o.id === s.chosen ? tw("scenarios.chosen") : ""}</td>
                  <td>{o.count === null ? "–" : agentCountText(tw, o.count, s.agentsAnswered)}</td>
                  <td>{o.share === null ? "–" : f.percent(o.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{footnote(tw, s, minAgents)}</p>
        </div>
      ))}
    </section>
  );
}
