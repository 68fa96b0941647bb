// Helpers of the public API tests (issue 20): keys made through the model, requests sent to the real route modules'
// loaders and actions, every answer recorded so the contract test can check it against the OpenAPI operations.
import { createApiKey } from "../app/models/api-keys.server";
import { API_OPERATIONS, type ApiOperation } from "../app/utils/api/openapi.server";
import type { ApiScope } from "../app/utils/schemas/api-keys.server";
import { API_SCOPES } from "../app/utils/schemas/api-keys.server";
import * as listPositionsRoute from "../app/routes/api.v1.positions";
import * as positionRoute from "../app/routes/api.v1.positions.$positionId";
import * as invitationsRoute from "../app/routes/api.v1.positions.$positionId.invitations";
import * as resultsRoute from "../app/routes/api.v1.positions.$positionId.results";
import * as reportRoute from "../app/routes/api.v1.positions.$positionId.results.$responseId";
import * as decisionsRoute from "../app/routes/api.v1.positions.$positionId.results.$responseId.decisions";
import * as outcomesRoute from "../app/routes/api.v1.positions.$positionId.outcomes";
import * as webhooksRoute from "../app/routes/api.v1.webhooks";
import * as disableWebhookRoute from "../app/routes/api.v1.webhooks.$endpointId.disable";

export const API_ORIGIN = "http://localhost:3000";

type RouteModule = {
  loader: (args: never) => Promise<Response>;
  action: (args: never) => Promise<Response>;
};

const MODULES: Record<string, RouteModule> = {
  listPositions: listPositionsRoute as RouteModule,
  getPosition: positionRoute as RouteModule,
  createInvitations: invitationsRoute as RouteModule,
  listResults: resultsRoute as RouteModule,
  getFitReport: reportRoute as RouteModule,
  recordDecision: decisionsRoute as RouteModule,
  postOutcomes: outcomesRoute as RouteModule,
  listWebhooks: webhooksRoute as RouteModule,
  createWebhook: webhooksRoute as RouteModule,
  disableWebhook: disableWebhookRoute as RouteModule,
};

/** A key of the organization made by its admin; all scopes unless told. */
export async function makeApiKey(orgId: string, adminId: string, scopes: readonly ApiScope[] = API_SCOPES) {
  return createApiKey(orgId, { name: `key ${scopes.join(" ")}`, scopes }, { userId: adminId, label: "admin" });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in the tests
export type ApiAnswer = { status: number; body: any; headers: Headers };
export type Recorded = { op: ApiOperation; status: number; body: unknown; contentType: string | null };

/** Every answer of callApi in this test file, in order. */
export const recorded: Recorded[] = [];

export type CallOptions = {
  /** The Authorization header value, or a key sent as Bearer. */
  key?: string;
  authorization?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
};

/** Sends the operation's request to its route module and returns the parsed answer. */
export async function callApi(opId: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const op = API_OPERATIONS.find((o) => o.id === opId);
  if (!op) throw new Error(`unknown operation ${opId}`);
  const params = options.params ?? {};
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`${opId}: missing ${name}`);
    return encodeURIComponent(params[name]);
  });
  const url = new URL(API_ORIGIN + path);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization) headers.Authorization = options.authorization;
  else if (options.key) headers.Authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (op.method === "post") {
    body = options.rawBody ?? JSON.stringify(options.body ?? {});
    headers["Content-Type"] ??= "application/json";
  }
  const request = new Request(url, { method: op.method.toUpperCase(), headers, body });
  const mod = MODULES[opId];
  const handler = op.method === "get" ? mod.loader : mod.action;
  const response = await handler({ request, params, context: {} } as never);
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  recorded.push({ op, status: response.status, body: parsed, contentType: response.headers.get("Content-Type") });
  return { status: response.status, body: parsed, headers: response.headers };
}

/** HTTP Basic with the key as the user name and an empty password (Greenhouse). */
export function basicWithKey(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
}
