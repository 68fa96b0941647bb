import { Form, useNavigation } from "@remix-run/react";
import { Field, TextareaField } from "~/components/field";
import { useStaffT } from "~/i18n/staff";

export type PositionEditData = {
  ok: boolean;
  intent?: string;
  message?: string;
  formError?: string | null;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, unknown>;
};

/** The "Edit position" form of the position page: title, description, questionnaire version (locked once answered), status. */
export function PositionEditForm({
  position,
  versions,
  update,
}: {
  position: {
    title: string;
    description: string;
    status: string;
    questionnaireVersionId: string;
    questionnaireLabel: string;
    versionLocked: boolean;
  };
  versions: { id: string; label: string }[];
  update: PositionEditData | null;
}) {
  const t = useStaffT("positions");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  const updateProblems = update && !update.ok ? update : null;
  const values = updateProblems?.values ?? {};
  const currentVersion = versions.find((v) => v.id === position.questionnaireVersionId);
  return (
    <section aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t("edit.heading")}</h2>
      {update?.ok ? (
        <p className="alert success" role="status">
          {update.message}
        </p>
      ) : null}
      {updateProblems?.formError ? (
        <p className="alert error" role="alert">
          {updateProblems.formError}
        </p>
      ) : null}
      <Form method="post" className="stack narrow" noValidate>
        <input type="hidden" name="intent" value="update" />
        <Field
          label={t("fields.title")}
          errors={updateProblems?.fieldErrors?.title}
          inputProps={{
            name: "title",
            type: "text",
            required: true,
            maxLength: 200,
            defaultValue: String(values.title ?? position.title),
          }}
        />
        <TextareaField
          label={t("fields.description")}
          errors={updateProblems?.fieldErrors?.description}
          textareaProps={{
            name: "description",
            rows: 3,
            defaultValue: String(values.description ?? position.description),
          }}
        />
        <div>
          <label htmlFor="questionnaireVersionId">{t("list.version")}</label>
          {position.versionLocked ? (
            <>
              <input type="hidden" name="questionnaireVersionId" value={position.questionnaireVersionId} />
              <select id="questionnaireVersionId" disabled aria-describedby="version-locked">
                <option>{currentVersion?.label ?? position.questionnaireLabel}</option>
              </select>
              <div id="version-locked" className="muted">
                {t("edit.locked")}
              </div>
            </>
          ) : (
            <select
              id="questionnaireVersionId"
              name="questionnaireVersionId"
              defaultValue={String(values.questionnaireVersionId ?? position.questionnaireVersionId)}
              aria-invalid={updateProblems?.fieldErrors?.questionnaireVersionId ? true : undefined}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          )}
          {updateProblems?.fieldErrors?.questionnaireVersionId ? (
            <p className="error-list">{updateProblems.fieldErrors?.questionnaireVersionId?.join(" ")}</p>
          ) : null}
        </div>
        <div>
          <label htmlFor="status">{t("common:status")}</label>
          <select id="status" name="status" defaultValue={String(values.status ?? position.status)}>
            <option value="open">{t("edit.open")}</option>
            <option value="closed">{t("edit.closed")}</option>
          </select>
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("common:saving") : t("edit.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
