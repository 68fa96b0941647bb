import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { STAFF_NAV } from "~/components/staff-nav";
import { StaffI18n, useStaffT } from "~/i18n/staff";
import { requireRole } from "~/utils/route-roles.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app");
  return {
    user: { name: user.name, email: user.email, role: user.role, organizationName: user.organizationName },
    isDemo: user.organizationIsDemo,
  };
}

export default function StaffLayout() {
  const { user, isDemo } = useLoaderData<typeof loader>();
  return (
    <StaffI18n>
      <StaffChrome user={user} isDemo={isDemo} />
    </StaffI18n>
  );
}

function StaffChrome({
  user,
  isDemo,
}: {
  user: { name: string; email: string; role: string; organizationName: string };
  isDemo: boolean;
}) {
  const t = useStaffT();
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
          <nav aria-label="Main">
            {STAFF_NAV.filter((item) => !item.role || item.role === user.role).map((item) => (
              <NavLink key={item.to} to={item.to} end={item.to === "/app"}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <span className="muted">
            {user.name} · {user.organizationName} ({user.role})
          </span>
          <Form method="post" action="/logout">
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
      <main className="page" id="main">
        <Outlet />
      </main>
    </>
  );
}
