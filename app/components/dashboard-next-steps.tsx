// The dashboard's "What to do next": one line per position and kind of work, each a link to where it is done.
import { Link } from "@remix-run/react";
import type { NextSteps } from "~/models/dashboard.server";
import { FormattedDate } from "~/components/formatted-date";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function NextStepsList({ steps }: { steps: NextSteps }) {
  const within = plural(steps.expiringWithinDays, "day", "days");
  const sinceText = steps.since ? (
    <>
      since your last visit (<FormattedDate value={steps.since} />)
    </>
  ) : (
    `in the last ${steps.sinceDays} days`
  );
  const empty =
    steps.positionsWithoutBenchmark.length +
      steps.expiringInvitations.length +
      steps.awaitingReview.length +
      steps.newSubmissions.length ===
    0;
  if (empty) {
    return (
      <p className="muted">
        Nothing is waiting: every open position has an active benchmark, no invitation expires within {within}, no
        flagged response waits for review and nothing was submitted {sinceText}.
      </p>
    );
  }
  return (
    <ul className="next-steps">
      {steps.awaitingReview.map((p) => (
        <li key={`review-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/results`}>
            {p.title}: {plural(p.count, "flagged response waits", "flagged responses wait")} for review
          </Link>
        </li>
      ))}
      {steps.expiringInvitations.map((p) => (
        <li key={`expiring-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/invitations`}>
            {p.title}: {plural(p.count, "invitation expires", "invitations expire")} within {within} without answers
          </Link>
        </li>
      ))}
      {steps.positionsWithoutBenchmark.map((p) => (
        <li key={`benchmark-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/benchmark`}>
            {p.title}: no active benchmark yet — invite top agents and activate one
          </Link>
        </li>
      ))}
      {steps.newSubmissions.map((p) => (
        <li key={`new-${p.positionId}`}>
          <Link to={`/app/positions/${p.positionId}/results`}>
            {p.title}: {plural(p.count, "new submission", "new submissions")} {sinceText} (
            {plural(p.candidates, "candidate", "candidates")}, {plural(p.agents, "agent", "agents")})
          </Link>
        </li>
      ))}
    </ul>
  );
}
