// An organization's webhook endpoints and their delivery log (issue 20). The secret exists in clear in the database
// (every delivery is signed with it) and is shown to the admin once, when the endpoint is created.
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";
import { newWebhookSecret } from "~/utils/webhook-signature.server";
import { parseEvents, type WebhookEventType } from "./webhook-events.server";

export type WebhookActor = { userId: string | null; label: string };

/** Deliveries listed on the webhooks page (newest first). */
export const LISTED_DELIVERIES = 100;

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export type WebhookEndpointItem = {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: string;
  disabledAt: string | null;
};

export async function listWebhookEndpoints(orgId: string): Promise<WebhookEndpointItem[]> {
  const rows = await getDb()
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "events_json", "created_at", "disabled_at"])
    .where("organization_id", "=", orgId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    events: parseEvents(r.events_json),
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  }));
}

/** Registers an endpoint; returns its id and secret (the only time the secret is returned). Audited. */
export async function createWebhookEndpoint(
  orgId: string,
  input: { url: string; events: readonly WebhookEventType[] },
  actor: WebhookActor,
  now = new Date(),
): Promise<{ id: string; secret: string }> {
  const id = newId();
  const secret = newWebhookSecret();
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("webhook_endpoints")
        .values({
          id,
          organization_id: orgId,
          url: input.url,
          events_json: JSON.stringify(input.events),
          secret,
          created_by: actor.userId,
          created_at: nowIso(now),
          disabled_at: null,
        })
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "webhook.endpoint_created",
          targetType: "webhook_endpoint",
          targetId: id,
          details: { url: input.url, events: input.events },
        },
        trx,
      );
    });
  return { id, secret };
}

/**
 * Stops an endpoint: no new deliveries, and its pending ones are marked failed (nothing more is sent to it).
 * Another organization's or an unknown endpoint => 404; disabling twice changes nothing.
 */
export async function disableWebhookEndpoint(
  orgId: string,
  endpointId: string,
  actor: WebhookActor,
  now = new Date(),
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const endpoint = await trx
        .selectFrom("webhook_endpoints")
        .select(["id", "url", "disabled_at"])
        .where("organization_id", "=", orgId)
        .where("id", "=", endpointId)
        .executeTakeFirst();
      if (!endpoint) notFound();
      if (endpoint.disabled_at) return;
      await trx
        .updateTable("webhook_endpoints")
        .set({ disabled_at: nowIso(now) })
        .where("organization_id", "=", orgId)
        .where("id", "=", endpointId)
        .execute();
      await trx
        .updateTable("webhook_deliveries")
        .set({ status: "failed", last_error: "The endpoint was disabled." })
        .where("organization_id", "=", orgId)
        .where("endpoint_id", "=", endpointId)
        .where("status", "=", "pending")
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "webhook.endpoint_disabled",
          targetType: "webhook_endpoint",
          targetId: endpointId,
          details: { url: endpoint.url },
        },
        trx,
      );
    });
}

export type WebhookDeliveryItem = {
  id: string;
  kind: "webhook" | "greenhouse";
  url: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

/** The organization's newest deliveries (webhooks and Greenhouse callbacks), LISTED_DELIVERIES at most. */
export async function listWebhookDeliveries(orgId: string, limit = LISTED_DELIVERIES): Promise<WebhookDeliveryItem[]> {
  const rows = await getDb()
    .selectFrom("webhook_deliveries as d")
    .leftJoin("webhook_endpoints as e", (join) =>
      join.onRef("e.id", "=", "d.endpoint_id").on("e.organization_id", "=", orgId),
    )
    .select([
      "d.id",
      "d.kind",
      "d.target_url",
      "e.url",
      "d.event_type",
      "d.status",
      "d.attempts",
      "d.next_attempt_at",
      "d.last_attempt_at",
      "d.last_status_code",
      "d.last_error",
      "d.created_at",
      "d.delivered_at",
    ])
    .where("d.organization_id", "=", orgId)
    .orderBy("d.created_at", "desc")
    .orderBy("d.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    url: r.url ?? r.target_url ?? "",
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === "pending" ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }));
}

/**
 * The delivery log's "resend": the delivery (same webhook-id and body; receivers deduplicate on the id) is due again
 * at once with a fresh round of retries. Refused (409) when its endpoint is disabled; 404 for another organization's.
 * Audited webhook.resent.
 */
export async function resendWebhookDelivery(
  orgId: string,
  deliveryId: string,
  actor: WebhookActor,
  now = new Date(),
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const delivery = await trx
        .selectFrom("webhook_deliveries as d")
        .leftJoin("webhook_endpoints as e", (join) =>
          join.onRef("e.id", "=", "d.endpoint_id").on("e.organization_id", "=", orgId),
        )
        .select(["d.id", "d.status", "d.event_type", "d.attempts", "d.kind", "e.disabled_at"])
        .where("d.organization_id", "=", orgId)
        .where("d.id", "=", deliveryId)
        .executeTakeFirst();
      if (!delivery) notFound();
      if (delivery.kind === "webhook" && delivery.disabled_at) {
        throw new Response("The endpoint is disabled; register it again to receive deliveries.", { status: 409 });
      }
      await trx
        .updateTable("webhook_deliveries")
        .set({ status: "pending", attempts: 0, next_attempt_at: nowIso(now), delivered_at: null })
        .where("organization_id", "=", orgId)
        .where("id", "=", deliveryId)
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "webhook.resent",
          targetType: "webhook_delivery",
          targetId: deliveryId,
          details: { event: delivery.event_type, previousStatus: delivery.status, previousAttempts: delivery.attempts },
        },
        trx,
      );
    });
}
