import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { recordAudit } from "~/models/audit.server";
import { disableUser, getUser } from "~/models/user.server";
import { failure, parseForm } from "~/utils/form.server";
import { disableStaffSchema } from "~/utils/schemas/auth.server";
import { requireRole } from "~/utils/route-roles.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.team.$userId");
  const member = await getUser(user.organizationId, params.userId ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  const title = `${staffT(user.locale, "shell")("member.title")} · valuebench`;
  return { title, member, isSelf: member.id === user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.team.$userId");
  const member = await getUser(user.organizationId, params.userId ?? "");
  if (!member) throw new Response("Not found", { status: 404 });
  const parsed = await parseForm(request, disableStaffSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  if (member.id === user.id) return data(failure(staffT(user.locale, "shell")("member.notSelf")), 400);
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
  const t = useStaffT("shell");
  return (
    <>
      <p>
        <Link to="/app/team">{t("member.back")}</Link>
      </p>
      <h1>{member.name}</h1>
      <dl>
        <dt>{t("common:email")}</dt>
        <dd>{member.email}</dd>
        <dt>{t("team.role")}</dt>
        <dd>{member.role === "admin" ? t("roles.admin") : t("roles.recruiter")}</dd>
        <dt>{t("member.memberSince")}</dt>
        <dd>
          <FormattedDate value={member.created_at} precision="day" />
        </dd>
        <dt>{t("common:status")}</dt>
        <dd>
          {member.disabled_at ? (
            <>
              {t("member.disabledOn")} <FormattedDate value={member.disabled_at} precision="day" />
            </>
          ) : (
            t("member.active")
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
          <p className="muted">{t("member.disableNote")}</p>
          <button type="submit" className="danger">
            {t("member.disable")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
