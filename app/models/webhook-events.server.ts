// Webhook events (issue 20): each event writes one outbox row per subscribed endpoint of its organization, inside
// the transaction of the event itself (pass that transaction as `db`), so an event that committed is never lost and
// one that rolled back is never sent. webhook-delivery.server.ts sends the rows. Payloads carry ids, numbers and the
// report's URL, never a candidate's name or e-mail.
import type { CandidateResult } from "~/scoring";
import { nowIso, type DB } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { newWebhookMessageId } from "~/utils/webhook-signature.server";
import { WEBHOOK_EVENTS, type WebhookPayloadOf } from "~/utils/schemas/api-webhooks.server";
import type { WebhookEventType } from "../../db/types";

export type { WebhookEventType };

/**
 * The event types, in the order the webhooks page lists them (their payload schemas: api-webhooks.server.ts; what each
 * means: admin:webhooks.event.<type> in the staff catalogs).
 */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENTS;

/** The JSON body of every delivery (the Standard Webhooks shape: type, timestamp, data), typed by its schema. */
export type WebhookPayload<T extends WebhookEventType = WebhookEventType> = WebhookPayloadOf<T>;
export type WebhookEventData = { [T in WebhookEventType]: WebhookPayloadOf<T>["data"] };

/** The staff URL of a candidate's fit report, from PUBLIC_URL. */
export function reportUrl(positionId: string, responseId: string): string {
  return `${publicOrigin()}/app/positions/${positionId}/candidates/${responseId}`;
}

/** The alignments of a scored result, by value key. */
export function alignmentsOf(result: CandidateResult): Record<string, number | null> {
  return Object.fromEntries(Object.entries(result.values).map(([key, v]) => [key, v.alignment ?? null]));
}

export function parseEvents(eventsJson: string): WebhookEventType[] {
  const parsed = JSON.parse(eventsJson) as unknown;
  return Array.isArray(parsed)
    ? parsed.filter((e): e is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e))
    : [];
}

/**
 * Writes the event's outbox rows (one per enabled endpoint of the organization subscribed to `type`), due at once.
 * Call inside the event's transaction. Returns how many rows were written.
 */
export async function enqueueWebhookEvent<T extends WebhookEventType>(
  db: DB,
  orgId: string,
  type: T,
  data: WebhookEventData[T],
  now = new Date(),
): Promise<number> {
  if (type === "response.submitted" || type === "response.scored") {
    await enqueueGreenhouseCallback(db, orgId, (data as { responseId: string }).responseId, type, now);
  }
  const endpoints = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "events_json"])
    .where("organization_id", "=", orgId)
    .where("disabled_at", "is", null)
    .execute();
  const subscribed = endpoints.filter((e) => parseEvents(e.events_json).includes(type));
  if (subscribed.length === 0) return 0;
  const at = nowIso(now);
  const payload = { type, timestamp: at, data };
  const body = JSON.stringify(payload);
  await db
    .insertInto("webhook_deliveries")
    .values(
      subscribed.map((endpoint) => ({
        id: newWebhookMessageId(),
        organization_id: orgId,
        kind: "webhook" as const,
        endpoint_id: endpoint.id,
        target_url: null,
        event_type: type,
        payload_json: body,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .execute();
  return subscribed.length;
}

/**
 * enqueueWebhookEvent for many events of one type at once (a batch of re-scored candidates): the same rows, with one
 * read of the endpoints and of the Greenhouse tests per call instead of per event. Returns how many rows were written.
 */
export async function enqueueWebhookEvents<T extends "response.scored">(
  db: DB,
  orgId: string,
  type: T,
  events: readonly WebhookEventData[T][],
  now = new Date(),
): Promise<number> {
  if (events.length === 0) return 0;
  const at = nowIso(now);
  const rows: {
    id: string;
    organization_id: string;
    kind: "webhook" | "greenhouse";
    endpoint_id: string | null;
    target_url: string | null;
    event_type: WebhookEventType;
    payload_json: string;
    next_attempt_at: string;
    created_at: string;
  }[] = [];
  const responseIds = events.map((e) => e.responseId);
  for (let start = 0; start < responseIds.length; start += GREENHOUSE_IDS_PER_READ) {
    const tests = await db
      .selectFrom("greenhouse_tests as g")
      .innerJoin("responses as r", (join) =>
        join.onRef("r.invitation_id", "=", "g.invitation_id").on("r.organization_id", "=", orgId),
      )
      .select(["g.id", "g.callback_url", "r.id as response_id"])
      .where("g.organization_id", "=", orgId)
      .where("r.id", "in", responseIds.slice(start, start + GREENHOUSE_IDS_PER_READ))
      .execute();
    const testOf = new Map<string, (typeof tests)[number]>();
    for (const t of tests) if (!testOf.has(t.response_id)) testOf.set(t.response_id, t); // the first, as executeTakeFirst
    for (const responseId of responseIds.slice(start, start + GREENHOUSE_IDS_PER_READ)) {
      const test = testOf.get(responseId);
      if (!test) continue;
      rows.push({
        id: newWebhookMessageId(),
        organization_id: orgId,
        kind: "greenhouse",
        endpoint_id: null,
        target_url: test.callback_url,
        event_type: type,
        payload_json: JSON.stringify({ partner_interview_id: test.id, event: type }),
        next_attempt_at: at,
        created_at: at,
      });
    }
  }
  const endpoints = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "events_json"])
    .where("organization_id", "=", orgId)
    .where("disabled_at", "is", null)
    .execute();
  const subscribed = endpoints.filter((e) => parseEvents(e.events_json).includes(type));
  for (const data of events) {
    const body = JSON.stringify({ type, timestamp: at, data });
    for (const endpoint of subscribed)
      rows.push({
        id: newWebhookMessageId(),
        organization_id: orgId,
        kind: "webhook",
        endpoint_id: endpoint.id,
        target_url: null,
        event_type: type,
        payload_json: body,
        next_attempt_at: at,
        created_at: at,
      });
  }
  for (let start = 0; start < rows.length; start += DELIVERY_ROWS_PER_INSERT)
    await db
      .insertInto("webhook_deliveries")
      .values(rows.slice(start, start + DELIVERY_ROWS_PER_INSERT))
      .execute();
  return rows.length;
}

/** Response ids per read of the Greenhouse tests, and outbox rows per INSERT (9 parameters each). */
const GREENHOUSE_IDS_PER_READ = 500;
const DELIVERY_ROWS_PER_INSERT = 1000;

/**
 * When the response came from a Greenhouse send_test, the outbox row of the PATCH that tells Greenhouse to fetch
 * test_status again (its "PATCH Completed Test"), in the same transaction as the event. Returns whether one was written.
 */
async function enqueueGreenhouseCallback(
  db: DB,
  orgId: string,
  responseId: string,
  type: WebhookEventType,
  now: Date,
): Promise<boolean> {
  const test = await db
    .selectFrom("greenhouse_tests as g")
    .innerJoin("responses as r", (join) =>
      join.onRef("r.invitation_id", "=", "g.invitation_id").on("r.organization_id", "=", orgId),
    )
    .select(["g.id", "g.callback_url"])
    .where("g.organization_id", "=", orgId)
    .where("r.id", "=", responseId)
    .executeTakeFirst();
  if (!test) return false;
  const at = nowIso(now);
  await db
    .insertInto("webhook_deliveries")
    .values({
      id: newWebhookMessageId(),
      organization_id: orgId,
      kind: "greenhouse",
      endpoint_id: null,
      target_url: test.callback_url,
      event_type: type,
      payload_json: JSON.stringify({ partner_interview_id: test.id, event: type }),
      next_attempt_at: at,
      created_at: at,
    })
    .execute();
  return true;
}
