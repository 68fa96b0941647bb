import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { FormattedDate } from "~/components/formatted-date";
import { FreshLinks, type IssuedLinkView } from "~/components/invitation-fresh-links";
import {
  InviteListForm,
  InviteOneForm,
  nounTexts,
  type InviteNoun,
  type LocaleOption,
} from "~/components/invite-forms";
import type { Translate } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

export type { IssuedLinkView } from "~/components/invitation-fresh-links";
export type { LocaleOption } from "~/components/invite-forms";

type Kind = "agent" | "candidate";
type Group = "top" | "comparison";

export type InvitationRow = {
  id: string;
  name: string;
  email: string | null;
  expiresAt: string;
  createdAt: string;
  status: "invited" | "started" | "submitted" | "expired" | "revoked";
};

export type InvitationsActionData = {
  ok: boolean;
  kind?: unknown;
  group?: unknown;
  intent?: string;
  message?: string;
  issued?: IssuedLinkView[];
  formError?: string | null;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, unknown>;
  lineErrors?: { line: number; message: string }[];
};

/** An invitation's status in the reader's language (the stored code is the key). */
export function invitationStatusText(t: Translate, status: string): string {
  switch (status) {
    case "invited":
      return t("invitations:status.invited");
    case "opened":
      return t("invitations:status.opened");
    case "started":
      return t("invitations:status.started");
    case "submitted":
      return t("invitations:status.submitted");
    case "expired":
      return t("invitations:status.expired");
    case "revoked":
      return t("invitations:status.revoked");
    default:
      return status;
  }
}

export function InvitationsSection({
  kind,
  group = "top",
  title,
  intro,
  invitations,
  actionData,
  defaultLocale,
  localeOptions,
}: {
  kind: Kind;
  /** Agents only: top agents (the default) or comparison agents (issue 17). */
  group?: Group;
  title: string;
  intro: string;
  invitations: InvitationRow[];
  actionData?: InvitationsActionData;
  defaultLocale: string;
  /** The languages the position's questionnaire version offers, named in the reader's language. */
  localeOptions: LocaleOption[];
}) {
  const t = useStaffT("invitations");
  const navigation = useNavigation();
  const sectionId = useId();
  const submittingIntent =
    navigation.state === "submitting" &&
    navigation.formData?.get("kind") === kind &&
    (navigation.formData.get("group") ?? "top") === group
      ? String(navigation.formData.get("intent"))
      : null;
  const problems = actionData && !actionData.ok ? actionData : null;
  const noun: InviteNoun = kind === "candidate" ? "candidate" : group === "comparison" ? "comparison" : "agent";
  const form = {
    kind,
    group,
    noun,
    slot: group === "comparison" ? "comparison" : kind,
    localeErrors: problems?.fieldErrors?.locale,
    localeOptions,
    defaultLocale,
  };
  return (
    <section aria-labelledby={`${sectionId}-h`} className="invitations">
      <h2 id={`${sectionId}-h`}>{title}</h2>
      <p className="muted">{intro}</p>
      {actionData?.ok && actionData.message ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {actionData?.ok && actionData.issued?.length ? <FreshLinks issued={actionData.issued} /> : null}
      {problems && problems.intent !== "invite-one" && problems.intent !== "invite-list" && problems.formError ? (
        <p className="alert error" role="alert">
          {problems.formError}
        </p>
      ) : null}

      {invitations.length === 0 ? (
        <p className="muted">{nounTexts(t, noun).empty}</p>
      ) : (
        <InvitationsTable title={title} invitations={invitations} />
      )}

      <div className="invite-forms">
        <InviteOneForm
          {...form}
          formKey={actionData?.ok ? `one-${actionData.message}` : "one"}
          problems={problems?.intent === "invite-one" ? problems : null}
          submitting={submittingIntent === "invite-one"}
        />
        <InviteListForm
          {...form}
          formKey={actionData?.ok ? `list-${actionData.message}` : "list"}
          problems={problems?.intent === "invite-list" ? problems : null}
          submitting={submittingIntent === "invite-list"}
        />
      </div>
    </section>
  );
}

function InvitationsTable({ title, invitations }: { title: string; invitations: InvitationRow[] }) {
  const t = useStaffT("invitations");
  return (
    <div className="table-scroll">
      <table>
        <caption className="sr-only">{t("section.caption", { title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("common:name")}</th>
            <th scope="col">{t("common:email")}</th>
            <th scope="col">{t("common:status")}</th>
            <th scope="col">{t("section.linkValidUntil")}</th>
            <th scope="col">{t("common:actions")}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.name}</td>
              <td>{i.email ?? <span className="muted">{t("section.noEmail")}</span>}</td>
              <td>
                <span className={`badge status-${i.status}`}>{invitationStatusText(t, i.status)}</span>
              </td>
              <td>{i.status === "submitted" ? "—" : <FormattedDate value={i.expiresAt} precision="day" />}</td>
              <td>
                {i.status !== "submitted" ? (
                  <div className="row">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="resend" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button
                        type="submit"
                        className="secondary"
                        aria-label={t("section.newLinkFor", { name: i.name })}
                      >
                        {t("section.newLink")}
                      </button>
                    </Form>
                    {i.status !== "revoked" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit" className="danger" aria-label={t("section.revokeFor", { name: i.name })}>
                          {t("section.revoke")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
