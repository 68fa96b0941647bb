// POST /api/v1/webhooks/:endpointId/disable: disables the endpoint; its pending deliveries are marked failed and
// nothing more is sent to it (scope webhooks:manage). Another organization's endpoint is 404.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { disableWebhookEndpoint } from "~/models/webhook-endpoints.server";
import { authenticateApiKey, withRateLimit } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed } from "~/utils/api/handler.server";

export const loader = (_args: LoaderFunctionArgs) => handleApi(async () => methodNotAllowed(["POST"]));

export const action = ({ request, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const ctx = await authenticateApiKey(request, "webhooks:manage");
    await disableWebhookEndpoint(ctx.organizationId, params.endpointId ?? "", ctx.actor);
    return withRateLimit(ctx, new Response(null, { status: 204 }));
  });
