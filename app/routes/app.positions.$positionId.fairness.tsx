import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FairnessExplainer, FairnessTable } from "~/components/fairness-table";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { describeCut, FAIRNESS_LIMITS, getFairnessReport } from "~/models/fairness.server";
import trustCss from "~/styles/trust.css?url";
import {
  DEFAULT_THRESHOLD,
  fairnessSearch,
  parseFairnessQuery,
  THRESHOLD_MAX,
  THRESHOLD_MIN,
} from "~/utils/schemas/fairness.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.fairness");
  const t = staffT(user.locale, "fairness");
  const { cut, error } = parseFairnessQuery(new URL(request.url));
  const report = await getFairnessReport(user.organizationId, params.positionId ?? "", cut);
  return data(
    {
      title: t("page.title", { position: report.position.title }),
      report,
      error: error === null ? null : t.message(error),
      cutText: describeCut(t, cut),
      csvHref: `/app/positions/${report.position.id}/fairness.csv${fairnessSearch(cut)}`,
      threshold: cut.kind === "overall" ? cut.threshold : DEFAULT_THRESHOLD,
      limits: { ...FAIRNESS_LIMITS, thresholdMin: THRESHOLD_MIN, thresholdMax: THRESHOLD_MAX },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function FairnessPage() {
  const { report, error, cutText, csvHref, threshold, limits } = useLoaderData<typeof loader>();
  const t = useStaffT("fairness");
  return (
    <div className="stack">
      <h1>{t("page.heading")}</h1>
      <p>
        <RichText text={t("page.selectedCut", { cut: cutText })} />{" "}
        {t("page.selectedCount", { selected: report.selected, count: report.candidates })}
        {report.setAside > 0 ? ` ${t("page.setAside", { count: report.setAside })}` : ""}
      </p>
      {error ? (
        <p className="alert warning" role="status">
          {t("page.defaultCutInstead", { error })}
        </p>
      ) : null}
      <Form method="get" className="fairness-cut card">
        <fieldset>
          <legend>{t("cut.legend")}</legend>
          <div className="choices">
            <label>
              <input type="radio" name="cut" value="overall" defaultChecked={report.cut.kind === "overall"} />
              {t("cut.overall")}
            </label>
            <label>
              <input type="radio" name="cut" value="advance" defaultChecked={report.cut.kind === "advance"} />
              {t("cut.advance")}
            </label>
          </div>
        </fieldset>
        <div>
          <label htmlFor="threshold">
            {t("cut.threshold", { min: limits.thresholdMin, max: limits.thresholdMax })}
          </label>
          <input
            id="threshold"
            name="threshold"
            type="number"
            min={limits.thresholdMin}
            max={limits.thresholdMax}
            step="any"
            defaultValue={threshold}
          />
        </div>
        <div>
          <button type="submit">{t("cut.show")}</button>
        </div>
      </Form>
      <p>
        <a href={csvHref} download>
          {t("page.download")}
        </a>
      </p>

      {report.attributes.map((attribute) => (
        <FairnessTable key={attribute.key} attribute={attribute} smallGroupShare={limits.smallGroupShare} />
      ))}

      <FairnessExplainer fourFifths={limits.fourFifths} smallGroupShare={limits.smallGroupShare} />
    </div>
  );
}
