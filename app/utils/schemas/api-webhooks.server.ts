// The webhook payloads (issue 20) as zod schemas: the OpenAPI document's `webhooks` section is generated from them,
// and the webhook module (app/models/webhook-events.server.ts) can take its types from them (z.infer), so the
// document and what is sent cannot drift. The body of every delivery has the Standard Webhooks shape
// { type, timestamp, data }; payloads carry ids, numbers and URLs, never a candidate's name or e-mail.
import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "response.submitted",
  "response.scored",
  "benchmark.activated",
  "decision.recorded",
] as const;

const isoTime = z.string().describe("ISO 8601 UTC timestamp");
const id = z.string().describe("Identifier (UUID)");

export const responseSubmittedData = z.object({
  positionId: id,
  responseId: id,
  invitationId: id.nullable(),
  kind: z.enum(["candidate", "agent"]),
  submittedAt: isoTime,
  reportUrl: z.string().url().nullable().describe("The candidate's fit report page (staff sign-in); null for an agent"),
});

export const responseScoredData = z.object({
  positionId: id,
  responseId: id,
  scoreId: id,
  benchmarkId: id,
  algorithmVersion: z.string().describe('Scoring algorithm, e.g. "vb-2"'),
  overall: z.number().nullable().describe("Overall fit 0..100; null when it could not be computed"),
  minAlignment: z.number().nullable(),
  alignments: z.record(z.string(), z.number().nullable()).describe("Value key -> alignment 0..100"),
  review: z.boolean().describe("True when the result carries response-quality flags to review"),
  reportUrl: z.string().url(),
});

export const benchmarkActivatedData = z.object({
  positionId: id,
  benchmarkId: id,
  algorithmVersion: z.string(),
  archivedBenchmarkId: id.nullable().describe("The benchmark it replaced; null for the position's first"),
  agents: z.number().int(),
  candidatesToScore: z.number().int(),
});

export const decisionRecordedData = z.object({
  positionId: id,
  responseId: id,
  decisionId: id,
  decision: z.enum(["advance", "hold", "reject", "hired"]),
  hiredOn: z.string().nullable().describe("YYYY-MM-DD of a hired decision, else null"),
  decidedAt: isoTime,
  reportUrl: z.string().url(),
});

const payload = <T extends (typeof WEBHOOK_EVENTS)[number], D extends z.ZodTypeAny>(type: T, data: D) =>
  z.object({ type: z.literal(type), timestamp: isoTime, data });

/** The delivery body of each event, by event type. */
export const webhookPayloadSchemas = {
  "response.submitted": payload("response.submitted", responseSubmittedData),
  "response.scored": payload("response.scored", responseScoredData),
  "benchmark.activated": payload("benchmark.activated", benchmarkActivatedData),
  "decision.recorded": payload("decision.recorded", decisionRecordedData),
} as const;

export type WebhookPayloadOf<T extends (typeof WEBHOOK_EVENTS)[number]> = z.infer<(typeof webhookPayloadSchemas)[T]>;
