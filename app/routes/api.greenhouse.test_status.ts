// Greenhouse Assessment Partner API: GET /api/greenhouse/test_status?partner_interview_id= — the test's status and,
// once scored, the report URL, overall fit as partner_score and alignments as metadata (scope results:read).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { greenhouseTestStatus } from "~/models/greenhouse.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readQuery } from "~/utils/api/handler.server";
import { testStatusQuerySchema } from "~/utils/schemas/greenhouse.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "results:read");
    const { partner_interview_id } = readQuery(request, testStatusQuerySchema);
    return apiJson(ctx, await greenhouseTestStatus(ctx.organizationId, partner_interview_id));
  });

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
