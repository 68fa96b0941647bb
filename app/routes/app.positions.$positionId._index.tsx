import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, TextareaField } from "~/components/field";
import { InvitationsSection, type InvitationsActionData } from "~/components/invitations-section";
import {
  createInvitations,
  InvitationClosedError,
  listInvitations,
  PositionClosedError,
  parseInvitationList,
  resendInvitation,
  revokeInvitation,
} from "~/models/invitation.server";
import { getOrganization } from "~/models/organization.server";
import { getPosition, updatePosition, UnknownVersionError, VersionLockedError } from "~/models/position.server";
import { listPublishedVersions } from "~/models/questionnaire.server";
import { defaultInvitationLocale, positionLocales } from "~/models/respondent-locale.server";
import { readIntent, requestFormData } from "~/utils/form-intent.server";
import { failure, parseForm } from "~/utils/form.server";
import {
  invitationActionSchema,
  inviteListSchema,
  inviteOneSchema,
  positionUpdateSchema,
} from "~/utils/schemas/positions.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.position.title : "Position"} · valuebench` },
];

const NOT_OFFERED = "The questionnaire of this position is not published in that language.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
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
    agents: invitations.filter((i) => i.kind === "agent"),
    candidates: invitations.filter((i) => i.kind === "candidate"),
    // Only the languages the position's questionnaire version is published in (issue 11).
    defaultLocale: defaultInvitationLocale(org?.default_locale, locales),
    locales,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const actor = { userId: user.id, label: user.email };
  const origin = new URL(request.url).origin;
  const intent = await readIntent(request);
  const posted = await requestFormData(request).catch(() => null);
  const kind = posted?.get("kind") === "candidate" ? "candidate" : "agent";
  try {
    return await positionAction(request, intent, user, position, actor, origin);
  } catch (error) {
    // invite-one / invite-list on a closed position (a re-issued link is refused with InvitationClosedError below)
    if (error instanceof PositionClosedError) {
      return data({ ...failure(error.message), intent, kind }, 409);
    }
    throw error;
  }
}

async function positionAction(
  request: Request,
  intent: string,
  user: Awaited<ReturnType<typeof requireUser>>,
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
          { ...failure(null, { questionnaireVersionId: [error.message] }, parsed.data), intent },
          error instanceof VersionLockedError ? 409 : 400,
        );
      }
      throw error;
    }
  }

  if (intent === "invite-one") {
    const parsed = await parseForm(request, inviteOneSchema);
    if (!parsed.ok) return data({ ...parsed, intent, kind: parsed.values.kind }, 400);
    const { kind, name, email, locale } = parsed.data;
    if (!(await positionLocales(user.organizationId, position.id)).includes(locale)) {
      return data({ ...failure(null, { locale: [NOT_OFFERED] }, parsed.data), intent, kind }, 400);
    }
    const issued = await createInvitations(
      user.organizationId,
      position.id,
      kind,
      [{ name, email, locale }],
      actor,
      origin,
    );
    return data({ ok: true as const, intent, kind, issued, message: `Invited ${name}.` });
  }

  if (intent === "invite-list") {
    const parsed = await parseForm(request, inviteListSchema);
    if (!parsed.ok) return data({ ...parsed, intent, kind: parsed.values.kind }, 400);
    if (!(await positionLocales(user.organizationId, position.id)).includes(parsed.data.locale)) {
      return data({ ...failure(null, { locale: [NOT_OFFERED] }, parsed.data), intent, kind: parsed.data.kind }, 400);
    }
    const list = parseInvitationList(parsed.data.list);
    if (!list.ok) {
      return data(
        {
          ...failure("Nothing was created. Fix these lines and send the list again.", {}, parsed.data),
          intent,
          kind: parsed.data.kind,
          lineErrors: list.errors,
        },
        400,
      );
    }
    const issued = await createInvitations(
      user.organizationId,
      position.id,
      parsed.data.kind,
      list.entries.map((e) => ({ ...e, locale: parsed.data.locale })),
      actor,
      origin,
    );
    return data({
      ok: true as const,
      intent,
      kind: parsed.data.kind,
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
        message: `The link of ${target.name} no longer works.`,
      });
    }
    try {
      const issued = await resendInvitation(user.organizationId, position.id, target.id, actor, origin);
      return data({
        ok: true as const,
        intent,
        kind: target.kind,
        issued: [issued],
        message: `New link for ${target.name}; the old link no longer works.`,
      });
    } catch (error) {
      if (error instanceof InvitationClosedError) {
        return data({ ...failure(error.message), intent, kind: target.kind }, 409);
      }
      throw error;
    }
  }

  return data({ ...failure("Unknown action."), intent }, 400);
}

export default function PositionOverview() {
  const { position, versions, agents, candidates, defaultLocale, locales } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    (InvitationsActionData & { intent?: string; message?: string }) | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  const update = actionData?.intent === "update" ? actionData : null;
  const updateProblems = update && !update.ok ? update : null;
  const values = updateProblems?.values ?? {};
  const currentVersion = versions.find((v) => v.id === position.questionnaireVersionId);
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
        actionData={actionData?.kind === "agent" ? actionData : undefined}
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

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit position</h2>
        {update?.ok ? (
          <p className="alert success" role="status">
            {update.message}
          </p>
        ) : null}
        {updateProblems?.formError ? (
          <p className="alert error" role="alert">
            {updateProblems.formError}
          </p>
        ) : null}
        <Form method="post" className="stack narrow" noValidate>
          <input type="hidden" name="intent" value="update" />
          <Field
            label="Title"
            errors={updateProblems?.fieldErrors?.title}
            inputProps={{
              name: "title",
              type: "text",
              required: true,
              maxLength: 200,
              defaultValue: String(values.title ?? position.title),
            }}
          />
          <TextareaField
            label="Description"
            errors={updateProblems?.fieldErrors?.description}
            textareaProps={{
              name: "description",
              rows: 3,
              defaultValue: String(values.description ?? position.description),
            }}
          />
          <div>
            <label htmlFor="questionnaireVersionId">Questionnaire version</label>
            {position.versionLocked ? (
              <>
                <input type="hidden" name="questionnaireVersionId" value={position.questionnaireVersionId} />
                <select id="questionnaireVersionId" disabled aria-describedby="version-locked">
                  <option>{currentVersion?.label ?? position.questionnaireLabel}</option>
                </select>
                <div id="version-locked" className="muted">
                  Locked: people have already answered this version.
                </div>
              </>
            ) : (
              <select
                id="questionnaireVersionId"
                name="questionnaireVersionId"
                defaultValue={String(values.questionnaireVersionId ?? position.questionnaireVersionId)}
                aria-invalid={updateProblems?.fieldErrors?.questionnaireVersionId ? true : undefined}
              >
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            )}
            {updateProblems?.fieldErrors?.questionnaireVersionId ? (
              <p className="error-list">{updateProblems.fieldErrors?.questionnaireVersionId?.join(" ")}</p>
            ) : null}
          </div>
          <div>
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={String(values.status ?? position.status)}>
              <option value="open">Open</option>
              <option value="closed">Closed</option>
            </select>
          </div>
          <div>
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save position"}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
