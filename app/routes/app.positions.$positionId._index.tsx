import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InvitationsSection, type InvitationsActionData } from "~/components/invitations-section";
import { PositionEditForm } from "~/components/position-edit-form";
import {
  createInvitations,
  InvitationClosedError,
  listInvitations,
  PositionClosedError,
  resendInvitation,
  revokeInvitation,
} from "~/models/invitation.server";
import { getOrganization } from "~/models/organization.server";
import { getPosition, updatePosition, UnknownVersionError, VersionLockedError } from "~/models/position.server";
import { listPublishedVersions } from "~/models/questionnaire.server";
import { defaultInvitationLocale, positionLocales } from "~/models/respondent-locale.server";
import { readIntent, requestFormData } from "~/utils/form-intent.server";
import { parseInvitationList } from "~/utils/invitation-list";
import { publicOrigin } from "~/utils/env.server";
import { failure, parseForm, translated } from "~/utils/form.server";
import {
  invitationActionSchema,
  inviteListSchema,
  inviteOneSchema,
  positionUpdateSchema,
} from "~/utils/schemas/positions.server";
import type { StaffUser } from "~/models/user.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.position.title : "Position"} · valuebench` },
];

const NOT_OFFERED = "The questionnaire of this position is not published in that language.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId._index");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const [versions, invitations, org, locales] = await Promise.all([
    listPublishedVersions(user.organizationId),
    listInvitations(user.organizationId, position.id),
    getOrganization(user.organizationId),
    positionLocales(user.organizationId, position.id),
  ]);
  return {
    position,
    versions: versions.map((v) => ({ id: v.id, label: `${v.questionnaireTitle} v${v.version}` })),
    agents: invitations.filter((i) => i.kind === "agent" && i.group === "top"),
    comparisonAgents: invitations.filter((i) => i.kind === "agent" && i.group === "comparison"),
    candidates: invitations.filter((i) => i.kind === "candidate"),
    // Only the languages the position's questionnaire version is published in (issue 11).
    defaultLocale: defaultInvitationLocale(org?.default_locale, locales),
    locales,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId._index");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const actor = { userId: user.id, label: user.email };
  // invitation links start with PUBLIC_URL, never with the request's Host header (issue 15)
  const origin = publicOrigin();
  const intent = await readIntent(request);
  const posted = await requestFormData(request).catch(() => null);
  const kind = posted?.get("kind") === "candidate" ? "candidate" : "agent";
  const group = posted?.get("group") === "comparison" ? "comparison" : "top";
  try {
    return await positionAction(request, intent, user, position, actor, origin);
  } catch (error) {
    // invite-one / invite-list on a closed position (a re-issued link is refused with InvitationClosedError below)
    if (error instanceof PositionClosedError) {
      return data({ ...failure(error.message), intent, kind, group }, 409);
    }
    throw error;
  }
}

async function positionAction(
  request: Request,
  intent: string,
  user: StaffUser,
  position: Awaited<ReturnType<typeof getPosition>>,
  actor: { userId: string; label: string },
  origin: string,
) {
  if (intent === "update") {
    const parsed = await parseForm(request, positionUpdateSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    try {
      const { intent: _ignored, ...input } = parsed.data;
      await updatePosition(user.organizationId, position.id, input, actor);
      return data({ ok: true as const, intent, message: "The position is saved." });
    } catch (error) {
      if (error instanceof VersionLockedError || error instanceof UnknownVersionError) {
        return data(
          {
            ...failure(null, { questionnaireVersionId: [translated(error.message, user.locale)] }, parsed.data),
            intent,
          },
          error instanceof VersionLockedError ? 409 : 400,
        );
      }
      throw error;
    }
  }

  if (intent === "invite-one") {
    const parsed = await parseForm(request, inviteOneSchema);
    if (!parsed.ok) return data({ ...parsed, intent, kind: parsed.values.kind, group: parsed.values.group }, 400);
    const { kind, group, name, email, locale } = parsed.data;
    if (!(await positionLocales(user.organizationId, position.id)).includes(locale)) {
      return data({ ...failure(null, { locale: [NOT_OFFERED] }, parsed.data), intent, kind, group }, 400);
    }
    const issued = await createInvitations(
      user.organizationId,
      position.id,
      kind,
      [{ name, email, locale, group }],
      actor,
      origin,
    );
    return data({ ok: true as const, intent, kind, group, issued, message: `Invited ${name}.` });
  }

  if (intent === "invite-list") {
    const parsed = await parseForm(request, inviteListSchema);
    if (!parsed.ok) return data({ ...parsed, intent, kind: parsed.values.kind, group: parsed.values.group }, 400);
    const { kind, group } = parsed.data;
    if (!(await positionLocales(user.organizationId, position.id)).includes(parsed.data.locale)) {
      return data({ ...failure(null, { locale: [NOT_OFFERED] }, parsed.data), intent, kind, group }, 400);
    }
    const list = parseInvitationList(parsed.data.list);
    if (!list.ok) {
      return data(
        {
          ...failure("Nothing was created. Fix these lines and send the list again.", {}, parsed.data),
          intent,
          kind,
          group,
          lineErrors: list.errors,
        },
        400,
      );
    }
    const issued = await createInvitations(
      user.organizationId,
      position.id,
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
      message: `Invited ${issued.length} ${issued.length === 1 ? "person" : "people"}.`,
    });
  }

  if (intent === "revoke" || intent === "resend") {
    const parsed = await parseForm(request, invitationActionSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const invitations = await listInvitations(user.organizationId, position.id);
    const target = invitations.find((i) => i.id === parsed.data.invitationId);
    if (!target) throw new Response("Not found", { status: 404 });
    if (intent === "revoke") {
      await revokeInvitation(user.organizationId, position.id, target.id, actor);
      return data({
        ok: true as const,
        intent,
        kind: target.kind,
        group: target.group,
        message: `The link of ${target.name} no longer works.`,
      });
    }
    try {
      const issued = await resendInvitation(user.organizationId, position.id, target.id, actor, origin);
      return data({
        ok: true as const,
        intent,
        kind: target.kind,
        group: target.group,
        issued: [issued],
        message: `New link for ${target.name}; the old link no longer works.`,
      });
    } catch (error) {
      if (error instanceof InvitationClosedError) {
        return data({ ...failure(error.message), intent, kind: target.kind, group: target.group }, 409);
      }
      throw error;
    }
  }

  return data({ ...failure("Unknown action."), intent }, 400);
}

export default function PositionOverview() {
  const { position, versions, agents, comparisonAgents, candidates, defaultLocale, locales } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    (InvitationsActionData & { intent?: string; message?: string }) | undefined;
  const update = actionData?.intent === "update" ? actionData : null;
  return (
    <>
      <h1>{position.title}</h1>
      {position.description ? <p className="position-description">{position.description}</p> : null}
      {position.status === "closed" ? (
        <p className="alert warning">
          This position is closed: nobody new can be invited and invitation links no longer open. Everything already
          answered stays readable. To invite again, set the status to Open under “Edit position”.
        </p>
      ) : null}
      <p>
        Questionnaire: <strong>{position.questionnaireLabel}</strong>.{" "}
        {position.versionLocked ? (
          <span className="muted">
            It is fixed now: {position.responses} {position.responses === 1 ? "person has" : "people have"} answered,
            and every answer must belong to the same version.
          </span>
        ) : (
          <span className="muted">You can still change it: nobody has answered yet.</span>
        )}
      </p>

      <InvitationsSection
        kind="agent"
        title="Top agents"
        intro="Your best agents answer the questionnaire once; their answers become the benchmark. Invite at least 5 (10 or more is better)."
        invitations={agents}
        actionData={actionData?.kind === "agent" && actionData.group !== "comparison" ? actionData : undefined}
        defaultLocale={defaultLocale}
        locales={locales}
      />
      <InvitationsSection
        kind="agent"
        group="comparison"
        title="Comparison agents"
        intro="Ordinary members of the same team answer the same questionnaire. They never enter the benchmark; comparing them with your top agents shows which values really separate the best (the validity page). Invite at least 5, ideally as many as top agents."
        invitations={comparisonAgents}
        actionData={actionData?.kind === "agent" && actionData.group === "comparison" ? actionData : undefined}
        defaultLocale={defaultLocale}
        locales={locales}
      />
      <InvitationsSection
        kind="candidate"
        title="Candidates"
        intro="Candidates answer the same questionnaire and are compared with the active benchmark."
        invitations={candidates}
        actionData={actionData?.kind === "candidate" ? actionData : undefined}
        defaultLocale={defaultLocale}
        locales={locales}
      />

      <PositionEditForm position={position} versions={versions} update={update} />
    </>
  );
}
