import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { completeFirstRun, countUsers, setupTokenState } from "~/models/first-run.server";
import { clientIp } from "~/utils/client-ip.server";
import { failure, parseForm } from "~/utils/form.server";
import { MIN_PASSWORD_LENGTH } from "~/utils/password-rules";
import { setupSchema } from "~/utils/schemas/setup.server";
import { createStaffSession } from "~/utils/session.server";

// First run of a deployment without the demo: public, but only while the database has no staff account at all.

export const meta: MetaFunction = () => [{ title: "First run · valuebench" }];

const EXPIRED = "This setup link has expired (links work for 24 hours). Restart the server: it prints a new one.";
const UNKNOWN =
  "This setup token is not valid: it was mistyped or already used. Copy the newest link from the server log, or restart the server for a new one.";

async function requireNoUsers(): Promise<void> {
  if ((await countUsers()) > 0) throw new Response("Not found", { status: 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireNoUsers();
  const token = (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);
  return { token, tokenState: token ? await setupTokenState(token) : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireNoUsers();
  const parsed = await parseForm(request, setupSchema);
  if (!parsed.ok) return data(parsed, 400);
  const { token, organizationName, name, email } = parsed.data;
  const result = await completeFirstRun(parsed.data, clientIp(context));
  if (result.status === "already-set-up") throw new Response("Not found", { status: 404 });
  if (result.status === "throttled") {
    return data(failure("Too many wrong setup tokens from this address. Please wait 15 minutes.", {}, {}), 429);
  }
  if (result.status !== "created") {
    const message = result.status === "token-expired" ? EXPIRED : UNKNOWN;
    return data(failure(null, { token: [message] }, { token, organizationName, name, email }), 403);
  }
  const cookie = await createStaffSession(result.userId);
  throw redirect("/app", { headers: { "Set-Cookie": cookie } });
}

export default function Setup() {
  const { token, tokenState } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const refused = actionData && !actionData.ok ? actionData : null;
  const fieldErrors = refused?.fieldErrors ?? {};
  const values = refused?.values ?? {};
  const text = (name: string) => String(values[name] ?? "");
  const tokenProblem = tokenState === "expired" ? EXPIRED : tokenState === "unknown" ? UNKNOWN : null;
  // A valid token from the printed link travels in a hidden field; otherwise the field is shown to paste it.
  const showTokenField = tokenState !== "valid" || Boolean(fieldErrors.token);
  return (
    <main className="page narrow" id="main">
      <h1>Set up valuebench</h1>
      <p>
        This database has no staff account yet. Create your organization and its first administrator; you can add the
        rest of your team afterwards.
      </p>
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
            label="Setup token"
            hint="Printed in the server log when it started (the part after token= in the link)."
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
          label="Organization name"
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
          label="Your name"
          errors={fieldErrors.name}
          inputProps={{ name: "name", type: "text", required: true, autoComplete: "name", defaultValue: text("name") }}
        />
        <Field
          label="Email"
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
          label="Password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
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
            {busy ? "Creating…" : "Create organization and log in"}
          </button>
        </div>
      </Form>
    </main>
  );
}
