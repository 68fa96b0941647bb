import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { addStaffMember, IN_YOUR_TEAM_MESSAGE } from "~/models/staff-member.server";
import { listUsers } from "~/models/user.server";
import { failure, parseForm } from "~/utils/form.server";
import { addStaffSchema } from "~/utils/schemas/auth.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction = () => [{ title: "Team · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.team");
  const users = await listUsers(user.organizationId);
  return { users };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.team");
  const parsed = await parseForm(request, addStaffSchema);
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
    return data(failure(null, { email: [IN_YOUR_TEAM_MESSAGE] }, { name, email, role }), 400);
  }
  return data({ ok: true as const, added: parsed.data.email });
}

export default function Team() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <h1>Team</h1>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
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
                  {u.role}
                  {u.disabled_at ? " (disabled)" : ""}
                </td>
                <td>
                  <FormattedDate value={u.created_at} precision="day" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a team member</h2>
      <p className="muted">
        Give them the temporary password in person or by phone; they log in with their email. Recruiters can run
        positions and read reports; admins also manage values, questionnaires and the team.
      </p>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          Added {actionData.added}. An address that already has an account in another organization gets no second one:
          its owner is told by mail instead.
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {failure.formError}
        </p>
      ) : null}
      <Form method="post" className="stack narrow" noValidate key={actionData?.ok ? actionData.added : "form"}>
        <Field
          label="Name"
          errors={failure?.fieldErrors.name}
          inputProps={{ name: "name", required: true, defaultValue: String(failure?.values.name ?? "") }}
        />
        <Field
          label="Email"
          errors={failure?.fieldErrors.email}
          inputProps={{
            name: "email",
            type: "email",
            required: true,
            defaultValue: String(failure?.values.email ?? ""),
          }}
        />
        <div>
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue={String(failure?.values.role ?? "recruiter")}>
            <option value="recruiter">Recruiter</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <Field
          label="Temporary password"
          hint="At least 12 characters."
          errors={failure?.fieldErrors.password}
          inputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true }}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Adding…" : "Add team member"}
          </button>
        </div>
      </Form>
    </>
  );
}
