import { z } from "zod";
import { msg } from "~/i18n/message";
import { MAX_REMINDER_DAYS, MIN_REMINDER_DAYS } from "~/models/invitation-reminders.server";
import { INVITATION_TTL_DAYS } from "~/models/invitation.server";
import { TEXT_LIMITS } from "~/utils/text-limits";

/** A missing or oversized id: the message names the thing (invitation or outbox message). */
const identifier = (missing: string, tooLong: string) =>
  z.string({ required_error: missing }).trim().min(1, missing).max(TEXT_LIMITS.identifier, tooLong);

/** One action on a row of the invitation pipeline (/app/positions/<id>/invitations). */
export const pipelineActionSchema = z
  .object({
    intent: z.enum(["copy-link", "resend", "revoke", "remind"], {
      errorMap: () => ({ message: msg("invitations:actions.unknown") }),
    }),
    invitationId: identifier(msg("invitations:errors.invitationMissing"), msg("invitations:errors.invitationTooLong")),
  })
  .strict();

/** An admin marks an outbox message as sent by hand. */
export const outboxActionSchema = z
  .object({
    intent: z.literal("mark-sent"),
    outboxId: identifier(msg("invitations:errors.messageMissing"), msg("invitations:errors.messageTooLong")),
  })
  .strict();

/** The landing page's "opened" note (posted by its script once it rendered). */
export const openedBeaconSchema = z.object({ intent: z.literal("opened") }).strict();

/** Settings: automatic reminders on/off (the checkbox is absent when unchecked) and days before expiry. */
export const reminderSettingsSchema = z
  .object({
    intent: z.literal("reminders"),
    remindersEnabled: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    reminderDaysBefore: z.coerce
      .number({ invalid_type_error: msg("invitations:errors.wholeDays") })
      .int(msg("invitations:errors.wholeDays"))
      .min(MIN_REMINDER_DAYS, msg("invitations:errors.remindAtLeast", { count: MIN_REMINDER_DAYS }))
      .max(
        MAX_REMINDER_DAYS,
        msg("invitations:errors.remindAtMost", { count: MAX_REMINDER_DAYS, linkDays: INVITATION_TTL_DAYS }),
      ),
  })
  .strict();
