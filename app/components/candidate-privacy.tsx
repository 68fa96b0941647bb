import { Link, useParams, useRouteLoaderData } from "@remix-run/react";
import { useStaffT } from "~/i18n/staff";
import type { loader as staffLoader } from "~/routes/app";

/** Admin-only links on the fit report: download everything stored about the candidate, or erase it. */
export function CandidatePrivacyActions() {
  const staff = useRouteLoaderData<typeof staffLoader>("routes/app");
  const t = useStaffT("report");
  const { positionId, responseId } = useParams();
  if (staff?.user.role !== "admin" || !positionId || !responseId) return null;
  const base = `/app/positions/${positionId}/candidates/${responseId}`;
  return (
    <section aria-labelledby="privacy-heading" className="privacy-actions no-print stack">
      <h2 id="privacy-heading">{t("privacy.heading")}</h2>
      <p className="muted">{t("privacy.intro")}</p>
      <p className="row">
        <a className="button secondary" href={`${base}/export.json`} download>
          {t("privacy.export")}
        </a>
        <Link className="button secondary" to={`${base}/erase`}>
          {t("privacy.erase")}
        </Link>
      </p>
    </section>
  );
}
