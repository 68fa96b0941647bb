import type { FitReport } from "~/models/fit-report.server";
import type { Translate } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
import { agentCountText } from "~/utils/report-wording";

type Scenario = FitReport["scenarios"][number];

const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

/** "3 of 7 agents": how many agents chose an option (the printed summary; the screen shows the shares beside). */
function agentsText(t: Translate, scenario: Scenario, option: Scenario["options"][number]): string {
  return option.count === null ? "no benchmark" : agentCountText(t, option.count, scenario.agentsAnswered);
}

/** The printed line of a scenario after its value's name: the candidate's option beside the agents' choice. */
function summaryText(t: Translate, scenario: Scenario): string {
  const chosen = scenario.options.find((o) => o.id === scenario.chosen);
  if (!chosen) return "not answered.";
  const picked = `chose “${chosen.text}” (${agentsText(t, scenario, chosen)})`;
  if (chosen.consensus) return `${picked}, the agents' choice.`;
  const consensus = scenario.options.filter((o) => o.consensus);
  return `${picked}; agents' choice: ${consensus.map((o) => `“${o.text}” (${agentsText(t, scenario, o)})`).join(" or ")}.`;
}

/** What the counts under a scenario's table mean. */
function footnote(scenario: Scenario): string {
  return (
    `${scenario.chosen ? "" : "Not answered. "}${scenario.agentsAnswered} agents answered` +
    `${scenario.scored ? "" : " (fewer than 5: not scored)"}; the smoothed share counts one extra vote for each ` +
    "option, so an option nobody chose still has a small share."
  );
}

/** The fit report's scenario answers: per scenario the options, the candidate's choice and the agents' counts. */
export function ReportScenarios({ scenarios }: { scenarios: Scenario[] }) {
  const tw = useStaffT("wording");
  return (
    <section aria-labelledby="scenarios-heading" className="report-scenarios">
      <h2 id="scenarios-heading">Scenario answers</h2>
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
                <th scope="col">Option</th>
                <th scope="col">Candidate</th>
                <th scope="col">Agents who chose it</th>
                <th scope="col">Smoothed share</th>
              </tr>
            </thead>
            <tbody>
              {s.options.map((o) => (
                <tr key={o.id} className={o.id === s.chosen ? "chosen" : undefined}>
                  <td>
                    {o.text}
                    {o.consensus ? <span className="badge">agents&apos; choice</span> : null}
                  </td>
                  <td>{o.id === s.chosen ? "✓ chosen" : ""}</td>
                  <td>{o.count === null ? "–" : agentCountText(tw, o.count, s.agentsAnswered)}</td>
                  <td>{percent(o.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{footnote(s)}</p>
        </div>
      ))}
    </section>
  );
}
