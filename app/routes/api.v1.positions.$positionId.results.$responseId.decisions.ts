// POST /api/v1/positions/:positionId/results/:responseId/decisions (scope outcomes:write): records a decision
// (advance, hold, reject, hired with hiredOn) with the decision form's rules.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { recordDecision } from "~/models/decision.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readJsonBody } from "~/utils/api/handler.server";
import { createDecisionSchema } from "~/utils/schemas/api.server";

export const loader = (_args: LoaderFunctionArgs) => handleApi(async () => methodNotAllowed(["POST"]));

export const action = ({ request, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const ctx = await authenticateApiKey(request, "outcomes:write");
    const { positionId = "", responseId = "" } = params;
    const { data } = await readJsonBody(request, createDecisionSchema);
    const decisionId = await recordDecision(ctx.organizationId, positionId, responseId, data, {
      id: ctx.actor.userId,
      email: ctx.actor.label,
    });
    return apiJson(ctx, { decisionId, responseId, decision: data.decision, hiredOn: data.hiredOn }, 201);
  });
