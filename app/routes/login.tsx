import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, Field } from "~/components/field";
import { attemptLogin } from "~/models/auth.server";
import { clientIp } from "~/utils/client-ip.server";
import { failure, parseForm } from "~/utils/form.server";
import { loginSchema } from "~/utils/schemas/auth.server";
import { safeRedirect } from "~/utils/redirect-target.server";
import { createStaffSession, getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Log in · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect("/app");
  // The form carries the checked target, so a crafted link cannot put anything else into the hidden field.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.ok) return data(parsed, 400);
  const { email, password } = parsed.data;
  const target = safeRedirect(parsed.data.redirectTo);
  const result = await attemptLogin(email, password, clientIp(context));
  if (result.status === "throttled") {
    return data(failure("Too many failed attempts. Please wait 15 minutes before trying again.", {}, { email }), 429);
  }
  if (result.status === "invalid") {
    return data(failure("Email or password is incorrect.", {}, { email }), 401);
  }
  const cookie = await createStaffSession(result.userId);
  throw redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const fieldErrors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  const email = actionData && !actionData.ok ? String(actionData.values.email ?? "") : "";
  return (
    <main className="page narrow" id="main">
      <h1>Log in</h1>
      <Form method="post" className="stack" noValidate>
        {actionData && !actionData.ok && actionData.formError ? (
          <div className="alert error" role="alert">
            {actionData.formError}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Email"
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
          label="Password"
          errors={fieldErrors.password}
          inputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
        />
        <ErrorList errors={fieldErrors.redirectTo} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Logging in…" : "Log in"}
          </button>
        </div>
      </Form>
    </main>
  );
}
