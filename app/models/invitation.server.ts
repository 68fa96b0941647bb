import { msg } from "~/i18n/message";
import { staffT } from "~/i18n/staff-catalogs.server";
import { recordAudit } from "~/models/audit.server";
import { deliverInvitationMails, type MailStatus, type PendingMail } from "~/models/invitation-mail.server";
import { invitationMessage, recordOutboxMail, withdrawInvitationMails } from "~/models/invitation-outbox.server";
import { getPosition } from "~/models/position.server";
import { languageOf, type RespondentLanguage } from "~/models/respondent-locale.server";
import { localizeValue, parseTranslations } from "~/questionnaire/translations";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import type { Questionnaire } from "~/questionnaire/types";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { estimatedSeconds } from "~/utils/presentation-order";
import { newId, randomToken, sha256Hex } from "~/utils/tokens.server";
import type { AgentGroup, RespondentKind } from "../../db/types";

/** Invitation links expire this many days after they are issued (or re-issued). */
export const INVITATION_TTL_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationActor = { userId: string; label: string };
export type InvitationStatus = "invited" | "started" | "submitted" | "expired" | "revoked";
/** `group` only matters for agents: "top" (the default) sets the benchmark, "comparison" does not (issue 17). */
export type InvitationEntry = { name: string; email: string | null; locale: string; group?: AgentGroup };

/** A freshly issued link: the raw token exists only here, in memory, to be shown once. */
export type IssuedLink = {
  invitationId: string;
  name: string;
  email: string | null;
  link: string;
  expiresAt: string;
  /** Only when SMTP_URL is set and the invitation has an email: whether the mail went out. */
  mail?: MailStatus;
};

export function invitationLink(origin: string, token: string): string {
  return `${origin}/i/${token}`;
}

export function invitationStatus(
  row: { revoked_at: string | null; expires_at: string },
  response: { submitted_at: string | null } | null,
  now = new Date(),
): InvitationStatus {
  if (response?.submitted_at) return "submitted";
  if (row.revoked_at) return "revoked";
  if (row.expires_at <= nowIso(now)) return "expired";
  if (response) return "started";
  return "invited";
}

// ---------------------------------------------------------------- issuing

function expiryFrom(now: Date): string {
  return nowIso(new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS));
}

/** What the invitation mails say about the time: the version's estimate, rounded up to whole minutes. */
async function positionContext(db: DB, orgId: string, positionId: string) {
  const position = await getPosition(orgId, positionId, db);
  const org = await db
    .selectFrom("organizations")
    .select(["name", "default_locale"])
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  const version = await db
    .selectFrom("questionnaire_versions")
    .select("content_json")
    .where("organization_id", "=", orgId)
    .where("id", "=", position.questionnaireVersionId)
    .executeTakeFirstOrThrow();
  const minutes = questionnaireMinutes(parseStoredQuestionnaire(version.content_json));
  return { position, org, minutes };
}

export function questionnaireMinutes(q: Questionnaire): number {
  return Math.max(1, Math.ceil(estimatedSeconds(q) / 60));
}

/** Mails the pending messages (when SMTP_URL is set) and notes on each issued link whether its mail went out. */
async function mailIssued(orgId: string, issued: IssuedLink[], pending: PendingMail[]): Promise<IssuedLink[]> {
  const statuses = await deliverInvitationMails(orgId, pending);
  return issued.map((l) => {
    const mail = statuses.get(l.invitationId);
    return mail ? { ...l, mail } : l;
  });
}

/**
 * Creates one invitation per entry, all or nothing. Returns each new link once (the raw tokens are never stored).
 */
export async function createInvitations(
  orgId: string,
  positionId: string,
  kind: RespondentKind,
  entries: readonly InvitationEntry[],
  actor: InvitationActor,
  origin: string,
  now = new Date(),
): Promise<IssuedLink[]> {
  const pending: PendingMail[] = [];
  const created = await getDb()
    .transaction()
    .execute(async (trx) => {
      const { position, org, minutes } = await positionContext(trx, orgId, positionId);
      if (position.status === "closed") throw new PositionClosedError();
      const issued: IssuedLink[] = [];
      for (const entry of entries) {
        const token = randomToken();
        const id = newId();
        const expiresAt = expiryFrom(now);
        await trx
          .insertInto("invitations")
          .values({
            id,
            organization_id: orgId,
            position_id: positionId,
            kind,
            name: entry.name,
            email: entry.email,
            locale: entry.locale || org.default_locale,
            token_hash: sha256Hex(token),
            expires_at: expiresAt,
            revoked_at: null,
            created_by: actor.userId,
            created_at: nowIso(now),
            agent_group: kind === "agent" ? (entry.group ?? "top") : "top",
          })
          .execute();
        const link = invitationLink(origin, token);
        const message = invitationMessage({
          orgName: org.name,
          positionTitle: position.title,
          kind,
          name: entry.name,
          link,
          expiresAt,
          group: entry.group,
          minutes,
        });
        await recordOutboxMail(
          trx,
          orgId,
          { to: entry.email, message, link, invitationId: id, kind: "invitation" },
          pending,
          now,
        );
        await recordAudit(
          {
            organizationId: orgId,
            actorUserId: actor.userId,
            actorLabel: actor.label,
            action: "invitation.created",
            targetType: "invitation",
            targetId: id,
            details: {
              positionId,
              kind,
              hasEmail: entry.email !== null,
              ...(kind === "agent" ? { group: entry.group ?? "top" } : {}),
            },
          },
          trx,
        );
        issued.push({ invitationId: id, name: entry.name, email: entry.email, link, expiresAt });
      }
      return issued;
    });
  return mailIssued(orgId, created, pending);
}

async function getInvitationRow(db: DB, orgId: string, positionId: string, invitationId: string) {
  const row = await db
    .selectFrom("invitations")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("id", "=", invitationId)
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  return row;
}

/**
 * A link cannot be issued or reminded. `text` is the message as a catalog key (`msg()`), for a staff page to show in
 * the reader's language (issue 18); `message` is its English text (the API, logs).
 */
export class InvitationClosedError extends Error {
  constructor(readonly text: string) {
    super(staffT("en").message(text));
  }
}

/** The position is closed: no new links (new invitations or re-issued ones) until it is opened again. */
export class PositionClosedError extends InvitationClosedError {
  constructor() {
    super(msg("invitations:closed.position"));
  }
}

/** Withdraws a link: it stops working at once, and any respondent session opened through it ends. */
export async function revokeInvitation(
  orgId: string,
  positionId: string,
  invitationId: string,
  actor: InvitationActor,
  now = new Date(),
) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await getInvitationRow(trx, orgId, positionId, invitationId);
      if (row.revoked_at) return;
      await trx
        .updateTable("invitations")
        .set({ revoked_at: nowIso(now) })
        .where("id", "=", row.id)
        .where("organization_id", "=", orgId)
        .execute();
      await trx
        .deleteFrom("respondent_sessions")
        .where("response_id", "in", (eb) => eb.selectFrom("responses").select("id").where("invitation_id", "=", row.id))
        .execute();
      await withdrawInvitationMails(trx, orgId, row.id, now);
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "invitation.revoked",
          targetType: "invitation",
          targetId: row.id,
          details: { positionId, kind: row.kind },
        },
        trx,
      );
    });
}

/**
 * Issues a new link for the same person (and the same response, if they started): the old token stops working,
 * the expiry restarts at 14 days and a revoked invitation becomes active again. Answering sessions opened with the
 * old link end. Refused once they have submitted.
 */
export async function resendInvitation(
  orgId: string,
  positionId: string,
  invitationId: string,
  actor: InvitationActor,
  origin: string,
  now = new Date(),
  options: { mail?: boolean } = {},
): Promise<IssuedLink> {
  const sendMail = options.mail ?? true;
  const pending: PendingMail[] = [];
  const issued = await serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      pending.length = 0; // a retried attempt (serialization failure) starts over
      const row = await getInvitationRow(trx, orgId, positionId, invitationId);
      const response = await trx
        .selectFrom("responses")
        .select(["submitted_at"])
        .where("invitation_id", "=", row.id)
        .executeTakeFirst();
      if (response?.submitted_at) throw new InvitationClosedError(msg("invitations:closed.submitted"));
      const { position, org, minutes } = await positionContext(trx, orgId, positionId);
      if (position.status === "closed") throw new PositionClosedError();
      const token = randomToken();
      const expiresAt = expiryFrom(now);
      // a new link starts a new period: its reminders count from 0
      await trx
        .updateTable("invitations")
        .set({
          token_hash: sha256Hex(token),
          expires_at: expiresAt,
          revoked_at: null,
          reminders_sent: 0,
          last_reminded_at: null,
        })
        .where("id", "=", row.id)
        .where("organization_id", "=", orgId)
        .execute();
      // The old link's answering sessions end with it, as when it is revoked: only the new link opens the answers.
      await trx
        .deleteFrom("respondent_sessions")
        .where("response_id", "in", (eb) =>
          eb
            .selectFrom("responses")
            .select("id")
            .where("organization_id", "=", orgId)
            .where("invitation_id", "=", row.id),
        )
        .execute();
      // the old link's unsent mails are useless now
      await withdrawInvitationMails(trx, orgId, row.id, now);
      const link = invitationLink(origin, token);
      if (sendMail) {
        const message = invitationMessage({
          orgName: org.name,
          positionTitle: position.title,
          kind: row.kind,
          name: row.name,
          link,
          expiresAt,
          group: row.agent_group,
          minutes,
        });
        await recordOutboxMail(
          trx,
          orgId,
          { to: row.email, message, link, invitationId: row.id, kind: "invitation" },
          pending,
          now,
        );
      }
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "invitation.reissued",
          targetType: "invitation",
          targetId: row.id,
          details: { positionId, kind: row.kind, wasRevoked: row.revoked_at !== null, mailed: sendMail },
        },
        trx,
      );
      return { invitationId: row.id, name: row.name, email: row.email, link, expiresAt };
    });
  const [mailed] = await mailIssued(orgId, [issued], pending);
  return mailed;
}

/** Invitations of a position (one kind or both) with their derived status, newest first. */
export async function listInvitations(orgId: string, positionId: string, kind?: RespondentKind, now = new Date()) {
  let query = getDb()
    .selectFrom("invitations as i")
    .leftJoin("responses as r", "r.invitation_id", "i.id")
    .select([
      "i.id",
      "i.kind",
      "i.agent_group",
      "i.name",
      "i.email",
      "i.locale",
      "i.expires_at",
      "i.revoked_at",
      "i.created_at",
      "r.id as response_id",
      "r.started_at",
      "r.submitted_at",
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.position_id", "=", positionId);
  if (kind) query = query.where("i.kind", "=", kind);
  const rows = await query.orderBy("i.created_at", "desc").orderBy("i.name").execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    group: r.agent_group,
    name: r.name,
    email: r.email,
    locale: r.locale,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    responseId: r.response_id,
    submittedAt: r.submitted_at,
    status: invitationStatus(r, r.response_id ? { submitted_at: r.submitted_at } : null, now),
  }));
}

export type InvitationListItem = Awaited<ReturnType<typeof listInvitations>>[number];

// ---------------------------------------------------------------- the respondent's side (by token)

export type TokenLookup =
  | { state: "unknown" }
  | { state: "closed" }
  | { state: "position-closed" }
  | ({
      state: "valid";
      invitationId: string;
      kind: RespondentKind;
      name: string;
      organizationName: string;
      retentionDays: number;
      positionTitle: string;
      positionDescription: string;
      valueNames: string[];
      itemCount: number;
      estimatedMinutes: number;
      alreadySubmitted: boolean;
      started: boolean;
      expiresAt: string;
      responseId: string | null;
    } & RespondentLanguage);

/**
 * Reads (never writes) what the invitation page shows. Expired and revoked links are both "closed" so the page
 * does not tell a stranger which one it was.
 */
export async function lookupInvitationToken(
  token: string,
  now = new Date(),
  preferredLocale?: string | null,
): Promise<TokenLookup> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const row = await getDb()
    .selectFrom("invitations as i")
    .innerJoin("organizations as o", "o.id", "i.organization_id")
    .innerJoin("positions as p", "p.id", "i.position_id")
    .innerJoin("questionnaire_versions as v", "v.id", "p.questionnaire_version_id")
    .leftJoin("responses as r", "r.invitation_id", "i.id")
    .select([
      "i.id",
      "i.kind",
      "i.name",
      "i.expires_at",
      "i.revoked_at",
      "o.name as org_name",
      "o.retention_days",
      "p.title",
      "p.description",
      "p.status as position_status",
      "v.content_json",
      "v.translations_json",
      "i.locale",
      "r.locale as response_locale",
      "r.id as response_id",
      "r.submitted_at",
    ])
    .where("i.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row) return { state: "unknown" };
  if (row.revoked_at || row.expires_at <= nowIso(now)) return { state: "closed" };
  if (row.position_status === "closed") return { state: "position-closed" };
  const q = parseStoredQuestionnaire(row.content_json);
  const itemCount = q.values.reduce((n, v) => n + v.items.length, 0) + q.attention.length + q.virtues.length;
  // The language: one chosen on the page, else the one the response was switched to, else the invitation's.
  const language = languageOf(
    q,
    parseTranslations(row.translations_json),
    preferredLocale ?? row.response_locale ?? row.locale,
  );
  return {
    ...language,
    state: "valid",
    invitationId: row.id,
    kind: row.kind,
    name: row.name,
    organizationName: row.org_name,
    retentionDays: row.retention_days,
    positionTitle: row.title,
    positionDescription: row.description,
    valueNames: q.values.map((v) => localizeValue(v, language.translation).name),
    itemCount,
    estimatedMinutes: questionnaireMinutes(q),
    alreadySubmitted: Boolean(row.submitted_at),
    started: Boolean(row.response_id),
    expiresAt: row.expires_at,
    responseId: row.response_id,
  };
}

/**
 * Notes when a link was first opened in a browser (the landing page's script posts it after it rendered, so mail
 * scanners that only fetch the page do not count). A later call, or an unknown, expired or revoked token, changes
 * nothing; the answer is the same either way.
 */
export async function markInvitationOpened(token: string, now = new Date()): Promise<void> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return;
  await getDb()
    .updateTable("invitations")
    .set({ opened_at: nowIso(now) })
    .where("token_hash", "=", sha256Hex(token))
    .where("opened_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso(now))
    .execute();
}
