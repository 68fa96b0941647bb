import { Form, Link, useNavigation } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { languageName } from "~/i18n/locale";

type Status = "invited" | "opened" | "started" | "submitted" | "expired" | "revoked";

export type PipelineRowView = {
  id: string;
  kind: "agent" | "candidate";
  group: "top" | "comparison";
  name: string;
  email: string | null;
  status: Status;
  page: number | null;
  pages: number;
  language: string;
  lastActivity: { at: string; what: "invited" | "opened" | "answered" | "submitted" | "reminded" };
  expiresAt: string;
  remindersSent: number;
  nextReminderAt: string | null;
};

export type PipelineActionData = {
  ok: boolean;
  intent?: string;
  message?: string;
  formError?: string | null;
  issued?: { invitationId: string; name: string; email: string | null; link: string; expiresAt: string };
};

const STATUS_TEXT: Record<Status, string> = {
  invited: "Invited",
  opened: "Opened",
  started: "Started",
  submitted: "Submitted",
  expired: "Expired",
  revoked: "Revoked",
};

const ACTIVITY_TEXT: Record<PipelineRowView["lastActivity"]["what"], string> = {
  invited: "invited",
  opened: "opened the link",
  answered: "answered",
  submitted: "submitted",
  reminded: "reminded",
};

function who(row: PipelineRowView): string {
  return row.kind === "candidate" ? "Candidate" : row.group === "comparison" ? "Comparison agent" : "Top agent";
}

function StatusCell({ row }: { row: PipelineRowView }) {
  return (
    <>
      <span className={`badge status-${row.status}`}>{STATUS_TEXT[row.status]}</span>
      {row.status === "started" && row.page !== null ? (
        <span className="muted">
          {" "}
          page {row.page} of {row.pages}
        </span>
      ) : null}
    </>
  );
}

function RowActions({ row }: { row: PipelineRowView }) {
  if (row.status === "submitted") return <span className="muted">Done</span>;
  const open = row.status === "invited" || row.status === "opened" || row.status === "started";
  const button = (intent: string, label: string, aria: string, className = "secondary") => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="invitationId" value={row.id} />
      <button type="submit" className={className} aria-label={aria}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="row">
      {button("copy-link", "Copy a new link", `Copy a new link for ${row.name} (the old one stops working)`)}
      {row.email ? button("resend", "Resend", `Resend the invitation to ${row.name} with a new link`) : null}
      {row.email && open ? button("remind", "Remind", `Remind ${row.name} now`) : null}
      {row.status !== "revoked" ? button("revoke", "Revoke", `Revoke the link of ${row.name}`, "danger") : null}
    </div>
  );
}

function FreshLink({ issued }: { issued: NonNullable<PipelineActionData["issued"]> }) {
  return (
    <div className="alert success fresh-links" role="status">
      <p>
        <strong>Copy this link now.</strong> Only a fingerprint of it is stored, so it cannot be shown again; the
        earlier link of {issued.name} no longer works.
      </p>
      <label htmlFor={`link-${issued.invitationId}`}>
        {issued.name}
        {issued.email ? ` (${issued.email})` : ""} · valid until{" "}
        <FormattedDate value={issued.expiresAt} precision="day" />
      </label>
      <input
        id={`link-${issued.invitationId}`}
        type="text"
        readOnly
        value={issued.link}
        data-invitation-link=""
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}

export function InvitationPipeline({
  position,
  rows,
  reminders,
  mailEnabled,
  isAdmin,
  actionData,
}: {
  position: { id: string; title: string; status: string };
  rows: PipelineRowView[];
  reminders: { enabled: boolean; daysBefore: number };
  mailEnabled: boolean;
  isAdmin: boolean;
  actionData?: PipelineActionData;
}) {
  const busy = useNavigation().state === "submitting";
  const counts = new Map<Status, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <div className="stack">
      <h1>Invitations</h1>
      <p className="muted">
        Everyone invited to “{position.title}”, with where they are. Invite people on the{" "}
        <Link to={`/app/positions/${position.id}`}>overview</Link>.{" "}
        {mailEnabled ? (
          "Mails go out through the configured mail server."
        ) : isAdmin ? (
          <>
            No mail server is configured: every mail waits in the <Link to="/app/outbox">outbox</Link> for you to send
            by hand.
          </>
        ) : (
          "No mail server is configured: an admin sends the mails from the outbox by hand."
        )}{" "}
        {reminders.enabled
          ? `Reminders go out automatically ${reminders.daysBefore} ${reminders.daysBefore === 1 ? "day" : "days"} before a link expires${reminders.daysBefore > 1 ? " and again 1 day before" : ""} (at most two, never after submitting).`
          : "Automatic reminders are off (Settings)."}
      </p>
      {actionData?.ok && actionData.message ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {actionData && !actionData.ok && actionData.formError ? (
        <p className="alert error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {actionData?.ok && actionData.issued ? <FreshLink issued={actionData.issued} /> : null}
      {rows.length === 0 ? (
        <p className="muted">Nobody is invited yet.</p>
      ) : (
        <>
          <p>
            {(Object.keys(STATUS_TEXT) as Status[])
              .filter((s) => counts.get(s))
              .map((s) => `${STATUS_TEXT[s]}: ${counts.get(s)}`)
              .join(" · ")}
          </p>
          <div className="table-scroll" aria-busy={busy || undefined}>
            <table>
              <caption className="sr-only">Invitations of {position.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last activity</th>
                  <th scope="col">Language</th>
                  <th scope="col">Link valid until</th>
                  <th scope="col">Reminders</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-invitation={row.id}>
                    <th scope="row">
                      {row.name}
                      <br />
                      <span className="muted">
                        {who(row)}
                        {row.email ? ` · ${row.email}` : " · no email"}
                      </span>
                    </th>
                    <td>
                      <StatusCell row={row} />
                    </td>
                    <td>
                      <FormattedDate value={row.lastActivity.at} />{" "}
                      <span className="muted">({ACTIVITY_TEXT[row.lastActivity.what]})</span>
                    </td>
                    <td>{languageName(row.language)}</td>
                    <td>
                      {row.status === "submitted" ? "—" : <FormattedDate value={row.expiresAt} precision="day" />}
                    </td>
                    <td>
                      {row.remindersSent} sent
                      {row.nextReminderAt ? (
                        <>
                          <br />
                          <span className="muted">
                            next <FormattedDate value={row.nextReminderAt} />
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <RowActions row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
