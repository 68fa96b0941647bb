import { useFormat } from "~/i18n/format";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

export type IssuedLinkView = {
  invitationId: string;
  name: string;
  email: string | null;
  link: string;
  expiresAt: string;
  /** Set only when SMTP_URL is configured and the person has an email address. */
  mail?: "sent" | "failed";
};

/** The links issued by the last action of the position page, shown once for copying. */
export function FreshLinks({ issued }: { issued: IssuedLinkView[] }) {
  const t = useStaffT("invitations");
  const f = useFormat();
  return (
    <div className="alert success fresh-links" role="status">
      <p>
        <RichText text={t("section.copyNow", { count: issued.length })} />
      </p>
      {issued.map((l) => (
        <div key={l.invitationId}>
          <label htmlFor={`link-${l.invitationId}`}>
            {l.name}
            {l.email ? ` (${l.email})` : ""} · {t("section.validUntil", { date: f.date(l.expiresAt) })}
          </label>
          <input id={`link-${l.invitationId}`} type="text" readOnly value={l.link} data-invitation-link="" />
          {l.mail === "sent" ? <p className="muted">{t("section.mailed", { email: l.email ?? "" })}</p> : null}
          {l.mail === "failed" ? <p className="alert error">{t("section.mailFailed")}</p> : null}
        </div>
      ))}
      {issued.some((l) => l.mail) ? (
        <p className="muted">{t("section.notMailed")}</p>
      ) : (
        <p className="muted">{t("section.noMailServer")}</p>
      )}
    </div>
  );
}
