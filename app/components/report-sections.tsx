// The fit report's sections besides the values (issue 18: every string from the `report` catalogs): the overall
// reading, answer quality, the interview guide and where the score came from.
import { RichText } from "~/i18n/i18n";
import { useFormat } from "~/i18n/format";
import { useStaffT } from "~/i18n/staff";
import type { FitReport } from "~/models/fit-report.server";
import { whole } from "~/utils/report-wording";

export function ReportOverall({ overall }: { overall: NonNullable<FitReport["overall"]> }) {
  const t = useStaffT("report");
  return (
    <section className="report-overall card" aria-labelledby="overall-heading">
      <h2 id="overall-heading">{t("overall.heading")}</h2>
      {overall.overall !== null ? (
        <p>
          <RichText text={t("overall.alignment", { score: whole(overall.overall) })} />
          {overall.weakest ? (
            <>
              {" "}
              <RichText
                text={t("overall.weakest", { value: overall.weakest.name, alignment: whole(overall.minAlignment) })}
              />
            </>
          ) : null}
        </p>
      ) : (
        <p>{t("overall.none")}</p>
      )}
      <p>
        {overall.below.length > 0 ? t("overall.below", { values: overall.below.join(", ") }) : t("overall.notBelow")}
        {overall.offTarget ? <strong> {overall.offTarget}</strong> : null}
      </p>
      {overall.incomplete ? (
        <p className="alert warning">{t("overall.incomplete", { values: overall.missing.join(", ") })}</p>
      ) : null}
    </section>
  );
}

export function ReportQuality({ flags }: { flags: FitReport["flags"] }) {
  const t = useStaffT("report");
  return (
    <section aria-labelledby="quality-heading" className="report-quality">
      <h2 id="quality-heading">{t("quality.heading")}</h2>
      {flags.length === 0 ? <p>{t("quality.none")}</p> : <FlagList flags={flags} />}
    </section>
  );
}

/** Each answer-quality flag by name with what it means (the report's quality section and the review panel). */
export function FlagList({ flags }: { flags: { flag: string; meaning: string }[] }) {
  const t = useStaffT("wording");
  return (
    <ul>
      {flags.map((f) => (
        <li key={f.flag}>
          <strong>{t(`flagName.${f.flag}`)}</strong>: {f.meaning}
        </li>
      ))}
    </ul>
  );
}

export function ReportGuide({ values }: { values: FitReport["values"] }) {
  const t = useStaffT("report");
  const guide = values.filter((v) => v.probeReason);
  return (
    <section aria-labelledby="guide-heading" className="report-guide">
      <h2 id="guide-heading">{t("guide.heading")}</h2>
      {guide.length === 0 ? (
        <p>{t("guide.none")}</p>
      ) : (
        guide.map((v) => (
          <div key={v.id}>
            <h3>
              {`${v.name} `}
              <span className="muted small">{`— ${v.probeReason}`}</span>
            </h3>
            {v.probes.length > 0 ? (
              <ul>
                {v.probes.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("guide.noProbes")}</p>
            )}
          </div>
        ))
      )}
    </section>
  );
}

export function ReportProvenance({ provenance }: { provenance: NonNullable<FitReport["provenance"]> }) {
  const t = useStaffT("report");
  const f = useFormat();
  const vars = {
    activated: f.date(provenance.benchmarkActivatedAt),
    title: provenance.questionnaireTitle,
    version: provenance.questionnaireVersion,
    scored: f.date(provenance.scoredAt),
  };
  return (
    <footer className="report-footer muted small">
      <span className="badge">{provenance.algorithmLabel}</span>{" "}
      {t(provenance.benchmarkIsActive ? "provenance.active" : "provenance.archived", vars)}
    </footer>
  );
}
