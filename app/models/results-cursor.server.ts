// The keyset cursor of the results list (issue 19): where a page starts or ends in the ranking, as the sort key and
// the tie-break (submission time, response id) of one row. Opaque to the page (base64url of a JSON array); a cursor
// that is not one the page issued, or was issued for another sort order, is a 400 naming what to do.
import { z } from "zod";

/** One row's place in the ranking: the keyed part (rows with the sort key) or the unkeyed part after it. */
export type RankPosition = { part: "k" | "u"; key: number | null; at: string; id: string };

const cursorSchema = z.tuple([
  z.literal(1),
  z.string().min(1).max(100), // the sort (overall, min or a value key)
  z.enum(["desc", "asc"]),
  z.enum(["k", "u"]),
  z.number().finite().nullable(),
  z.string().min(1).max(40), // submitted_at, ISO
  z.string().min(1).max(100), // response id
]);

export function encodeRankCursor(sort: string, dir: "desc" | "asc", position: RankPosition): string {
  return Buffer.from(
    JSON.stringify([1, sort, dir, position.part, position.key, position.at, position.id]),
    "utf8",
  ).toString("base64url");
}

function invalid(detail: string): never {
  throw new Response(`The page link is not valid: ${detail} Open the first page of the results again.`, {
    status: 400,
    statusText: "Bad Request",
  });
}

/** The position in a cursor of the given sort order, or a 400 response naming what is wrong with it. */
export function decodeRankCursor(raw: string, sort: string, dir: "desc" | "asc"): RankPosition {
  if (raw.length > 400 || !/^[A-Za-z0-9_-]+$/.test(raw)) invalid("its cursor is not one this page gave.");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    invalid("its cursor is not one this page gave.");
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) invalid("its cursor is not one this page gave.");
  const [, cursorSort, cursorDir, part, key, at, id] = parsed.data;
  if (cursorSort !== sort || cursorDir !== dir) invalid("it was made for another sort order.");
  if ((part === "k") !== (key !== null)) invalid("its cursor is not one this page gave.");
  return { part, key, at, id };
}
