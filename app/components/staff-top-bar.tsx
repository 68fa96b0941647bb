// The staff area's top bar (issue 18): navigation, the profile menu with the language choice, log out, the demo note.
import { Form, NavLink } from "@remix-run/react";
import type { Role } from "../../db/types";
import { STAFF_NAV } from "~/components/staff-nav";
import type { Locale } from "~/i18n/locale";
import { useStaffT } from "~/i18n/staff";

export type StaffBarUser = {
  name: string;
  email: string;
  role: Role;
  organizationName: string;
  language: Locale | null;
};

type Props = {
  user: StaffBarUser;
  isDemo: boolean;
  organizationLanguage: Locale;
  languages: { code: Locale; name: string }[];
  /** The page to come back to after a language change. */
  returnTo: string;
};

export function StaffTopBar({ user, isDemo, organizationLanguage, languages, returnTo }: Props) {
  const t = useStaffT("shell");
  const orgDefault = languages.find((l) => l.code === organizationLanguage)?.name ?? organizationLanguage;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="topbar">
        <div className="page">
          <a className="brand" href="/app">
            valuebench
          </a>
          <nav aria-label={t("nav.label")}>
            {STAFF_NAV.filter((item) => !item.role || item.role === user.role).map((item) => (
              <NavLink key={item.to} to={item.to} end={item.to === "/app"}>
                {t(`nav.${item.key}`)}
              </NavLink>
            ))}
          </nav>
          <details className="profile-menu">
            <summary>
              {user.name} · {user.organizationName} ({t(`roles.${user.role}`)})
            </summary>
            <div className="profile-menu-panel stack">
              <div className="muted">{user.email}</div>
              {/* A document load: the new language's messages arrive with the page (entry.client.tsx). */}
              <Form method="post" action="/app/profile" reloadDocument className="stack">
                <input type="hidden" name="redirectTo" value={returnTo} />
                <label htmlFor="profile-language">{t("profile.language")}</label>
                <select id="profile-language" name="language" defaultValue={user.language ?? ""}>
                  <option value="">{t("profile.organizationDefault", { language: orgDefault })}</option>
                  {languages.map((l) => (
                    <option key={l.code} value={l.code} lang={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary">
                  {t("profile.save")}
                </button>
              </Form>
            </div>
          </details>
          <Form method="post" action="/logout" reloadDocument>
            <button type="submit" className="secondary">
              {t("logOut")}
            </button>
          </Form>
        </div>
      </header>
      {isDemo ? (
        <div className="demo-banner" role="note" aria-label={t("demoLabel")}>
          <div className="page">
            <strong>{t("demoLabel")}</strong> {t("demoBanner")}
          </div>
        </div>
      ) : null}
    </>
  );
}
