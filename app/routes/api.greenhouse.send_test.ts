// Greenhouse Assessment Partner API: POST /api/greenhouse/send_test — invites and mails the candidate, once per
// Greenhouse test; answers { partner_interview_id } (scope invitations:write).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sendGreenhouseTest } from "~/models/greenhouse.server";
import { apiJson, authenticateApiKey, presentedKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readJsonBody } from "~/utils/api/handler.server";
import { sendTestSchema } from "~/utils/schemas/greenhouse.server";

export const loader = (_args: LoaderFunctionArgs) => handleApi(async () => methodNotAllowed(["POST"]));

export const action = ({ request }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const ctx = await authenticateApiKey(request, "invitations:write");
    const { data } = await readJsonBody(request, sendTestSchema);
    const answer = await sendGreenhouseTest(ctx.organizationId, data, presentedKey(request) ?? "", ctx.actor);
    return apiJson(ctx, answer);
  });
