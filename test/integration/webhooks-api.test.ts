// Issue 20: webhook endpoints through the API (scope webhooks:manage): register (secret in the answer only), list,
// disable; another organization's key sees none of them (404); a key without the scope gets 403.
import { describe, expect, it } from "vitest";
import { createApiKey } from "../../app/models/api-keys.server";
import type { ApiScope } from "../../app/utils/schemas/api-keys.server";
import { action as disableAction } from "../../app/routes/api.v1.webhooks.$endpointId.disable";
import { action as createAction, loader as listLoader } from "../../app/routes/api.v1.webhooks";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser } from "../factories";

withTestDatabase();
const BASE = "http://localhost:3000/api/v1/webhooks";

async function keyFor(scopes: ApiScope[]) {
  const org = await makeOrganization();
  const admin = await makeUser(org.id, "admin");
  const { secret } = await createApiKey(org.id, { name: "ATS", scopes }, { userId: admin.id, label: admin.email });
  return { org, auth: `Bearer ${secret}` };
}

const post = (url: string, auth: string, body?: unknown) =>
  new Request(url, {
    method: "POST",
    headers: { Authorization: auth, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("/api/v1/webhooks", () => {
  it("registers, lists and disables an endpoint; the secret only in the creation's answer", async () => {
    const { auth } = await keyFor(["webhooks:manage"]);
    const created = await createAction({
      request: post(BASE, auth, { url: "https://ats.example.com/vb", events: ["response.scored"] }),
      params: {},
      context: {},
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; secret: string; events: string[]; disabledAt: null };
    expect(body.secret).toMatch(/^whsec_/);
    expect([body.events, body.disabledAt]).toEqual([["response.scored"], null]);

    const list = await listLoader({
      request: new Request(BASE, { headers: { Authorization: auth } }),
      params: {},
      context: {},
    });
    const listed = (await list.json()) as { data: { id: string; url: string }[] };
    expect(listed.data.map((e) => [e.id, e.url])).toEqual([[body.id, "https://ats.example.com/vb"]]);
    expect(JSON.stringify(listed)).not.toContain("whsec_");

    const other = await keyFor(["webhooks:manage"]);
    const foreign = await disableAction({
      request: post(`${BASE}/${body.id}/disable`, other.auth),
      params: { endpointId: body.id },
      context: {},
    });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const otherList = await listLoader({
      request: new Request(BASE, { headers: { Authorization: other.auth } }),
      params: {},
      context: {},
    });
    expect(((await otherList.json()) as { data: unknown[] }).data).toEqual([]);

    const disabled = await disableAction({
      request: post(`${BASE}/${body.id}/disable`, auth),
      params: { endpointId: body.id },
      context: {},
    });
    expect(disabled.status).toBe(204);
  });

  it("answers problem+json naming the field, and 403 without the scope", async () => {
    const { auth } = await keyFor(["webhooks:manage"]);
    const bad = await createAction({
      request: post(BASE, auth, { url: "http://ats.example.com/vb", events: ["response.scored"], extra: 1 }),
      params: {},
      context: {},
    });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(["", "/url"]);

    const reader = await keyFor(["results:read"]);
    const forbidden = await createAction({
      request: post(BASE, reader.auth, { url: "https://ats.example.com/vb", events: ["response.scored"] }),
      params: {},
      context: {},
    });
    expect(forbidden.status).toBe(403);
  });
});
