import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PositionOverview } from "~/components/position-overview";
import { languageName } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";
import { listInvitations, PositionClosedError } from "~/models/invitation.server";
import { getOrganization } from "~/models/organization.server";
import { getPosition, updatePosition, UnknownVersionError, VersionLockedError } from "~/models/position.server";
import { listPublishedVersions } from "~/models/questionnaire.server";
import { defaultInvitationLocale, positionLocales } from "~/models/respondent-locale.server";
import type { StaffUser } from "~/models/user.server";
import { FULL_BENCHMARK_N, MIN_BENCHMARK_N } from "~/scoring/benchmark";
import { MIN_CONTRAST_N } from "~/scoring/contrast";
import { publicOrigin } from "~/utils/env.server";
import { readIntent, requestFormData } from "~/utils/form-intent.server";
import { failure, parseForm, translated } from "~/utils/form.server";
import { inviteList, inviteOne, revokeOrResend } from "~/utils/position-invitation-actions.server";
import { requireRole } from "~/utils/route-roles.server";
import { positionUpdateSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId._index");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const [versions, invitations, org, locales] = await Promise.all([
    listPublishedVersions(user.organizationId),
    listInvitations(user.organizationId, position.id),
    getOrganization(user.organizationId),
    positionLocales(user.organizationId, position.id),
  ]);
  // Only the languages the position's questionnaire version is published in (issue 11).
  const defaultLocale = defaultInvitationLocale(org?.default_locale, locales);
  const offered = locales.includes(defaultLocale) ? locales : [defaultLocale, ...locales];
  return {
    title: `${position.title} · valuebench`,
    position,
    versions: versions.map((v) => ({ id: v.id, label: `${v.questionnaireTitle} v${v.version}` })),
    agents: invitations.filter((i) => i.kind === "agent" && i.group === "top"),
    comparisonAgents: invitations.filter((i) => i.kind === "agent" && i.group === "comparison"),
    candidates: invitations.filter((i) => i.kind === "candidate"),
    defaultLocale,
    // Named in the reader's language on the server, so the browser's ICU cannot name them differently.
    localeOptions: offered.map((code) => ({ code, name: languageName(code, user.locale) })),
    limits: { minAgents: MIN_BENCHMARK_N, fullAgents: FULL_BENCHMARK_N, minComparison: MIN_CONTRAST_N },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId._index");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const actor = { userId: user.id, label: user.email };
  const intent = await readIntent(request);
  const posted = await requestFormData(request).catch(() => null);
  const kind = posted?.get("kind") === "candidate" ? "candidate" : "agent";
  const group = posted?.get("group") === "comparison" ? "comparison" : "top";
  const context = { request, user, positionId: position.id, actor, origin: publicOrigin() };
  try {
    if (intent === "update") return await updateAction(request, user, position.id, actor);
    if (intent === "invite-one") return await inviteOne(context);
    if (intent === "invite-list") return await inviteList(context);
    if (intent === "revoke" || intent === "resend") return await revokeOrResend(intent, context);
  } catch (error) {
    // invite-one / invite-list on a closed position (a re-issued link is refused in revokeOrResend)
    if (error instanceof PositionClosedError) {
      return data({ ...failure(translated(error.text, user.locale)), intent, kind, group }, 409);
    }
    throw error;
  }
  return data({ ...failure(staffT(user.locale, "invitations")("actions.unknown")), intent }, 400);
}

async function updateAction(
  request: Request,
  user: StaffUser,
  positionId: string,
  actor: { userId: string; label: string },
) {
  const intent = "update";
  const parsed = await parseForm(request, positionUpdateSchema, { locale: user.locale });
  if (!parsed.ok) return data({ ...parsed, intent }, 400);
  try {
    const { intent: _ignored, ...input } = parsed.data;
    await updatePosition(user.organizationId, positionId, input, actor);
    return data({ ok: true as const, intent, message: staffT(user.locale, "positions")("edit.saved") });
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

export default function PositionOverviewPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <PositionOverview data={loaderData} actionData={actionData} />;
}
