import type { Kysely } from "kysely";

// Signed webhooks (issue 20):
// - webhook_endpoints: an organization's receivers. `secret` is the Standard Webhooks secret (`whsec_` + base64),
//   kept in clear because every delivery is signed with it; events_json is a JSON array of event types.
// - webhook_deliveries: the outbox. One row per event and receiver, written in the transaction of the event; `id` is
//   the `webhook-id` header (msg_…). The delivery worker claims due rows (status pending, next_attempt_at passed)
//   with a conditional UPDATE that moves next_attempt_at past a lease, so two servers never send a row at once.
//   kind "webhook" goes to endpoint_id's URL, signed; kind "greenhouse" is a PATCH to target_url (Greenhouse's
//   callback of one test).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events_json", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .execute();
  await db.schema
    .createIndex("webhook_endpoints_org_idx")
    .on("webhook_endpoints")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("webhook"))
    .addColumn("endpoint_id", "text", (c) => c.references("webhook_endpoints.id").onDelete("cascade"))
    .addColumn("target_url", "text")
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("payload_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_attempt_at", "text")
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_due_idx")
    .on("webhook_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_org_idx")
    .on("webhook_deliveries")
    .columns(["organization_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_deliveries").execute();
  await db.schema.dropTable("webhook_endpoints").execute();
}
