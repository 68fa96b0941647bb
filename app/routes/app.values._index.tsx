import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, TextareaField } from "~/components/field";
import { MetricSuggestions, ValueFields } from "~/components/value-fields";
import { TemplateForm, ValuesList } from "~/components/values-list";
import {
  addBankValue,
  applyValuesTemplate,
  createOrgValue,
  deleteOrgValue,
  getVision,
  listOrgValues,
  METRIC_SUGGESTIONS,
  moveOrgValue,
  updateVision,
  ValueKeyTakenError,
} from "~/models/values.server";
import { listBankValues, listTemplates } from "~/questionnaire/bank.server";
import { failure, parseForm } from "~/utils/form.server";
import { readIntent } from "~/utils/form-intent.server";
import {
  addBankValueSchema,
  applyTemplateSchema,
  createValueSchema,
  valueRowActionSchema,
  visionSchema,
  VALUE_ARRAY_FIELDS,
} from "~/utils/schemas/values.server";
import { requireRole } from "~/utils/route-roles.server";
import valuesCss from "~/styles/values.css?url";

export const meta: MetaFunction = () => [{ title: "Values · valuebench" }];
export const links = () => [{ rel: "stylesheet", href: valuesCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.values._index");
  const values = await listOrgValues(user.organizationId);
  const taken = new Set(values.map((v) => v.key));
  return {
    canEdit: user.role === "admin",
    vision: await getVision(user.organizationId),
    values,
    bankValues: listBankValues()
      .filter((v) => !taken.has(v.id))
      .map((v) => ({ id: v.id, name: v.name })),
    templates: listTemplates().map((t) => ({ id: t.id, name: t.name, description: t.description })),
    metricSuggestions: [...METRIC_SUGGESTIONS],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.values._index");
  const actor = { userId: user.id, label: user.email };
  const orgId = user.organizationId;
  const intent = await readIntent(request);
  if (intent === "vision") {
    const parsed = await parseForm(request, visionSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    await updateVision(orgId, parsed.data.vision, actor);
    return { ok: true as const, intent, message: "Vision saved." };
  }
  if (intent === "apply-template") {
    const parsed = await parseForm(request, applyTemplateSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const result = await applyValuesTemplate(
      orgId,
      parsed.data.template,
      { confirmReplace: !!parsed.data.confirm },
      actor,
    );
    if (!result.ok) return data({ ...failure(result.message, {}, { template: parsed.data.template }), intent }, 409);
    return {
      ok: true as const,
      intent,
      message: `Template applied: ${result.created.length} value(s) added, ${result.updated.length} updated.`,
    };
  }
  if (intent === "add-bank") {
    const parsed = await parseForm(request, addBankValueSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    try {
      const id = await addBankValue(orgId, parsed.data.bank, actor);
      return redirect(`/app/values/${id}`);
    } catch (error) {
      if (error instanceof ValueKeyTakenError)
        return data({ ...failure(null, { bank: [error.message] }), intent }, 400);
      throw error;
    }
  }
  if (intent === "create") {
    const parsed = await parseForm(request, createValueSchema, { arrays: VALUE_ARRAY_FIELDS });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const { intent: _intent, key, ...input } = parsed.data;
    try {
      await createOrgValue(orgId, key, input, actor);
    } catch (error) {
      if (error instanceof ValueKeyTakenError) {
        return data({ ...failure(null, { key: [error.message] }, { ...parsed.data }), intent }, 400);
      }
      throw error;
    }
    return { ok: true as const, intent, message: `Value “${input.name}” added.` };
  }
  const parsed = await parseForm(request, valueRowActionSchema);
  if (!parsed.ok) return data({ ...parsed, intent }, 400);
  const { valueId } = parsed.data;
  if (parsed.data.intent === "delete") await deleteOrgValue(orgId, valueId, actor);
  else await moveOrgValue(orgId, valueId, parsed.data.intent === "move-up" ? "up" : "down", actor);
  return { ok: true as const, intent, message: parsed.data.intent === "delete" ? "Value deleted." : "Order saved." };
}

export default function Values() {
  const { canEdit, vision, values, bankValues, templates, metricSuggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problem = actionData && !actionData.ok ? actionData : null;
  const problemFor = (intent: string) => (problem?.intent === intent ? problem : null);
  const createProblem = problemFor("create");
  const createValues = (createProblem?.values ?? {}) as Record<string, unknown>;
  return (
    <div className="stack">
      <h1>Values</h1>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {!canEdit ? <p className="muted">Only administrators can change the values; you can read them here.</p> : null}

      <section aria-labelledby="vision-heading" className="stack">
        <h2 id="vision-heading">Vision</h2>
        {canEdit ? (
          <Form method="post" className="stack narrow" noValidate>
            <input type="hidden" name="intent" value="vision" />
            <TextareaField
              label="Vision statement"
              errors={problemFor("vision")?.fieldErrors.vision}
              textareaProps={{ name: "vision", rows: 2, defaultValue: vision }}
            />
            <div>
              <button type="submit" disabled={busy}>
                Save vision
              </button>
            </div>
          </Form>
        ) : (
          <p>{vision || <span className="muted">No vision statement yet.</span>}</p>
        )}
      </section>

      <section aria-labelledby="values-heading" className="stack">
        <h2 id="values-heading">Our values</h2>
        {values.length === 0 ? <p className="muted">No values yet. Start from a template or add them below.</p> : null}
        <ValuesList values={values} canEdit={canEdit} />
      </section>

      {canEdit ? (
        <>
          <section aria-labelledby="template-heading" className="stack narrow">
            <h2 id="template-heading">Start from a template</h2>
            <TemplateForm
              templates={templates}
              formError={problemFor("apply-template")?.formError}
              chosen={problemFor("apply-template")?.values.template as string | undefined}
              asksToReplace={values.length > 0 || Boolean(vision)}
              busy={busy}
            />
          </section>

          <section aria-labelledby="bank-heading" className="stack narrow">
            <h2 id="bank-heading">Add a value from the item bank</h2>
            {bankValues.length === 0 ? (
              <p className="muted">Every bank value is already in your list.</p>
            ) : (
              <Form method="post" className="row" noValidate>
                <input type="hidden" name="intent" value="add-bank" />
                <label htmlFor="bank-value">Bank value</label>
                <select
                  id="bank-value"
                  name="bank"
                  aria-invalid={problemFor("add-bank")?.fieldErrors.bank ? true : undefined}
                >
                  {bankValues.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
                <button type="submit" disabled={busy}>
                  Add value
                </button>
              </Form>
            )}
          </section>

          <section aria-labelledby="custom-heading" className="stack narrow">
            <h2 id="custom-heading">Add a custom value</h2>
            <p className="muted">A custom value has no bank items; write its items in the questionnaire builder.</p>
            {createProblem?.formError ? (
              <p className="alert error" role="alert">
                {createProblem.formError}
              </p>
            ) : null}
            <Form method="post" className="stack" noValidate key={actionData?.ok ? actionData.message : "create"}>
              <input type="hidden" name="intent" value="create" />
              <Field
                label="Key"
                hint="Lower-case letters, digits and dashes; used in questionnaire files. It cannot change later."
                errors={createProblem?.fieldErrors.key}
                inputProps={{
                  id: "new-key",
                  name: "key",
                  required: true,
                  defaultValue: String(createValues.key ?? ""),
                }}
              />
              <ValueFields
                idPrefix="new"
                values={{
                  name: createValues.name as string | undefined,
                  description: createValues.description as string | undefined,
                  iStatement: createValues.iStatement as string | undefined,
                  metrics: createValues.metrics as string[] | undefined,
                  direction: createValues.direction as string | undefined,
                  weight: createValues.weight as string | undefined,
                }}
                errors={createProblem?.fieldErrors ?? {}}
              />
              <div>
                <button type="submit" disabled={busy}>
                  Add custom value
                </button>
              </div>
            </Form>
          </section>
          <MetricSuggestions metrics={metricSuggestions} />
        </>
      ) : null}
    </div>
  );
}
