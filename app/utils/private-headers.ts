/** Invitation and answering pages: the link must not leak through the Referer header, and nothing is cached. */
export const PRIVATE_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } as const;
