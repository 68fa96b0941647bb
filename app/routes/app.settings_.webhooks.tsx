import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/field";
import { WebhookDeliveryLog, WebhookEndpointList } from "~/components/webhook-tables";
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
} from "~/models/webhook-endpoints.server";
import { WEBHOOK_EVENT_TYPES } from "~/models/webhook-events.server";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { readIntent } from "~/utils/form-intent.server";
import { parseForm } from "~/utils/form.server";
import { requireRole } from "~/utils/route-roles.server";
import {
  createWebhookEndpointSchema,
  webhookEndpointIdSchema,
  webhookResendSchema,
} from "~/utils/schemas/webhooks.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.settings_.webhooks");
  const [endpoints, deliveries] = await Promise.all([
    listWebhookEndpoints(user.organizationId),
    listWebhookDeliveries(user.organizationId),
  ]);
  const t = staffT(user.locale, "admin");
  const events = WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: t(`webhooks.event.${type}`) }));
  return { title: `${t("webhooks.heading")} · valuebench`, endpoints, deliveries, events };
}

type ActionResult = { ok: true; created?: { url: string; secret: string }; message?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.settings_.webhooks");
  const actor = { userId: user.id, label: user.email };
  const intent = await readIntent(request);
  const locale = user.locale;
  const t = staffT(locale, "admin");
  if (intent === "create") {
    const parsed = await parseForm(request, createWebhookEndpointSchema, { arrays: ["events"], locale });
    if (!parsed.ok) return data(parsed, 400);
    const { secret } = await createWebhookEndpoint(user.organizationId, parsed.data, actor);
    return data<ActionResult>({ ok: true, created: { url: parsed.data.url, secret } });
  }
  if (intent === "disable") {
    const parsed = await parseForm(request, webhookEndpointIdSchema, { locale });
    if (!parsed.ok) return data(parsed, 400);
    await disableWebhookEndpoint(user.organizationId, parsed.data.endpointId, actor);
    return data<ActionResult>({ ok: true, message: t("webhooks.disabled") });
  }
  const parsed = await parseForm(request, webhookResendSchema, { locale });
  if (!parsed.ok) return data(parsed, 400);
  await resendWebhookDelivery(user.organizationId, parsed.data.deliveryId, actor);
  return data<ActionResult>({ ok: true, message: t("webhooks.resent") });
}

export default function Webhooks() {
  const { endpoints, deliveries, events } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("admin");
  const failure = actionData && !actionData.ok ? actionData : null;
  const created = actionData?.ok && actionData.created ? actionData.created : null;
  const chosen = new Set(Array.isArray(failure?.values.events) ? (failure.values.events as string[]) : []);
  return (
    <div className="stack">
      <h1>{t("webhooks.heading")}</h1>
      <p className="muted">
        <RichText text={t("webhooks.intro")} />
      </p>
      {created ? (
        <div className="alert success" role="status">
          <p>
            <RichText text={t("webhooks.created", { url: created.url })} />
          </p>
          <p>
            <code data-testid="webhook-secret">{created.secret}</code>
          </p>
        </div>
      ) : actionData?.ok && actionData.message ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {t.message(failure.formError)}
        </p>
      ) : null}

      <section className="stack">
        <h2>{t("webhooks.add")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor="webhook-url">{t("webhooks.url")}</label>
            <div id="webhook-url-hint" className="muted">
              {t("webhooks.urlHint")}
            </div>
            <input
              id="webhook-url"
              name="url"
              type="url"
              required
              defaultValue={typeof failure?.values.url === "string" ? failure.values.url : ""}
              aria-invalid={failure?.fieldErrors.url ? true : undefined}
              aria-describedby={["webhook-url-hint", failure?.fieldErrors.url ? "webhook-url-error" : ""]
                .filter(Boolean)
                .join(" ")}
            />
            <ErrorList id="webhook-url-error" errors={failure?.fieldErrors.url} />
          </div>
          <fieldset aria-describedby={failure?.fieldErrors.events ? "webhook-events-error" : undefined}>
            <legend>{t("webhooks.events")}</legend>
            {events.map((event) => (
              <div key={event.type} className="choices">
                <label>
                  <input
                    type="checkbox"
                    name="events"
                    value={event.type}
                    defaultChecked={failure ? chosen.has(event.type) : true}
                  />{" "}
                  <code>{event.type}</code> — {event.description}
                </label>
              </div>
            ))}
            <ErrorList id="webhook-events-error" errors={failure?.fieldErrors.events} />
          </fieldset>
          <div>
            <button type="submit" disabled={busy}>
              {t("webhooks.addButton")}
            </button>
          </div>
        </Form>
      </section>

      <section className="stack">
        <h2>{t("webhooks.endpoints")}</h2>
        <WebhookEndpointList endpoints={endpoints} busy={busy} />
      </section>

      <section className="stack">
        <h2>{t("webhooks.log")}</h2>
        <WebhookDeliveryLog deliveries={deliveries} busy={busy} />
      </section>
    </div>
  );
}
