import { createRequire } from "node:module";
import { matchRoutes } from "@remix-run/router";
import { describe, expect, it, vi } from "vitest";
import { installRouteMatchCache, memoizeMatchRoutes, type MatchRoutes } from "../../app/utils/route-match-cache.server";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

/** A tree shaped like Remix's: root, a layout with index and param routes, a splat. */
function tree(): Route[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        {
          id: "routes/app",
          path: "app",
          children: [
            { id: "routes/app._index", index: true },
            {
              id: "routes/app.positions.$positionId",
              path: "positions/:positionId",
              children: [
                { id: "routes/app.positions.$positionId.candidates.$responseId", path: "candidates/:responseId" },
              ],
            },
          ],
        },
        { id: "routes/r.$page", path: "r/:page" },
        { id: "routes/$", path: "*" },
      ],
    },
  ];
}

const original = matchRoutes as unknown as MatchRoutes;
const PATHS = ["/", "/app", "/app/positions/p1", "/app/positions/p1/candidates/c9", "/r/1", "/r/1.data", "/nope/x"];

describe("memoised route matching", () => {
  it("answers exactly what matchRoutes answers, with the route objects of the tree it is asked about", () => {
    const memoized = memoizeMatchRoutes(original);
    const first = tree();
    const second = tree(); // same shape, other objects (the document render builds one per request)
    for (const path of PATHS) {
      expect(memoized(first, path)).toEqual(original(first, path));
      const again = memoized(second, path)!;
      expect(again).toEqual(original(second, path));
      const expected = original(second, path)!;
      again.forEach((match, i) => expect(match.route).toBe(expected[i].route));
    }
    expect(memoized(first, "/app/positions/p1/candidates/c9?tab=x#top")).toEqual(
      original(first, "/app/positions/p1/candidates/c9"),
    );
    expect(memoized(first, { pathname: "/r/2" })).toEqual(original(first, "/r/2"));
    expect(memoized(first, "/shop", "/app")).toEqual(original(first, "/shop", "/app"));
    expect(memoized(first, "/app/positions/p1")!.at(-1)!.params).toEqual({ positionId: "p1" });
  });

  it("matches once per tree shape and pathname, and a caller's changes never reach the next answer", () => {
    const spy = vi.fn(original);
    const memoized = memoizeMatchRoutes(spy);
    const answer = memoized(tree(), "/app/positions/p1")!;
    answer[0].params.positionId = "changed";
    answer.pop();
    const again = memoized(tree(), "/app/positions/p1")!;
    expect(again).toHaveLength(3);
    expect(again.at(-1)!.params).toEqual({ positionId: "p1" });
    expect(spy).toHaveBeenCalledTimes(1);

    // Another shape (a path changed, as after an edit in development) is matched on its own.
    const edited = tree();
    edited[0].children![1].path = "staff";
    expect(memoized(edited, "/app/positions/p1")!.at(-1)!.route).toMatchObject({ id: "routes/$" });
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("leaves trees without route ids to matchRoutes itself", () => {
    const spy = vi.fn(original);
    const memoized = memoizeMatchRoutes(spy);
    const plain = [{ path: "a" }, { path: "b" }];
    expect(memoized(plain, "/b")).toEqual(original(plain, "/b"));
    expect(memoized(plain, "/b")).toEqual(original(plain, "/b"));
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("is installed once on @remix-run/router's exports, which Remix and React Router read at each call", () => {
    const require = createRequire(import.meta.url);
    const router = require("@remix-run/router") as { matchRoutes: MatchRoutes };
    expect(installRouteMatchCache()).toBe(true);
    const wrapped = router.matchRoutes;
    expect(wrapped).not.toBe(original);
    expect(installRouteMatchCache()).toBe(true);
    expect(router.matchRoutes).toBe(wrapped); // not wrapped twice
    expect((require("react-router") as { matchRoutes: MatchRoutes }).matchRoutes).toBe(wrapped);
    expect(wrapped(tree(), "/r/3")).toEqual(original(tree(), "/r/3"));
  });
});
