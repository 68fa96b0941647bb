import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuditDetails } from "~/components/audit-details";
import { FormattedDate } from "~/components/formatted-date";
import { listAuditActions, listAuditPage } from "~/models/audit.server";
import trustCss from "~/styles/trust.css?url";
import { parseAuditQuery } from "~/utils/schemas/audit.server";
import { auditActionWords } from "~/utils/audit-wording";
import { requireRole } from "~/utils/route-roles.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.audit");
  const query = parseAuditQuery(new URL(request.url));
  const [log, actions] = await Promise.all([
    listAuditPage(user.organizationId, query),
    listAuditActions(user.organizationId),
  ]);
  const title = `${staffT(user.locale, "shell")("auditPage.title")} · valuebench`;
  return data(
    { ...log, title, actions, action: query.action ?? "" },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function AuditLog() {
  const { events, total, page, pages, actions, action } = useLoaderData<typeof loader>();
  const t = useStaffT("shell");
  /** An audit action in the reader's language; a code the catalog does not know yet reads as its English words. */
  const actionWords = (code: string) => {
    const key = `audit.${code}`;
    const text = t(key);
    return text === key ? auditActionWords(code) : text;
  };
  /** A target type in the reader's language; an unknown type shows its stored code. */
  const targetWords = (type: string) => {
    const key = `auditPage.targets.${type}`;
    const text = t(key);
    return text === key ? type : text;
  };
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (action) params.set("action", action);
    if (n > 1) params.set("page", String(n));
    const text = params.toString();
    return text ? `?${text}` : "/app/audit";
  };
  return (
    <div className="stack">
      <h1>{t("auditPage.title")}</h1>
      <p className="muted">{t("auditPage.intro")}</p>
      <Form method="get" className="audit-filter">
        <div>
          <label htmlFor="action">{t("auditPage.action")}</label>
          <select id="action" name="action" defaultValue={action}>
            <option value="">{t("auditPage.allActions")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionWords(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t("auditPage.filter")}</button>
        </div>
      </Form>
      <p>
        {action
          ? t("auditPage.summaryFor", { count: total, action: actionWords(action) })
          : t("auditPage.summary", { count: total })}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{t("auditPage.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("auditPage.when")}</th>
              <th scope="col">{t("auditPage.who")}</th>
              <th scope="col">{t("auditPage.action")}</th>
              <th scope="col">{t("auditPage.target")}</th>
              <th scope="col">{t("auditPage.details")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <FormattedDate value={e.created_at} precision="second" />
                </td>
                <td>{e.actor_label}</td>
                <td>{actionWords(e.action)}</td>
                <td>{e.target_type ? `${targetWords(e.target_type)} ${e.target_id ?? ""}` : "–"}</td>
                <td className="audit-details">
                  <AuditDetails json={e.details_json} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label={t("auditPage.pages")} className="pager">
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("auditPage.newer")}</Link> : null}
          <span>{t("auditPage.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t("auditPage.older")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
