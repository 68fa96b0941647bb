import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, Field } from "~/components/field";
import { createQuestionnaire, UnknownTemplateError } from "~/models/questionnaire.server";
import { listOrgValues } from "~/models/values.server";
import { listTemplates } from "~/questionnaire/bank.server";
import { failure, parseForm, translated } from "~/utils/form.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { newQuestionnaireSchema } from "~/utils/schemas/questionnaires.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.new");
  return {
    title: staffT(user.locale, "content")("newQuestionnaire.title"),
    valueCount: (await listOrgValues(user.organizationId)).length,
    templates: listTemplates().map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      values: t.values.map((v) => v.bank),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.new");
  const parsed = await parseForm(request, newQuestionnaireSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  const { title, start } = parsed.data;
  try {
    const id = await createQuestionnaire(
      user.organizationId,
      { title, templateId: start === "blank" ? null : start },
      { userId: user.id, label: user.email },
    );
    return redirect(`/app/questionnaires/${id}`);
  } catch (error) {
    if (error instanceof UnknownTemplateError) {
      return data(failure(null, { start: [translated(error.text, user.locale)] }, parsed.data), 400);
    }
    throw error;
  }
}

export default function NewQuestionnaire() {
  const { templates, valueCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("content");
  const chosen = String(actionData?.values.start ?? templates[0]?.id ?? "blank");
  return (
    <div className="stack narrow">
      <p>
        <Link to="/app/questionnaires">{t("newQuestionnaire.back")}</Link>
      </p>
      <h1>{t("questionnaires.new")}</h1>
      {actionData?.formError ? (
        <p className="alert error" role="alert">
          {t.message(actionData.formError)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label={t("newQuestionnaire.titleLabel")}
          hint={t("newQuestionnaire.titleHint")}
          errors={actionData?.fieldErrors.title}
          inputProps={{ name: "title", required: true, defaultValue: String(actionData?.values.title ?? "") }}
        />
        <fieldset
          aria-invalid={actionData?.fieldErrors.start ? true : undefined}
          aria-describedby={actionData?.fieldErrors.start ? "start-error" : undefined}
        >
          <legend>{t("newQuestionnaire.startFrom")}</legend>
          <div className="choices">
            {templates.map((template) => (
              <label key={template.id}>
                <input type="radio" name="start" value={template.id} defaultChecked={chosen === template.id} />
                <span>
                  <strong>{t("newQuestionnaire.template", { name: template.name })}</strong>{" "}
                  <span className="muted">
                    {template.description}{" "}
                    {t("newQuestionnaire.templateValues", { values: template.values.join(", ") })}
                  </span>
                </span>
              </label>
            ))}
            <label>
              <input type="radio" name="start" value="blank" defaultChecked={chosen === "blank"} />
              <span>
                <strong>{t("newQuestionnaire.scratch")}</strong>{" "}
                <span className="muted">{t("newQuestionnaire.scratchText", { count: valueCount })}</span>
              </span>
            </label>
          </div>
          <ErrorList id="start-error" errors={actionData?.fieldErrors.start} />
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("newQuestionnaire.creating") : t("newQuestionnaire.create")}
          </button>
        </div>
      </Form>
    </div>
  );
}
