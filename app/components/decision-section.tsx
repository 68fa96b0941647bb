import { Form } from "@remix-run/react";
import { ErrorList, Field, TextareaField } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { useStaffT } from "~/i18n/staff";
import { decisionLabel, DECISIONS, type DecisionKind } from "~/utils/decision-labels";
import { isoDate } from "~/utils/format-date";

type DecisionView = {
  id: string;
  decision: DecisionKind;
  note: string;
  hiredOn: string | null;
  decidedAt: string;
  decidedBy: string;
};

/** The fit report's decision form (advance, hold, reject, or hired with its date) and the decision history. */
export function DecisionSection({
  decisions,
  busy,
  fieldErrors,
  formError,
}: {
  decisions: DecisionView[];
  busy: boolean;
  fieldErrors: Record<string, string[] | undefined>;
  formError: string | null | undefined;
}) {
  const today = isoDate(new Date());
  const tw = useStaffT("wording");
  return (
    <section aria-labelledby="decision-heading" className="report-decision no-print" id="decision">
      <h2 id="decision-heading">Decision</h2>
      {formError ? (
        <p className="alert error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <fieldset>
          <legend>Decision</legend>
          <div className="choices">
            {DECISIONS.map((d) => (
              <label key={d}>
                <input
                  type="radio"
                  name="decision"
                  value={d}
                  aria-invalid={fieldErrors.decision ? true : undefined}
                  aria-describedby={fieldErrors.decision ? "decision-error" : undefined}
                />
                {` ${decisionLabel(tw, d)}`}
              </label>
            ))}
          </div>
          <ErrorList id="decision-error" errors={fieldErrors.decision} />
        </fieldset>
        <Field
          label="Hire date (with Hired)"
          hint="When the person started: their outcomes (CSAT, QA score) can follow months later, on the validity page."
          errors={fieldErrors.hiredOn}
          inputProps={{ name: "hiredOn", id: "decision-hired-on", type: "date", defaultValue: today }}
        />
        <TextareaField
          label="Note (optional)"
          errors={fieldErrors.note}
          textareaProps={{ name: "note", id: "decision-note", rows: 3, maxLength: 2000 }}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Record decision"}
          </button>
        </div>
      </Form>
      {decisions.length > 0 ? (
        <>
          <h3>History</h3>
          <ol className="decision-history">
            {decisions.map((d) => (
              <li key={d.id}>
                <strong>{decisionLabel(tw, d.decision)}</strong>
                {d.hiredOn ? (
                  <>
                    {" "}
                    (started <FormattedDate value={d.hiredOn} precision="day" />)
                  </>
                ) : null}{" "}
                by {d.decidedBy} on <FormattedDate value={d.decidedAt} />
                {d.note ? <>: {d.note}</> : null}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">No decision yet.</p>
      )}
    </section>
  );
}
