import { Link } from "@remix-run/react";
import { ForestAxis, ForestRow } from "~/components/forest-plot";
import type { ValidityReport } from "~/models/validity.server";
import type { Correlation } from "~/scoring";
import {
  contrastSentence,
  correlationReading,
  correlationText,
  criticalSentence,
  outcomePlanningSentence,
  planningSentence,
  READING_LABEL,
  signed,
  weightAdvice,
} from "~/utils/validity-wording";

type Report = ValidityReport & { position: { id: string; title: string } };
type MetricEntry = Report["outcomes"][number];

const BAND_LABEL = { upper: "Upper third of fit", middle: "Middle third", lower: "Lower third" } as const;

function largest(entries: readonly Correlation[]): Correlation | null {
  return entries.reduce<Correlation | null>((best, c) => (best === null || c.n > best.n ? c : best), null);
}

function ContrastSection({ report, base }: { report: Report; base: string }) {
  return (
    <section aria-labelledby="contrast-h">
      <h2 id="contrast-h">Do your top agents differ from the others?</h2>
      {report.contrast === null ? (
        <p>
          No comparison agents yet. Invite ordinary members of the same team as <em>comparison agents</em> on the{" "}
          <Link to={base}>position page</Link>: comparing them with your top agents shows which values really separate
          the best.
        </p>
      ) : (
        <>
          <p className="muted">
            {report.contrast.topAgents} top {report.contrast.topAgents === 1 ? "agent" : "agents"} and{" "}
            {report.contrast.comparisonAgents} comparison {report.contrast.comparisonAgents === 1 ? "agent" : "agents"}
            {report.contrast.excluded > 0 ? ` (${report.contrast.excluded} comparison excluded for their flags)` : ""}.
            Each row shows the difference in standard deviations (Cohen’s d) with its 95% interval; an interval that
            does not cross the zero line is a difference you can rely on.
          </p>
          <ul className="contrast-list">
            {report.values.map((v) => {
              const c = v.contrast;
              const sentence = contrastSentence(v.name, c);
              return (
                <li key={v.id}>
                  <h3>{v.name}</h3>
                  <p>{sentence}</p>
                  <ForestRow d={c?.d ?? null} ciLow={c?.ciLow ?? null} ciHigh={c?.ciHigh ?? null} label={sentence} />
                  {c ? (
                    <p className="muted small">
                      Top agents: {c.nTop}, comparison agents: {c.nComparison}
                      {c.d !== null && c.g !== null
                        ? `; d = ${signed(c.d, 2)}, small-sample corrected g = ${signed(c.g, 2)}`
                        : ""}
                      .
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <ForestAxis />
        </>
      )}
      <p>{planningSentence(report.planning.agentsPerGroup, report.planning.d)}</p>
      <p className="no-print">
        <a href={`${base}/validity.csv?table=contrast`} download>
          Download this table (CSV)
        </a>
      </p>
    </section>
  );
}

function MetricSection({ entry, report }: { entry: MetricEntry; report: Report }) {
  const higher = entry.metric.direction === "higher";
  const agentsRef = largest(report.values.map((v) => entry.agents[v.id]).filter(Boolean));
  return (
    <section aria-labelledby={`metric-${entry.metric.key}`}>
      <h3 id={`metric-${entry.metric.key}`}>
        {entry.metric.label}
        {entry.metric.unit ? ` (${entry.metric.unit})` : ""}{" "}
        <span className="muted small">{higher ? "higher is better" : "lower is better"}</span>
      </h3>
      {agentsRef ? <p>{criticalSentence(agentsRef.n, agentsRef.rCritical)}</p> : null}
      <div className="table-scroll">
        <table>
          <caption className="sr-only">
            Correlation of each value with {entry.metric.label}: agents and hired candidates
          </caption>
          <thead>
            <tr>
              <th scope="col">Value</th>
              <th scope="col">Agents: r (95% interval)</th>
              <th scope="col">n</th>
              <th scope="col">Reading</th>
              <th scope="col">Hires: r (95% interval)</th>
              <th scope="col">n</th>
            </tr>
          </thead>
          <tbody>
            {report.values.map((v) => {
              const a = entry.agents[v.id];
              const h = entry.hires[v.id];
              return (
                <tr key={v.id}>
                  <th scope="row">{v.name}</th>
                  <td className="num">{a ? correlationText(a) : "–"}</td>
                  <td className="num">{a?.n ?? 0}</td>
                  <td>{a ? READING_LABEL[correlationReading(a, higher)] : "–"}</td>
                  <td className="num">{h ? correlationText(h) : "–"}</td>
                  <td className="num">{h?.n ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h4>Hires’ overall fit</h4>
      {entry.expectancy === null ? (
        <p className="muted">
          {entry.hiresWithOutcome} of the 10 hires needed have a fit and a {entry.metric.label} value so far.
        </p>
      ) : (
        <>
          <p>
            Overall fit against {entry.metric.label}: r = {correlationText(entry.hiresOverall)} with{" "}
            {entry.hiresOverall.n} hires ({READING_LABEL[correlationReading(entry.hiresOverall, higher)]}).
          </p>
          <div className="table-scroll">
            <table>
              <caption>Share of hires in the top third of {entry.metric.label}, by fit band</caption>
              <thead>
                <tr>
                  <th scope="col">Fit band</th>
                  <th scope="col">Hires</th>
                  <th scope="col">In the top third</th>
                </tr>
              </thead>
              <tbody>
                {entry.expectancy.map((b) => (
                  <tr key={b.band}>
                    <th scope="row">{BAND_LABEL[b.band]}</th>
                    <td className="num">{b.n}</td>
                    <td className="num">
                      {b.inTopThird} of {b.n}
                      {b.share === null ? "" : ` (${Math.round(b.share * 100)}%)`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function ValidityPage({ report }: { report: Report }) {
  const base = `/app/positions/${report.position.id}`;
  return (
    <article className="validity-page stack">
      <h1>Validity evidence</h1>
      <p>
        Does the questionnaire measure what matters in your team? Two checks on your own people: whether a value
        separates your top agents from ordinary agents, and whether it goes with outcomes such as CSAT, QA scores or
        handling time. Small groups give wide intervals: “not shown yet” is not “does not matter”.
      </p>
      <ContrastSection report={report} base={base} />
      <section aria-labelledby="outcomes-h">
        <h2 id="outcomes-h">Do the values go with doing the job well?</h2>
        {report.outcomes.length === 0 ? (
          <p>
            No outcomes yet. <Link to={`${base}/outcomes`}>Upload CSAT, QA scores or handling times</Link> for your
            agents and hires.
          </p>
        ) : (
          report.outcomes.map((entry) => <MetricSection key={entry.metric.key} entry={entry} report={report} />)
        )}
        <p>{outcomePlanningSentence(report.planning.people, report.planning.r)}</p>
        <p className="no-print">
          <a href={`${base}/validity.csv?table=outcomes`} download>
            Download the correlations (CSV)
          </a>
        </p>
      </section>
      <section aria-labelledby="advice-h">
        <h2 id="advice-h">What to do</h2>
        <p>{weightAdvice(report.advice.unsupported)}</p>
        {report.advice.noEvidence.length > 0 ? (
          <p className="muted">Not enough data yet for: {report.advice.noEvidence.join(", ")}.</p>
        ) : null}
      </section>
    </article>
  );
}
