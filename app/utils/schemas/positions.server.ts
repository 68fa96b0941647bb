import { z } from "zod";
import { LOCALES as I18N_LOCALES } from "~/i18n/locale";
import { AGE_BAND_OPTIONS, ETHNICITY_OPTIONS, GENDER_OPTIONS } from "~/models/demographics.server";
import { isPlausibleEmail, MAX_LIST_LINES } from "~/utils/invitation-list";
import { optionalText, requiredText } from "~/utils/form.server";
import { msg } from "~/i18n/message";

const statusField = z.enum(["open", "closed"], {
  errorMap: () => ({ message: msg("positions:errors.chooseStatus") }),
});
const versionField = z
  .string({ required_error: msg("positions:errors.chooseVersion") })
  .trim()
  .min(1, msg("positions:errors.chooseVersion"));

export const positionSchema = z
  .object({
    title: requiredText(msg("positions:fields.title")),
    description: optionalText(msg("positions:fields.description")),
    questionnaireVersionId: versionField,
    status: statusField.default("open"),
  })
  .strict();

export const positionUpdateSchema = positionSchema.extend({ intent: z.literal("update") }).strict();

const kindField = z.enum(["agent", "candidate"], {
  errorMap: () => ({ message: msg("invitations:errors.chooseKind") }),
});
/** Agents only: top agents set the benchmark, comparison agents are ordinary members of the team (issue 17). */
const groupField = z
  .enum(["top", "comparison"], { errorMap: () => ({ message: msg("invitations:errors.chooseGroup") }) })
  .default("top");
/** The languages of the answering flow (app/i18n); a position's version may offer fewer. */
export { LOCALES } from "~/i18n/locale";
const localeField = z.enum(I18N_LOCALES, {
  errorMap: () => ({ message: msg("invitations:errors.chooseLanguage") }),
});

export const inviteOneSchema = z
  .object({
    intent: z.literal("invite-one"),
    kind: kindField,
    group: groupField,
    name: requiredText(msg("common:name")),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, msg("errors:tooLong", { label: msg("common:email"), max: 254 }))
      .refine((e) => e === "" || isPlausibleEmail(e), msg("invitations:errors.emailInvalid"))
      .transform((e) => (e === "" ? null : e))
      .default(""),
    locale: localeField,
  })
  .strict();

export const inviteListSchema = z
  .object({
    intent: z.literal("invite-list"),
    kind: kindField,
    group: groupField,
    list: z.string().max(100_000, msg("invitations:errors.listTooLong", { max: MAX_LIST_LINES })),
    locale: localeField,
  })
  .strict();

export const invitationActionSchema = z
  .object({
    intent: z.enum(["revoke", "resend"]),
    invitationId: z.string().trim().min(1).max(100),
  })
  .strict();

export const consentSchema = z
  .object({
    consent: z.literal("yes", { errorMap: () => ({ message: "Tick the box to agree before you start." }) }),
    /** The language shown on the landing page (it may have been switched there); stored on the response. */
    locale: z.string().max(10).optional(),
  })
  .strict();

/** The fetcher autosave: one answer at a time with the revision it was based on. */
export const autosaveSchema = z
  .object({
    intent: z.literal("autosave"),
    itemId: z.string().trim().min(1).max(100),
    value: z.string().max(100),
    baseRevision: z.coerce.number().int().nonnegative(),
  })
  .strict();

/** The whole page posted as a plain form (works without JavaScript): answers are fields named `a:<item id>`. */
export const pageFormSchema = z
  .object({
    intent: z.enum(["next", "back", "review"]),
    baseRevision: z.coerce.number().int().nonnegative(),
    // Posted by pages rendered before page times were measured by the server (issue 15, item 7): accepted so their
    // answers are saved, and ignored; a page's time comes from the server's first view of it.
    renderedAt: z.string().max(100).optional(),
  })
  .catchall(z.string().max(100));

export const submitSchema = z
  .object({
    intent: z.literal("submit"),
    baseRevision: z.coerce.number().int().nonnegative(),
  })
  .strict();

function choiceField(options: readonly { value: string }[]) {
  const allowed = options.map((o) => o.value) as [string, ...string[]];
  return z
    .union([z.literal(""), z.enum(allowed)], { errorMap: () => ({ message: "Choose one of the options." }) })
    .optional()
    .transform((v) => (v ? v : null));
}

export const demographicsSchema = z
  .object({
    gender: choiceField(GENDER_OPTIONS),
    ageBand: choiceField(AGE_BAND_OPTIONS),
    ethnicity: choiceField(ETHNICITY_OPTIONS),
  })
  .strict();
