import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextareaField } from "~/components/field";
import { MetricSuggestions } from "~/components/value-fields";
import { BankValueForm, CustomValueForm } from "~/components/values-forms";
import { TemplateForm, ValuesList } from "~/components/values-list";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];
export const links = () => [{ rel: "stylesheet", href: valuesCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.values._index");
  const values = await listOrgValues(user.organizationId);
  const taken = new Set(values.map((v) => v.key));
  return {
    title: staffT(user.locale, "content")("values.title"),
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
  const locale = user.locale;
  const t = staffT(locale, "content");
  if (intent === "vision") {
    const parsed = await parseForm(request, visionSchema, { locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    await updateVision(orgId, parsed.data.vision, actor);
    return { ok: true as const, intent, message: t("values.visionSaved") };
  }
  if (intent === "apply-template") {
    const parsed = await parseForm(request, applyTemplateSchema, { locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const result = await applyValuesTemplate(
      orgId,
      parsed.data.template,
      { confirmReplace: !!parsed.data.confirm },
      actor,
    );
    if (!result.ok) {
      const message = t.message(result.message);
      return data({ ...failure(message, {}, { template: parsed.data.template }), intent }, 409);
    }
    const added = t("template.added", { count: result.created.length });
    const message = t("template.applied", { added, updated: result.updated.length });
    return { ok: true as const, intent, message };
  }
  if (intent === "add-bank") {
    const parsed = await parseForm(request, addBankValueSchema, { locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    try {
      const id = await addBankValue(orgId, parsed.data.bank, actor);
      return redirect(`/app/values/${id}`);
    } catch (error) {
      if (error instanceof ValueKeyTakenError)
        return data({ ...failure(null, { bank: [t.message(error.text)] }), intent }, 400);
      throw error;
    }
  }
  if (intent === "create") {
    const parsed = await parseForm(request, createValueSchema, { arrays: VALUE_ARRAY_FIELDS, locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const { intent: _intent, key, ...input } = parsed.data;
    try {
      await createOrgValue(orgId, key, input, actor);
    } catch (error) {
      if (error instanceof ValueKeyTakenError) {
        return data({ ...failure(null, { key: [t.message(error.text)] }, { ...parsed.data }), intent }, 400);
      }
      throw error;
    }
    return { ok: true as const, intent, message: t("values.added", { name: input.name }) };
  }
  const parsed = await parseForm(request, valueRowActionSchema, { locale });
  if (!parsed.ok) return data({ ...parsed, intent }, 400);
  const { valueId } = parsed.data;
  if (parsed.data.intent === "delete") await deleteOrgValue(orgId, valueId, actor);
  else await moveOrgValue(orgId, valueId, parsed.data.intent === "move-up" ? "up" : "down", actor);
  const message = t(parsed.data.intent === "delete" ? "values.deleted" : "values.orderSaved");
  return { ok: true as const, intent, message };
}

export default function Values() {
  const { canEdit, vision, values, bankValues, templates, metricSuggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useStaffT("content");
  const busy = useNavigation().state === "submitting";
  const problem = actionData && !actionData.ok ? actionData : null;
  const problemFor = (intent: string) => (problem?.intent === intent ? problem : null);
  return (
    <div className="stack">
      <h1>{t("values.heading")}</h1>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {!canEdit ? <p className="muted">{t("values.readOnly")}</p> : null}

      <section aria-labelledby="vision-heading" className="stack">
        <h2 id="vision-heading">{t("values.vision")}</h2>
        {canEdit ? (
          <Form method="post" className="stack narrow" noValidate>
            <input type="hidden" name="intent" value="vision" />
            <TextareaField
              label={t("values.visionLabel")}
              errors={problemFor("vision")?.fieldErrors.vision}
              textareaProps={{ name: "vision", rows: 2, defaultValue: vision }}
            />
            <div>
              <button type="submit" disabled={busy}>
                {t("values.saveVision")}
              </button>
            </div>
          </Form>
        ) : (
          <p>{vision || <span className="muted">{t("values.noVision")}</span>}</p>
        )}
      </section>

      <section aria-labelledby="values-heading" className="stack">
        <h2 id="values-heading">{t("values.ours")}</h2>
        {values.length === 0 ? <p className="muted">{t("values.none")}</p> : null}
        <ValuesList values={values} canEdit={canEdit} />
      </section>

      {canEdit ? (
        <>
          <section aria-labelledby="template-heading" className="stack narrow">
            <h2 id="template-heading">{t("template.heading")}</h2>
            <TemplateForm
              templates={templates}
              formError={problemFor("apply-template")?.formError}
              chosen={problemFor("apply-template")?.values.template as string | undefined}
              asksToReplace={values.length > 0 || Boolean(vision)}
              busy={busy}
            />
          </section>
          <BankValueForm bankValues={bankValues} errors={problemFor("add-bank")?.fieldErrors.bank} busy={busy} />
          <CustomValueForm
            problem={problemFor("create")}
            resetKey={actionData?.ok ? actionData.message : "create"}
            busy={busy}
          />
          <MetricSuggestions metrics={metricSuggestions} />
        </>
      ) : null}
    </div>
  );
}
