import { recordAudit } from "./audit.server";
import { reserveLoginAttempt, settleLoginSuccess } from "./login-throttle.server";
import { getUserByEmail, normalizeEmail } from "./user.server";
import { dummyPasswordHash, verifyPassword } from "~/utils/password.server";

export type LoginResult =
  { status: "ok"; userId: string; organizationId: string } | { status: "invalid" } | { status: "throttled" };

/** Checks a password with throttling per account and per client address (the attempt is reserved first). */
export async function attemptLogin(emailInput: string, password: string, ip: string): Promise<LoginResult> {
  const email = normalizeEmail(emailInput);
  // Reserved before the slow password check, so parallel attempts cannot all slip under the limit.
  const reservation = await reserveLoginAttempt(email, ip);
  if (!reservation.ok) {
    await recordAudit({
      organizationId: null,
      actorUserId: null,
      actorLabel: email,
      action: "login.throttled",
      details: { ip },
    });
    return { status: "throttled" };
  }
  const user = await getUserByEmail(email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!ok || !user) {
    await recordAudit({
      organizationId: user?.organization_id ?? null,
      actorUserId: null,
      actorLabel: email,
      action: "login.failed",
      details: { ip },
    });
    return { status: "invalid" };
  }
  await settleLoginSuccess(email, reservation);
  await recordAudit({
    organizationId: user.organization_id,
    actorUserId: user.id,
    actorLabel: user.email,
    action: "login.succeeded",
    details: { ip },
  });
  return { status: "ok", userId: user.id, organizationId: user.organization_id };
}
