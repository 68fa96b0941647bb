// The readable API reference of /app/settings/api (issue 20), from the data apiReference() reads off the OpenAPI
// document: endpoints with scope, fields, answers and a curl example; the webhook events and their fields. The page's
// words follow the reader's language (issue 18); what the OpenAPI document says (summaries, field meanings) is the
// public API's own documentation, in English like the API, and marked lang="en" for screen readers.
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
type Field = { name: string; where: string; type: string; required: boolean; description: string };
type Endpoint = {
  id: string;
  method: string;
  path: string;
  summary: string;
  scope: string;
  fields: Field[];
  statuses: { status: string; description: string }[];
  curl: string;
};
export type ApiReferenceData = {
  openapiUrl: string;
  baseUrl: string;
  endpoints: Endpoint[];
  webhooks: { event: string; fields: Field[] }[];
};

function FieldTable({ fields, caption }: { fields: Field[]; caption: string }) {
  const t = useStaffT("admin");
  if (fields.length === 0) return null;
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("common:name")}</th>
          <th scope="col">{t("reference.in")}</th>
          <th scope="col">{t("reference.type")}</th>
          <th scope="col">{t("reference.required")}</th>
          <th scope="col">{t("reference.meaning")}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={`${f.where}:${f.name}`}>
            <td lang="en">
              <code>{f.name}</code>
            </td>
            <td lang="en">{f.where}</td>
            <td lang="en">{f.type}</td>
            <td>{f.required ? t("common:yes") : t("common:no")}</td>
            <td lang="en">{f.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApiReference({ reference }: { reference: ApiReferenceData }) {
  const t = useStaffT("admin");
  return (
    <section className="stack" aria-labelledby="api-reference">
      <h2 id="api-reference">{t("reference.heading")}</h2>
      <p>
        <RichText text={t("reference.intro", { baseUrl: reference.baseUrl })} />{" "}
        <a href={reference.openapiUrl}>{reference.openapiUrl}</a> (OpenAPI 3.1).
      </p>
      {reference.endpoints.map((e) => (
        <article key={e.id} className="card stack" aria-labelledby={`op-${e.id}`}>
          <h3 id={`op-${e.id}`}>
            <code>
              {e.method} {e.path}
            </code>
          </h3>
          <p lang="en">{e.summary}</p>
          <p>
            {t("reference.scope")} <code>{e.scope}</code>. {t("reference.answers")}{" "}
            {e.statuses.map((s, i) => (
              <span key={s.status} title={s.description} lang="en">
                {i > 0 ? ", " : ""}
                {s.status}
              </span>
            ))}
            .
          </p>
          <FieldTable fields={e.fields} caption={t("reference.parameters", { operation: `${e.method} ${e.path}` })} />
          <pre>
            <code>{e.curl}</code>
          </pre>
        </article>
      ))}
      <h3>{t("reference.webhooks")}</h3>
      <p>
        {t("reference.webhooksBefore")} <a href="/app/settings/webhooks">{t("api.webhooksLink")}</a>
        {t("reference.webhooksAfter")} <code>{"{ type, timestamp, data }"}</code> {t("reference.webhooksSigned")}
      </p>
      {reference.webhooks.map((w) => (
        <div key={w.event} className="stack">
          <h4>
            <code>{w.event}</code>
          </h4>
          <FieldTable fields={w.fields} caption={t("reference.fields", { event: w.event })} />
        </div>
      ))}
    </section>
  );
}
