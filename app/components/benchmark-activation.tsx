// The benchmark page's active benchmark: what candidates are scored against, activation, and re-scoring.
import { Form } from "@remix-run/react";
import { ErrorList, TextareaField } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { TableRegion } from "~/components/table-region";
import { TEXT_LIMITS } from "~/utils/text-limits";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";
import type { ActionResult } from "./benchmark-agents";
import { fmt } from "./benchmark-format";
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
  const tw = useStaffT("wording");
  const reasonErrors =
    result && !result.ok && result.values.intent === "activate" ? result.fieldErrors.reason : undefined;
  const activateError =
    result && !result.ok && result.values.intent === "activate"
      ? [...(result.fieldErrors.confirm ?? []), ...(result.formError ? [result.formError] : [])]
      : undefined;
  const active = diag.active;
  return (
    <section aria-labelledby="activation-heading" className="card">
      <h2 id="activation-heading">Active benchmark</h2>
      {active ? (
        <p>
          Candidates are scored against the benchmark activated on <FormattedDate value={active.activatedAt} /> by{" "}
          {active.activatedBy ?? "a former team member"} ({active.snapshot.included.length} of {active.snapshot.agents}{" "}
          agents included). <span className="badge">{algorithmLabel(tw, active.algorithmVersion)}</span>
        </p>
      ) : (
        <p>No benchmark is active yet, so candidates of this position are not scored.</p>
      )}
      {active && diag.draftDiffers ? (
        <TableRegion label="Changes from the one in use to the draft">
          <table className="numbers">
            <caption>Active benchmark compared with the draft below</caption>
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col">Active: n, mean, SD used</th>
                <th scope="col">Draft: n, mean, SD used</th>
              </tr>
            </thead>
            <tbody>
              {diag.values.map((v) => {
                const a = active.snapshot.values[v.id];
                const d = diag.snapshot.values[v.id];
                return (
                  <tr key={v.id}>
                    <th scope="row">{v.name}</th>
                    <td>
                      {a?.n ?? 0}, {fmt(a?.mean)}, {fmt(a?.sdUsed)}
                    </td>
                    <td>
                      {d?.n ?? 0}, {fmt(d?.mean)}, {fmt(d?.sdUsed)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {diag.snapshot.included.length === 0 ? (
        <p className="muted">There is nothing to activate until at least one agent is included.</p>
      ) : !diag.draftDiffers ? (
        <p className="muted">The draft is the same as the active benchmark; activating would change nothing.</p>
      ) : !canActivate ? (
        <p className="muted">
          The draft below differs from what candidates are scored against. An administrator activates benchmarks.
        </p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="activate" />
          {diag.activationConcerns.length > 0 ? (
            <div className="alert warning">
              <p>
                <strong>This draft is weak on some values.</strong> Activating it anyway needs a reason, kept in the
                audit log:
              </p>
              <ul>
                {diag.activationConcerns.map((c, i) => (
                  <li key={i}>{c.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            Activating makes the draft below ({diag.snapshot.included.length} of {diag.snapshot.agents} agents) the
            benchmark for this position. {active ? "The active benchmark is archived. " : ""}
            {diag.submittedCandidates} submitted candidate{diag.submittedCandidates === 1 ? "" : "s"} will be re-scored
            against it; their earlier scores stay in their history.
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
              I understand what changes
            </label>
          </div>
          <ErrorList id="confirm-error" errors={activateError?.length ? activateError : undefined} />
          {diag.activationConcerns.length > 0 ? (
            <TextareaField
              label="Reason to activate despite these warnings (required)"
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
              Activate this benchmark
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
  const active = diag.active!;
  const current = diag.currentAlgorithm;
  const errors =
    result && !result.ok && result.values.intent === "rescore"
      ? [...(result.fieldErrors.confirm ?? []), ...(result.formError ? [result.formError] : [])]
      : undefined;
  const explanation = `This benchmark was built with the older scoring algorithm ${active.algorithmVersion}. Re-scoring builds it again with ${current} from the same ${active.snapshot.agents} agents (the same ones included and excluded) and re-scores the ${diag.submittedCandidates} submitted candidate${diag.submittedCandidates === 1 ? "" : "s"}; the ${active.algorithmVersion} benchmark and its scores stay in the history.`;
  if (!canRescore) return <p className="muted">{explanation} An administrator can do this.</p>;
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
          Re-score every candidate of this position with {current}
        </label>
      </div>
      <ErrorList id="rescore-error" errors={errors?.length ? errors : undefined} />
      <div>
        <button type="submit" disabled={busy}>
          Re-score with {current}
        </button>
      </div>
    </Form>
  );
}
