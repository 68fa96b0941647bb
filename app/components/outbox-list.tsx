import { Form } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";

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

const KIND_TEXT: Record<OutboxEntryView["kind"], string> = {
  invitation: "Invitation",
  reminder: "Reminder",
  notice: "Notice",
};

function Message({ entry }: { entry: OutboxEntryView }) {
  const bodyId = `outbox-body-${entry.id}`;
  return (
    <article className="card stack outbox-message" aria-labelledby={`outbox-subject-${entry.id}`}>
      <h3 id={`outbox-subject-${entry.id}`}>{entry.subject}</h3>
      <p>
        <strong>To:</strong> {entry.to} · {KIND_TEXT[entry.kind]} · written <FormattedDate value={entry.createdAt} />
        {entry.state === "sent" && entry.sentAt ? (
          <>
            {" "}
            · sent <FormattedDate value={entry.sentAt} />
          </>
        ) : null}
        {entry.state === "withdrawn" ? " · withdrawn: its link no longer works" : null}
      </p>
      {entry.lastError && entry.state === "waiting" ? (
        <p className="alert error">
          Mailing failed {entry.attempts} {entry.attempts === 1 ? "time" : "times"}: {entry.lastError}
        </p>
      ) : null}
      <label htmlFor={bodyId}>{entry.state === "waiting" ? "Message (with the personal link)" : "Message"}</label>
      <textarea id={bodyId} readOnly rows={Math.min(14, entry.text.split("\n").length + 1)} value={entry.text} />
      {entry.state === "waiting" ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="mark-sent" />
          <input type="hidden" name="outboxId" value={entry.id} />
          <button type="submit" aria-label={`Mark as sent: ${entry.subject} to ${entry.to}`}>
            Mark as sent
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
  return (
    <div className="stack">
      <h1>Outbox</h1>
      <p className="muted">
        {mailEnabled
          ? "Mails go out through the configured mail server (SMTP_URL). Mails that failed wait here and are tried again every 10 minutes, five times in all; you can also send them by hand."
          : "No mail server is configured (SMTP_URL), so valuebench sends nothing itself. Every mail it would have sent waits here: copy it to your own mail program, send it, then mark it as sent."}{" "}
        A waiting mail holds the person’s personal link, so it is kept only until it is sent, or until its link stops
        working (a new link, revoked, expired or answered).
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
        <h2 id="outbox-waiting">Waiting to be sent ({waiting.length})</h2>
        {waiting.length === 0 ? <p className="muted">Nothing is waiting.</p> : null}
        {waiting.map((entry) => (
          <Message key={entry.id} entry={entry} />
        ))}
      </section>
      <section aria-labelledby="outbox-history" className="stack">
        <h2 id="outbox-history">Sent and withdrawn</h2>
        <p className="muted">The last 100, without their links.</p>
        {history.length === 0 ? <p className="muted">None yet.</p> : null}
        {history.map((entry) => (
          <Message key={entry.id} entry={entry} />
        ))}
      </section>
    </div>
  );
}
