import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useStaffT } from "~/i18n/staff";
import { getPositionHeading } from "~/models/position.server";
import positionsCss from "~/styles/positions.css?url";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: positionsCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId");
  // Without the response count of getPosition (performance, issue 9): the layout shows title and status only.
  const position = await getPositionHeading(user.organizationId, params.positionId ?? "");
  return { position: { id: position.id, title: position.title, status: position.status } };
}

export default function PositionLayout() {
  const { position } = useLoaderData<typeof loader>();
  const base = `/app/positions/${position.id}`;
  const t = useStaffT("positions");
  return (
    <>
      <p className="crumbs muted">
        <Link to="/app/positions">{t("list.title")}</Link> / <span>{position.title}</span>{" "}
        <span className={`badge status-${position.status}`}>{t(`status.${position.status}`)}</span>
      </p>
      <nav aria-label={t("tabs.label")} className="subnav">
        <NavLink to={base} end>
          {t("tabs.overview")}
        </NavLink>
        <NavLink to={`${base}/invitations`}>{t("tabs.invitations")}</NavLink>
        <NavLink to={`${base}/benchmark`}>{t("tabs.benchmark")}</NavLink>
        <NavLink to={`${base}/results`}>{t("tabs.results")}</NavLink>
        <NavLink to={`${base}/fairness`}>{t("tabs.fairness")}</NavLink>
        <NavLink to={`${base}/outcomes`}>{t("tabs.outcomes")}</NavLink>
        <NavLink to={`${base}/validity`}>{t("tabs.validity")}</NavLink>
        <NavLink to={`${base}/import`}>{t("tabs.import")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
