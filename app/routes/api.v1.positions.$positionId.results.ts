// GET /api/v1/positions/:positionId/results?cursor=&limit=&value=&band=&flagged=&decision=&submittedSince=
// (scope results:read): submitted candidates, oldest submission first, keyset-paginated.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listResultsPage } from "~/models/api-results.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readQuery } from "~/utils/api/handler.server";
import { resultsQuerySchema } from "~/utils/schemas/api.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "results:read");
    const query = readQuery(request, resultsQuerySchema);
    return apiJson(ctx, await listResultsPage(ctx.organizationId, params.positionId ?? "", query));
  });

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
