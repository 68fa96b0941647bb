import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InvitationPipeline, type PipelineActionData } from "~/components/invitation-pipeline";
import { mailEnabled } from "~/models/invitation-mail.server";
import { listPipeline } from "~/models/invitation-pipeline.server";
import { getReminderSettings, remindInvitation } from "~/models/invitation-reminders.server";
import { InvitationClosedError, resendInvitation, revokeInvitation } from "~/models/invitation.server";
import { getPosition } from "~/models/position.server";
import { publicOrigin } from "~/utils/env.server";
import { failure, parseForm } from "~/utils/form.server";
import { requireRole } from "~/utils/route-roles.server";
import { pipelineActionSchema } from "~/utils/schemas/invitations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Invitations · ${data ? data.position.title : "Position"} · valuebench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.invitations");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const [rows, reminders] = await Promise.all([
    listPipeline(user.organizationId, position.id),
    getReminderSettings(user.organizationId),
  ]);
  return {
    position: { id: position.id, title: position.title, status: position.status },
    rows,
    reminders,
    mailEnabled: mailEnabled(),
    isAdmin: user.role === "admin",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.invitations");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const parsed = await parseForm(request, pipelineActionSchema);
  if (!parsed.ok) return data(parsed, 400);
  const { intent, invitationId } = parsed.data;
  const actor = { userId: user.id, label: user.email };
  // links start with PUBLIC_URL, never with the request's Host header (issue 15)
  const origin = publicOrigin();
  try {
    if (intent === "revoke") {
      await revokeInvitation(user.organizationId, position.id, invitationId, actor);
      return data({ ok: true as const, intent, message: "The link was revoked: it no longer works." });
    }
    if (intent === "remind") {
      const sent = await remindInvitation(user.organizationId, position.id, invitationId, actor, origin);
      return data({ ok: true as const, intent, message: reminderMessage(sent) });
    }
    const issued = await resendInvitation(user.organizationId, position.id, invitationId, actor, origin, new Date(), {
      mail: intent === "resend",
    });
    const message =
      intent === "copy-link"
        ? `New link for ${issued.name}; the old link no longer works.`
        : issued.mail === "sent"
          ? `A new link was mailed to ${issued.email}; the old link no longer works.`
          : issued.mail === "failed"
            ? `The mail to ${issued.email} failed; it waits in the outbox and is tried again. The old link no longer works.`
            : issued.email
              ? `The new mail to ${issued.email} waits in the outbox; the old link no longer works.`
              : `${issued.name} has no email address: copy the new link below and send it yourself.`;
    return data({ ok: true as const, intent, message, issued });
  } catch (error) {
    if (error instanceof InvitationClosedError) return data({ ...failure(error.message), intent }, 409);
    throw error;
  }
}

function reminderMessage(sent: { name: string; email: string; mail?: "sent" | "failed" }): string {
  if (sent.mail === "sent") return `A reminder with a new link was mailed to ${sent.email}.`;
  if (sent.mail === "failed") return `The reminder to ${sent.email} failed; it waits in the outbox and is tried again.`;
  return `The reminder to ${sent.email} waits in the outbox (no mail server is configured).`;
}

export default function InvitationsPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PipelineActionData | undefined;
  return <InvitationPipeline {...loaderData} actionData={actionData} />;
}
