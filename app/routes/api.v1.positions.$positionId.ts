// GET /api/v1/positions/:positionId: one position of the key's organization (scope positions:read; 404 otherwise).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getApiPosition } from "~/models/api-positions.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed } from "~/utils/api/handler.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "positions:read");
    return apiJson(ctx, await getApiPosition(ctx.organizationId, params.positionId ?? ""));
  });

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
