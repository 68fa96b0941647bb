import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { ErrorList, Field, TextareaField } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { languageName } from "~/i18n/locale";

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

export type IssuedLinkView = {
  invitationId: string;
  name: string;
  email: string | null;
  link: string;
  expiresAt: string;
  /** Set only when SMTP_URL is configured and the person has an email address. */
  mail?: "sent" | "failed";
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

const STATUS_TEXT: Record<InvitationRow["status"], string> = {
  invited: "Invited",
  started: "Started",
  submitted: "Submitted",
  expired: "Expired",
  revoked: "Revoked",
};

/** The links issued by the last action, shown once for copying. */
function FreshLinks({ issued }: { issued: IssuedLinkView[] }) {
  return (
    <div className="alert success fresh-links" role="status">
      <p>
        <strong>Copy {issued.length === 1 ? "this link" : "these links"} now.</strong> For security only a fingerprint
        of each link is stored, so {issued.length === 1 ? "it" : "they"} cannot be shown again. If a link gets lost, use
        “New link” to issue a fresh one (the old one then stops working).
      </p>
      {issued.map((l) => (
        <div key={l.invitationId}>
          <label htmlFor={`link-${l.invitationId}`}>
            {l.name}
            {l.email ? ` (${l.email})` : ""} · valid until <FormattedDate value={l.expiresAt} precision="day" />
          </label>
          <input id={`link-${l.invitationId}`} type="text" readOnly value={l.link} data-invitation-link="" />
          {l.mail === "sent" ? <p className="muted">Mailed to {l.email}.</p> : null}
          {l.mail === "failed" ? (
            <p className="alert error">The mail could not be sent; copy the link and send it yourself.</p>
          ) : null}
        </div>
      ))}
      {issued.some((l) => l.mail) ? (
        <p className="muted">Links of people without an email address are not mailed: send them yourself.</p>
      ) : (
        <p className="muted">
          No mail server is configured, so valuebench sends nothing itself: send each person their own link. Mails to
          people with an email address wait in the outbox (Outbox, for admins) with their link, ready to send by hand;
          the Invitations tab follows everyone’s progress.
        </p>
      )}
    </div>
  );
}

export function InvitationsSection({
  kind,
  group = "top",
  title,
  intro,
  invitations,
  actionData,
  defaultLocale,
  locales,
}: {
  kind: Kind;
  /** Agents only: top agents (the default) or comparison agents (issue 17). */
  group?: Group;
  title: string;
  intro: string;
  invitations: InvitationRow[];
  actionData?: InvitationsActionData;
  defaultLocale: string;
  locales: readonly string[];
}) {
  const navigation = useNavigation();
  const sectionId = useId();
  const submittingIntent =
    navigation.state === "submitting" &&
    navigation.formData?.get("kind") === kind &&
    (navigation.formData.get("group") ?? "top") === group
      ? String(navigation.formData.get("intent"))
      : null;
  const problems = actionData && !actionData.ok ? actionData : null;
  const oneProblems = problems?.intent === "invite-one" ? problems : null;
  const listProblems = problems?.intent === "invite-list" ? problems : null;
  const noun = kind === "candidate" ? "candidate" : group === "comparison" ? "comparison agent" : "agent";
  /** Prefix of the form controls' ids: unique per section on the page. */
  const slot = group === "comparison" ? "comparison" : kind;
  const localeOptions = locales.includes(defaultLocale) ? locales : [defaultLocale, ...locales];
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
        <p className="muted">No {noun}s invited yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">{title}: invitations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Link valid until</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.name}</td>
                  <td>{i.email ?? <span className="muted">none</span>}</td>
                  <td>
                    <span className={`badge status-${i.status}`}>{STATUS_TEXT[i.status]}</span>
                  </td>
                  <td>{i.status === "submitted" ? "—" : <FormattedDate value={i.expiresAt} precision="day" />}</td>
                  <td>
                    {i.status !== "submitted" ? (
                      <div className="row">
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="resend" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" className="secondary" aria-label={`New link for ${i.name}`}>
                            New link
                          </button>
                        </Form>
                        {i.status !== "revoked" ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="invitationId" value={i.id} />
                            <button type="submit" className="danger" aria-label={`Revoke the link of ${i.name}`}>
                              Revoke
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
      )}

      <div className="invite-forms">
        <Form
          method="post"
          className="stack card"
          noValidate
          key={actionData?.ok ? `one-${actionData.message}` : "one"}
        >
          <h3>Invite one {noun}</h3>
          <input type="hidden" name="intent" value="invite-one" />
          <input type="hidden" name="kind" value={kind} />
          {kind === "agent" ? <input type="hidden" name="group" value={group} /> : null}
          {oneProblems?.formError ? (
            <p className="alert error" role="alert">
              {oneProblems.formError}
            </p>
          ) : null}
          <Field
            label="Name"
            errors={oneProblems?.fieldErrors?.name}
            inputProps={{
              id: `${slot}-name`,
              name: "name",
              type: "text",
              required: true,
              maxLength: 200,
              defaultValue: String(oneProblems?.values?.name ?? ""),
            }}
          />
          <Field
            label="Email (optional)"
            errors={oneProblems?.fieldErrors?.email}
            inputProps={{
              id: `${slot}-email`,
              name: "email",
              type: "email",
              defaultValue: String(oneProblems?.values?.email ?? ""),
            }}
          />
          <LocaleSelect
            id={`${slot}-locale`}
            options={localeOptions}
            defaultValue={defaultLocale}
            errors={problems?.fieldErrors?.locale}
          />
          <div>
            <button type="submit" disabled={submittingIntent === "invite-one"}>
              {submittingIntent === "invite-one" ? "Inviting…" : `Invite ${noun}`}
            </button>
          </div>
        </Form>

        <Form
          method="post"
          className="stack card"
          noValidate
          key={actionData?.ok ? `list-${actionData.message}` : "list"}
        >
          <h3>Paste a list of {noun}s</h3>
          <input type="hidden" name="intent" value="invite-list" />
          <input type="hidden" name="kind" value={kind} />
          {kind === "agent" ? <input type="hidden" name="group" value={group} /> : null}
          {listProblems ? (
            <div className="alert error" role="alert">
              <p>{listProblems.formError}</p>
              {listProblems.lineErrors?.length ? (
                <ul className="problems">
                  {listProblems.lineErrors.map((e) => (
                    <li key={`${e.line}-${e.message}`}>
                      Line {e.line}: {e.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <TextareaField
            label="One person per line: name, email"
            hint="The email is optional. Every line is checked first; if one is wrong, nobody is invited."
            errors={listProblems?.fieldErrors?.list}
            textareaProps={{
              id: `${slot}-list`,
              name: "list",
              rows: 5,
              defaultValue: String(listProblems?.values?.list ?? ""),
            }}
          />
          <LocaleSelect
            id={`${slot}-list-locale`}
            options={localeOptions}
            defaultValue={defaultLocale}
            errors={problems?.fieldErrors?.locale}
          />
          <div>
            <button type="submit" disabled={submittingIntent === "invite-list"}>
              {submittingIntent === "invite-list" ? "Inviting…" : `Invite all ${noun}s`}
            </button>
          </div>
        </Form>
      </div>
    </section>
  );
}

/** The language an invitation is sent in (only the languages the position's questionnaire version offers). */
function LocaleSelect(props: { id: string; options: readonly string[]; defaultValue: string; errors?: string[] }) {
  const errorId = props.errors?.length ? `${props.id}-error` : undefined;
  return (
    <div>
      <label htmlFor={props.id}>Language</label>
      <select
        id={props.id}
        name="locale"
        defaultValue={props.defaultValue}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      >
        {props.options.map((l) => (
          <option key={l} value={l}>
            {languageName(l)}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={props.errors} />
    </div>
  );
}
