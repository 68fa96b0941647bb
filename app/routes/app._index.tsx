import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NextStepsList } from "~/components/dashboard-next-steps";
import { FormattedDate } from "~/components/formatted-date";
import { getDashboard, getNextSteps, markDashboardVisit } from "~/models/dashboard.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { requireRole } from "~/utils/route-roles.server";

/** The audit log's actor labels of the system and of invitation links (response.server.ts, scoring-jobs.server.ts). */
const SYSTEM_ACTORS: Record<string, string> = {
  "candidate (invitation link)": "candidateLink",
  "agent (invitation link)": "agentLink",
  "valuebench (scoring)": "scoring",
  "valuebench (server start)": "serverStart",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app._index");
  // The previous visit is what "new since your last visit" counts from; this visit becomes the next one's.
  const since = await markDashboardVisit(user.organizationId, user.id);
  const nextSteps = await getNextSteps(user.organizationId, since);
  const dashboard = await getDashboard(user.organizationId);
  const title = `${staffT(user.locale, "shell")("dashboard.title")} · valuebench`;
  return { title, user: { name: user.name }, dashboard, nextSteps };
}

export default function Dashboard() {
  const { user, dashboard, nextSteps } = useLoaderData<typeof loader>();
  const t = useStaffT("shell");
  /** An audit action in the reader's language; a code the catalog does not know yet reads as its English words. */
  const actionWords = (code: string, english: string) => {
    const key = `audit.${code}`;
    const text = t(key);
    return text === key ? english : text;
  };
  /** Labels the server writes for actors without an account, worded in the reader's language; people stay as named. */
  const actorWords = (label: string) => {
    const key = SYSTEM_ACTORS[label];
    return key ? t(`dashboard.actors.${key}`) : label;
  };
  return (
    <>
      <h1>{t("dashboard.welcome", { name: user.name })}</h1>
      <section className="card" aria-labelledby="next-h">
        <h2 id="next-h">{t("dashboard.nextHeading")}</h2>
        <NextStepsList steps={nextSteps} />
      </section>
      <div className="grid">
        <section className="card" aria-labelledby="team-h">
          <h2 id="team-h">{t("dashboard.teamHeading")}</h2>
          <p>{t("dashboard.staffCount", { count: dashboard.staffCount, organization: dashboard.organizationName })}</p>
        </section>
        <section className="card" aria-labelledby="recent-h">
          <h2 id="recent-h">{t("dashboard.recentHeading")}</h2>
          {dashboard.recent.length === 0 ? (
            <p className="muted">{t("dashboard.nothingYet")}</p>
          ) : (
            <ul>
              {dashboard.recent.map((entry) => (
                <li key={entry.id}>
                  {actorWords(entry.actor)} {actionWords(entry.actionCode, entry.action)}
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
