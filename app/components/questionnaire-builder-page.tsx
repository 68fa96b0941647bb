// The questionnaire builder page (app/routes/app.questionnaires.$questionnaireId._index.tsx): the draft's summary and
// selection form, the custom item forms, the probes and the publish step, in the reader's language (issue 18).
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { CustomItemForm, DraftSummary, ValueBlock } from "~/components/questionnaire-builder";
import { CustomItemEditor, ProbesEditor, PublishSection, TypeFilter } from "~/components/questionnaire-content-editor";
import { useStaffT } from "~/i18n/staff";
import type { BuilderAction, BuilderLoader } from "~/routes/app.questionnaires.$questionnaireId._index";

export function QuestionnaireBuilderPage<T extends "likert" | "rating" | "scenario">({
  types,
}: {
  types: readonly T[];
}) {
  const t = useStaffT("questionnaires");
  const {
    questionnaire,
    values,
    languages,
    languageNames,
    attentionCount,
    virtueCount,
    estimatedSeconds,
    order,
    filter,
    versions,
    editing,
  } = useLoaderData<BuilderLoader>();
  const actionData = useActionData<BuilderAction>();
  const busy = useNavigation().state === "submitting";
  const problem = actionData && !actionData.ok ? actionData : null;
  const customProblem = problem?.intent === "add-custom" ? problem : null;
  const editProblem = problem?.intent === "edit-custom" ? problem : null;
  const probesProblem = problem?.intent === "save-probes" ? problem : null;
  const languageWarnings =
    problem && "languageWarnings" in problem ? (problem.languageWarnings as string[] | null) : null;
  const includedValues = values.filter((v) => v.included);
  const base = `/app/questionnaires/${questionnaire.id}`;
  return (
    <div className="stack">
      <p>
        <Link to="/app/questionnaires">{t("page.back")}</Link>
      </p>
      <h1>{questionnaire.title}</h1>
      <p className="muted">
        {t("page.id")} <span className="badge">{questionnaire.slug}</span> ·{" "}
        <Link to={`${base}/preview`}>{t("page.preview")}</Link>
      </p>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {problem && problem.intent !== "add-custom" && problem.intent !== "edit-custom" && problem.formError ? (
        <p className="alert error" role="alert">
          {problem.formError}
        </p>
      ) : null}

      <DraftSummary
        valueCount={includedValues.length}
        itemCount={includedValues.reduce((n, v) => n + v.itemCount, 0)}
        attentionCount={questionnaire.includeAttention ? attentionCount : null}
        virtueCount={questionnaire.includeVirtues ? virtueCount : null}
        estimatedSeconds={estimatedSeconds}
        order={order}
      />

      <TypeFilter base={base} types={types} filter={filter as T | null} />

      <Form method="post" className="stack" noValidate>
        <Field
          label={t("fields.title")}
          errors={problem?.intent === "save" ? problem.fieldErrors.title : undefined}
          inputProps={{ name: "title", required: true, defaultValue: questionnaire.title }}
        />
        <label className="checkbox">
          <input type="checkbox" name="includeAttention" value="yes" defaultChecked={questionnaire.includeAttention} />
          {t("draft.includeAttention", { count: attentionCount })}
        </label>
        <label className="checkbox">
          <input type="checkbox" name="includeVirtues" value="yes" defaultChecked={questionnaire.includeVirtues} />
          {t("draft.includeVirtues", { count: virtueCount })}
        </label>
        {values.length === 0 ? (
          <p className="alert warning">
            {t("draft.noValues")} <Link to="/app/values">{t("draft.addValues")}</Link>
            {t("draft.addValuesAfter")}
          </p>
        ) : null}
        {values.map((value) => (
          <ValueBlock key={value.key} value={value} filter={filter} />
        ))}
        <div>
          <button type="submit" name="intent" value="save" disabled={busy}>
            {t("draft.save")}
          </button>
        </div>
      </Form>

      {editing ? (
        <CustomItemEditor
          key={editing.id}
          item={editing}
          languages={languages}
          languageNames={languageNames}
          cancelTo={base}
          busy={busy}
          formError={editProblem?.formError}
          fieldErrors={editProblem?.fieldErrors}
          submitted={(editProblem?.values ?? {}) as Record<string, string | undefined>}
        />
      ) : null}

      <CustomItemForm
        values={values}
        busy={busy}
        formKey={actionData?.ok && actionData.intent === "add-custom" ? actionData.message : "custom"}
        formError={customProblem?.formError}
        fieldErrors={customProblem?.fieldErrors}
        submitted={(customProblem?.values ?? {}) as Record<string, string | undefined>}
      />

      <ProbesEditor
        values={values}
        busy={busy}
        problemValue={probesProblem ? String((probesProblem.values as Record<string, unknown>).value ?? "") : null}
        fieldErrors={probesProblem?.fieldErrors}
      />

      <PublishSection
        versions={versions}
        languageNames={languageNames}
        base={base}
        busy={busy}
        languageWarnings={languageWarnings}
      />
    </div>
  );
}
