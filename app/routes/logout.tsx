import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroyStaffSession } from "~/utils/session.server";

export async function loader() {
  // Logging out changes state, so only POST does it.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await destroyStaffSession(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
