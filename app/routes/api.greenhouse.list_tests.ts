// Greenhouse Assessment Partner API: GET /api/greenhouse/list_tests — one test per open position (HTTP Basic, the
// API key as user name, scope positions:read).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listGreenhouseTests } from "~/models/greenhouse.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed } from "~/utils/api/handler.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "positions:read");
    return apiJson(ctx, await listGreenhouseTests(ctx.organizationId));
  });

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
