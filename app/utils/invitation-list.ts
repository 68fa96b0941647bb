// Pasted invitation lists (one "name, email" per line) and the email plausibility check: pure, no database.
import { msg } from "~/i18n/message";
import { TEXT_LIMITS } from "./text-limits";

/** A pasted list may hold at most this many lines. */
export const MAX_LIST_LINES = 500;

const EMAIL_PATTERN = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export function isPlausibleEmail(email: string): boolean {
  return email.length <= TEXT_LIMITS.email && EMAIL_PATTERN.test(email);
}

/** `message` is a catalog message (`msg()`): the action translates it into the reader's language. */
export type ListLineError = { line: number; message: string };
export type ParsedList =
  { ok: true; entries: { name: string; email: string | null }[] } | { ok: false; errors: ListLineError[] };

/**
 * One invitee per line, `name, email` or just `name`; blank lines are skipped. Every line is checked before anything
 * is created, and every problem names its line number.
 */
export function parseInvitationList(text: string): ParsedList {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const errors: ListLineError[] = [];
  const entries: { name: string; email: string | null }[] = [];
  const seenEmails = new Map<string, number>();
  if (lines.length > MAX_LIST_LINES) {
    return {
      ok: false,
      errors: [{ line: MAX_LIST_LINES + 1, message: msg("invitations:list.tooManyLines", { max: MAX_LIST_LINES }) }],
    };
  }
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const parts = raw.split(",").map((p) => p.trim());
    if (parts.length > 2) {
      errors.push({ line, message: msg("invitations:list.format") });
      return;
    }
    const [name, emailRaw = ""] = parts;
    if (name === "") {
      errors.push({ line, message: msg("invitations:list.nameMissing") });
      return;
    }
    if (name.length > TEXT_LIMITS.name) {
      errors.push({ line, message: msg("invitations:list.nameTooLong", { max: TEXT_LIMITS.name }) });
      return;
    }
    const email = emailRaw === "" ? null : emailRaw.toLowerCase();
    if (email !== null && !isPlausibleEmail(email)) {
      errors.push({ line, message: msg("invitations:list.notEmail", { email: emailRaw }) });
      return;
    }
    if (email !== null) {
      const first = seenEmails.get(email);
      if (first !== undefined) {
        errors.push({ line, message: msg("invitations:list.duplicate", { email, line: first }) });
        return;
      }
      seenEmails.set(email, line);
    }
    entries.push({ name, email });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (entries.length === 0) return { ok: false, errors: [{ line: 1, message: msg("invitations:list.empty") }] };
  return { ok: true, entries };
}
