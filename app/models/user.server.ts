import type { Role } from "../../db/types";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locale";
import { compiledQuery } from "~/utils/compiled-query.server";
import { getDb, nowIso } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { newId } from "~/utils/tokens.server";

export type StaffUser = {
  id: string;
  organizationId: string;
  organizationName: string;
  /** The organization is one of the demo seed's (the staff layout shows a "Demo" banner). */
  organizationIsDemo: boolean;
  email: string;
  name: string;
  role: Role;
  /** The language this user picked for the staff area, or null (issue 18). */
  language: Locale | null;
  /** The organization's default staff language. */
  organizationLanguage: Locale;
  /** The language the staff pages speak to this user: their pick, else the organization's default. */
  locale: Locale;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserByEmail(email: string) {
  return getDb()
    .selectFrom("users")
    .selectAll()
    .where("email", "=", normalizeEmail(email))
    .where("disabled_at", "is", null)
    .executeTakeFirst();
}

function toStaffUser(row: {
  id: string;
  organization_id: string;
  organization_name: string;
  organization_is_demo: number;
  email: string;
  name: string;
  role: Role;
  language: string | null;
  organization_language: string;
}): StaffUser {
  const language = isLocale(row.language) ? row.language : null;
  const organizationLanguage = isLocale(row.organization_language) ? row.organization_language : DEFAULT_LOCALE;
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationIsDemo: row.organization_is_demo === 1,
    email: row.email,
    name: row.name,
    role: row.role,
    language,
    organizationLanguage,
    locale: language ?? organizationLanguage,
  };
}

// Compiled once per database handle (compiled-query.server.ts): every staff loader runs it.
const staffSessionQuery = compiledQuery(["sessionId"], (db, param) =>
  db
    .selectFrom("sessions")
    .leftJoin("users", (join) => join.onRef("users.id", "=", "sessions.user_id").on("users.disabled_at", "is", null))
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .select([
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.id",
      "users.organization_id",
      "organizations.name as organization_name",
      "organizations.is_demo as organization_is_demo",
      "users.email",
      "users.name",
      "users.role",
      "users.language",
      "organizations.staff_language as organization_language",
    ])
    .where("sessions.id", "=", param.sessionId),
);

/**
 * A staff session with its user (null when disabled or gone), in one query: every staff loader checks the session,
 * and on PostgreSQL each query is a round trip before the page's own reads can start (issue 19).
 */
export async function getStaffSession(sessionId: string) {
  const row = (await staffSessionQuery(getDb(), { sessionId })).rows[0];
  if (!row) return undefined;
  const { id, organization_id, organization_name, organization_is_demo, email, name, role, language } = row;
  const organization_language = row.organization_language;
  const user =
    id !== null &&
    organization_id !== null &&
    organization_name !== null &&
    organization_is_demo !== null &&
    email !== null &&
    name !== null &&
    role !== null &&
    organization_language !== null
      ? toStaffUser({
          id,
          organization_id,
          organization_name,
          organization_is_demo,
          email,
          name,
          role,
          language,
          organization_language,
        })
      : null;
  return { lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, user };
}

export async function listUsers(orgId: string) {
  return getDb()
    .selectFrom("users")
    .select(["id", "email", "name", "role", "created_at", "disabled_at"])
    .where("organization_id", "=", orgId)
    .orderBy("created_at")
    .execute();
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
  }
}

export async function createUser(
  orgId: string,
  input: { email: string; name: string; role: Role; password: string },
): Promise<string> {
  const email = normalizeEmail(input.email);
  const existing = await getDb().selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) throw new EmailTakenError();
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await getDb()
    .insertInto("users")
    .values({
      id,
      organization_id: orgId,
      email,
      name: input.name.trim(),
      role: input.role,
      password_hash: passwordHash,
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
  return id;
}

export async function getUser(orgId: string, userId: string) {
  return getDb()
    .selectFrom("users")
    .select(["id", "email", "name", "role", "created_at", "disabled_at"])
    .where("organization_id", "=", orgId)
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** Disables an account of the organization and ends its sessions; returns false when no such user is there. */
export async function disableUser(orgId: string, userId: string): Promise<boolean> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable("users")
        .set({ disabled_at: nowIso() })
        .where("organization_id", "=", orgId)
        .where("id", "=", userId)
        .where("disabled_at", "is", null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      return true;
    });
}
