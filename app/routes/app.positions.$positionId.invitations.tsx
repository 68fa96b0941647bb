import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InvitationPipeline, type PipelineActionData } from "~/components/invitation-pipeline";
import { languageName } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";
import { mailEnabled } from "~/models/invitation-mail.server";
import { listPipeline } from "~/models/invitation-pipeline.server";
import { getReminderSettings, remindInvitation } from "~/models/invitation-reminders.server";
import { InvitationClosedError, resendInvitation, revokeInvitation } from "~/models/invitation.server";
import { getPosition } from "~/models/position.server";
import { publicOrigin } from "~/utils/env.server";
import { failure, parseForm, translated } from "~/utils/form.server";
import { requireRole } from "~/utils/route-roles.server";
import { pipelineActionSchema } from "~/utils/schemas/invitations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.invitations");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const [rows, reminders] = await Promise.all([
    listPipeline(user.organizationId, position.id),
    getReminderSettings(user.organizationId),
  ]);
  const t = staffT(user.locale, "invitations");
  return {
    title: `${t("pipeline.title")} · ${position.title} · valuebench`,
    position: { id: position.id, title: position.title, status: position.status },
    // The answering language named in the reader's language on the server (the browser's ICU may differ).
    rows: rows.map((row) => ({ ...row, languageName: languageName(row.language, user.locale) })),
    reminders,
    mailEnabled: mailEnabled(),
    isAdmin: user.role === "admin",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.invitations");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const t = staffT(user.locale, "invitations");
  const parsed = await parseForm(request, pipelineActionSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  const { intent, invitationId } = parsed.data;
  const actor = { userId: user.id, label: user.email };
  // links start with PUBLIC_URL, never with the request's Host header (issue 15)
  const origin = publicOrigin();
  try {
    if (intent === "revoke") {
      await revokeInvitation(user.organizationId, position.id, invitationId, actor);
      return data({ ok: true as const, intent, message: t("pipeline.revoked") });
    }
    if (intent === "remind") {
      const sent = await remindInvitation(user.organizationId, position.id, invitationId, actor, origin);
      const message =
        sent.mail === "sent"
          ? t("pipeline.reminderMailed", { email: sent.email })
          : sent.mail === "failed"
            ? t("pipeline.reminderFailed", { email: sent.email })
            : t("pipeline.reminderQueued", { email: sent.email });
      return data({ ok: true as const, intent, message });
    }
    const issued = await resendInvitation(user.organizationId, position.id, invitationId, actor, origin, new Date(), {
      mail: intent === "resend",
    });
    const message =
      intent === "copy-link"
        ? t("actions.newLink", { name: issued.name })
        : issued.mail === "sent"
          ? t("pipeline.mailed", { email: issued.email ?? "" })
          : issued.mail === "failed"
            ? t("pipeline.mailFailed", { email: issued.email ?? "" })
            : issued.email
              ? t("pipeline.queued", { email: issued.email })
              : t("pipeline.noEmailAddress", { name: issued.name });
    return data({ ok: true as const, intent, message, issued });
  } catch (error) {
    if (error instanceof InvitationClosedError) {
      return data({ ...failure(translated(error.text, user.locale)), intent }, 409);
    }
    throw error;
  }
}

export default function InvitationsPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PipelineActionData | undefined;
  return <InvitationPipeline {...loaderData} actionData={actionData} />;
}
