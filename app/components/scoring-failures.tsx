import { Form, Link } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import type { ScoringFailure } from "~/models/scoring-jobs.server";

/** Candidates of a position whose scoring failed, each with its error and a "Retry scoring" button (results page). */
export function ScoringFailures({
  positionId,
  failures,
  total,
}: {
  positionId: string;
  failures: ScoringFailure[];
  total: number;
}) {
  if (total === 0) return null;
  const base = `/app/positions/${positionId}`;
  return (
    <section className="alert error" aria-labelledby="scoring-failures">
      <h2 id="scoring-failures">
        Scoring failed for {total} candidate{total === 1 ? "" : "s"}
      </h2>
      <p>
        Their answers are safely submitted. The server tries again each time it starts; once the cause is fixed, you can
        also retry here.
      </p>
      <ul className="stack">
        {failures.map((f) => (
          <li key={f.responseId}>
            <Link to={`${base}/candidates/${f.responseId}`}>{f.name}</Link>: Scoring failed: {f.error}{" "}
            <span className="muted small">
              ({f.attempts} attempt{f.attempts === 1 ? "" : "s"}
              {f.lastAttemptAt ? (
                <>
                  , last <FormattedDate value={f.lastAttemptAt} />
                </>
              ) : null}
              )
            </span>
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="retry-scoring" />
              <input type="hidden" name="responseId" value={f.responseId} />
              <button type="submit" aria-label={`Retry scoring ${f.name}`}>
                Retry scoring
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {failures.length < total ? <p className="muted small">The first {failures.length} are listed.</p> : null}
    </section>
  );
}
