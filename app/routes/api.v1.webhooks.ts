// GET /api/v1/webhooks: the organization's webhook endpoints; POST registers one and answers its secret, once
// (scope webhooks:manage).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createWebhookEndpoint, listWebhookEndpoints } from "~/models/webhook-endpoints.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readJsonBody } from "~/utils/api/handler.server";
import { apiCreateWebhookSchema } from "~/utils/schemas/webhooks.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  handleApi(async () => {
    const ctx = await authenticateApiKey(request, "webhooks:manage");
    return apiJson(ctx, { data: await listWebhookEndpoints(ctx.organizationId) });
  });

export const action = ({ request }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const ctx = await authenticateApiKey(request, "webhooks:manage");
    const { data } = await readJsonBody(request, apiCreateWebhookSchema);
    const now = new Date();
    const { id, secret } = await createWebhookEndpoint(ctx.organizationId, data, ctx.actor, now);
    const created = { id, url: data.url, events: data.events, createdAt: now.toISOString(), disabledAt: null, secret };
    return apiJson(ctx, created, 201);
  });
