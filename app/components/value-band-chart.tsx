import { useId } from "react";
import type { Translate } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

type Props = {
  valueName: string;
  /** The candidate's 0..100 value score, or null when the value could not be scored. */
  score: number | null;
  p10: number | null;
  median: number | null;
  p90: number | null;
  n: number;
};

const WIDTH = 300;
const HEIGHT = 44;
const PAD = 10;
const AXIS_Y = 30;
const TICKS = [0, 25, 50, 75, 100];

/** The 0..100 value's x coordinate, to two decimals (shorter markup than 98.99999999999997). */
function x(value: number): number {
  const clamped = Math.min(100, Math.max(0, value));
  return Math.round((PAD + (clamped / 100) * (WIDTH - 2 * PAD)) * 100) / 100;
}

// The axis and its ticks are the same on every chart: one path, and the labels share their attributes through a <g>
// (the fit report draws eight charts; fewer elements and attributes make the page cheaper to render, issue 19).
const AXIS_PATH = [`M ${x(0)} ${AXIS_Y} H ${x(100)}`, ...TICKS.map((t) => `M ${x(t)} ${AXIS_Y} v 3`)].join(" ");

const fmt = (n: number) => String(Math.round(n));

/** A sentence saying what the chart draws (its <desc> and visible caption), in the language of `t`. */
export function bandChartText(t: Translate, { score, p10, median, p90, n }: Omit<Props, "valueName">): string {
  const band =
    p10 !== null && p90 !== null
      ? median !== null
        ? t("wording:chart.bandWithMedian", { count: n, p10: fmt(p10), p90: fmt(p90), median: fmt(median) })
        : t("wording:chart.band", { count: n, p10: fmt(p10), p90: fmt(p90) })
      : t("wording:chart.noBand");
  const candidate = score !== null ? t("wording:chart.candidate", { score: fmt(score) }) : t("wording:chart.noScore");
  return t("wording:chart.text", { band, candidate });
}

/** Server-rendered 0–100 axis with the benchmark's p10–p90 band, its median tick and the candidate's score marker. */
export function ValueBandChart(props: Props) {
  const t = useStaffT("wording");
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const { valueName, score, p10, median, p90 } = props;
  const text = bandChartText(t, props);
  return (
    <figure className="band-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{t("chart.title", { value: valueName })}</title>
        <desc id={descId}>{text}</desc>
        <path d={AXIS_PATH} fill="none" stroke="#6b7280" strokeWidth="1" />
        <g fontSize="8" textAnchor="middle" fill="#374151">
          {TICKS.map((t) => (
            <text key={t} x={x(t)} y={HEIGHT - 2}>
              {t}
            </text>
          ))}
        </g>
        {p10 !== null && p90 !== null ? (
          <rect
            className="band-chart-band"
            x={x(p10)}
            y={AXIS_Y - 14}
            width={Math.max(1, x(p90) - x(p10))}
            height={12}
            fill="#bfdbfe"
            stroke="#3b82f6"
            strokeWidth="0.75"
          />
        ) : null}
        {median !== null ? (
          <line
            className="band-chart-median"
            x1={x(median)}
            x2={x(median)}
            y1={AXIS_Y - 16}
            y2={AXIS_Y + 2}
            stroke="#1e3a8a"
            strokeWidth="2"
          />
        ) : null}
        {score !== null ? (
          <path
            className="band-chart-marker"
            d={`M ${x(score)} ${AXIS_Y - 4} l 5 -7 l -10 0 z`}
            fill="#b45309"
            stroke="#78350f"
            strokeWidth="0.75"
          />
        ) : null}
      </svg>
      <figcaption className="band-chart-caption">{text}</figcaption>
    </figure>
  );
}
