import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, Field } from "~/components/field";
import { createQuestionnaire, UnknownTemplateError } from "~/models/questionnaire.server";
import { listOrgValues } from "~/models/values.server";
import { listTemplates } from "~/questionnaire/bank.server";
import { failure, parseForm } from "~/utils/form.server";
import { newQuestionnaireSchema } from "~/utils/schemas/questionnaires.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction = () => [{ title: "New questionnaire · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.new");
  return {
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
  const parsed = await parseForm(request, newQuestionnaireSchema);
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
    if (error instanceof UnknownTemplateError) return data(failure(null, { start: [error.message] }, parsed.data), 400);
    throw error;
  }
}

export default function NewQuestionnaire() {
  const { templates, valueCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const chosen = String(actionData?.values.start ?? templates[0]?.id ?? "blank");
  return (
    <div className="stack narrow">
      <p>
        <Link to="/app/questionnaires">← Questionnaires</Link>
      </p>
      <h1>New questionnaire</h1>
      {actionData?.formError ? (
        <p className="alert error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label="Title"
          hint="Shown to respondents. The questionnaire id is made from it."
          errors={actionData?.fieldErrors.title}
          inputProps={{ name: "title", required: true, defaultValue: String(actionData?.values.title ?? "") }}
        />
        <fieldset
          aria-invalid={actionData?.fieldErrors.start ? true : undefined}
          aria-describedby={actionData?.fieldErrors.start ? "start-error" : undefined}
        >
          <legend>Start from</legend>
          <div className="choices">
            {templates.map((t) => (
              <label key={t.id}>
                <input type="radio" name="start" value={t.id} defaultChecked={chosen === t.id} />
                <span>
                  <strong>Template: {t.name}</strong>{" "}
                  <span className="muted">
                    {t.description} Values: {t.values.join(", ")} (missing ones are added to your values).
                  </span>
                </span>
              </label>
            ))}
            <label>
              <input type="radio" name="start" value="blank" defaultChecked={chosen === "blank"} />
              <span>
                <strong>Scratch</strong>{" "}
                <span className="muted">
                  Your {valueCount} current value{valueCount === 1 ? "" : "s"}, no items picked yet.
                </span>
              </span>
            </label>
          </div>
          <ErrorList id="start-error" errors={actionData?.fieldErrors.start} />
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create draft"}
          </button>
        </div>
      </Form>
    </div>
  );
}
