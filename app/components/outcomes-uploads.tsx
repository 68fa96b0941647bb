// The two uploads of the outcomes page (issue 17): values (`email,metric,value`) and per-ticket ratings. The CSV
// column names in the texts are the machine names the parsers read, the same in every language.
import { Form } from "@remix-run/react";
import { CsvInputs } from "~/components/csv-upload";
import type { MetricRow } from "~/components/outcomes-page";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

export function ValuesUpload({ base, pasted, busy }: { base: string; pasted: string; busy: boolean }) {
  const t = useStaffT("outcomes");
  return (
    <section aria-labelledby="values-h">
      <h2 id="values-h">{t("values.heading")}</h2>
      <p>
        <RichText
          text={t("values.intro")}
          link={(text) => (
            <a href={`${base}/outcomes-template.csv`} download>
              {text}
            </a>
          )}
        />
      </p>
      <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
        <input type="hidden" name="intent" value="upload-values" />
        <CsvInputs prefix="values" pasted={pasted} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("checking") : t("values.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function RatingsUpload({
  metrics,
  minRatings,
  pasted,
  chosen,
  busy,
}: {
  metrics: MetricRow[];
  minRatings: number;
  pasted: string;
  chosen: string;
  busy: boolean;
}) {
  const t = useStaffT("outcomes");
  return (
    <section aria-labelledby="ratings-h">
      <h2 id="ratings-h">{t("ratings.heading")}</h2>
      <p>
        <RichText text={t("ratings.intro", { min: minRatings })} />
      </p>
      {metrics.length === 0 ? (
        <p className="muted">{t("ratings.createFirst")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
          <input type="hidden" name="intent" value="upload-ratings" />
          <div>
            <label htmlFor="ratings-metric">{t("ratings.metric")}</label>
            <select id="ratings-metric" name="metric" defaultValue={chosen}>
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label} ({m.key})
                </option>
              ))}
            </select>
          </div>
          <CsvInputs prefix="ratings" pasted={pasted} />
          <div>
            <button type="submit" disabled={busy}>
              {busy ? t("checking") : t("ratings.submit")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
