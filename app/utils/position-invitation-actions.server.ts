// The invitation actions of the position page (/app/positions/<id>): invite one, invite a pasted list, revoke and
// re-issue a link. Every message comes back in the reader's language (issue 18); English without a locale.
import { data } from "@remix-run/node";
import { staffT } from "~/i18n/staff-catalogs.server";
import {
  createInvitations,
  InvitationClosedError,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from "~/models/invitation.server";
import { positionLocales } from "~/models/respondent-locale.server";
import type { StaffUser } from "~/models/user.server";
import { failure, parseForm, translated } from "~/utils/form.server";
import { parseInvitationList } from "~/utils/invitation-list";
import { invitationActionSchema, inviteListSchema, inviteOneSchema } from "~/utils/schemas/positions.server";

export type InvitationActionContext = {
  request: Request;
  user: StaffUser;
  positionId: string;
  actor: { userId: string; label: string };
  /** Invitation links start with PUBLIC_URL, never with the request's Host header (issue 15). */
  origin: string;
};

export async function inviteOne({ request, user, positionId, actor, origin }: InvitationActionContext) {
  const t = staffT(user.locale, "invitations");
  const intent = "invite-one";
  const parsed = await parseForm(request, inviteOneSchema, { locale: user.locale });
  if (!parsed.ok) return data({ ...parsed, intent, kind: parsed.values.kind, group: parsed.values.group }, 400);
  const { kind, group, name, email, locale } = parsed.data;
  if (!(await positionLocales(user.organizationId, positionId)).includes(locale)) {
    return data({ ...failure(null, { locale: [t("actions.notOffered")] }, parsed.data), intent, kind, group }, 400);
  }
  const issued = await createInvitations(
    user.organizationId,
    positionId,
    kind,
    [{ name, email, locale, group }],
    actor,
    origin,
  );
  return data({ ok: true as const, intent, kind, group, issued, message: t("actions.invitedOne", { name }) });
}

export async function inviteList({ request, user, positionId, actor, origin }: InvitationActionContext) {
  const t = staffT(user.locale, "invitations");
  const intent = "invite-list";
  const parsed = await parseForm(request, inviteListSchema, { locale: user.locale });
  if (!parsed.ok) return data({ ...parsed, intent, kind: parsed.values.kind, group: parsed.values.group }, 400);
  const { kind, group } = parsed.data;
  if (!(await positionLocales(user.organizationId, positionId)).includes(parsed.data.locale)) {
    return data({ ...failure(null, { locale: [t("actions.notOffered")] }, parsed.data), intent, kind, group }, 400);
  }
  const list = parseInvitationList(parsed.data.list);
  if (!list.ok) {
    return data(
      {
        ...failure(t("actions.listFailed"), {}, parsed.data),
        intent,
        kind,
        group,
        lineErrors: list.errors.map((e) => ({ line: e.line, message: translated(e.message, user.locale) })),
      },
      400,
    );
  }
  const issued = await createInvitations(
    user.organizationId,
    positionId,
    kind,
    list.entries.map((e) => ({ ...e, locale: parsed.data.locale, group })),
    actor,
    origin,
  );
  return data({
    ok: true as const,
    intent,
    kind,
    group,
    issued,
    message: t("actions.invitedMany", { count: issued.length }),
  });
}

/** Revoke a link, or issue a new one (the old one stops working). */
export async function revokeOrResend(
  intent: "revoke" | "resend",
  { request, user, positionId, actor, origin }: InvitationActionContext,
) {
  const t = staffT(user.locale, "invitations");
  const parsed = await parseForm(request, invitationActionSchema, { locale: user.locale });
  if (!parsed.ok) return data({ ...parsed, intent }, 400);
  const invitations = await listInvitations(user.organizationId, positionId);
  const target = invitations.find((i) => i.id === parsed.data.invitationId);
  if (!target) throw new Response("Not found", { status: 404 });
  const { kind, group } = target;
  if (intent === "revoke") {
    await revokeInvitation(user.organizationId, positionId, target.id, actor);
    return data({ ok: true as const, intent, kind, group, message: t("actions.revoked", { name: target.name }) });
  }
  try {
    const issued = await resendInvitation(user.organizationId, positionId, target.id, actor, origin);
    return data({
      ok: true as const,
      intent,
      kind,
      group,
      issued: [issued],
      message: t("actions.newLink", { name: target.name }),
    });
  } catch (error) {
    if (error instanceof InvitationClosedError) {
      return data({ ...failure(translated(error.text, user.locale)), intent, kind, group }, 409);
    }
    throw error;
  }
}
