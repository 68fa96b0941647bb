// GET /api/v1/positions/:positionId/results/:responseId (scope results:read): one candidate's fit report.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getApiFitReport } from "~/models/api-results.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed } from "~/utils/api/handler.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "results:read");
    const { positionId = "", responseId = "" } = params;
    return apiJson(ctx, await getApiFitReport(ctx.organizationId, positionId, responseId));
  });

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
