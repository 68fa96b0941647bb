import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { addStaffMember } from "~/models/staff-member.server";
import { listUsers } from "~/models/user.server";
import { failure, parseForm } from "~/utils/form.server";
import { addStaffSchema } from "~/utils/schemas/auth.server";
import { requireRole } from "~/utils/route-roles.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.team");
  const users = await listUsers(user.organizationId);
  const title = `${staffT(user.locale, "shell")("team.title")} · valuebench`;
  return { title, users };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.team");
  const parsed = await parseForm(request, addStaffSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  const admin = {
    userId: user.id,
    label: user.email,
    organizationId: user.organizationId,
    organizationName: user.organizationName,
  };
  // The same answer whether the address was new or belongs to another organization (whose owner is told by mail).
  const result = await addStaffMember(admin, parsed.data);
  if (!result.ok) {
    const { name, email, role } = parsed.data;
    return data(
      failure(null, { email: [staffT(user.locale, "shell")("team.inYourTeam")] }, { name, email, role }),
      400,
    );
  }
  return data({ ok: true as const, added: parsed.data.email });
}

export default function Team() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = actionData && !actionData.ok ? actionData : null;
  const t = useStaffT("shell");
  return (
    <>
      <h1>{t("team.title")}</h1>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{t("team.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("common:name")}</th>
              <th scope="col">{t("common:email")}</th>
              <th scope="col">{t("team.role")}</th>
              <th scope="col">{t("team.since")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/app/team/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>
                  {u.role === "admin" ? t("roles.admin") : t("roles.recruiter")}
                  {u.disabled_at ? t("team.disabled") : ""}
                </td>
                <td>
                  <FormattedDate value={u.created_at} precision="day" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("team.addHeading")}</h2>
      <p className="muted">{t("team.addIntro")}</p>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {t("team.added", { email: actionData.added })}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {failure.formError}
        </p>
      ) : null}
      <Form method="post" className="stack narrow" noValidate key={actionData?.ok ? actionData.added : "form"}>
        <Field
          label={t("common:name")}
          errors={failure?.fieldErrors.name}
          inputProps={{ name: "name", required: true, defaultValue: String(failure?.values.name ?? "") }}
        />
        <Field
          label={t("common:email")}
          errors={failure?.fieldErrors.email}
          inputProps={{
            name: "email",
            type: "email",
            required: true,
            defaultValue: String(failure?.values.email ?? ""),
          }}
        />
        <div>
          <label htmlFor="role">{t("team.role")}</label>
          <select id="role" name="role" defaultValue={String(failure?.values.role ?? "recruiter")}>
            <option value="recruiter">{t("team.roleRecruiter")}</option>
            <option value="admin">{t("team.roleAdmin")}</option>
          </select>
        </div>
        <Field
          label={t("team.tempPassword")}
          hint={t("team.passwordHint")}
          errors={failure?.fieldErrors.password}
          inputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true }}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("team.adding") : t("team.add")}
          </button>
        </div>
      </Form>
    </>
  );
}
