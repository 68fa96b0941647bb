// The values page's two "add" forms (split from app.values._index.tsx): a value from the item bank, or a custom one.
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { ValueFields } from "~/components/value-fields";
import { useStaffT } from "~/i18n/staff";

export function BankValueForm({
  bankValues,
  errors,
  busy,
}: {
  bankValues: { id: string; name: string }[];
  errors: string[] | undefined;
  busy: boolean;
}) {
  const t = useStaffT("content");
  return (
    <section aria-labelledby="bank-heading" className="stack narrow">
      <h2 id="bank-heading">{t("bank.heading")}</h2>
      {bankValues.length === 0 ? (
        <p className="muted">{t("bank.allAdded")}</p>
      ) : (
        <Form method="post" className="row" noValidate>
          <input type="hidden" name="intent" value="add-bank" />
          <label htmlFor="bank-value">{t("bank.label")}</label>
          <select id="bank-value" name="bank" aria-invalid={errors ? true : undefined}>
            {bankValues.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy}>
            {t("bank.add")}
          </button>
        </Form>
      )}
    </section>
  );
}

type CreateProblem = {
  formError: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, unknown>;
} | null;

export function CustomValueForm({
  problem,
  resetKey,
  busy,
}: {
  problem: CreateProblem;
  /** Changes after a success, so the form starts empty again. */
  resetKey: string;
  busy: boolean;
}) {
  const t = useStaffT("content");
  const values = problem?.values ?? {};
  return (
    <section aria-labelledby="custom-heading" className="stack narrow">
      <h2 id="custom-heading">{t("custom.heading")}</h2>
      <p className="muted">{t("custom.intro")}</p>
      {problem?.formError ? (
        <p className="alert error" role="alert">
          {t.message(problem.formError)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate key={resetKey}>
        <input type="hidden" name="intent" value="create" />
        <Field
          label={t("custom.key")}
          hint={t("custom.keyHint")}
          errors={problem?.fieldErrors.key}
          inputProps={{ id: "new-key", name: "key", required: true, defaultValue: String(values.key ?? "") }}
        />
        <ValueFields
          idPrefix="new"
          values={{
            name: values.name as string | undefined,
            description: values.description as string | undefined,
            iStatement: values.iStatement as string | undefined,
            metrics: values.metrics as string[] | undefined,
            direction: values.direction as string | undefined,
            weight: values.weight as string | undefined,
          }}
          errors={problem?.fieldErrors ?? {}}
        />
        <div>
          <button type="submit" disabled={busy}>
            {t("custom.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
