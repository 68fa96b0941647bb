// The readable API reference of /app/settings/api (issue 20), from the data apiReference() reads off the OpenAPI
// document: endpoints with scope, fields, answers and a curl example; the webhook events and their fields.
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
  if (fields.length === 0) return null;
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">In</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={`${f.where}:${f.name}`}>
            <td>
              <code>{f.name}</code>
            </td>
            <td>{f.where}</td>
            <td>{f.type}</td>
            <td>{f.required ? "yes" : "no"}</td>
            <td>{f.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApiReference({ reference }: { reference: ApiReferenceData }) {
  return (
    <section className="stack" aria-labelledby="api-reference">
      <h2 id="api-reference">Reference</h2>
      <p>
        Base URL <code>{reference.baseUrl}</code>. Send a key as <code>Authorization: Bearer &lt;key&gt;</code> or as
        the HTTP Basic user name (empty password). Errors are <code>application/problem+json</code> (RFC 9457) with{" "}
        <code>errors[].pointer</code> naming each refused field. Each key may make 600 requests a minute (
        <code>RateLimit-*</code> headers; 429 with <code>Retry-After</code> past it). The machine-readable document:{" "}
        <a href={reference.openapiUrl}>{reference.openapiUrl}</a> (OpenAPI 3.1).
      </p>
      {reference.endpoints.map((e) => (
        <article key={e.id} className="card stack" aria-labelledby={`op-${e.id}`}>
          <h3 id={`op-${e.id}`}>
            <code>
              {e.method} {e.path}
            </code>
          </h3>
          <p>{e.summary}</p>
          <p>
            Scope: <code>{e.scope}</code>. Answers:{" "}
            {e.statuses.map((s, i) => (
              <span key={s.status} title={s.description}>
                {i > 0 ? ", " : ""}
                {s.status}
              </span>
            ))}
            .
          </p>
          <FieldTable fields={e.fields} caption={`Parameters of ${e.method} ${e.path}`} />
          <pre>
            <code>{e.curl}</code>
          </pre>
        </article>
      ))}
      <h3>Webhook events</h3>
      <p>
        Register endpoints on the <a href="/app/settings/webhooks">Webhooks</a> page. Each delivery is a POST of{" "}
        <code>{"{ type, timestamp, data }"}</code> signed with the Standard Webhooks scheme.
      </p>
      {reference.webhooks.map((w) => (
        <div key={w.event} className="stack">
          <h4>
            <code>{w.event}</code>
          </h4>
          <FieldTable fields={w.fields} caption={`Fields of ${w.event}`} />
        </div>
      ))}
    </section>
  );
}
