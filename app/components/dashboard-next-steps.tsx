// The dashboard's "What to do next": one line per position and kind of work, each a link to where it is done.
import { Link } from "@remix-run/react";
import type { NextSteps } from "~/models/dashboard.server";
import { useFormat } from "~/i18n/format";
import { useStaffT } from "~/i18n/staff";

export function NextStepsList({ steps }: { steps: NextSteps }) {
  const t = useStaffT("shell");
  const f = useFormat();
  const within = t("dashboard.days", { count: steps.expiringWithinDays });
  const sinceText = steps.since
    ? t("dashboard.sinceLastVisit", { date: f.date(steps.since) })
    : t("dashboard.inLastDays", { count: steps.sinceDays });
  const empty =
    steps.positionsWithoutBenchmark.length +
      steps.expiringInvitations.length +
      steps.awaitingReview.length +
      steps.newSubmissions.length ===
    0;
  if (empty) {
    return (
      <p className="muted">{t("dashboard.nothingWaiting", { count: steps.expiringWithinDays, since: sinceText })}</p>
    );
  }
  return (
    <ul className="next-steps">
      {steps.awaitingReview.map((p) => (
        <li key={`review-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/results`}>
            {t("dashboard.awaitingReview", { title: p.title, count: p.count })}
          </Link>
        </li>
      ))}
      {steps.expiringInvitations.map((p) => (
        <li key={`expiring-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/invitations`}>
            {t("dashboard.expiring", { title: p.title, count: p.count, days: within })}
          </Link>
        </li>
      ))}
      {steps.positionsWithoutBenchmark.map((p) => (
        <li key={`benchmark-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/benchmark`}>{t("dashboard.noBenchmark", { title: p.title })}</Link>
        </li>
      ))}
      {steps.newSubmissions.map((p) => (
        <li key={`new-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/results`}>
            {t("dashboard.newSubmissions", {
              title: p.title,
              count: p.count,
              since: sinceText,
              candidates: t("dashboard.candidates", { count: p.candidates }),
              agents: t("dashboard.agents", { count: p.agents }),
            })}
          </Link>
        </li>
      ))}
    </ul>
  );
}
