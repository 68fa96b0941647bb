// POST /r/autosave: the answering page's autosave of one answer (use-answer-autosave.ts), JSON back. In production
// server.js answers this path before Remix (app/utils/autosave-endpoint.server.ts, issue 19); this resource route
// gives the same answers wherever Remix sees the request (`npm run dev`, which has no server.js).
import type { ActionFunctionArgs } from "@remix-run/node";
import { answerAutosave } from "~/utils/autosave-endpoint.server";

export async function action({ request }: ActionFunctionArgs) {
  const body = await request.text();
  const outcome = await answerAutosave(request.headers.get("Cookie"), request.headers.get("Content-Type"), body);
  return Response.json(outcome.body, { status: outcome.status, headers: outcome.headers });
}
