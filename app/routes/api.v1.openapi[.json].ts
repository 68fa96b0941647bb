// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public: it describes the API, holds no data).
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/utils/api/handler.server";
import { buildOpenApiDocument } from "~/utils/api/openapi.server";
import { publicOrigin } from "~/utils/env.server";

export const loader = () =>
  handleApi(async () =>
    Response.json(buildOpenApiDocument(publicOrigin()), { headers: { "Cache-Control": "no-cache" } }),
  );

export const action = (_args: ActionFunctionArgs) => handleApi(async () => methodNotAllowed(["GET"]));
