// POST /api/v1/positions/:positionId/invitations (scope invitations:write): invites candidates, one or a batch, all
// or nothing; honours Idempotency-Key for 24 h.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inviteCandidatesByApi } from "~/models/api-invitations.server";
import { apiJson, authenticateApiKey } from "~/utils/api/auth.server";
import { handleApi, methodNotAllowed, readJsonBody } from "~/utils/api/handler.server";
import { idempotencyKeyOf } from "~/models/api-idempotency.server";
import { createInvitationsSchema } from "~/utils/schemas/api.server";

export const loader = (_args: LoaderFunctionArgs) => handleApi(async () => methodNotAllowed(["POST"]));

export const action = ({ request, params }: ActionFunctionArgs) =>
  handleApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const ctx = await authenticateApiKey(request, "invitations:write");
    const key = idempotencyKeyOf(request);
    const { data } = await readJsonBody(request, createInvitationsSchema);
    const answer = await inviteCandidatesByApi(ctx, params.positionId ?? "", data, key);
    return apiJson(ctx, answer.body, answer.status, answer.replayed ? { "Idempotent-Replayed": "true" } : {});
  });
