// Factories for the positions / invitations / answering tests.
import { createInvitations } from "../app/models/invitation.server";
import { createPosition } from "../app/models/position.server";
import { getDb } from "../app/utils/db.server";
import type { RespondentKind } from "../db/types";
import { makePublishedVersion } from "./factories-benchmark";
import { makeOrganization, makeUser, sessionCookieFor } from "./factories";

export const ORIGIN = "http://localhost:3000";

/** An organization with a recruiter (and their cookie), a published example questionnaire and one position on it. */
export async function makeRecruiterWithPosition(name = "Answer Org") {
  const org = await makeOrganization(name);
  const recruiter = await makeUser(org.id, "recruiter");
  const cookie = await sessionCookieFor(recruiter.id);
  const { versionId, q } = await makePublishedVersion(org.id);
  const positionId = await createPosition(
    org.id,
    {
      title: "Support agent",
      description: "Chat and email support",
      questionnaireVersionId: versionId,
      status: "open",
    },
    { userId: recruiter.id, label: recruiter.email },
  );
  return { org, recruiter, cookie, versionId, q, positionId };
}

/** One invitation through the model; returns its id and raw token (taken from the link shown once). */
export async function invite(
  orgId: string,
  positionId: string,
  actorId: string,
  kind: RespondentKind = "agent",
  options: { name?: string; email?: string | null; now?: Date } = {},
) {
  const [issued] = await createInvitations(
    orgId,
    positionId,
    kind,
    [{ name: options.name ?? "Pat Agent", email: options.email ?? null, locale: "en" }],
    { userId: actorId, label: "test" },
    ORIGIN,
    options.now,
  );
  const token = issued.link.slice(`${ORIGIN}/i/`.length);
  return { invitationId: issued.invitationId, token, link: issued.link, expiresAt: issued.expiresAt };
}

const TABLES = [
  "organizations",
  "users",
  "sessions",
  "login_attempts",
  "questionnaires",
  "questionnaire_versions",
  "positions",
  "invitations",
  "responses",
  "respondent_sessions",
  "audit_log",
  "demographics",
  "outbox",
] as const;

/** Every row of the tables the answering flow could touch, as one string (for "nothing changed" and "not stored"). */
export async function dumpDatabase(): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = await getDb().selectFrom(table).selectAll().execute();
    parts.push(`${table}:${rows.length}:${JSON.stringify(rows)}`);
  }
  return parts.join("\n");
}

export async function countRows(table: (typeof TABLES)[number]): Promise<number> {
  const row = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The `name=value` part of a Set-Cookie header, usable as a Cookie header. */
export function cookiePair(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0];
}
