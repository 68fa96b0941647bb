// The benchmark page's statistics per value: the table and the band chart (the same numbers).
import { TableRegion } from "~/components/table-region";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";
import { fmt } from "./benchmark-format";

type Diag = BenchmarkDiagnostics;

export function BandChart({ diag }: { diag: Diag }) {
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

export function ValuesTable({ diag }: { diag: Diag }) {
  return (
    <TableRegion label="Benchmark statistics per value">
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
    </TableRegion>
  );
}
