/** Where a post-login redirect may lead: paths of the staff area only. */
export const REDIRECT_PREFIXES = ["/app"] as const;
export const DEFAULT_REDIRECT = "/app";

// Any origin works as the base: only whether the target stays on it matters.
const BASE = "http://valuebench.invalid";

/** True when the text holds a control character (C0, DEL, C1); browsers drop some of them from a Location header. */
export function hasControlCharacter(text: string): boolean {
  return /\p{Cc}/u.test(text);
}

function underAllowedPrefix(pathname: string): boolean {
  return REDIRECT_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The one check of a redirectTo value (no open redirect): a path that resolves to this same origin and lies under an
 * allowed prefix, without control characters, comes back in its normalised form; anything else gives the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT): string {
  if (!to || typeof to !== "string" || !to.startsWith("/") || hasControlCharacter(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !underAllowedPrefix(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}
