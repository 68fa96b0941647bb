// First run of a real deployment (issue 15, item 5): a database without staff accounts gets a one-time setup token,
// printed to the server log at start, that /setup exchanges for the first organization and its admin.
import crypto from "node:crypto";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { hashPassword } from "~/utils/password.server";
import { newId, randomToken, sha256Hex } from "~/utils/tokens.server";
import { recordAudit } from "./audit.server";
import { MAX_FAILURES, THROTTLE_WINDOW_MS } from "./login-throttle.server";
import { createOrganization } from "./organization.server";
import { normalizeEmail } from "./user.server";

/** How long a printed setup link works; a restart of the server prints a new one. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Every staff account, disabled ones included (disabling everyone must not reopen /setup). */
export async function countUsers(): Promise<number> {
  const row = await getDb()
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * When the database has no staff account: a new one-time setup token (only its SHA-256 is stored, valid
 * SETUP_TOKEN_TTL_MS; expired ones are dropped). Null once any account exists.
 */
export async function issueSetupToken(now = new Date()): Promise<string | null> {
  if ((await countUsers()) > 0) return null;
  const token = randomToken();
  await getDb().deleteFrom("setup_tokens").where("expires_at", "<=", nowIso(now)).execute();
  await getDb()
    .insertInto("setup_tokens")
    .values({
      token_hash: sha256Hex(token),
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + SETUP_TOKEN_TTL_MS)),
    })
    .execute();
  return token;
}

/** Server start: on a database without staff accounts, logs the one-time /setup link (PUBLIC_URL or localhost). */
export async function announceFirstRunSetup(log: (line: string) => void = console.log): Promise<void> {
  const token = await issueSetupToken();
  if (!token) return;
  log("No staff account yet. Create the first organization and its admin with this one-time link (valid 24 hours;");
  log("restarting the server prints a new one):");
  log(`  ${publicOrigin()}/setup?token=${token}`);
}

export type SetupTokenState = "valid" | "expired" | "unknown";

export async function setupTokenState(token: string, now = new Date()): Promise<SetupTokenState> {
  const row = await getDb()
    .selectFrom("setup_tokens")
    .select("expires_at")
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row) return "unknown";
  return row.expires_at > nowIso(now) ? "valid" : "expired";
}

export type FirstRunInput = { token: string; organizationName: string; name: string; email: string; password: string };

export type FirstRunResult =
  | { status: "created"; userId: string; organizationId: string }
  | { status: "already-set-up" | "throttled" }
  | { status: "token-unknown" | "token-expired" };

class FirstRunRefused extends Error {
  constructor(readonly status: "already-set-up" | "token-spent") {
    super(status);
  }
}

/**
 * Creates the first organization and its admin in one transaction that also consumes every live setup token, so a
 * token works once and two setups racing (even with two different tokens) cannot both succeed. Wrong tokens count
 * as failures of the client address in the login throttle (reserveSetupAttempt).
 */
export async function completeFirstRun(input: FirstRunInput, ip: string, now = new Date()): Promise<FirstRunResult> {
  if ((await countUsers()) > 0) return { status: "already-set-up" };
  const attemptId = await reserveSetupAttempt(ip, now);
  if (attemptId === null) return { status: "throttled" };
  const state = await setupTokenState(input.token, now);
  if (state !== "valid") return { status: state === "expired" ? "token-expired" : "token-unknown" };
  const passwordHash = await hashPassword(input.password);
  const tokenHash = sha256Hex(input.token);
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const users = await trx
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        if (Number(users.n) > 0) throw new FirstRunRefused("already-set-up");
        const live = await trx
          .deleteFrom("setup_tokens")
          .where("expires_at", ">", nowIso(now))
          .returning("token_hash")
          .execute();
        if (!live.some((row) => row.token_hash === tokenHash)) throw new FirstRunRefused("token-spent");
        await trx.deleteFrom("setup_tokens").execute();
        const name = input.organizationName.trim();
        const organizationId = await createOrganization({ name, slug: await freeSlug(trx, name) }, trx);
        const userId = newId();
        const email = normalizeEmail(input.email);
        await trx
          .insertInto("users")
          .values({
            id: userId,
            organization_id: organizationId,
            email,
            name: input.name.trim(),
            role: "admin",
            password_hash: passwordHash,
            created_at: nowIso(now),
            disabled_at: null,
          })
          .execute();
        await recordAudit(
          {
            organizationId,
            actorUserId: userId,
            actorLabel: email,
            action: "organization.created",
            targetType: "organization",
            targetId: organizationId,
            details: { name, admin: email, via: "first-run setup" },
          },
          trx,
        );
        await trx.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
        return { status: "created" as const, userId, organizationId };
      });
  } catch (error) {
    if (!(error instanceof FirstRunRefused)) throw error;
    return error.status === "already-set-up" ? { status: "already-set-up" } : { status: "token-unknown" };
  }
}

/**
 * Records this setup attempt as a failure of the client address (shared with the login throttle's per-address limit)
 * before the token is looked at, then counts: inserting first means parallel attempts all see each other, so no more
 * than MAX_FAILURES.ip get through in a window on either dialect. Null (and the row taken back) when over the limit.
 */
async function reserveSetupAttempt(ip: string, now: Date): Promise<number | null> {
  const row = await getDb()
    .insertInto("login_attempts")
    .values({ scope: "ip", key: ip, succeeded: 0, attempted_at: nowIso(now) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const failures = await getDb()
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("scope", "=", "ip")
    .where("key", "=", ip)
    .where("succeeded", "=", 0)
    .where("attempted_at", ">=", nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS)))
    .executeTakeFirstOrThrow();
  if (Number(failures.n) <= MAX_FAILURES.ip) return Number(row.id);
  await getDb().deleteFrom("login_attempts").where("id", "=", row.id).execute();
  return null;
}

/** A URL-safe slug of the name, with a random suffix when another organization has it already. */
async function freeSlug(trx: DB, name: string): Promise<string> {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "organization";
  const taken = await trx.selectFrom("organizations").select("id").where("slug", "=", base).executeTakeFirst();
  return taken ? `${base}-${crypto.randomBytes(3).toString("hex")}` : base;
}
