import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDashboard } from "~/models/dashboard.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app._index");
  const dashboard = await getDashboard(user.organizationId);
  return { user: { name: user.name }, dashboard };
}

export default function Dashboard() {
  const { user, dashboard } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="team-h">
          <h2 id="team-h">Your team</h2>
          <p>
            {dashboard.staffCount} staff account{dashboard.staffCount === 1 ? "" : "s"} in {dashboard.organizationName}.
          </p>
        </section>
        <section className="card" aria-labelledby="recent-h">
          <h2 id="recent-h">Recent activity</h2>
          {dashboard.recent.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <ul>
              {dashboard.recent.map((entry) => (
                <li key={entry.id}>
                  {entry.actorLabel}: {entry.action}{" "}
                  <time className="muted" dateTime={entry.createdAt}>
                    {new Date(entry.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
                  </time>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
