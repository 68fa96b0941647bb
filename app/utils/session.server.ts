import { createCookie, redirect } from "@remix-run/node";
import type { Role } from "../../db/types";
import { setBounded } from "./bounded-map";
import { getStaffSession, type StaffUser } from "~/models/user.server";
import { getDb, nowIso } from "./db.server";
import { getSessionSecret, secureCookiesEnabled } from "./env.server";
import { randomToken, sha256Hex } from "./tokens.server";

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Refresh last_seen_at at most once a minute so page views don't all write.
const TOUCH_INTERVAL_MS = 60 * 1000;

let staffCookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  staffCookie ??= createCookie("vb_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookiesEnabled(),
    path: "/",
    secrets: [getSessionSecret()],
  });
  return staffCookie;
}

/** Starts a new server-side session (a fresh token at every login) and returns its Set-Cookie header. */
export async function createStaffSession(userId: string, now = new Date()): Promise<string> {
  const token = randomToken();
  await getDb()
    .insertInto("sessions")
    .values({
      id: sha256Hex(token),
      user_id: userId,
      created_at: nowIso(now),
      last_seen_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + SESSION_ABSOLUTE_MS)),
    })
    .execute();
  return sessionCookie().serialize(token, { maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

// The session token of a Cookie header: verifying the signature is a pure function of the header (and the secret),
// so the last few results are kept. A page runs requireUser once per matched route loader (3 on a fit report), each
// of which would otherwise verify the same HMAC again on the thread pool.
const TOKEN_MEMO_SIZE = 256;
const tokenMemo = new Map<string, Promise<string | null>>();

async function verifyToken(header: string): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(header);
  return typeof value === "string" && value.length > 0 ? value : null;
}

function readToken(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return Promise.resolve(null);
  let token = tokenMemo.get(header);
  if (token === undefined) {
    token = verifyToken(header);
    setBounded(tokenMemo, header, token, TOKEN_MEMO_SIZE);
    token.catch(() => tokenMemo.delete(header));
  }
  return token;
}

// The matched loaders of a page (3 on a fit report) check the same session at the same moment: concurrent reads of
// one session share a single query while it is in flight (nothing is kept once it has answered), issue 19.
const sessionReads = new Map<string, ReturnType<typeof getStaffSession>>();

function readSession(id: string): ReturnType<typeof getStaffSession> {
  let read = sessionReads.get(id);
  if (!read) {
    read = getStaffSession(id).finally(() => sessionReads.delete(id));
    sessionReads.set(id, read);
  }
  return read;
}

/** The signed-in staff user, or null when there is no live session (idle 30 min, absolute 12 h). */
export async function getSessionUser(request: Request, now = new Date()): Promise<StaffUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const id = sha256Hex(token);
  // The session and its user in one query (one round trip on PostgreSQL, issue 19).
  const session = await readSession(id);
  if (!session) return null;
  const idleDeadline = new Date(session.lastSeenAt).getTime() + SESSION_IDLE_MS;
  if (now.getTime() >= idleDeadline || now.toISOString() >= session.expiresAt) {
    await getDb().deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
    await getDb()
      .updateTable("sessions")
      .set({ last_seen_at: nowIso(now) })
      .where("id", "=", id)
      .execute();
  }
  return session.user;
}

/** Ends the session of this request; returns the Set-Cookie header that clears the cookie. */
export async function destroyStaffSession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await getDb().deleteFrom("sessions").where("id", "=", sha256Hex(token)).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function destroyAllSessionsOf(userId: string): Promise<void> {
  await getDb().deleteFrom("sessions").where("user_id", "=", userId).execute();
}

function safeRedirectTarget(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/**
 * The role check every staff loader and action calls: redirects to /login without a session,
 * and answers 403 when the user's role is not the one required (`admin` > `recruiter`).
 */
export async function requireUser(request: Request, role: Role = "recruiter"): Promise<StaffUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const params = new URLSearchParams({ redirectTo: safeRedirectTarget(request) });
    throw redirect(`/login?${params.toString()}`);
  }
  assertRole(user, role);
  return user;
}

/** Answers 403 unless the user has the role (`admin` > `recruiter`). */
export function assertRole(user: StaffUser, role: Role): void {
  if (role === "admin" && user.role !== "admin") {
    throw new Response("Only administrators can do this.", { status: 403 });
  }
}
