import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { listAuditActions, listAuditPage } from "~/models/audit.server";
import trustCss from "~/styles/trust.css?url";
import { parseAuditQuery } from "~/utils/schemas/audit.server";
import { auditActionWords } from "~/utils/audit-wording";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction = () => [{ title: "Audit log · valuebench" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.audit");
  const query = parseAuditQuery(new URL(request.url));
  const [log, actions] = await Promise.all([
    listAuditPage(user.organizationId, query),
    listAuditActions(user.organizationId),
  ]);
  return data({ ...log, actions, action: query.action ?? "" }, { headers: { "Cache-Control": "private, no-store" } });
}

function detailsText(json: string): string {
  try {
    const details = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(details)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
      .join(" · ");
  } catch {
    return "";
  }
}

export default function AuditLog() {
  const { events, total, page, pages, actions, action } = useLoaderData<typeof loader>();
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (action) params.set("action", action);
    if (n > 1) params.set("page", String(n));
    const text = params.toString();
    return text ? `?${text}` : "/app/audit";
  };
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <p className="muted">
        Who did what, and when, in your organization: sign-ins, invitations, benchmark changes, decisions, exports and
        erasures. Entries are only ever added; nobody can edit or delete them here.
      </p>
      <Form method="get" className="audit-filter">
        <div>
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={action}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {auditActionWords(a)} ({a})
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Filter</button>
        </div>
      </Form>
      <p>
        {total} {total === 1 ? "entry" : "entries"}
        {action ? ` for ${action}` : ""}, newest first.
      </p>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">Audit log entries</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <FormattedDate value={e.created_at} precision="second" />
                </td>
                <td>{e.actor_label}</td>
                <td>
                  {auditActionWords(e.action)} <code className="muted">{e.action}</code>
                </td>
                <td>{e.target_type ? `${e.target_type} ${e.target_id ?? ""}` : "–"}</td>
                <td className="audit-details">{detailsText(e.details_json)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Audit log pages" className="pager">
          {page > 1 ? <Link to={pageHref(page - 1)}>← Newer</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={pageHref(page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
