import crypto from "node:crypto";

/** A 256-bit random token, URL-safe. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** SHA-256 hex: tokens are stored only in this form. */
export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

export function newId(): string {
  return crypto.randomUUID();
}
