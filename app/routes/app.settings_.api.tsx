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
import {
  API_SCOPE_DESCRIPTIONS,
  API_SCOPES,
  createApiKeySchema,
  revokeApiKeySchema,
} from "~/utils/schemas/api-keys.server";

export const meta: MetaFunction = () => [{ title: "API · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.settings_.api");
  return {
    keys: await listApiKeys(user.organizationId),
    scopes: API_SCOPES.map((scope) => ({ scope, description: API_SCOPE_DESCRIPTIONS[scope] })),
    reference: apiReference(publicOrigin()),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.settings_.api");
  const actor = { userId: user.id, label: user.email };
  const intent = await readIntent(request);
  if (intent === "create") {
    const parsed = await parseForm(request, createApiKeySchema, { arrays: ["scopes"] });
    if (!parsed.ok) return data(parsed, 400);
    const { secret } = await createApiKey(user.organizationId, parsed.data, actor);
    return data({ ok: true as const, created: { name: parsed.data.name, secret } });
  }
  if (intent === "revoke") {
    const parsed = await parseForm(request, revokeApiKeySchema);
    if (!parsed.ok) return data(parsed, 400);
    await revokeApiKey(user.organizationId, parsed.data.keyId, actor);
    return data({ ok: true as const, message: "The key is revoked: requests with it now get 401." });
  }
  return data(failure(`Unknown action: ${intent || "none"}.`), 400);
}

export default function ApiSettings() {
  const { keys, scopes, reference } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const created = result?.ok && "created" in result ? result.created : null;
  return (
    <div className="stack">
      <h1>API</h1>
      <p>
        Connect an applicant tracking system: invite candidates, read fit reports and send hires and outcomes back.
        Webhooks are on the <a href="/app/settings/webhooks">Webhooks</a> page.
      </p>
      {created ? (
        <div className="alert success stack" role="status">
          <p>Key “{created.name}” created. Copy it now: it is shown only this once and stored only as a hash.</p>
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
          {failed.formError}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="api-keys">
        <h2 id="api-keys">Keys</h2>
        {keys.length === 0 ? (
          <p className="muted">No keys yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
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
                    {key.createdBy ? ` by ${key.createdBy}` : ""}
                  </td>
                  <td>
                    <FormattedDate value={key.lastUsedAt} missing="never" />
                  </td>
                  <td>
                    {key.revokedAt ? (
                      <>
                        revoked <FormattedDate value={key.revokedAt} />
                      </>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="keyId" value={key.id} />
                        <button type="submit" className="secondary" disabled={busy}>
                          Revoke {key.name}
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
          <h3>New key</h3>
          <input type="hidden" name="intent" value="create" />
          <label>
            Name
            <input name="name" required maxLength={200} aria-describedby="key-name-errors" />
          </label>
          <ErrorList id="key-name-errors" errors={failed?.fieldErrors.name} />
          <fieldset>
            <legend>Scopes</legend>
            {scopes.map((s) => (
              <label key={s.scope}>
                <input type="checkbox" name="scopes" value={s.scope} /> <code>{s.scope}</code>: {s.description}
              </label>
            ))}
          </fieldset>
          <ErrorList id="key-scopes-errors" errors={failed?.fieldErrors.scopes} />
          <button type="submit" disabled={busy}>
            Create key
          </button>
        </Form>
      </section>

      <ApiReference reference={reference} />
    </div>
  );
}
