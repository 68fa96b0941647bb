import { useStaffT } from "~/i18n/staff";

type Language = {
  locale: string;
  agentsByLocale: Record<string, number> | null;
  sameLanguageAgents: number | null;
  crossLanguage: boolean;
  minAgents: number;
};

/**
 * The fit report's language line: in which language the candidate answered and, when fewer than `minAgents` included
 * benchmark agents answered in that language, the "cross-language" marker with what it means.
 */
export function LanguageNote({
  name,
  language,
  languageLabel: lang,
}: {
  name: string;
  language: Language;
  /** The candidate's language named in the reader's language (by the loader: the browser's ICU may name it otherwise). */
  languageLabel: string;
}) {
  const t = useStaffT("report");
  const total = language.agentsByLocale ? Object.values(language.agentsByLocale).reduce((a, b) => a + b, 0) : 0;
  return (
    <div className="language-note">
      <p>
        {t("languageNote.answeredIn")} <strong>{lang}</strong>
        {language.crossLanguage ? (
          <>
            {" "}
            <span className="badge cross-language-badge">{t("languageNote.crossLanguage")}</span>
          </>
        ) : null}
      </p>
      {language.crossLanguage ? (
        <div className="alert warning" role="note" aria-label={t("languageNote.crossLanguageTitle")}>
          <p>
            {t("languageNote.crossLanguageText", {
              name,
              language: lang,
              same: language.sameLanguageAgents ?? 0,
              total,
              min: language.minAgents,
            })}
          </p>
        </div>
      ) : language.sameLanguageAgents !== null ? (
        <p className="muted">
          {t("languageNote.sameLanguageText", { same: language.sameLanguageAgents, total, language: lang })}
        </p>
      ) : null}
    </div>
  );
}
