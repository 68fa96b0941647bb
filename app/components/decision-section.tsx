import { Form } from "@remix-run/react";
import { ErrorList, Field, TextareaField } from "~/components/field";
import { useFormat } from "~/i18n/format";
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
  const t = useStaffT("report");
  const f = useFormat();
  return (
    <section aria-labelledby="decision-heading" className="report-decision no-print" id="decision">
      <h2 id="decision-heading">{t("decision.heading")}</h2>
      {formError ? (
        <p className="alert error" role="alert">
          {t.message(formError)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <fieldset>
          <legend>{t("decision.heading")}</legend>
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
          <ErrorList id="decision-error" errors={fieldErrors.decision?.map((e) => t.message(e))} />
        </fieldset>
        <Field
          label={t("decision.hiredOnLabel")}
          hint={t("decision.hiredOnHint")}
          errors={fieldErrors.hiredOn?.map((e) => t.message(e))}
          inputProps={{ name: "hiredOn", id: "decision-hired-on", type: "date", defaultValue: today }}
        />
        <TextareaField
          label={t("decision.noteLabel")}
          errors={fieldErrors.note?.map((e) => t.message(e))}
          textareaProps={{ name: "note", id: "decision-note", rows: 3, maxLength: 2000 }}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("common:saving") : t("decision.submit")}
          </button>
        </div>
      </Form>
      {decisions.length > 0 ? (
        <>
          <h3>{t("decision.history")}</h3>
          <ol className="decision-history">
            {decisions.map((d) => (
              <li key={d.id}>
                <strong>{decisionLabel(tw, d.decision)}</strong>{" "}
                {d.hiredOn
                  ? t("decision.entryHired", {
                      started: f.date(d.hiredOn),
                      by: d.decidedBy,
                      at: f.dateTime(d.decidedAt),
                    })
                  : t("decision.entry", { by: d.decidedBy, at: f.dateTime(d.decidedAt) })}
                {d.note ? <>: {d.note}</> : null}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{t("decision.none")}</p>
      )}
    </section>
  );
}
