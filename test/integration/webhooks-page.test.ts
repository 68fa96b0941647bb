// Issue 20: the admins' webhooks page (/app/settings/webhooks): add an endpoint (its secret shown once), disable it,
// read the delivery log and resend a delivery; recruiters get 403, another organization's rows 404.
import { describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/app.settings_.webhooks";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";

withTestDatabase();
const PAGE = "/app/settings/webhooks";

async function admin() {
  const org = await makeOrganization();
  const user = await makeUser(org.id, "admin");
  return { org, user, cookie: await sessionCookieFor(user.id) };
}

describe("webhooks page", () => {
  it("adds an endpoint, shows its secret once, and lists it without the secret", async () => {
    const { org, cookie } = await admin();
    const created = await outcome(() =>
      action({
        request: postForm(
          PAGE,
          { intent: "create", url: "https://hooks.example.com/vb", events: ["response.scored", "decision.recorded"] },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(created.status).toBe(200);
    const secret = (created.data as { created: { secret: string } }).created.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);

    const page = await outcome(() => loader({ request: getRequest(PAGE, cookie), params: {}, context: {} }));
    const { endpoints } = page.data as { endpoints: { id: string; url: string; events: string[] }[] };
    expect(endpoints.map((e) => [e.url, e.events])).toEqual([
      ["https://hooks.example.com/vb", ["response.scored", "decision.recorded"]],
    ]);
    expect(JSON.stringify(page.data)).not.toContain(secret);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "details_json"])
      .where("organization_id", "=", org.id)
      .execute();
    expect(audit).toEqual([
      {
        action: "webhook.endpoint_created",
        details_json: JSON.stringify({
          url: "https://hooks.example.com/vb",
          events: ["response.scored", "decision.recorded"],
        }),
      },
    ]);
    expect(audit[0].details_json).not.toContain("whsec_");

    const disabled = await outcome(() =>
      action({
        request: postForm(PAGE, { intent: "disable", endpointId: endpoints[0].id }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(disabled.status).toBe(200);
    const after = await outcome(() => loader({ request: getRequest(PAGE, cookie), params: {}, context: {} }));
    expect((after.data as { endpoints: { disabledAt: string | null }[] }).endpoints[0].disabledAt).not.toBeNull();
  });

  it("names what is wrong: a plain-http URL, no event, an unknown event", async () => {
    const { cookie } = await admin();
    const bad = await outcome(() =>
      action({
        request: postForm(PAGE, { intent: "create", url: "http://hooks.example.com/vb", events: [] }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      url: ["The URL must start with https:// (http:// only for localhost or 127.0.0.1 outside production)."],
      events: ["Choose at least one event."],
    });
    const unknown = await outcome(() =>
      action({
        request: postForm(
          PAGE,
          { intent: "create", url: "https://h.example.com", events: ["response.deleted"] },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect((unknown.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      "events.0": ["Choose events from the list."],
    });
  });

  it("is for admins only, and another organization's endpoint or delivery is 404", async () => {
    const { org } = await admin();
    const recruiter = await makeUser(org.id, "recruiter");
    const recruiterCookie = await sessionCookieFor(recruiter.id);
    expect(
      (await outcome(() => loader({ request: getRequest(PAGE, recruiterCookie), params: {}, context: {} }))).status,
    ).toBe(403);
    const other = await admin();
    const endpointId = crypto.randomUUID();
    await getDb()
      .insertInto("webhook_endpoints")
      .values({
        id: endpointId,
        organization_id: org.id,
        url: "https://a.example.com",
        events_json: '["decision.recorded"]',
        secret: "whsec_" + Buffer.alloc(32, 1).toString("base64"),
        created_by: null,
        created_at: new Date().toISOString(),
        disabled_at: null,
      })
      .execute();
    const notFound = await outcome(() =>
      action({ request: postForm(PAGE, { intent: "disable", endpointId }, other.cookie), params: {}, context: {} }),
    );
    expect(notFound.status).toBe(404);
    const resend = await outcome(() =>
      action({
        request: postForm(PAGE, { intent: "resend", deliveryId: `msg_${"0".repeat(32)}` }, other.cookie),
        params: {},
        context: {},
      }),
    );
    expect(resend.status).toBe(404);
  });
});
