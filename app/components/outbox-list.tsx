import { Form } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { useStaffT } from "~/i18n/staff";

export type OutboxEntryView = {
  id: string;
  kind: "invitation" | "reminder" | "notice";
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  state: "waiting" | "sent" | "withdrawn";
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
};

function Message({ entry }: { entry: OutboxEntryView }) {
  const t = useStaffT("shell");
  const bodyId = `outbox-body-${entry.id}`;
  const kindText = {
    invitation: t("outbox.kinds.invitation"),
    reminder: t("outbox.kinds.reminder"),
    notice: t("outbox.kinds.notice"),
  };
  return (
    <article className="card stack outbox-message" aria-labelledby={`outbox-subject-${entry.id}`}>
      <h3 id={`outbox-subject-${entry.id}`}>{entry.subject}</h3>
      <p>
        <strong>{t("outbox.to")}</strong> {entry.to} · {kindText[entry.kind]} · {t("outbox.written")}{" "}
        <FormattedDate value={entry.createdAt} />
        {entry.state === "sent" && entry.sentAt ? (
          <>
            {" "}
            · {t("outbox.sent")} <FormattedDate value={entry.sentAt} />
          </>
        ) : null}
        {entry.state === "withdrawn" ? ` · ${t("outbox.withdrawn")}` : null}
      </p>
      {entry.lastError && entry.state === "waiting" ? (
        <p className="alert error">{t("outbox.failed", { count: entry.attempts, error: entry.lastError })}</p>
      ) : null}
      <label htmlFor={bodyId}>{entry.state === "waiting" ? t("outbox.messageWithLink") : t("outbox.message")}</label>
      <textarea id={bodyId} readOnly rows={Math.min(14, entry.text.split("\n").length + 1)} value={entry.text} />
      {entry.state === "waiting" ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="mark-sent" />
          <input type="hidden" name="outboxId" value={entry.id} />
          <button type="submit" aria-label={t("outbox.markSentLabel", { subject: entry.subject, to: entry.to })}>
            {t("outbox.markSent")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}

export function OutboxList({
  waiting,
  history,
  mailEnabled,
  message,
  error,
}: {
  waiting: OutboxEntryView[];
  history: OutboxEntryView[];
  mailEnabled: boolean;
  message: string | null;
  error: string | null | undefined;
}) {
  const t = useStaffT("shell");
  return (
    <div className="stack">
      <h1>{t("outbox.title")}</h1>
      <p className="muted">
        {mailEnabled ? t("outbox.mailOn") : t("outbox.mailOff")} {t("outbox.keptNote")}
      </p>
      {message ? (
        <p className="alert success" role="status">
          {message}
        </p>
      ) : null}
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <section aria-labelledby="outbox-waiting" className="stack">
        <h2 id="outbox-waiting">{t("outbox.waiting", { n: waiting.length })}</h2>
        {waiting.length === 0 ? <p className="muted">{t("outbox.nothingWaiting")}</p> : null}
        {waiting.map((entry) => (
          <Message key={entry.id} entry={entry} />
        ))}
      </section>
      <section aria-labelledby="outbox-history" className="stack">
        <h2 id="outbox-history">{t("outbox.history")}</h2>
        <p className="muted">{t("outbox.historyNote")}</p>
        {history.length === 0 ? <p className="muted">{t("outbox.noneYet")}</p> : null}
        {history.map((entry) => (
          <Message key={entry.id} entry={entry} />
        ))}
      </section>
    </div>
  );
}
