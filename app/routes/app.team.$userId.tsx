import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { recordAudit } from "~/models/audit.server";
import { disableUser, getUser } from "~/models/user.server";
import { failure, parseForm } from "~/utils/form.server";
import { disableStaffSchema } from "~/utils/schemas/auth.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction = () => [{ title: "Team member · valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.team.$userId");
  const member = await getUser(user.organizationId, params.userId ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  return { member, isSelf: member.id === user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.team.$userId");
  const member = await getUser(user.organizationId, params.userId ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  const parsed = await parseForm(request, disableStaffSchema);
  if (!parsed.ok) return data(parsed, 400);
  if (member.id === user.id) return data(failure("You cannot disable your own account."), 400);
  await disableUser(user.organizationId, member.id);
  await recordAudit({
    organizationId: user.organizationId,
    actorUserId: user.id,
    actorLabel: user.email,
    action: "staff.disabled",
    targetType: "user",
    targetId: member.id,
  });
  throw redirect("/app/team");
}

export default function TeamMember() {
  const { member, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/app/team">← Team</Link>
      </p>
      <h1>{member.name}</h1>
      <dl>
        <dt>Email</dt>
        <dd>{member.email}</dd>
        <dt>Role</dt>
        <dd>{member.role}</dd>
        <dt>Member since</dt>
        <dd>
          <FormattedDate value={member.created_at} precision="day" />
        </dd>
        <dt>Status</dt>
        <dd>
          {member.disabled_at ? (
            <>
              Disabled on <FormattedDate value={member.disabled_at} precision="day" />
            </>
          ) : (
            "Active"
          )}
        </dd>
      </dl>
      {actionData && !actionData.ok && actionData.formError ? (
        <p className="alert error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {!member.disabled_at && !isSelf ? (
        <Form method="post">
          <input type="hidden" name="intent" value="disable" />
          <p className="muted">Disabling ends their sessions at once; their past actions stay in the audit log.</p>
          <button type="submit" className="danger">
            Disable this account
          </button>
        </Form>
      ) : null}
    </>
  );
}
