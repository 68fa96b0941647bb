import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { ForestAxis, ForestRow } from "~/components/forest-plot";
import { useFormat } from "~/i18n/format";
import { useStaffT } from "~/i18n/staff";
import type { ValidityReport } from "~/models/validity.server";
import type { Correlation } from "~/scoring";
import {
  contrastSentence,
  correlationReading,
  correlationText,
  criticalSentence,
  outcomePlanningSentence,
  planningSentence,
  readingLabel,
  signedIn,
  weightAdvice,
} from "~/utils/validity-wording";

type Report = ValidityReport & {
  position: { id: string; title: string };
  /** Value names joined in the reader's language (by the loader). */
  lists: { unsupported: string; noEvidence: string };
};
type MetricEntry = Report["outcomes"][number];

/** Where a translated sentence puts its link ({{link}}). */
const LINK_MARK = "\u0000";

/** A sentence with one link inside: the catalog places `{{link}}`, the link's words are their own entry. */
function WithLink({ text, link }: { text: string; link: ReactNode }) {
  const [before, after = ""] = text.split(LINK_MARK);
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

function largest(entries: readonly Correlation[]): Correlation | null {
  return entries.reduce<Correlation | null>((best, c) => (best === null || c.n > best.n ? c : best), null);
}

function ContrastSection({ report, base }: { report: Report; base: string }) {
  const t = useStaffT("fairness");
  const f = useFormat();
  const contrast = report.contrast;
  return (
    <section aria-labelledby="contrast-h">
      <h2 id="contrast-h">{t("validity.contrast.heading")}</h2>
      {contrast === null ? (
        <p>
          <WithLink
            text={t("validity.contrast.none", { link: LINK_MARK })}
            link={<Link to={base}>{t("validity.contrast.noneLink")}</Link>}
          />
        </p>
      ) : (
        <>
          <p className="muted">
            {contrast.excluded > 0
              ? t("validity.contrast.groupsExcluded", {
                  top: t("validity.contrast.topAgents", { count: contrast.topAgents }),
                  comparison: t("validity.contrast.comparisonAgents", { count: contrast.comparisonAgents }),
                  count: contrast.excluded,
                })
              : t("validity.contrast.groups", {
                  top: t("validity.contrast.topAgents", { count: contrast.topAgents }),
                  comparison: t("validity.contrast.comparisonAgents", { count: contrast.comparisonAgents }),
                })}{" "}
            {t("validity.contrast.explain")}
          </p>
          <ul className="contrast-list">
            {report.values.map((v) => {
              const c = v.contrast;
              const sentence = contrastSentence(t, f, v.name, c, report.limits);
              return (
                <li key={v.id}>
                  <h3>{v.name}</h3>
                  <p>{sentence}</p>
                  <ForestRow d={c?.d ?? null} ciLow={c?.ciLow ?? null} ciHigh={c?.ciHigh ?? null} label={sentence} />
                  {c ? (
                    <p className="muted small">
                      {c.d !== null && c.g !== null
                        ? t("validity.contrast.countsEffect", {
                            top: c.nTop,
                            comparison: c.nComparison,
                            d: signedIn(f, c.d, 2),
                            g: signedIn(f, c.g, 2),
                          })
                        : t("validity.contrast.counts", { top: c.nTop, comparison: c.nComparison })}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <ForestAxis />
        </>
      )}
      <p>{planningSentence(t, f, report.planning, report.limits)}</p>
      <p className="no-print">
        <a href={`${base}/validity.csv?table=contrast`} download>
          {t("validity.contrast.download")}
        </a>
      </p>
    </section>
  );
}

function MetricSection({ entry, report }: { entry: MetricEntry; report: Report }) {
  const t = useStaffT("fairness");
  const f = useFormat();
  const higher = entry.metric.direction === "higher";
  const metric = entry.metric.label;
  const agentsRef = largest(report.values.map((v) => entry.agents[v.id]).filter(Boolean));
  const bandLabel = {
    upper: t("validity.hires.upper"),
    middle: t("validity.hires.middle"),
    lower: t("validity.hires.lower"),
  };
  return (
    <section aria-labelledby={`metric-${entry.metric.key}`}>
      <h3 id={`metric-${entry.metric.key}`}>
        {entry.metric.unit ? t("validity.outcomes.metricUnit", { metric, unit: entry.metric.unit }) : metric}{" "}
        <span className="muted small">
          {higher ? t("validity.outcomes.higherBetter") : t("validity.outcomes.lowerBetter")}
        </span>
      </h3>
      {agentsRef ? <p>{criticalSentence(t, f, agentsRef.n, agentsRef.rCritical)}</p> : null}
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{t("validity.outcomes.caption", { metric })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("validity.outcomes.value")}</th>
              <th scope="col">{t("validity.outcomes.agentsR")}</th>
              <th scope="col">{t("validity.outcomes.n")}</th>
              <th scope="col">{t("validity.outcomes.reading")}</th>
              <th scope="col">{t("validity.outcomes.hiresR")}</th>
              <th scope="col">{t("validity.outcomes.n")}</th>
            </tr>
          </thead>
          <tbody>
            {report.values.map((v) => {
              const a = entry.agents[v.id];
              const h = entry.hires[v.id];
              return (
                <tr key={v.id}>
                  <th scope="row">{v.name}</th>
                  <td className="num">{a ? correlationText(t, f, a) : "–"}</td>
                  <td className="num">{f.number(a?.n ?? 0)}</td>
                  <td>{a ? readingLabel(t, correlationReading(a, higher), report.limits) : "–"}</td>
                  <td className="num">{h ? correlationText(t, f, h) : "–"}</td>
                  <td className="num">{f.number(h?.n ?? 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h4>{t("validity.hires.heading")}</h4>
      {entry.expectancy === null ? (
        <p className="muted">
          {t("validity.hires.waiting", { count: entry.hiresWithOutcome, needed: report.limits.minHires, metric })}
        </p>
      ) : (
        <>
          <p>
            {t("validity.hires.overall", {
              metric,
              r: correlationText(t, f, entry.hiresOverall),
              count: entry.hiresOverall.n,
              reading: readingLabel(t, correlationReading(entry.hiresOverall, higher), report.limits),
            })}
          </p>
          <div className="table-scroll">
            <table>
              <caption>{t("validity.hires.caption", { metric })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("validity.hires.band")}</th>
                  <th scope="col">{t("validity.hires.hires")}</th>
                  <th scope="col">{t("validity.hires.inTopThird")}</th>
                </tr>
              </thead>
              <tbody>
                {entry.expectancy.map((b) => (
                  <tr key={b.band}>
                    <th scope="row">{bandLabel[b.band]}</th>
                    <td className="num">{f.number(b.n)}</td>
                    <td className="num">
                      {b.share === null
                        ? t("validity.hires.count", { inTop: b.inTopThird, n: b.n })
                        : t("validity.hires.share", { inTop: b.inTopThird, n: b.n, share: f.percent(b.share) })}
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
  const t = useStaffT("fairness");
  const f = useFormat();
  const base = `/app/positions/${report.position.id}`;
  return (
    <article className="validity-page stack">
      <h1>{t("validity.heading")}</h1>
      <p>{t("validity.intro")}</p>
      <ContrastSection report={report} base={base} />
      <section aria-labelledby="outcomes-h">
        <h2 id="outcomes-h">{t("validity.outcomes.heading")}</h2>
        {report.outcomes.length === 0 ? (
          <p>
            <WithLink
              text={t("validity.outcomes.none", { link: LINK_MARK })}
              link={<Link to={`${base}/outcomes`}>{t("validity.outcomes.noneLink")}</Link>}
            />
          </p>
        ) : (
          report.outcomes.map((entry) => <MetricSection key={entry.metric.key} entry={entry} report={report} />)
        )}
        <p>{outcomePlanningSentence(t, f, report.planning, report.limits)}</p>
        <p className="no-print">
          <a href={`${base}/validity.csv?table=outcomes`} download>
            {t("validity.outcomes.download")}
          </a>
        </p>
      </section>
      <section aria-labelledby="advice-h">
        <h2 id="advice-h">{t("validity.advice.heading")}</h2>
        <p>{weightAdvice(t, report.advice.unsupported, report.lists.unsupported)}</p>
        {report.advice.noEvidence.length > 0 ? (
          <p className="muted">{t("validity.advice.noEvidence", { values: report.lists.noEvidence })}</p>
        ) : null}
      </section>
    </article>
  );
}
