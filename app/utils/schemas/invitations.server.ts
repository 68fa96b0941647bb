import { z } from "zod";
import { MAX_REMINDER_DAYS, MIN_REMINDER_DAYS } from "~/models/invitation-reminders.server";
import { TEXT_LIMITS } from "~/utils/text-limits";

const identifier = (what: string) =>
  z
    .string({ required_error: `The ${what} is missing.` })
    .trim()
    .min(1, `The ${what} is missing.`)
    .max(TEXT_LIMITS.identifier, `The ${what} is too long.`);

/** One action on a row of the invitation pipeline (/app/positions/<id>/invitations). */
export const pipelineActionSchema = z
  .object({
    intent: z.enum(["copy-link", "resend", "revoke", "remind"], {
      errorMap: () => ({ message: "Unknown action." }),
    }),
    invitationId: identifier("invitation"),
  })
  .strict();

/** An admin marks an outbox message as sent by hand. */
export const outboxActionSchema = z
  .object({ intent: z.literal("mark-sent"), outboxId: identifier("message") })
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
      .number({ invalid_type_error: "Enter a whole number of days." })
      .int("Enter a whole number of days.")
      .min(MIN_REMINDER_DAYS, `Remind at least ${MIN_REMINDER_DAYS} day before the link expires.`)
      .max(MAX_REMINDER_DAYS, `Remind at most ${MAX_REMINDER_DAYS} days before: links work for 14 days.`),
  })
  .strict();
