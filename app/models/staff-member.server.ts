// Adding a staff member. An email address belongs to one account in one organization (logins are by email). When an
// admin adds an address that already has an account in ANOTHER organization, the answer must not reveal it: the admin
// sees the same "added" answer as for a new address, after the same work (the password is hashed either way), no
// account is created, and the address's owner is told by mail (the outbox) that someone tried to add them.
import type { Role } from "../../db/types";
import { recordAudit } from "./audit.server";
import { deliverOutboxMail } from "./invitation-mail.server";
import { normalizeEmail } from "./user.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { newId } from "~/utils/tokens.server";
import { serializable } from "~/utils/transaction.server";
import { isLocale, type Locale } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";

const asLocale = (code: string | null): Locale | null => (code !== null && isLocale(code) ? code : null);

export type StaffInput = { email: string; name: string; role: Role; password: string };
export type Admin = { userId: string; label: string; organizationId: string; organizationName: string };

/** What the admin may learn: added (or, indistinguishably, the owner of an address used elsewhere was told). */
export type AddStaffResult = { ok: true } | { ok: false; reason: "in-your-team" };

/**
 * The mail to the owner of an address another organization tried to add, in the owner's language (their pick, else
 * their organization's staff language; issue 18).
 */
export function addedElsewhereMessage(
  locale: Locale,
  ownerName: string,
  email: string,
  ownOrg: string,
  otherOrg: string,
) {
  const t = staffT(locale, "admin");
  return {
    subject: t("mail.addedElsewhere.subject", { otherOrg }),
    body: t("mail.addedElsewhere.body", { name: ownerName, email, ownOrg, otherOrg }),
  };
}

type Outcome =
  | { kind: "added" }
  | { kind: "in-your-team" }
  | { kind: "elsewhere"; mail: { orgId: string; outboxId: string; to: string; subject: string; text: string } };

async function addInTransaction(trx: DB, admin: Admin, input: StaffInput, email: string, passwordHash: string) {
  const existing = await trx
    .selectFrom("users")
    .innerJoin("organizations", "organizations.id", "users.organization_id")
    .select([
      "users.id",
      "users.organization_id",
      "users.name",
      "users.language",
      "organizations.name as organization_name",
      "organizations.staff_language",
    ])
    .where("users.email", "=", email)
    .executeTakeFirst();
  if (existing?.organization_id === admin.organizationId) return { kind: "in-your-team" } satisfies Outcome;
  if (existing) {
    // Recorded with the owner's organization: the adding one must not learn the address exists.
    const locale = asLocale(existing.language) ?? asLocale(existing.staff_language) ?? "en";
    const message = addedElsewhereMessage(
      locale,
      existing.name,
      email,
      existing.organization_name,
      admin.organizationName,
    );
    const outboxId = newId();
    await trx
      .insertInto("outbox")
      .values({
        id: outboxId,
        organization_id: existing.organization_id,
        to_address: email,
        subject: message.subject,
        body: message.body,
        created_at: nowIso(),
        sent_at: null,
      })
      .execute();
    await recordAudit(
      {
        organizationId: existing.organization_id,
        actorUserId: null,
        actorLabel: `an administrator of ${admin.organizationName}`,
        action: "staff.added_elsewhere_refused",
        targetType: "user",
        targetId: existing.id,
        details: { otherOrganization: admin.organizationName },
      },
      trx,
    );
    const mail = { orgId: existing.organization_id, outboxId, to: email, subject: message.subject, text: message.body };
    return { kind: "elsewhere", mail } satisfies Outcome;
  }
  const id = newId();
  await trx
    .insertInto("users")
    .values({
      id,
      organization_id: admin.organizationId,
      email,
      name: input.name.trim(),
      role: input.role,
      password_hash: passwordHash,
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
  await recordAudit(
    {
      organizationId: admin.organizationId,
      actorUserId: admin.userId,
      actorLabel: admin.label,
      action: "staff.added",
      targetType: "user",
      targetId: id,
      details: { role: input.role },
    },
    trx,
  );
  return { kind: "added" } satisfies Outcome;
}

/**
 * Adds a staff member to the admin's organization, audited. An address already in the admin's own team is refused
 * (the admin sees the team anyway); one used in another organization answers exactly like a new address.
 */
export async function addStaffMember(admin: Admin, input: StaffInput): Promise<AddStaffResult> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const outcome: Outcome = await serializable(getDb())
    .transaction()
    .execute((trx) => addInTransaction(trx, admin, input, email, passwordHash));
  if (outcome.kind === "in-your-team") return { ok: false, reason: "in-your-team" };
  if (outcome.kind === "elsewhere") {
    // Not awaited: waiting for the mail server would make this answer slower than a real addition.
    const { orgId, ...mail } = outcome.mail;
    deliverOutboxMail(orgId, mail).catch((error: unknown) =>
      console.error(`staff notice ${mail.outboxId} was not mailed: ${(error as Error).message}`),
    );
  }
  return { ok: true };
}
