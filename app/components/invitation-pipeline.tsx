import { Form, Link, useNavigation } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { invitationStatusText } from "~/components/invitations-section";
import { useFormat } from "~/i18n/format";
import { RichText, type Translate } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

type Status = "invited" | "opened" | "started" | "submitted" | "expired" | "revoked";

const STATUSES: readonly Status[] = ["invited", "opened", "started", "submitted", "expired", "revoked"];

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
  /** The answering language named in the reader's language (by the loader). */
  languageName: string;
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

function activityText(t: Translate, what: PipelineRowView["lastActivity"]["what"]): string {
  switch (what) {
    case "invited":
      return t("pipeline.activity.invited");
    case "opened":
      return t("pipeline.activity.opened");
    case "answered":
      return t("pipeline.activity.answered");
    case "submitted":
      return t("pipeline.activity.submitted");
    case "reminded":
      return t("pipeline.activity.reminded");
  }
}

function who(t: Translate, row: PipelineRowView): string {
  if (row.kind === "candidate") return t("pipeline.who.candidate");
  return row.group === "comparison" ? t("pipeline.who.comparison") : t("pipeline.who.top");
}

function StatusCell({ row }: { row: PipelineRowView }) {
  const t = useStaffT("invitations");
  return (
    <>
      <span className={`badge status-${row.status}`}>{invitationStatusText(t, row.status)}</span>
      {row.status === "started" && row.page !== null ? (
        <span className="muted"> {t("pipeline.page", { page: row.page, pages: row.pages })}</span>
      ) : null}
    </>
  );
}

function RowActions({ row }: { row: PipelineRowView }) {
  const t = useStaffT("invitations");
  if (row.status === "submitted") return <span className="muted">{t("pipeline.done")}</span>;
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
  const name = row.name;
  return (
    <div className="row">
      {button("copy-link", t("pipeline.copyLink"), t("pipeline.copyLinkFor", { name }))}
      {row.email ? button("resend", t("pipeline.resend"), t("pipeline.resendFor", { name })) : null}
      {row.email && open ? button("remind", t("pipeline.remind"), t("pipeline.remindFor", { name })) : null}
      {row.status !== "revoked"
        ? button("revoke", t("section.revoke"), t("section.revokeFor", { name }), "danger")
        : null}
    </div>
  );
}

function FreshLink({ issued }: { issued: NonNullable<PipelineActionData["issued"]> }) {
  const t = useStaffT("invitations");
  const f = useFormat();
  return (
    <div className="alert success fresh-links" role="status">
      <p>
        <RichText text={t("pipeline.copyNow", { name: issued.name })} />
      </p>
      <label htmlFor={`link-${issued.invitationId}`}>
        {issued.name}
        {issued.email ? ` (${issued.email})` : ""} · {t("section.validUntil", { date: f.date(issued.expiresAt) })}
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

/** How mails and reminders go out for this organization. */
function MailNote({
  positionId,
  reminders,
  mailEnabled,
  isAdmin,
}: {
  positionId: string;
  reminders: { enabled: boolean; daysBefore: number };
  mailEnabled: boolean;
  isAdmin: boolean;
}) {
  const t = useStaffT("invitations");
  return (
    <>
      {t("pipeline.inviteBefore")}
      <Link to={`/app/positions/${positionId}`}>{t("pipeline.inviteLink")}</Link>
      {t("pipeline.inviteAfter")}{" "}
      {mailEnabled ? (
        t("pipeline.mailOn")
      ) : isAdmin ? (
        <>
          {t("pipeline.mailOffAdminBefore")}
          <Link to="/app/outbox">{t("pipeline.mailOffAdminLink")}</Link>
          {t("pipeline.mailOffAdminAfter")}
        </>
      ) : (
        t("pipeline.mailOffMember")
      )}{" "}
      {!reminders.enabled
        ? t("pipeline.remindersOff")
        : reminders.daysBefore > 1
          ? t("pipeline.remindersTwice", { count: reminders.daysBefore })
          : t("pipeline.remindersOnce")}
    </>
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
  const t = useStaffT("invitations");
  const busy = useNavigation().state === "submitting";
  const counts = new Map<Status, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <div className="stack">
      <h1>{t("pipeline.title")}</h1>
      <p className="muted">
        {t("pipeline.intro", { title: position.title })}{" "}
        <MailNote positionId={position.id} reminders={reminders} mailEnabled={mailEnabled} isAdmin={isAdmin} />
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
        <p className="muted">{t("pipeline.empty")}</p>
      ) : (
        <>
          <p>
            {STATUSES.filter((s) => counts.get(s))
              .map((s) => t("pipeline.count", { status: invitationStatusText(t, s), count: counts.get(s) ?? 0 }))
              .join(" · ")}
          </p>
          <div className="table-scroll" aria-busy={busy || undefined}>
            <PipelineTable title={position.title} rows={rows} />
          </div>
        </>
      )}
    </div>
  );
}

function PipelineTable({ title, rows }: { title: string; rows: PipelineRowView[] }) {
  const t = useStaffT("invitations");
  const f = useFormat();
  return (
    <table>
      <caption className="sr-only">{t("pipeline.caption", { title })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("common:name")}</th>
          <th scope="col">{t("common:status")}</th>
          <th scope="col">{t("pipeline.lastActivity")}</th>
          <th scope="col">{t("common:language")}</th>
          <th scope="col">{t("section.linkValidUntil")}</th>
          <th scope="col">{t("pipeline.reminders")}</th>
          <th scope="col">{t("common:actions")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-invitation={row.id}>
            <th scope="row">
              {row.name}
              <br />
              <span className="muted">
                {who(t, row)}
                {row.email ? ` · ${row.email}` : ` · ${t("pipeline.noEmail")}`}
              </span>
            </th>
            <td>
              <StatusCell row={row} />
            </td>
            <td>
              <FormattedDate value={row.lastActivity.at} />{" "}
              <span className="muted">({activityText(t, row.lastActivity.what)})</span>
            </td>
            <td>{row.languageName}</td>
            <td>{row.status === "submitted" ? "—" : <FormattedDate value={row.expiresAt} precision="day" />}</td>
            <td>
              {t("pipeline.remindersSent", { count: row.remindersSent })}
              {row.nextReminderAt ? (
                <>
                  <br />
                  <span className="muted">{t("pipeline.nextReminder", { date: f.dateTime(row.nextReminderAt) })}</span>
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
  );
}
