import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ApiReference } from "~/components/api-reference";
import { ErrorList } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { createApiKey, listApiKeys, revokeApiKey } from "~/models/api-keys.server";
import { apiReference } from "~/utils/api/reference.server";
import { publicOrigin } from "~/utils/env.server";
import { readIntent } from "~/utils/form-intent.server";
import { failure, parseForm } from "~/utils/form.server";
import { requireRole } from "~/utils/route-roles.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import {
  apiScopeDescription,
  API_SCOPES,
  createApiKeySchema,
  revokeApiKeySchema,
} from "~/utils/schemas/api-keys.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.settings_.api");
  return {
    title: staffT(user.locale, "admin")("api.title"),
    keys: await listApiKeys(user.organizationId),
    scopes: API_SCOPES.map((scope) => ({ scope, description: apiScopeDescription(scope, user.locale) })),
    reference: apiReference(publicOrigin()),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.settings_.api");
  const actor = { userId: user.id, label: user.email };
  const intent = await readIntent(request);
  const t = staffT(user.locale, "admin");
  if (intent === "create") {
    const parsed = await parseForm(request, createApiKeySchema, { arrays: ["scopes"], locale: user.locale });
    if (!parsed.ok) return data(parsed, 400);
    const { secret } = await createApiKey(user.organizationId, parsed.data, actor);
    return data({ ok: true as const, created: { name: parsed.data.name, secret } });
  }
  if (intent === "revoke") {
    const parsed = await parseForm(request, revokeApiKeySchema, { locale: user.locale });
    if (!parsed.ok) return data(parsed, 400);
    await revokeApiKey(user.organizationId, parsed.data.keyId, actor);
    return data({ ok: true as const, message: t("api.revoked") });
  }
  return data(failure(t("api.unknownAction", { intent: intent || "—" })), 400);
}

export default function ApiSettings() {
  const { keys, scopes, reference } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("admin");
  const failed = result && !result.ok ? result : null;
  const created = result?.ok && "created" in result ? result.created : null;
  return (
    <div className="stack">
      <h1>{t("api.heading")}</h1>
      <p>
        {t("api.intro")} <a href="/app/settings/webhooks">{t("api.webhooksLink")}</a>
      </p>
      {created ? (
        <div className="alert success stack" role="status">
          <p>{t("api.created", { name: created.name })}</p>
          <p>
            <code className="secret">{created.secret}</code>
          </p>
        </div>
      ) : null}
      {result?.ok && "message" in result ? (
        <p className="alert success" role="status">
          {result.message}
        </p>
      ) : null}
      {failed?.formError ? (
        <p className="alert error" role="alert">
          {t.message(failed.formError)}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="api-keys">
        <h2 id="api-keys">{t("api.keys")}</h2>
        {keys.length === 0 ? (
          <p className="muted">{t("api.noKeys")}</p>
        ) : (
          <table>
            <caption className="sr-only">{t("api.keys")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common:name")}</th>
                <th scope="col">{t("api.key")}</th>
                <th scope="col">{t("api.scopes")}</th>
                <th scope="col">{t("common:created")}</th>
                <th scope="col">{t("api.lastUsed")}</th>
                <th scope="col">{t("api.state")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.scopes.join(", ")}</td>
                  <td>
                    <FormattedDate value={key.createdAt} />
                    {key.createdBy ? ` ${t("api.by", { name: key.createdBy })}` : ""}
                  </td>
                  <td>
                    <FormattedDate value={key.lastUsedAt} missing={t("common:never")} />
                  </td>
                  <td>
                    {key.revokedAt ? (
                      <>
                        {t("api.revokedOn")} <FormattedDate value={key.revokedAt} />
                      </>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="keyId" value={key.id} />
                        <button type="submit" className="secondary" disabled={busy}>
                          {t("api.revoke", { name: key.name })}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Form method="post" className="stack card" noValidate>
          <h3>{t("api.newKey")}</h3>
          <input type="hidden" name="intent" value="create" />
          <label>
            {t("common:name")}
            <input name="name" required maxLength={200} aria-describedby="key-name-errors" />
          </label>
          <ErrorList id="key-name-errors" errors={failed?.fieldErrors.name} />
          <fieldset>
            <legend>{t("api.scopes")}</legend>
            {scopes.map((s) => (
              <label key={s.scope}>
                <input type="checkbox" name="scopes" value={s.scope} /> <code>{s.scope}</code>: {s.description}
              </label>
            ))}
          </fieldset>
          <ErrorList id="key-scopes-errors" errors={failed?.fieldErrors.scopes} />
          <button type="submit" disabled={busy}>
            {t("api.create")}
          </button>
        </Form>
      </section>

      <ApiReference reference={reference} />
    </div>
  );
}
