import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OutboxList } from "~/components/outbox-list";
import { mailEnabled } from "~/models/invitation-mail.server";
import { listOutbox, markOutboxSent } from "~/models/invitation-outbox.server";
import { parseForm } from "~/utils/form.server";
import { requireRole } from "~/utils/route-roles.server";
import { outboxActionSchema } from "~/utils/schemas/invitations.server";

export const meta: MetaFunction = () => [{ title: "Outbox · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.outbox");
  const outbox = await listOutbox(user.organizationId);
  return { ...outbox, mailEnabled: mailEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.outbox");
  const parsed = await parseForm(request, outboxActionSchema);
  if (!parsed.ok) return data(parsed, 400);
  await markOutboxSent(user.organizationId, parsed.data.outboxId, { userId: user.id, label: user.email });
  return data({ ok: true as const, message: "Marked as sent; its copy with the link is deleted." });
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
