// POST /api/v1/positions/:positionId/outcomes (scope outcomes:write): outcome values of agents and hired candidates,
// with the outcomes page's validation; all or nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { postOutcomesByApi } from "~/models/api-outcomes.server";
import { apiJson, authenticateApiKey, withRateLimit } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readJsonBody } from "~/utils/api/handler.server";
import { problem } from "~/utils/api/problem.server";
import { postOutcomesSchema } from "~/utils/schemas/api.server";

export const loader = (_args: LoaderFunctionArgs) => handleApi(async () => methodNotAllowed(["POST"]));

export const action = ({ request, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const ctx = await authenticateApiKey(request, "outcomes:write");
    const { data } = await readJsonBody(request, postOutcomesSchema);
    const result = await postOutcomesByApi(ctx, params.positionId ?? "", data.outcomes);
    if (!result.ok) {
      const detail = `${result.errors.length} outcome field(s) were refused; nothing was written (see errors).`;
      return withRateLimit(ctx, problem(422, detail, { errors: result.errors }));
    }
    return apiJson(ctx, { metrics: result.metrics });
  });
