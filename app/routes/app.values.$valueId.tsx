import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { MetricSuggestions, ValueFields } from "~/components/value-fields";
import { deleteOrgValue, getOrgValue, METRIC_SUGGESTIONS, updateOrgValue } from "~/models/values.server";
import { parseForm } from "~/utils/form.server";
import { readIntent } from "~/utils/form-intent.server";
import { updateValueSchema, VALUE_ARRAY_FIELDS } from "~/utils/schemas/values.server";
import { requireRole } from "~/utils/route-roles.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import valuesCss from "~/styles/values.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];
export const links = () => [{ rel: "stylesheet", href: valuesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.values.$valueId");
  const value = await getOrgValue(user.organizationId, params.valueId ?? "");
  const title = staffT(user.locale, "content")("edit.title", { name: value.name });
  return { value, title, metricSuggestions: [...METRIC_SUGGESTIONS] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.values.$valueId");
  const actor = { userId: user.id, label: user.email };
  const valueId = params.valueId ?? "";
  await getOrgValue(user.organizationId, valueId); // 404 before reading the form
  if ((await readIntent(request)) === "delete") {
    await deleteOrgValue(user.organizationId, valueId, actor);
    return redirect("/app/values");
  }
  const parsed = await parseForm(request, updateValueSchema, { arrays: VALUE_ARRAY_FIELDS, locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  const { intent: _intent, ...input } = parsed.data;
  await updateOrgValue(user.organizationId, valueId, input, actor);
  return redirect("/app/values");
}

export default function EditValue() {
  const { value, metricSuggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("content");
  const values = (actionData?.values ?? value) as Record<string, unknown>;
  return (
    <div className="stack narrow">
      <p>
        <Link to="/app/values">{t("edit.back")}</Link>
      </p>
      <h1>{t("edit.heading", { name: value.name })}</h1>
      <p className="muted">
        {t("edit.key")} <span className="badge">{value.key}</span> {t("edit.keyFixed")}
      </p>
      {actionData?.formError ? (
        <p className="alert error" role="alert">
          {t.message(actionData.formError)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="update" />
        <ValueFields
          idPrefix="edit"
          values={{
            name: values.name as string,
            description: values.description as string,
            iStatement: values.iStatement as string,
            metrics: values.metrics as string[],
            direction: values.direction as string,
            weight: values.weight as string,
          }}
          errors={actionData?.fieldErrors ?? {}}
        />
        <div>
          <button type="submit" disabled={busy}>
            {t("edit.save")}
          </button>
        </div>
      </Form>
      <MetricSuggestions metrics={metricSuggestions} />
      <h2>{t("common:delete")}</h2>
      <Form method="post">
        <p className="muted">{t("edit.deleteNote")}</p>
        <button type="submit" name="intent" value="delete" className="danger">
          {t("edit.delete", { name: value.name })}
        </button>
      </Form>
    </div>
  );
}
