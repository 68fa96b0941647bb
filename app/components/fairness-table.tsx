// The adverse-impact page's parts (issue 18: in the reader's language): one attribute's table and the explanation.
import type { FairnessAttribute } from "~/models/fairness.server";
import { useFormat, type Formatter } from "~/i18n/format";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

/** Rules of thumb the explanation names (not thresholds the report applies). */
const Z_HINT = 2;
const P_HINT = 0.05;
const P_FLOOR = 0.0001;

/** p with three significant digits ("0.00341"), or "< 0.0001". */
function pText(f: Formatter, p: number, below: (p: string) => string): string {
  if (p < P_FLOOR) return below(f.number(P_FLOOR, 4));
  const digits = p === 0 ? 2 : Math.max(0, 2 - Math.floor(Math.log10(p)));
  return f.number(p, digits);
}

export function FairnessTable({
  attribute,
  smallGroupShare,
}: {
  attribute: FairnessAttribute;
  smallGroupShare: number;
}) {
  const t = useStaffT("fairness");
  const f = useFormat();
  const headingId = `attr-${attribute.key}`;
  const dash = "–";
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>{t(`attribute.${attribute.key}`)}</h2>
      {attribute.groups.length === 0 ? (
        <p className="muted">{t("table.empty")}</p>
      ) : (
        <>
          {!attribute.comparable ? <p className="muted">{t("table.notComparable")}</p> : null}
          <div className="table-scroll">
            <table className="fairness-table">
              <caption className="sr-only">{t(`table.caption.${attribute.key}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("table.group")}</th>
                  <th scope="col" className="num">
                    {t("table.candidates")}
                  </th>
                  <th scope="col" className="num">
                    {t("table.selected")}
                  </th>
                  <th scope="col" className="num">
                    {t("table.rate")}
                  </th>
                  <th scope="col" className="num">
                    {t("table.impactRatio")}
                  </th>
                  <th scope="col" className="num">
                    {t("table.z")}
                  </th>
                  <th scope="col" className="num">
                    {t("table.fisherP")}
                  </th>
                  <th scope="col">{t("table.note")}</th>
                </tr>
              </thead>
              <tbody>
                {attribute.groups.map((g) => (
                  <tr key={g.group} className={g.flagged ? "flagged" : undefined}>
                    <th scope="row">{g.labelKey ? t(g.labelKey) : g.group}</th>
                    <td className="num">{f.number(g.total)}</td>
                    <td className="num">{f.number(g.selected)}</td>
                    <td className="num">{g.rate === null ? dash : f.percent(g.rate, 1)}</td>
                    <td className="num">{g.impactRatio === null ? dash : f.number(g.impactRatio, 2)}</td>
                    <td className="num">{g.z === null ? dash : f.number(g.z, 2)}</td>
                    <td className="num">
                      {g.fisherP === null ? dash : pText(f, g.fisherP, (p) => t("table.pBelow", { p }))}
                    </td>
                    <td>
                      {g.flagged ? <span className="badge flag">{t("table.belowFourFifths")}</span> : null}
                      {g.reference ? t("table.reference") : null}
                      {g.excludedSmall ? t("table.small", { share: f.percent(smallGroupShare) }) : null}
                      {g.notDisclosed ? t("table.notDisclosed") : null}
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

export function FairnessExplainer({ fourFifths, smallGroupShare }: { fourFifths: number; smallGroupShare: number }) {
  const t = useStaffT("fairness");
  const f = useFormat();
  return (
    <section aria-labelledby="how-to-read" className="stack">
      <h2 id="how-to-read">{t("howTo.heading")}</h2>
      <p>
        <RichText text={t("howTo.rates", { ratio: f.number(fourFifths, 1), percent: f.percent(fourFifths) })} />
      </p>
      <p>
        <RichText
          text={t("howTo.tests", {
            z: f.number(Z_HINT),
            p: f.number(P_HINT, 2),
            share: f.percent(smallGroupShare),
          })}
        />
      </p>
      <p>{t("howTo.voluntary")}</p>
      <p>
        <RichText text={t("howTo.monitor")} />
      </p>
    </section>
  );
}
