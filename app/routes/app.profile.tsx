// The profile menu's language choice (issue 18): stored on the user, then the page the user came from is loaded
// again as a document, in the new language.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { setUserLanguage } from "~/models/staff-language.server";
import { parseForm } from "~/utils/form.server";
import { safeRedirect } from "~/utils/redirect-target.server";
import { requireRole } from "~/utils/route-roles.server";
import { profileLanguageSchema } from "~/utils/schemas/profile.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.profile");
  const parsed = await parseForm(request, profileLanguageSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  await setUserLanguage(user.organizationId, user.id, parsed.data.language === "" ? null : parsed.data.language);
  throw redirect(safeRedirect(parsed.data.redirectTo ?? "/app"));
}
