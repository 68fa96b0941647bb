// The benchmark page's active benchmark: what candidates are scored against, activation, and re-scoring.
import { Form } from "@remix-run/react";
import { ErrorList, TextareaField } from "~/components/field";
import { TableRegion } from "~/components/table-region";
import { TEXT_LIMITS } from "~/utils/text-limits";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";
import type { ActionResult } from "./benchmark-agents";
import { useBenchmarkFormat } from "./benchmark-format";
import { useFormat } from "~/i18n/format";
import { useStaffT } from "~/i18n/staff";
import { algorithmLabel } from "~/utils/report-wording";

type Diag = BenchmarkDiagnostics;

export function ActivationSection({
  diag,
  result,
  busy,
  canRescore,
  canActivate,
}: {
  diag: Diag;
  result: ActionResult | undefined;
  busy: boolean;
  /** The user may re-score (admins only). */
  canRescore: boolean;
  /** The user may activate (admins only). */
  canActivate: boolean;
}) {
  const t = useStaffT("benchmark");
  const f = useFormat();
  const { fmt } = useBenchmarkFormat();
  const reasonErrors =
    result && !result.ok && result.values.intent === "activate" ? result.fieldErrors.reason : undefined;
  const activateError =
    result && !result.ok && result.values.intent === "activate"
      ? [...(result.fieldErrors.confirm ?? []), ...(result.formError ? [result.formError] : [])]
      : undefined;
  const active = diag.active;
  return (
    <section aria-labelledby="activation-heading" className="card">
      <h2 id="activation-heading">{t("activation.heading")}</h2>
      {active ? (
        <p>
          {t("activation.activeOn", {
            date: f.dateTime(active.activatedAt),
            by: active.activatedBy ?? t("history.formerMember"),
            included: active.snapshot.included.length,
            count: active.snapshot.agents,
          })}{" "}
          <span className="badge">{algorithmLabel(t, active.algorithmVersion)}</span>
        </p>
      ) : (
        <p>{t("activation.none")}</p>
      )}
      {active && diag.draftDiffers ? (
        <TableRegion label={t("activation.diffRegion")}>
          <table className="numbers">
            <caption>{t("activation.diffCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("table.value")}</th>
                <th scope="col">{t("activation.activeStats")}</th>
                <th scope="col">{t("activation.draftStats")}</th>
              </tr>
            </thead>
            <tbody>
              {diag.values.map((v) => {
                const a = active.snapshot.values[v.id];
                const d = diag.snapshot.values[v.id];
                return (
                  <tr key={v.id}>
                    <th scope="row">{v.name}</th>
                    <td>{t("activation.stats", { n: a?.n ?? 0, mean: fmt(a?.mean), sd: fmt(a?.sdUsed) })}</td>
                    <td>{t("activation.stats", { n: d?.n ?? 0, mean: fmt(d?.mean), sd: fmt(d?.sdUsed) })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {diag.snapshot.included.length === 0 ? (
        <p className="muted">{t("activation.nothing")}</p>
      ) : !diag.draftDiffers ? (
        <p className="muted">{t("activation.same")}</p>
      ) : !canActivate ? (
        <p className="muted">{t("activation.adminOnly")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="activate" />
          {diag.activationConcerns.length > 0 ? (
            <div className="alert warning">
              <p>
                <strong>{t("activation.weakTitle")}</strong> {t("activation.weakText")}
              </p>
              <ul>
                {diag.activationConcerns.map((c, i) => (
                  <li key={i}>{c.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            {[
              t("activation.explain", { included: diag.snapshot.included.length, count: diag.snapshot.agents }),
              active ? t("activation.archived") : null,
              t("activation.rescored", { count: diag.submittedCandidates }),
            ]
              .filter(Boolean)
              .join(" ")}
          </p>
          <div className="choices">
            <label>
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                required
                aria-invalid={activateError?.length ? true : undefined}
                aria-describedby={activateError?.length ? "confirm-error" : undefined}
              />{" "}
              {t("activation.confirm")}
            </label>
          </div>
          <ErrorList id="confirm-error" errors={activateError?.length ? activateError : undefined} />
          {diag.activationConcerns.length > 0 ? (
            <TextareaField
              label={t("activation.reasonLabel")}
              errors={reasonErrors}
              textareaProps={{
                name: "reason",
                id: "activation-reason",
                rows: 3,
                maxLength: TEXT_LIMITS.note,
                required: true,
              }}
            />
          ) : null}
          <div>
            <button type="submit" disabled={busy}>
              {t("activation.submit")}
            </button>
          </div>
        </Form>
      )}
      {active && active.algorithmVersion !== diag.currentAlgorithm ? (
        <RescoreForm diag={diag} result={result} busy={busy} canRescore={canRescore} />
      ) : null}
    </section>
  );
}

/** "Re-score with vb-2" for an active benchmark built with an older algorithm: admins get the form, others a note. */
function RescoreForm({
  diag,
  result,
  busy,
  canRescore,
}: {
  diag: Diag;
  result: ActionResult | undefined;
  busy: boolean;
  canRescore: boolean;
}) {
  const t = useStaffT("benchmark");
  const active = diag.active!;
  const current = diag.currentAlgorithm;
  const errors =
    result && !result.ok && result.values.intent === "rescore"
      ? [...(result.fieldErrors.confirm ?? []), ...(result.formError ? [result.formError] : [])]
      : undefined;
  const explanation = t("rescore.explanation", {
    from: active.algorithmVersion,
    to: current,
    agents: active.snapshot.agents,
    count: diag.submittedCandidates,
  });
  if (!canRescore) return <p className="muted">{`${explanation} ${t("rescore.adminOnly")}`}</p>;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="rescore" />
      <p>{explanation}</p>
      <div className="choices">
        <label>
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            required
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? "rescore-error" : undefined}
          />{" "}
          {t("rescore.confirm", { algorithm: current })}
        </label>
      </div>
      <ErrorList id="rescore-error" errors={errors?.length ? errors : undefined} />
      <div>
        <button type="submit" disabled={busy}>
          {t("rescore.submit", { algorithm: current })}
        </button>
      </div>
    </Form>
  );
}
