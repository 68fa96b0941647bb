import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
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
  return (
    <>
      <p className="crumbs muted">
        <Link to="/app/positions">Positions</Link> / <span>{position.title}</span>{" "}
        <span className={`badge status-${position.status}`}>{position.status}</span>
      </p>
      <nav aria-label="Position" className="subnav">
        <NavLink to={base} end>
          Overview
        </NavLink>
        <NavLink to={`${base}/invitations`}>Invitations</NavLink>
        <NavLink to={`${base}/benchmark`}>Benchmark</NavLink>
        <NavLink to={`${base}/results`}>Results</NavLink>
        <NavLink to={`${base}/fairness`}>Fairness</NavLink>
        <NavLink to={`${base}/outcomes`}>Outcomes</NavLink>
        <NavLink to={`${base}/validity`}>Validity</NavLink>
        <NavLink to={`${base}/import`}>Import answers</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
