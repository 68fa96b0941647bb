import { Form, Link } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
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
  const t = useStaffT("results");
  if (total === 0) return null;
  const base = `/app/positions/${positionId}`;
  return (
    <section className="alert error" aria-labelledby="scoring-failures">
      <h2 id="scoring-failures">{t("failures.heading", { count: total })}</h2>
      <p>{t("failures.safe")}</p>
      <ul className="stack">
        {failures.map((f) => (
          <li key={f.responseId}>
            <Link to={`${base}/candidates/${f.responseId}`}>{f.name}</Link>
            {t("failures.error", { error: f.error })}{" "}
            <span className="muted small">
              <RichText
                text={t(f.lastAttemptAt ? "failures.attemptsLast" : "failures.attempts", { count: f.attempts })}
                date={<FormattedDate value={f.lastAttemptAt} />}
              />
            </span>
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="retry-scoring" />
              <input type="hidden" name="responseId" value={f.responseId} />
              <button type="submit" aria-label={t("failures.retryName", { name: f.name })}>
                {t("failures.retry")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {failures.length < total ? (
        <p className="muted small">{t("failures.firstListed", { count: failures.length })}</p>
      ) : null}
    </section>
  );
}
