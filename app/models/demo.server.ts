import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { recordAudit } from "./audit.server";
import { normalizeEmail } from "./user.server";

// Digits and lower-case letters without the look-alikes 0/o, 1/i/l and u: 30 symbols, about 4.9 bits a character.
const PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstvwxyz";
const PASSWORD_GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A fresh demo password: four groups of five characters (e.g. `k7qmz-2xvah-9tdpe-r4wnc`), about 98 bits from
 * node:crypto, generated per database so no two installations share one.
 */
export function generateDemoPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < PASSWORD_GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += PASSWORD_ALPHABET[crypto.randomInt(PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

export type DemoStaff = { id: string; organizationId: string; email: string; passwordHash: string };

/** The staff accounts with these emails that belong to a demo organization (never a real organization's). */
export async function listDemoStaff(emails: readonly string[]): Promise<DemoStaff[]> {
  if (emails.length === 0) return [];
  const rows = await getDb()
    .selectFrom("users")
    .innerJoin("organizations", "organizations.id", "users.organization_id")
    .select(["users.id", "users.organization_id", "users.email", "users.password_hash"])
    .where("organizations.is_demo", "=", 1)
    .where("users.email", "in", emails.map(normalizeEmail))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    email: r.email,
    passwordHash: r.password_hash,
  }));
}

/**
 * Gives a demo organization's staff member a new password and ends their sessions, audited as
 * `staff.password_reset` by `actorLabel` (the command); false when not such an account.
 */
export async function setDemoStaffPassword(
  orgId: string,
  userId: string,
  password: string,
  actorLabel: string,
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable("users")
        .set({ password_hash: passwordHash })
        .where("organization_id", "=", orgId)
        .where("id", "=", userId)
        .where("organization_id", "in", trx.selectFrom("organizations").select("id").where("is_demo", "=", 1))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: null,
          actorLabel,
          action: "staff.password_reset",
          targetType: "user",
          targetId: userId,
          details: { demo: true },
        },
        trx,
      );
      return true;
    });
}
