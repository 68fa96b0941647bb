import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/catalogs.server";
import { getSessionUser } from "~/utils/session.server";

/** An unknown address: 404, in the staff user's language when signed in, else the browser's (issue 18). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  throw data({ locale: user?.locale ?? negotiateLocale(request) }, { status: 404 });
}

export default function NotFound() {
  return null;
}
