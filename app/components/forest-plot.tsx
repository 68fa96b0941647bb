// One forest-plot row (server-rendered SVG, no JavaScript): Cohen's d as a dot and its 95% interval as a line on a
// scale from −3 to 3 standard deviations, with the zero line. Scales to the container's width (usable at 360 px).
import { useStaffT } from "~/i18n/staff";

const LIMIT = 3;
const WIDTH = 300;
const HEIGHT = 28;
const PAD = 10;

function x(d: number): number {
  const clamped = Math.max(-LIMIT, Math.min(LIMIT, d));
  return PAD + ((clamped + LIMIT) / (2 * LIMIT)) * (WIDTH - 2 * PAD);
}

export function ForestRow({
  d,
  ciLow,
  ciHigh,
  label,
}: {
  d: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** What the figure shows, for screen readers (the sentence beside it says the same). */
  label: string;
}) {
  const mid = HEIGHT / 2;
  return (
    <svg className="forest-row" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {[-2, -1, 1, 2].map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={4} y2={HEIGHT - 4} className="forest-grid" />
      ))}
      <line x1={x(0)} x2={x(0)} y1={0} y2={HEIGHT} className="forest-zero" />
      {d !== null && ciLow !== null && ciHigh !== null ? (
        <>
          <line x1={x(ciLow)} x2={x(ciHigh)} y1={mid} y2={mid} className="forest-ci" />
          <circle cx={x(d)} cy={mid} r={5} className="forest-point" />
        </>
      ) : null}
    </svg>
  );
}

/** The scale under the rows: −3 … 3 standard deviations, "comparison higher" left, "top agents higher" right. */
export function ForestAxis() {
  const t = useStaffT("fairness");
  return (
    <svg className="forest-axis" viewBox={`0 0 ${WIDTH} 30`} aria-hidden="true">
      {[-3, -2, -1, 0, 1, 2, 3].map((t) => (
        <text key={t} x={x(t)} y={12} textAnchor="middle" fontSize="10">
          {t < 0 ? `−${-t}` : t}
        </text>
      ))}
      <text x={PAD} y={26} fontSize="9">
        {t("validity.forest.comparisonHigher")}
      </text>
      <text x={WIDTH - PAD} y={26} fontSize="9" textAnchor="end">
        {t("validity.forest.topHigher")}
      </text>
    </svg>
  );
}
