// Turns a stored response into the scoring engine's RespondentInput (no math here: the engine does all of it).
import type { Answers, RespondentInput } from "~/scoring";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import type { Questionnaire } from "~/questionnaire/types";
import { presentationOrder } from "~/scoring/presentation-order";
import { setBounded } from "~/utils/bounded-map";
import { getDb, type DB } from "~/utils/db.server";
import type { ResponseRow } from "../../db/types";

/** The answering flow shows at most this many items per page (DESIGN.md); page k holds presentation items [8k, 8k+8). */
export const ITEMS_PER_PAGE = 8;

export type ResponseForScoring = Pick<ResponseRow, "id" | "answers_json" | "page_times_json" | "source">;

function parseJsonObject(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const itemIds = new WeakMap<Questionnaire, { scaled: Set<string>; scenario: Set<string> }>();

/** The ids of the questionnaire's scaled items (likert, rating, attention, virtue) and scenario items, built once. */
function itemIdsOf(q: Questionnaire): { scaled: Set<string>; scenario: Set<string> } {
  const known = itemIds.get(q);
  if (known) return known;
  const scaled = new Set<string>(q.attention.map((a) => a.id));
  for (const v of q.virtues ?? []) scaled.add(v.id); // `?? []`: content stored before virtue items may lack them
  const scenario = new Set<string>();
  for (const value of q.values)
    for (const item of value.items) (item.type === "scenario" ? scenario : scaled).add(item.id);
  const ids = { scaled, scenario };
  itemIds.set(q, ids);
  return ids;
}

/**
 * Keeps the answers to the questionnaire's own items (values' items, attention and virtue items). Scaled answers
 * stored as digit strings become integers; anything else is passed through unchanged so the engine can reject it.
 */
export function answersFor(q: Questionnaire, answersJson: string): Answers {
  const raw = parseJsonObject(answersJson);
  const entries: [string, number | string][] = [];
  const { scaled, scenario } = itemIdsOf(q);
  for (const [id, value] of Object.entries(raw)) {
    if (!scaled.has(id) && !scenario.has(id)) continue;
    if (value === null || value === undefined || value === "") continue;
    if (scaled.has(id) && typeof value === "string" && /^-?\d+$/.test(value.trim())) entries.push([id, Number(value)]);
    else entries.push([id, value as number | string]);
  }
  // One object from all entries (an object grown key by key can turn into a slow dictionary for the engine's scan).
  return Object.fromEntries(entries) as Answers;
}

/**
 * Page times as stored by the answering flow: page index -> milliseconds. Accepts `{ "0": 12000, ... }`,
 * `[12000, ...]` or `{ "0": [4000, 8000] }` (several visits, summed). Unreadable entries are skipped.
 */
export function pageMillis(pageTimesJson: string): Map<number, number> {
  const out = new Map<number, number>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(pageTimesJson || "{}");
  } catch {
    return out;
  }
  const entries: [string, unknown][] = Array.isArray(parsed)
    ? parsed.map((v, i) => [String(i), v])
    : parsed && typeof parsed === "object"
      ? Object.entries(parsed)
      : [];
  for (const [key, value] of entries) {
    const page = Number(key);
    if (!Number.isInteger(page) || page < 0) continue;
    const visits = Array.isArray(value) ? value : [value];
    let total = 0;
    let any = false;
    for (const v of visits) {
      if (typeof v === "number" && Number.isFinite(v) && v >= 0) {
        total += v;
        any = true;
      }
    }
    if (any) out.set(page, total);
  }
  return out;
}

/** Item ids per page, in presentation order (values interleaved, attention and virtue items spread), 8 per page. */
export function pagesOf(q: Questionnaire): string[][] {
  const ids = presentationOrder(q).map((p) => p.item.id);
  const pages: string[][] = [];
  for (let i = 0; i < ids.length; i += ITEMS_PER_PAGE) pages.push(ids.slice(i, i + ITEMS_PER_PAGE));
  return pages;
}

/**
 * Seconds per answered item: a page's time divided by the items answered on it, one entry per answered item.
 * Pages without a recorded time or without answers contribute nothing.
 */
export function itemSecondsFor(q: Questionnaire, answers: Answers, pageTimesJson: string): number[] {
  const millis = pageMillis(pageTimesJson);
  const seconds: number[] = [];
  pagesOf(q).forEach((ids, page) => {
    const ms = millis.get(page);
    if (ms === undefined) return;
    const answered = ids.filter((id) => answers[id] !== undefined && answers[id] !== null).length;
    if (answered === 0) return;
    const each = ms / 1000 / answered;
    for (let i = 0; i < answered; i++) seconds.push(each);
  });
  return seconds;
}

/** The engine's input for one response; respondent id = response id. Timings only for responses answered on the web. */
export function toRespondentInput(q: Questionnaire, row: ResponseForScoring): RespondentInput {
  const answers = answersFor(q, row.answers_json);
  const input: RespondentInput = { respondent: row.id, answers };
  if (row.source === "web") {
    const itemSeconds = itemSecondsFor(q, answers, row.page_times_json);
    if (itemSeconds.length > 0) input.itemSeconds = itemSeconds;
  }
  return input;
}

// Published questionnaire versions never change (content_json is written once, at publishing), so the parsed
// content of the last few versions read is kept, deep-frozen: a page then skips parsing ~12 KB of JSON, and the
// engine's per-questionnaire plans (WeakMaps keyed by the object) are built once per version, not per request.
const CONTENT_CACHE_SIZE = 64;
const contentCache = new Map<string, Questionnaire>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The cached content of a version, if it is cached; no tenant check: only for a version id the caller has just read
 * from a query that filtered by organization (the fit report's batched read, issue 19).
 */
export function cachedQuestionnaireContent(versionId: string): Questionnaire | undefined {
  return contentCache.get(versionId);
}

/**
 * The published questionnaire (content_json is exactly a Questionnaire) of a version of this organization, or 404;
 * read-only (frozen, shared between requests). Pass `db` inside a transaction (SQLite has one connection).
 */
export async function loadQuestionnaireContent(
  orgId: string,
  versionId: string,
  db: DB = getDb(),
): Promise<Questionnaire> {
  const version = db
    .selectFrom("questionnaire_versions")
    .where("organization_id", "=", orgId)
    .where("id", "=", versionId);
  const cached = contentCache.get(versionId);
  if (cached) {
    // The tenant check still runs on every call.
    if (!(await version.select("id").executeTakeFirst())) throw new Response("Not found", { status: 404 });
    return cached;
  }
  const row = await version.select("content_json").executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  const q = deepFreeze(parseStoredQuestionnaire(row.content_json));
  setBounded(contentCache, versionId, q, CONTENT_CACHE_SIZE);
  return q;
}
