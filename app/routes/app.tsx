import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Outlet, useLoaderData, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { StaffErrorMessage } from "~/components/staff-error";
import { StaffTopBar, type StaffBarUser } from "~/components/staff-top-bar";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locale";
import { StaffI18n } from "~/i18n/staff";
import { ensureStaffCatalogs } from "~/i18n/staff-load";
import { requireRole } from "~/utils/route-roles.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app");
  return {
    user: {
      name: user.name,
      email: user.email,
      role: user.role,
      organizationName: user.organizationName,
      language: user.language,
    } satisfies StaffBarUser,
    isDemo: user.organizationIsDemo,
    /** The reader's language (issue 18): root.tsx puts it on <html>, entry.client.tsx loads its catalogs. */
    staffLocale: user.locale,
    organizationLanguage: user.organizationLanguage,
    languages: LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
  };
}

/** A client navigation into another language (after a login or a language change) loads its catalogs first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await ensureStaffCatalogs(data.staffLocale);
  return data;
}

export default function StaffLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <StaffI18n locale={data.staffLocale}>
      <StaffTopBar {...data} returnTo={useLocation().pathname + useLocation().search} />
      <main className="page" id="main">
        <Outlet />
      </main>
    </StaffI18n>
  );
}

/** An error inside the staff area keeps the top bar and speaks the reader's language. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/app");
  const location = useLocation();
  if (!data) return <StaffErrorMessage error={error} />;
  return (
    <StaffI18n locale={data.staffLocale}>
      <StaffTopBar {...data} returnTo={location.pathname + location.search} />
      <main className="page" id="main">
        <StaffErrorMessage error={error} />
      </main>
    </StaffI18n>
  );
}
