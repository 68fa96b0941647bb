// API keys of an organization (issue 20): created, named, scoped and revoked by admins; the secret is shown once and
// stored as its SHA-256 only. authenticateApiKey (app/utils/api/auth.server.ts) resolves a presented secret here.
import crypto from "node:crypto";
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso } from "~/utils/db.server";
import { newId, sha256Hex } from "~/utils/tokens.server";
import { API_SCOPES, type ApiScope } from "~/utils/schemas/api-keys.server";

export type ApiKeyActor = { userId: string; label: string };

/** Every secret starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = "vb_live_";
/** How many characters of the secret are kept in clear to tell keys apart ("vb_live_" + 6). */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
/** last_used_at is written at most this often per key (a read API should not write on every request). */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;

/** A 256-bit random secret with the recognisable prefix. */
export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
}

function parseScopes(json: string): ApiScope[] {
  const list: unknown = JSON.parse(json);
  return Array.isArray(list) ? API_SCOPES.filter((s) => list.includes(s)) : [];
}

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The organization's keys, newest first (revoked ones too, marked), with who created them. */
export async function listApiKeys(orgId: string): Promise<ApiKeyListItem[]> {
  const rows = await getDb()
    .selectFrom("api_keys")
    .leftJoin("users", (j) =>
      j.onRef("users.id", "=", "api_keys.created_by").onRef("users.organization_id", "=", "api_keys.organization_id"),
    )
    .select([
      "api_keys.id",
      "api_keys.name",
      "api_keys.prefix",
      "api_keys.scopes_json",
      "api_keys.created_at",
      "api_keys.last_used_at",
      "api_keys.revoked_at",
      "users.email as created_by_email",
    ])
    .where("api_keys.organization_id", "=", orgId)
    .orderBy("api_keys.created_at", "desc")
    .orderBy("api_keys.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: parseScopes(r.scopes_json),
    createdAt: r.created_at,
    createdBy: r.created_by_email ?? null,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Creates a key; returns its id and the secret, which exists only in this return value. Audited api_key.created. */
export async function createApiKey(
  orgId: string,
  input: { name: string; scopes: readonly ApiScope[] },
  actor: ApiKeyActor,
  now = new Date(),
): Promise<{ id: string; secret: string }> {
  const secret = newApiKeySecret();
  const id = newId();
  const scopes = API_SCOPES.filter((s) => input.scopes.includes(s));
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("api_keys")
        .values({
          id,
          organization_id: orgId,
          name: input.name,
          scopes_json: JSON.stringify(scopes),
          secret_hash: sha256Hex(secret),
          prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
          created_by: actor.userId,
          created_at: nowIso(now),
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "api_key.created",
          targetType: "api_key",
          targetId: id,
          details: { name: input.name, scopes },
        },
        trx,
      );
    });
  return { id, secret };
}

/** Revokes a key of this organization (404 for another's or an unknown id; revoking twice changes nothing). */
export async function revokeApiKey(orgId: string, keyId: string, actor: ApiKeyActor, now = new Date()): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const key = await trx
        .selectFrom("api_keys")
        .select(["id", "name", "revoked_at"])
        .where("organization_id", "=", orgId)
        .where("id", "=", keyId)
        .executeTakeFirst();
      if (!key) throw new Response("Not found", { status: 404 });
      if (key.revoked_at) return;
      await trx
        .updateTable("api_keys")
        .set({ revoked_at: nowIso(now) })
        .where("organization_id", "=", orgId)
        .where("id", "=", keyId)
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "api_key.revoked",
          targetType: "api_key",
          targetId: keyId,
          details: { name: key.name },
        },
        trx,
      );
    });
}

export type ApiKeyIdentity = { keyId: string; organizationId: string; name: string; scopes: ApiScope[] };

/**
 * The active (not revoked) key whose secret this is, or null. Notes the use (last_used_at, at most once a minute).
 * The lookup is by the secret's SHA-256 (a unique index), so no timing difference reveals a near-miss.
 */
export async function findActiveApiKey(secret: string, now = new Date()): Promise<ApiKeyIdentity | null> {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const row = await getDb()
    .selectFrom("api_keys")
    .select(["id", "organization_id", "name", "scopes_json", "last_used_at", "revoked_at"])
    .where("secret_hash", "=", sha256Hex(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
    await getDb()
      .updateTable("api_keys")
      .set({ last_used_at: nowIso(now) })
      .where("organization_id", "=", row.organization_id)
      .where("id", "=", row.id)
      .execute();
  }
  return { keyId: row.id, organizationId: row.organization_id, name: row.name, scopes: parseScopes(row.scopes_json) };
}
