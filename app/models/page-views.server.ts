// Page times measured by the server (issue 15, item 7): the first time a questionnaire page is served to a response is
// stored, and a page's time is counted from it when the page is posted, never from a value the browser sends. The
// times feed the speeding flag (SCORING.md section 6).
import { setBounded } from "~/utils/bounded-map";
import { compiledQuery } from "~/utils/compiled-query.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";

/** A page's time is counted as at most this long (someone left the tab open). */
export const MAX_PAGE_MS = 60 * 60 * 1000;

// The first view of a page is written once and never changes: views this process has stored (or found stored) are
// remembered, so a reload or a return to the page costs no write (issue 19). Only a successful write is remembered.
const RECORDED_MEMO_SIZE = 10_000;
const recorded = new Map<string, true>();

const insertFirstView = compiledQuery(["organizationId", "responseId", "page", "firstViewedAt"], (db, p) =>
  db
    .insertInto("response_page_views")
    .values({
      organization_id: p.organizationId,
      response_id: p.responseId,
      page: p.page,
      first_viewed_at: p.firstViewedAt,
    })
    .onConflict((oc) => oc.columns(["response_id", "page"]).doNothing()),
);

/**
 * Stores the server's first view of a page (0-based) of a response; later views change nothing. A write that fails
 * (the database busy or read-only) is logged and the page still shown: that page's time is then left out.
 */
export async function recordFirstPageView(
  orgId: string,
  responseId: string,
  page: number,
  now = new Date(),
): Promise<void> {
  const key = `${responseId}\u0000${page}`;
  if (recorded.has(key)) return;
  try {
    await insertFirstView(getDb(), {
      organizationId: orgId,
      responseId,
      page,
      firstViewedAt: nowIso(now),
    });
    setBounded(recorded, key, true, RECORDED_MEMO_SIZE);
  } catch (error) {
    console.error("recording the first view of a page failed", responseId, page, error);
  }
}

/**
 * page_times_json (`{ "<page index>": ms }`) with the page's time set to the span from the server's first view of the
 * page to `now` (the latest post of it; a page visited again counts from its first view), capped at MAX_PAGE_MS.
 * Unchanged when the server never served the page to this response: an unknown time is left out, not made up.
 */
export async function pageTimesWithPost(
  db: DB,
  orgId: string,
  responseId: string,
  page: number,
  pageTimesJson: string,
  now = new Date(),
): Promise<string> {
  const view = await db
    .selectFrom("response_page_views")
    .select("first_viewed_at")
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .where("page", "=", page)
    .executeTakeFirst();
  if (!view) return pageTimesJson;
  let times: Record<string, number> = {};
  try {
    const parsed: unknown = JSON.parse(pageTimesJson);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) times = parsed as Record<string, number>;
  } catch {
    // a damaged value is replaced by the times measured from now on
  }
  const ms = Math.min(MAX_PAGE_MS, Math.max(0, now.getTime() - Date.parse(view.first_viewed_at)));
  return JSON.stringify({ ...times, [String(page)]: ms });
}
