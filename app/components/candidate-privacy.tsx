import { Link, useParams, useRouteLoaderData } from "@remix-run/react";
import type { loader as staffLoader } from "~/routes/app";

/** Admin-only links on the fit report: download everything stored about the candidate, or erase it. */
export function CandidatePrivacyActions() {
  const staff = useRouteLoaderData<typeof staffLoader>("routes/app");
  const { positionId, responseId } = useParams();
  if (staff?.user.role !== "admin" || !positionId || !responseId) return null;
  const base = `/app/positions/${positionId}/candidates/${responseId}`;
  return (
    <section aria-labelledby="privacy-heading" className="privacy-actions no-print stack">
      <h2 id="privacy-heading">Candidate data</h2>
      <p className="muted">For a request from the candidate: a copy of everything stored about them, or erasure.</p>
      <p className="row">
        <a className="button secondary" href={`${base}/export.json`} download>
          Export data (JSON)
        </a>
        <Link className="button secondary" to={`${base}/erase`}>
          Erase candidate…
        </Link>
      </p>
    </section>
  );
}
