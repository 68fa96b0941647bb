import type { ActionFunctionArgs } from "@remix-run/node";
import { markInvitationOpened } from "~/models/invitation.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { openedBeaconSchema } from "~/utils/schemas/invitations.server";

/**
 * The landing page's beacon (app/components/opened-beacon.ts): the link was opened in a browser, so the recruiter's
 * pipeline shows "Opened". A resource route answered with 204 and no page data, so nothing in the page's router
 * revalidates while the person presses "Start". The same answer for any token, so it tells a guesser nothing; a
 * body other than `intent=opened` changes nothing either.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const beacon = await parseForm(request, openedBeaconSchema);
  if (beacon.ok) await markInvitationOpened(params.token ?? "");
  return new Response(null, { status: 204, headers: PRIVATE_HEADERS });
}
