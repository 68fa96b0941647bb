import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { switchResponseLocale } from "~/models/respondent-locale.server";
import { requireRespondent } from "~/models/response.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { languageSwitchSchema } from "~/utils/schemas/i18n.server";

/** Only a page of the answering flow (never an outside address). */
function safeReturn(path: string | undefined): string {
  return path && /^\/r(\/[A-Za-z0-9-]*)?$/.test(path) ? path : "/r";
}

/** The language switcher of the answering pages: stores the choice on the response and returns to the page. */
export async function action({ request }: ActionFunctionArgs) {
  const respondent = await requireRespondent(request);
  const parsed = await parseForm(request, languageSwitchSchema);
  if (parsed.ok) await switchResponseLocale(respondent.responseId, parsed.data.locale);
  throw redirect(safeReturn(parsed.ok ? parsed.data.returnTo : undefined), { headers: PRIVATE_HEADERS });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRespondent(request);
  throw redirect("/r", { headers: PRIVATE_HEADERS });
}
