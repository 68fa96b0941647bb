// The benchmark page's statistics per value: the table and the band chart (the same numbers).
import { TableRegion } from "~/components/table-region";
import { useStaffT } from "~/i18n/staff";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";
import { useBenchmarkFormat } from "./benchmark-format";

type Diag = BenchmarkDiagnostics;

export function BandChart({ diag }: { diag: Diag }) {
  const t = useStaffT("benchmark");
  const { fmt } = useBenchmarkFormat();
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
        ? t("chart.summary", { name: v.name, p10: fmt(s.p10), p90: fmt(s.p90), median: fmt(s.median), count: s.n })
        : t("chart.summaryEmpty", { name: v.name });
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
        <title id="band-chart-title">{t("chart.title")}</title>
        <desc id="band-chart-desc">{summary}</desc>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={top - 4} y2={height - 24} className="grid-line" />
            <text x={x(tick)} y={height - 8} textAnchor="middle" className="axis-label">
              {tick}
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
                    <title>{t("chart.band", { name: v.name, p10: fmt(s.p10), p90: fmt(s.p90) })}</title>
                  </rect>
                  {s.median !== null ? (
                    <line x1={x(s.median)} x2={x(s.median)} y1={y + 3} y2={y + rowHeight - 3} className="median">
                      <title>{t("chart.median", { name: v.name, median: fmt(s.median) })}</title>
                    </line>
                  ) : null}
                </>
              ) : (
                <text x={left + 4} y={y + rowHeight / 2 + 4} className="axis-label">
                  {t("chart.noScores")}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{t("chart.caption", { min: diag.limits.minAgents })}</figcaption>
    </figure>
  );
}

export function ValuesTable({ diag }: { diag: Diag }) {
  const t = useStaffT("benchmark");
  const { fmt } = useBenchmarkFormat();
  return (
    <TableRegion label={t("table.label")}>
      <table className="numbers">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.value")}</th>
            <th scope="col">{t("table.agents")}</th>
            <th scope="col">{t("table.mean")}</th>
            <th scope="col">{t("table.sd")}</th>
            <th scope="col">{t("table.sdUsed")}</th>
            <th scope="col">{t("table.median")}</th>
            <th scope="col">{t("table.p10")}</th>
            <th scope="col">{t("table.p90")}</th>
            <th scope="col">{t("table.alpha")}</th>
          </tr>
        </thead>
        <tbody>
          {diag.values.map((v) => {
            const s = diag.snapshot.values[v.id];
            return (
              <tr key={v.id}>
                <th scope="row">
                  {v.name}
                  {v.direction === "target" ? <span className="muted"> {t("table.target")}</span> : null}
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
    </TableRegion>
  );
}
