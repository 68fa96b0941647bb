/**
 * The longest free text each kind of form field accepts (characters, after trimming): the one home of these caps.
 * Schemas use them through form.server.ts's requiredText/optionalText/cappedText, which name the field in the message.
 */
export const TEXT_LIMITS = {
  /** People, positions, questionnaires, import labels. */
  name: 200,
  /** Value names: shown as column and chart headings. */
  valueName: 80,
  /** One key metric of a value (shown as a chip). */
  metric: 40,
  /** A value's "I" statement: one sentence. */
  statement: 300,
  /** Position and value descriptions, the organization's vision. */
  description: 2000,
  /** Decision notes, reasons for including or excluding an agent. */
  note: 2000,
  /** The text of a questionnaire item or of one scenario option. */
  itemText: 1000,
  /** One interview probe (a question the recruiter asks). */
  probe: 500,
  /** Ids, keys, intents and other machine values sent by forms. */
  identifier: 100,
  email: 254,
  password: 1000,
} as const;
