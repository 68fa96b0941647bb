import { ValueBandChart } from "~/components/value-band-chart";
import type { FitReport } from "~/models/fit-report.server";
import { useStaffT } from "~/i18n/staff";
import { bandReading, whole } from "~/utils/report-wording";

/**
 * One value of the fit report, read one way (issue 21, point 3): the verdict in words and in the colour of the value's
 * direction, the candidate's marker on the agents' band, and the numbers with the alignment explained in one line.
 * Text is written as one string per element where it can be: React marks every boundary between adjacent text parts
 * with a comment, and eight values make that a measurable part of rendering the page (issue 19).
 */
export function ReportValue({ value }: { value: FitReport["values"][number] }) {
  const tw = useStaffT("wording");
  const t = useStaffT("report");
  const r = value.result;
  const reading = r?.band ? bandReading(tw, r.band, value.direction, value.verdict.uncertain) : null;
  return (
    <section className="report-value" aria-labelledby={`value-${value.id}`}>
      <div className="report-value-head">
        <h3 id={`value-${value.id}`}>{value.name}</h3>
        {value.direction === "target" ? (
          <span className="badge" title={t("value.targetTitle")}>
            {t("value.target")}
          </span>
        ) : null}
      </div>
      {value.iStatement ? <p className="i-statement">{`“${value.iStatement}”`}</p> : null}
      <p className={`verdict verdict-${value.verdict.tone}`}>
        <strong>{`${value.verdict.sentence}.`}</strong>
      </p>
      {value.validityNote ? <p className="validity-note muted">{value.validityNote}</p> : null}
      <ValueBandChart
        valueName={value.name}
        score={r?.score ?? null}
        p10={value.stats?.p10 ?? null}
        median={value.stats?.median ?? null}
        p90={value.stats?.p90 ?? null}
        n={value.stats?.n ?? 0}
      />
      <dl className="report-numbers">
        <div>
          <dt>{t("value.band")}</dt>
          <dd>{reading ? reading.word : "–"}</dd>
        </div>
        <div>
          <dt>{t("value.alignment")}</dt>
          <dd className="alignment-line">{value.alignmentText ?? "–"}</dd>
        </div>
        <div>
          <dt>{t("value.percentile")}</dt>
          <dd>{value.percentileText ?? t("value.notComputed")}</dd>
        </div>
        <div>
          <dt>{t("value.score")}</dt>
          <dd>{t("value.scoreOf", { score: whole(r?.score) })}</dd>
        </div>
      </dl>
    </section>
  );
}
