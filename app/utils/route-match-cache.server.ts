// Performance (issue 9): React Router 6 re-flattens, re-ranks and re-compiles every route pattern on each
// `matchRoutes` call (upstream proposal to cache it: remix-run/react-router#12098). A Remix request calls it up to
// three times before any loader runs (an autosave `/r/1.data` tries every branch, then `/r/1`), and the document
// render five more times for the lazy route discovery manifest: about a fifth of the server's CPU on the bench.
//
// The result depends only on the route tree and the pathname, so the exported `matchRoutes` of @remix-run/router is
// wrapped with a memo keyed by the tree's shape (every route's id, path, index and caseSensitive) and the pathname
// (bounded). The shape, not the array: the document render builds a new tree of the same routes for every request.
// A remembered match names its route by id and is handed out with the route object of the tree it was asked about.
// Remix's server runtime and React Router read `matchRoutes` from that exports object at every call, so wrapping it
// there reaches them; the router's own internal calls are left as they are. Each call gets its own copies of the
// match objects and params, so a caller that changes them cannot change a later answer.
import { createRequire } from "node:module";
import { setBounded } from "./bounded-map";

export type RouteMatch = {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: unknown;
};
export type MatchRoutes = (
  routes: readonly unknown[],
  location: string | { pathname?: string },
  basename?: string,
) => RouteMatch[] | null;

/** Pathnames remembered per route tree (route trees are few; pathnames carry ids, so they are bounded). */
const ROUTE_MATCH_CACHE_SIZE = 1000;
const MEMOIZED = Symbol.for("valuebench.memoizedMatchRoutes");

function pathnameOf(location: string | { pathname?: string }): string | null {
  if (typeof location !== "string") return typeof location?.pathname === "string" ? location.pathname : null;
  const end = location.search(/[?#]/);
  return end === -1 ? location : location.slice(0, end);
}

type RouteLike = { id?: unknown; path?: unknown; index?: unknown; caseSensitive?: unknown; children?: unknown };
type Tree = { shape: string; byId: Map<string, unknown> } | null;
/** A match as remembered: its route named by id, to be handed out with the route object of the asked tree. */
type Remembered = (Omit<RouteMatch, "route"> & { id: string })[];

/** The shape and id index of a route tree, or null when a route has no string id (then nothing is memoised). */
function treeOf(routes: readonly unknown[]): Tree {
  const parts: string[] = [];
  const byId = new Map<string, unknown>();
  const walk = (list: readonly unknown[], depth: number): boolean => {
    for (const item of list) {
      const route = item as RouteLike;
      if (typeof route?.id !== "string" || byId.has(route.id)) return false;
      byId.set(route.id, route);
      parts.push(
        `${depth}\u0001${route.id}\u0001${String(route.path ?? "")}\u0001${route.index ? 1 : 0}${route.caseSensitive ? 1 : 0}`,
      );
      if (Array.isArray(route.children) && !walk(route.children, depth + 1)) return false;
    }
    return true;
  };
  return walk(routes, 0) ? { shape: parts.join("\u0000"), byId } : null;
}

export function memoizeMatchRoutes(original: MatchRoutes): MatchRoutes {
  const trees = new WeakMap<readonly unknown[], Tree>();
  const byShape = new Map<string, Map<string, Remembered | null>>();
  const memoized: MatchRoutes = (routes, location, basename = "/") => {
    const pathname = pathnameOf(location);
    if (pathname === null || !Array.isArray(routes)) return original(routes, location, basename);
    let tree = trees.get(routes);
    if (tree === undefined) trees.set(routes, (tree = treeOf(routes)));
    if (tree === null) return original(routes, location, basename);
    let cache = byShape.get(tree.shape);
    if (!cache) {
      // One shape per build; the development server makes a new one on each route change.
      cache = new Map();
      setBounded(byShape, tree.shape, cache, 8);
    }
    const key = `${basename}\u0000${pathname}`;
    let remembered = cache.get(key);
    if (remembered === undefined) {
      const matches = original(routes, pathname, basename);
      remembered =
        matches &&
        matches.map((m) => ({
          params: { ...m.params },
          pathname: m.pathname,
          pathnameBase: m.pathnameBase,
          id: (m.route as RouteLike).id as string,
        }));
      setBounded(cache, key, remembered, ROUTE_MATCH_CACHE_SIZE);
    }
    const { byId } = tree;
    return (
      remembered &&
      remembered.map((m) => ({
        params: { ...m.params },
        pathname: m.pathname,
        pathnameBase: m.pathnameBase,
        route: byId.get(m.id),
      }))
    );
  };
  Object.defineProperty(memoized, MEMOIZED, { value: true });
  return memoized;
}

/** Wraps @remix-run/router's exported matchRoutes once per process; returns whether it is wrapped now. */
export function installRouteMatchCache(): boolean {
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
  if (typeof router.matchRoutes !== "function") return false;
  if ((router.matchRoutes as unknown as Record<symbol, unknown>)[MEMOIZED] !== true) {
    router.matchRoutes = memoizeMatchRoutes(router.matchRoutes);
  }
  return true;
}
