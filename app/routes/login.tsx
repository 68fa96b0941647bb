import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { negotiateLocale } from "~/i18n/catalogs.server";
import { StaffI18n, useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { ensureStaffCatalogs } from "~/i18n/staff-load";
import { ErrorList, Field } from "~/components/field";
import { attemptLogin } from "~/models/auth.server";
import { clientIp } from "~/utils/client-ip.server";
import { failure, parseForm } from "~/utils/form.server";
import { loginSchema } from "~/utils/schemas/auth.server";
import { safeRedirect } from "~/utils/redirect-target.server";
import { createStaffSession, getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect("/app");
  // Before login the page follows the browser's Accept-Language (issue 18).
  const staffLocale = negotiateLocale(request);
  return {
    staffLocale,
    title: `${staffT(staffLocale, "shell")("login.title")} · valuebench`,
    // The form carries the checked target, so a crafted link cannot put anything else into the hidden field.
    redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")),
  };
}

/** A client navigation here (after logging out) loads the page's language first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const loaded = await serverLoader<typeof loader>();
  await ensureStaffCatalogs(loaded.staffLocale);
  return loaded;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = negotiateLocale(request);
  const t = staffT(locale, "shell");
  const parsed = await parseForm(request, loginSchema, { locale });
  if (!parsed.ok) return data(parsed, 400);
  const { email, password } = parsed.data;
  const target = safeRedirect(parsed.data.redirectTo);
  const result = await attemptLogin(email, password, clientIp(context));
  if (result.status === "throttled") {
    return data(failure(t("login.throttled"), {}, { email }), 429);
  }
  if (result.status === "invalid") {
    return data(failure(t("login.invalid"), {}, { email }), 401);
  }
  const cookie = await createStaffSession(result.userId);
  throw redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { staffLocale } = useLoaderData<typeof loader>();
  return (
    <StaffI18n locale={staffLocale}>
      <LoginForm />
    </StaffI18n>
  );
}

function LoginForm() {
  const t = useStaffT("shell");
  const actionData = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const fieldErrors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  const email = actionData && !actionData.ok ? String(actionData.values.email ?? "") : "";
  return (
    <main className="page narrow" id="main">
      <h1>{t("login.title")}</h1>
      <Form method="post" className="stack" noValidate>
        {actionData && !actionData.ok && actionData.formError ? (
          <div className="alert error" role="alert">
            {actionData.formError}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("common:email")}
          errors={fieldErrors.email}
          inputProps={{
            name: "email",
            type: "email",
            autoComplete: "username",
            required: true,
            defaultValue: email,
            autoFocus: true,
          }}
        />
        <Field
          label={t("login.password")}
          errors={fieldErrors.password}
          inputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
        />
        <ErrorList errors={fieldErrors.redirectTo} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("login.busy") : t("login.submit")}
          </button>
        </div>
      </Form>
    </main>
  );
}
