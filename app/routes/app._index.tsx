import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NextStepsList } from "~/components/dashboard-next-steps";
import { FormattedDate } from "~/components/formatted-date";
import { getDashboard, getNextSteps, markDashboardVisit } from "~/models/dashboard.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app._index");
  // The previous visit is what "new since your last visit" counts from; this visit becomes the next one's.
  const since = await markDashboardVisit(user.organizationId, user.id);
  const nextSteps = await getNextSteps(user.organizationId, since);
  const dashboard = await getDashboard(user.organizationId);
  return { user: { name: user.name }, dashboard, nextSteps };
}

export default function Dashboard() {
  const { user, dashboard, nextSteps } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <section className="card" aria-labelledby="next-h">
        <h2 id="next-h">What to do next</h2>
        <NextStepsList steps={nextSteps} />
      </section>
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
                  {entry.actor} {entry.action}
                  {entry.target ? `: ${entry.target}` : ""} <FormattedDate className="muted" value={entry.createdAt} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
