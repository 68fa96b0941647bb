// The OpenAPI 3.1 document of /api/v1 (issue 20), generated from the zod schemas of app/utils/schemas/api.server.ts
// and api-webhooks.server.ts. API_OPERATIONS is the one list of operations: the document, the settings page's
// reference and the contract test (test/integration/api-openapi.test.ts) all read it.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z, type ZodTypeAny } from "zod";
import { API_SCOPES, apiScopeDescription, type ApiScope } from "~/utils/schemas/api-keys.server";
import {
  createDecisionSchema,
  createInvitationsResponseSchema,
  createInvitationsSchema,
  decisionResponseSchema,
  fitReportSchema,
  positionListSchema,
  positionSchema,
  postOutcomesResponseSchema,
  postOutcomesSchema,
  problemSchema,
  resultsPageSchema,
  resultsQuerySchema,
} from "~/utils/schemas/api.server";
import { WEBHOOK_EVENTS, webhookPayloadSchemas } from "~/utils/schemas/api-webhooks.server";
import {
  apiCreatedWebhookSchema,
  apiCreateWebhookSchema,
  apiWebhookEndpointSchema,
} from "~/utils/schemas/webhooks.server";

extendZodWithOpenApi(z);

export const API_VERSION = "1.0.0";

export type ApiOperation = {
  id: string;
  method: "get" | "post";
  /** The full path with {placeholders}, e.g. /api/v1/positions/{positionId}. */
  path: string;
  summary: string;
  scope: ApiScope;
  params?: z.AnyZodObject;
  query?: ZodTypeAny;
  body?: ZodTypeAny;
  idempotent?: boolean;
  /** The success status and its body schema (none for 204). */
  success: { status: 200 | 201 | 204; description: string; schema?: ZodTypeAny };
  /** Error statuses this operation can answer besides 401, 403, 404 and 429 (always possible). */
  errors: number[];
  /** A curl example's body (for POSTs), shown on the settings page. */
  example?: unknown;
};

const positionParams = z.object({ positionId: z.string().describe("Position id") });
const responseParams = positionParams.extend({ responseId: z.string().describe("Candidate response id") });

export const API_OPERATIONS: ApiOperation[] = [
  {
    id: "listPositions",
    method: "get",
    path: "/api/v1/positions",
    summary: "List the organization's positions, newest first.",
    scope: "positions:read",
    success: { status: 200, description: "The positions", schema: positionListSchema },
    errors: [],
  },
  {
    id: "getPosition",
    method: "get",
    path: "/api/v1/positions/{positionId}",
    summary: "Read one position, with the languages candidates can be invited in.",
    scope: "positions:read",
    params: positionParams,
    success: { status: 200, description: "The position", schema: positionSchema },
    errors: [],
  },
  {
    id: "createInvitations",
    method: "post",
    path: "/api/v1/positions/{positionId}/invitations",
    summary:
      "Invite candidates (one or a batch, all or nothing). Each gets a personal link, mailed when the server sends " +
      "mail and the invitation has an e-mail; otherwise the link is in the answer, once.",
    scope: "invitations:write",
    params: positionParams,
    body: createInvitationsSchema,
    idempotent: true,
    success: { status: 201, description: "The invitations created", schema: createInvitationsResponseSchema },
    errors: [400, 409, 415, 422],
    example: { invitations: [{ name: "Ada Lovelace", email: "ada@example.com", locale: "en" }] },
  },
  {
    id: "listResults",
    method: "get",
    path: "/api/v1/positions/{positionId}/results",
    summary:
      "List the position's submitted candidates, oldest submission first, with scores. Keyset pagination: pass " +
      "nextCursor as cursor; a candidate submitting meanwhile appears on a later page, never shifting this one.",
    scope: "results:read",
    params: positionParams,
    query: resultsQuerySchema,
    success: { status: 200, description: "One page of results", schema: resultsPageSchema },
    errors: [400],
  },
  {
    id: "getFitReport",
    method: "get",
    path: "/api/v1/positions/{positionId}/results/{responseId}",
    summary:
      "Read one candidate's fit report: per-value score, percentile with its interval, alignment and band, flags, " +
      "overall fit, the scoring algorithm and the benchmark it was scored against.",
    scope: "results:read",
    params: responseParams,
    success: { status: 200, description: "The fit report", schema: fitReportSchema },
    errors: [],
  },
  {
    id: "recordDecision",
    method: "post",
    path: "/api/v1/positions/{positionId}/results/{responseId}/decisions",
    summary: "Record a decision on a candidate: advance, hold, reject or hired (hiredOn YYYY-MM-DD required).",
    scope: "outcomes:write",
    params: responseParams,
    body: createDecisionSchema,
    success: { status: 201, description: "The decision recorded", schema: decisionResponseSchema },
    errors: [400, 415],
    example: { decision: "hired", hiredOn: "2027-01-15", note: "Offer accepted" },
  },
  {
    id: "postOutcomes",
    method: "post",
    path: "/api/v1/positions/{positionId}/outcomes",
    summary:
      "Post outcome values (e.g. CSAT) of agents and hired candidates for existing metrics, with the outcomes " +
      "page's rules; all or nothing. A person's earlier value of the same metric is replaced.",
    scope: "outcomes:write",
    params: positionParams,
    body: postOutcomesSchema,
    success: { status: 200, description: "What changed per metric", schema: postOutcomesResponseSchema },
    errors: [400, 415, 422],
    example: { outcomes: [{ email: "ada@example.com", metric: "csat", value: 92.5 }] },
  },
  {
    id: "listWebhooks",
    method: "get",
    path: "/api/v1/webhooks",
    summary: "List the organization's webhook endpoints (without their secrets).",
    scope: "webhooks:manage",
    success: {
      status: 200,
      description: "The endpoints",
      schema: z.object({ data: z.array(apiWebhookEndpointSchema) }),
    },
    errors: [],
  },
  {
    id: "createWebhook",
    method: "post",
    path: "/api/v1/webhooks",
    summary:
      "Register a webhook endpoint for some events; the answer holds its signing secret, once. https only in " +
      "production.",
    scope: "webhooks:manage",
    body: apiCreateWebhookSchema,
    success: { status: 201, description: "The endpoint and its secret", schema: apiCreatedWebhookSchema },
    errors: [400, 415],
    example: { url: "https://ats.example.com/valuebench", events: ["response.scored", "decision.recorded"] },
  },
  {
    id: "disableWebhook",
    method: "post",
    path: "/api/v1/webhooks/{endpointId}/disable",
    summary: "Disable an endpoint: nothing more is sent to it and its pending deliveries are marked failed.",
    scope: "webhooks:manage",
    params: z.object({ endpointId: z.string().describe("Webhook endpoint id") }),
    success: { status: 204, description: "Disabled" },
    errors: [],
  },
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid request (errors name each field)",
  401: "Missing, unknown or revoked API key",
  403: "The key lacks the operation's scope",
  404: "No such resource in the key's organization",
  409: "The position is closed",
  415: "The body is not JSON",
  422: "Refused: the Idempotency-Key was used with another request, or the outcomes broke a rule",
  429: "Rate limit exceeded (see Retry-After)",
};

const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per window", schema: { type: "integer" as const } },
  "RateLimit-Remaining": { description: "Requests left in this window", schema: { type: "integer" as const } },
  "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" as const } },
};

/** The OpenAPI 3.1 document; `serverUrl` is PUBLIC_URL. */
export function buildOpenApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key (vb_live_…) as `Authorization: Bearer <key>`.",
  });
  registry.registerComponent("securitySchemes", "basicAuth", {
    type: "http",
    scheme: "basic",
    description: "An API key as the HTTP Basic user name, empty password (how Greenhouse sends it).",
  });
  const problem = registry.register("Problem", problemSchema);
  for (const op of API_OPERATIONS) {
    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        headers: rateLimitHeaders,
        ...(op.success.schema ? { content: { "application/json": { schema: op.success.schema } } } : {}),
      },
    };
    for (const status of [...op.errors, 401, 403, 404, 429].sort()) {
      responses[status] = {
        description: ERROR_DESCRIPTIONS[status] ?? "Error",
        content: { "application/problem+json": { schema: problem } },
      };
    }
    registry.registerPath({
      operationId: op.id,
      method: op.method,
      path: op.path,
      summary: op.summary,
      description: `Scope: \`${op.scope}\`.${op.idempotent ? " Honours an `Idempotency-Key` header for 24 hours." : ""}`,
      security: [{ bearerAuth: [op.scope] }, { basicAuth: [op.scope] }],
      request: {
        ...(op.params ? { params: op.params } : {}),
        ...(op.query ? { query: op.query as z.AnyZodObject } : {}),
        ...(op.idempotent
          ? { headers: z.object({ "Idempotency-Key": z.string().max(255).optional().describe("Replay-safe retries") }) }
          : {}),
        ...(op.body ? { body: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
      },
      responses: responses as never,
    });
  }
  for (const event of WEBHOOK_EVENTS) {
    registry.registerWebhook({
      method: "post",
      path: event,
      summary: `The ${event} event`,
      description:
        "Signed with the Standard Webhooks scheme: headers webhook-id, webhook-timestamp and webhook-signature " +
        "(v1,<base64 HMAC-SHA256 of `id.timestamp.body` with the endpoint's whsec_ secret>). Answer 2xx; " +
        "anything else is retried with backoff for about a day.",
      request: { body: { content: { "application/json": { schema: webhookPayloadSchemas[event] } } } },
      responses: { 200: { description: "Received" } },
    });
  }
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: "3.1.0",
    info: {
      title: "valuebench API",
      version: API_VERSION,
      description:
        "Invite candidates, read their fit reports and send outcomes back. Authenticate with an API key " +
        "(Settings → API). Scopes: " +
        API_SCOPES.map((s) => `\`${s}\` (${apiScopeDescription(s)})`).join(", ") +
        ". Errors are RFC 9457 problem+json. Rate limit per key, with RateLimit-* headers.",
    },
    servers: [{ url: serverUrl }],
  });
}
