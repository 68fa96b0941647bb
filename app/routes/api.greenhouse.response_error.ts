// Greenhouse Assessment Partner API: POST /api/greenhouse/response_error — Greenhouse reports an answer of ours it
// could not read; logged and audited (any valid key of the organization).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { recordGreenhouseResponseError } from "~/models/greenhouse.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readJsonBody } from "~/utils/api/handler.server";
import { responseErrorSchema } from "~/utils/schemas/greenhouse.server";

export const loader = (_args: LoaderFunctionArgs) => handleApi(async () => methodNotAllowed(["POST"]));

export const action = ({ request }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const ctx = await authenticateApiKey(request, null);
    const { data } = await readJsonBody(request, responseErrorSchema);
    await recordGreenhouseResponseError(ctx.organizationId, data, ctx.actor);
    return apiJson(ctx, { status: 200 });
  });
