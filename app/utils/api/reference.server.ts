// The settings page's readable API reference (issue 20), read from the generated OpenAPI document so the page and
// /api/v1/openapi.json cannot disagree: endpoints, scopes, parameters, body fields, answers and a curl example each.
import { API_OPERATIONS, buildOpenApiDocument } from "./openapi.server";

type SchemaObject = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  $ref?: string;
  anyOf?: SchemaObject[];
};

export type ReferenceField = { name: string; where: string; type: string; required: boolean; description: string };
export type ReferenceEndpoint = {
  id: string;
  method: string;
  path: string;
  summary: string;
  scope: string;
  fields: ReferenceField[];
  statuses: { status: string; description: string }[];
  curl: string;
};

function typeOf(schema: SchemaObject | undefined): string {
  if (!schema) return "";
  if (schema.enum) return schema.enum.map((e) => JSON.stringify(e)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "object");
  if (type === "array" && schema.items)
    return `array of ${schema.items.type === "object" ? "objects" : typeOf(schema.items)}`;
  return type;
}

/** Body fields, nested ones with a dotted name ("invitations[].email"). */
function bodyFields(schema: SchemaObject | undefined, prefix = ""): ReferenceField[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, prop]) => {
    const full = `${prefix}${name}`;
    const own: ReferenceField = {
      name: full,
      where: "body",
      type: typeOf(prop),
      required: schema.required?.includes(name) ?? false,
      description: prop.description ?? "",
    };
    const nested = prop.type === "array" && prop.items?.properties ? bodyFields(prop.items, `${full}[].`) : [];
    return [own, ...nested];
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The reference of every operation and the webhook events, for a server at `origin`. */
export function apiReference(origin: string) {
  const document = buildOpenApiDocument(origin);
  const endpoints: ReferenceEndpoint[] = API_OPERATIONS.map((op) => {
    const operation = (document.paths?.[op.path] as Record<string, Record<string, unknown>>)[op.method] as {
      parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: SchemaObject }[];
      requestBody?: { content: Record<string, { schema: SchemaObject }> };
      responses: Record<string, { description: string }>;
    };
    const fields: ReferenceField[] = (operation.parameters ?? []).map((p) => ({
      name: p.name,
      where: p.in,
      type: typeOf(p.schema),
      required: p.required ?? false,
      description: p.description ?? p.schema?.description ?? "",
    }));
    fields.push(...bodyFields(operation.requestBody?.content["application/json"]?.schema));
    const samplePath = op.path.replace(
      /\{(\w+)\}/g,
      (_m, name: string) => `$${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`,
    );
    const curl = [
      `curl -sS ${op.method === "post" ? "-X POST " : ""}"${origin}${samplePath}" \\`,
      `  -H "Authorization: Bearer $VALUEBENCH_KEY"${op.example !== undefined ? " \\" : ""}`,
      ...(op.example !== undefined
        ? [
            ...(op.idempotent ? [`  -H "Idempotency-Key: $(uuidgen)" \\`] : []),
            `  -H "Content-Type: application/json" \\`,
            `  -d ${shellQuote(JSON.stringify(op.example))}`,
          ]
        : []),
    ].join("\n");
    return {
      id: op.id,
      method: op.method.toUpperCase(),
      path: op.path,
      summary: op.summary,
      scope: op.scope,
      fields,
      statuses: Object.entries(operation.responses).map(([status, r]) => ({ status, description: r.description })),
      curl,
    };
  });
  const webhooks = Object.entries(document.webhooks ?? {}).map(([event, item]) => {
    const schema = (item as { post: { requestBody: { content: Record<string, { schema: SchemaObject }> } } }).post
      .requestBody.content["application/json"].schema;
    const data = schema.properties?.data;
    return { event, fields: bodyFields(data).map((f) => ({ ...f, where: "data" })) };
  });
  return { openapiUrl: `${origin}/api/v1/openapi.json`, baseUrl: `${origin}/api/v1`, endpoints, webhooks };
}
