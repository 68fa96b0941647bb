import { describe, expect, it } from "vitest";
import { listResults } from "../../app/models/results.server";
import { getDb } from "../../app/utils/db.server";
import { parseResultsQuery } from "../../app/utils/schemas/results.server";
import { resultsPageHref } from "../../app/utils/results-url";
import * as resultsRoute from "../../app/routes/app.positions.$positionId.results";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import { makeResponseRow } from "../factories-benchmark";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

/*
 * Keyset paging (issue 19). Nine candidates in submission order, answers copied from the example candidates
 * (engine results in results.test.ts: overall c01 90.61, c02 22.55, c03 55.08, c04 98.49 with no empathy score,
 * c06 38.75, c05 on the review list; empathy alignment c01 100, c03 100, c06 27.4, c02 0.00002):
 *
 *   a=c01 90.61 | b=c03 55.08 | c=c01 90.61 | d=c04 98.49 | e=c05 held out | f=c06 38.75 | g=c01 90.61 |
 *   h=not scored | i=c02 22.55          (g is given c's submission time, so c/g tie on both and part by id)
 *
 * overall desc: d, then the 90.61 tie a, c, g (submission time, then id), b, f, i; then the unscored h.
 * overall asc: i, f, b, a, c, g, d; then h.
 * empathy desc: the 100 tie a, b, c, g, then f, i; then without an empathy alignment in submission order: d, h.
 * empathy asc: i, f, a, b, c, g; then d, h.
 */
async function setup() {
  const org = await makeOrganization("Keyset");
  const recruiter = await makeUser(org.id, "recruiter");
  const cookie = await sessionCookieFor(recruiter.id);
  const position = await makeResultsPosition(org.id);
  const answers = exampleCandidates();
  const ids: Record<string, string> = {};
  for (const [name, from] of [
    ["a", "c01"],
    ["b", "c03"],
    ["c", "c01"],
    ["d", "c04"],
    ["e", "c05"],
    ["f", "c06"],
    ["g", "c01"],
    ["h", null],
    ["i", "c02"],
  ] as const) {
    ids[name] = from
      ? (await addCandidate(org.id, position, answers[from], name)).responseId
      : await makeResponseRow(org.id, position.positionId, position.versionId, "candidate", answers.c01, {
          label: name,
        });
  }
  // g submitted at the same moment as c (the copies next to the ranking keys too): the tie is broken by id
  const at = (
    await getDb().selectFrom("responses").select("submitted_at").where("id", "=", ids.c).executeTakeFirstOrThrow()
  ).submitted_at!;
  await getDb().updateTable("responses").set({ submitted_at: at }).where("id", "=", ids.g).execute();
  await getDb().updateTable("scores").set({ submitted_at: at }).where("response_id", "=", ids.g).execute();
  await getDb().updateTable("score_values").set({ submitted_at: at }).where("response_id", "=", ids.g).execute();
  const [first, second] = ids.c < ids.g ? ["c", "g"] : ["g", "c"];
  return { org, cookie, position, ids, cg: [first, second] };
}

const query = (search: string) => parseResultsQuery(new URL(`http://x/results${search}`));

type Listed = Awaited<ReturnType<typeof listResults>>;
const names = (l: Listed) => l.ranking.rows.map((r) => r.name);

/** Every page by Next from the first, and by Previous back from the last: the pages' names. */
async function walk(orgId: string, positionId: string, search: string, size: number) {
  const sep = search ? "&" : "?";
  const forward: string[][] = [];
  const numbers: number[] = [];
  let page = await listResults(orgId, positionId, query(search), size);
  for (;;) {
    forward.push(names(page));
    numbers.push(page.ranking.page);
    if (!page.ranking.next) break;
    expect(forward.length).toBeLessThan(20);
    const next = `${search}${sep}after=${page.ranking.next}&page=${page.ranking.page + 1}`;
    page = await listResults(orgId, positionId, query(next), size);
  }
  const backward: string[][] = [names(page)];
  while (page.ranking.prev) {
    expect(backward.length).toBeLessThan(20);
    const prev = `${search}${sep}before=${page.ranking.prev}&page=${page.ranking.page - 1}`;
    page = await listResults(orgId, positionId, query(prev), size);
    backward.unshift(names(page));
  }
  expect(page.ranking.page).toBe(1);
  return { forward, backward, numbers };
}

describe("results keyset paging", () => {
  it("pages through every sort by Next and Previous and by page number, no row skipped or repeated", async () => {
    const { org, position, cg } = await setup();
    const [c1, c2] = cg;
    const cases: [string, string[]][] = [
      ["", ["d", "a", c1, c2, "b", "f", "i", "h"]],
      ["?sort=overall&dir=asc", ["i", "f", "b", "a", c1, c2, "d", "h"]],
      ["?sort=empathy", ["a", "b", c1, c2, "f", "i", "d", "h"]],
      ["?sort=empathy&dir=asc", ["i", "f", "a", "b", c1, c2, "d", "h"]],
    ];
    for (const [search, expected] of cases) {
      for (const size of [1, 2, 3]) {
        const pages = Array.from({ length: Math.ceil(expected.length / size) }, (_, k) =>
          expected.slice(k * size, k * size + size),
        );
        const { forward, backward, numbers } = await walk(org.id, position.positionId, search, size);
        expect(forward, `${search} by ${size}`).toEqual(pages);
        expect(backward, `${search} by ${size}, back`).toEqual(pages);
        expect(numbers).toEqual(pages.map((_, k) => k + 1));
        // page N by number (the index seek; from the end in the second half) gives the same rows
        for (let n = 1; n <= pages.length; n += 1) {
          const sep = search ? "&" : "?";
          const jumped = await listResults(org.id, position.positionId, query(`${search}${sep}page=${n}`), size);
          expect(names(jumped), `${search} page ${n} by ${size}`).toEqual(pages[n - 1]);
          expect(jumped.ranking).toMatchObject({ page: n, pages: pages.length, total: 8 });
        }
      }
    }
  });

  it("ranks by min alignment the same paged and in one page", async () => {
    const { org, position } = await setup();
    for (const search of ["?sort=min", "?sort=min&dir=asc"]) {
      const whole = names(await listResults(org.id, position.positionId, query(search), 50));
      expect(whole).toHaveLength(8);
      expect(whole.at(-1)).toBe("h"); // not scored: after every scored candidate
      const { forward } = await walk(org.id, position.positionId, search, 3);
      expect(forward.flat()).toEqual(whole);
    }
  });

  it("pages a filtered list: band below on patience (b, f; e is held out) and 'no decision yet'", async () => {
    const { org, position, cg } = await setup();
    const below = await walk(org.id, position.positionId, "?bandValue=patience&band=below", 1);
    expect(below.forward).toEqual([["b"], ["f"]]);
    expect(below.backward).toEqual([["b"], ["f"]]);
    // a filtered list is not counted: its total is known on the page that ends it, reached by number
    const listed = await listResults(org.id, position.positionId, query("?bandValue=patience&band=below"), 1);
    expect(listed.ranking).toMatchObject({ total: null, pages: null, page: 1 });
    expect(listed.needsReview.rows.map((r) => r.name)).toEqual(["e"]);
    const last = await listResults(org.id, position.positionId, query("?bandValue=patience&band=below&page=2"), 1);
    expect(last.ranking).toMatchObject({ total: 2, pages: 2, page: 2, next: null });
    const whole = await listResults(org.id, position.positionId, query("?bandValue=patience&band=below"), 2);
    expect(whole.ranking).toMatchObject({ total: 2, pages: 1 });
    // every ranked candidate has no decision yet; by two: the unfiltered order through the filtered path
    const undecided = await walk(org.id, position.positionId, "?decision=none", 2);
    expect(undecided.forward).toEqual([
      ["d", "a"],
      [cg[0], cg[1]],
      ["b", "f"],
      ["i", "h"],
    ]);
    const third = await listResults(org.id, position.positionId, query("?decision=none&page=3"), 2);
    expect(names(third)).toEqual(["b", "f"]);
    const unscored = await walk(org.id, position.positionId, "?status=unscored", 1);
    expect(unscored.forward).toEqual([["h"]]);
  });

  it("builds the page links the bench and the pager use", () => {
    expect(resultsPageHref("p1", { page: 2000 })).toBe("/app/positions/p1/results?page=2000");
    expect(resultsPageHref("p1", { bandValue: "empathy", band: "below" })).toBe(
      "/app/positions/p1/results?bandValue=empathy&band=below",
    );
    expect(resultsPageHref("p1", { page: 1 })).toBe("/app/positions/p1/results");
    expect(resultsPageHref("p1", { sort: "min", after: "abc", page: 2 })).toBe(
      "/app/positions/p1/results?sort=min&after=abc&page=2",
    );
  });

  it("answers a tampered or foreign cursor with a 400 naming the page link, not a 500", async () => {
    const { org, cookie, position } = await setup();
    const first = await listResults(org.id, position.positionId, query(""), 2);
    const cursor = first.ranking.next!;
    const load = async (search: string) => {
      const res = await outcome(() =>
        resultsRoute.loader({
          request: getRequest(`/app/positions/${position.positionId}/results${search}`, cookie),
          params: { positionId: position.positionId },
          context: {},
        }),
      );
      return res;
    };
    const ok = await load(`?after=${cursor}&page=2`);
    expect(ok.status).toBe(200);
    const tampered = Buffer.from(
      JSON.stringify(
        JSON.parse(Buffer.from(cursor, "base64url").toString()).map((x: unknown, i: number) => (i === 4 ? "x" : x)),
      ),
    ).toString("base64url");
    for (const bad of ["nonsense!", "bm9wZQ", tampered, `${cursor}AAAA`]) {
      const res = await load(`?after=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(String(res.data)).toMatch(/^The page link is not valid/);
    }
    // a cursor of the overall ranking used on the empathy sort
    const foreign = await load(`?sort=empathy&before=${cursor}`);
    expect(foreign.status).toBe(400);
    expect(String(foreign.data)).toMatch(/made for another sort order/);
  });
});
