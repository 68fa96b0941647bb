import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OutboxList } from "~/components/outbox-list";
import { mailEnabled } from "~/models/invitation-mail.server";
import { listOutbox, markOutboxSent } from "~/models/invitation-outbox.server";
import { parseForm } from "~/utils/form.server";
import { requireRole } from "~/utils/route-roles.server";
import { staffT } from "~/i18n/staff-catalogs.server";
import { outboxActionSchema } from "~/utils/schemas/invitations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.outbox");
  const outbox = await listOutbox(user.organizationId);
  const title = `${staffT(user.locale, "shell")("outbox.title")} · valuebench`;
  return { ...outbox, title, mailEnabled: mailEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.outbox");
  const parsed = await parseForm(request, outboxActionSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  await markOutboxSent(user.organizationId, parsed.data.outboxId, { userId: user.id, label: user.email });
  const t = staffT(user.locale, "shell");
  return data({ ok: true as const, message: t("outbox.marked") });
}

export default function OutboxPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <OutboxList
      {...loaderData}
      message={actionData?.ok ? actionData.message : null}
      error={actionData && !actionData.ok ? actionData.formError : null}
    />
  );
}
