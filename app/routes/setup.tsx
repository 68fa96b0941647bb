import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { negotiateLocale } from "~/i18n/catalogs.server";
import { StaffI18n, useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { ensureStaffCatalogs } from "~/i18n/staff-load";
import { Field } from "~/components/field";
import { completeFirstRun, countUsers, setupTokenState } from "~/models/first-run.server";
import { clientIp } from "~/utils/client-ip.server";
import { failure, parseForm } from "~/utils/form.server";
import { MIN_PASSWORD_LENGTH } from "~/utils/password-rules";
import { setupSchema } from "~/utils/schemas/setup.server";
import { createStaffSession } from "~/utils/session.server";

// First run of a deployment without the demo: public, but only while the database has no staff account at all.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

async function requireNoUsers(): Promise<void> {
  if ((await countUsers()) > 0) throw new Response("Not found", { status: 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireNoUsers();
  const token = (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);
  // Before any account exists the page follows the browser's Accept-Language (issue 18).
  const staffLocale = negotiateLocale(request);
  const title = `${staffT(staffLocale, "shell")("setup.title")} · valuebench`;
  return { staffLocale, title, token, tokenState: token ? await setupTokenState(token) : null };
}

/** A client navigation here loads the page's language first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const loaded = await serverLoader<typeof loader>();
  await ensureStaffCatalogs(loaded.staffLocale);
  return loaded;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireNoUsers();
  const locale = negotiateLocale(request);
  const t = staffT(locale, "shell");
  const parsed = await parseForm(request, setupSchema, { locale });
  if (!parsed.ok) return data(parsed, 400);
  const { token, organizationName, name, email } = parsed.data;
  const result = await completeFirstRun(parsed.data, clientIp(context));
  if (result.status === "already-set-up") throw new Response("Not found", { status: 404 });
  if (result.status === "throttled") {
    return data(failure(t("setup.throttled"), {}, {}), 429);
  }
  if (result.status !== "created") {
    const message = result.status === "token-expired" ? t("setup.expired") : t("setup.unknown");
    return data(failure(null, { token: [message] }, { token, organizationName, name, email }), 403);
  }
  const cookie = await createStaffSession(result.userId);
  throw redirect("/app", { headers: { "Set-Cookie": cookie } });
}

export default function Setup() {
  const { staffLocale } = useLoaderData<typeof loader>();
  return (
    <StaffI18n locale={staffLocale}>
      <SetupForm />
    </StaffI18n>
  );
}

function SetupForm() {
  const { token, tokenState } = useLoaderData<typeof loader>();
  const t = useStaffT("shell");
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const refused = actionData && !actionData.ok ? actionData : null;
  const fieldErrors = refused?.fieldErrors ?? {};
  const values = refused?.values ?? {};
  const text = (name: string) => String(values[name] ?? "");
  const tokenProblem =
    tokenState === "expired" ? t("setup.expired") : tokenState === "unknown" ? t("setup.unknown") : null;
  // A valid token from the printed link travels in a hidden field; otherwise the field is shown to paste it.
  const showTokenField = tokenState !== "valid" || Boolean(fieldErrors.token);
  return (
    <main className="page narrow" id="main">
      <h1>{t("setup.heading")}</h1>
      <p>{t("setup.intro")}</p>
      <Form method="post" className="stack" noValidate>
        {refused?.formError ? (
          <div className="alert error" role="alert">
            {refused.formError}
          </div>
        ) : null}
        {tokenProblem && !fieldErrors.token ? (
          <div className="alert error" role="alert">
            {tokenProblem}
          </div>
        ) : null}
        {showTokenField ? (
          <Field
            label={t("setup.token")}
            hint={t("setup.tokenHint")}
            errors={fieldErrors.token}
            inputProps={{
              name: "token",
              type: "text",
              required: true,
              autoComplete: "off",
              spellCheck: false,
              defaultValue: text("token") || token,
            }}
          />
        ) : (
          <input type="hidden" name="token" value={token} />
        )}
        <Field
          label={t("setup.organizationName")}
          errors={fieldErrors.organizationName}
          inputProps={{
            name: "organizationName",
            type: "text",
            required: true,
            autoComplete: "organization",
            defaultValue: text("organizationName"),
          }}
        />
        <Field
          label={t("setup.yourName")}
          errors={fieldErrors.name}
          inputProps={{ name: "name", type: "text", required: true, autoComplete: "name", defaultValue: text("name") }}
        />
        <Field
          label={t("common:email")}
          errors={fieldErrors.email}
          inputProps={{
            name: "email",
            type: "email",
            required: true,
            autoComplete: "username",
            defaultValue: text("email"),
          }}
        />
        <Field
          label={t("login.password")}
          hint={t("setup.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          errors={fieldErrors.password}
          inputProps={{
            name: "password",
            type: "password",
            required: true,
            autoComplete: "new-password",
            minLength: MIN_PASSWORD_LENGTH,
          }}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("setup.creating") : t("setup.create")}
          </button>
        </div>
      </Form>
    </main>
  );
}
