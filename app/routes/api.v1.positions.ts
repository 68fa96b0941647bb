// GET /api/v1/positions: the key's organization's positions (scope positions:read).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listApiPositions } from "~/models/api-positions.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed } from "~/utils/api/handler.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "positions:read");
    return apiJson(ctx, { data: await listApiPositions(ctx.organizationId) });
  });

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
