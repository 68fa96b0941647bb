// Queries of the hot paths (autosave, the answering pages) built and compiled by Kysely once per database handle,
// then run with new parameters (issue 19): building a six-table join with Kysely's query builder and compiling it
// cost more CPU than SQLite needs to run it (about 0.2 ms of a 0.4 ms autosave, and most of the garbage).
import type { CompiledQuery, Kysely, QueryResult } from "kysely";
import type { Database } from "../../db/types";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Compilable<O> = { compile(): CompiledQuery<O> };

const MARK = "\u0000vb-param:";

/**
 * A query of named parameters, compiled the first time it runs on a database handle (a Kysely instance; a
 * transaction runs it with its root's compiled text). `build` receives a marker for each name and must pass each
 * where the value goes; any other value it writes stays a fixed parameter. Every name must be used, so a query
 * can't silently drop a filter.
 */
export function compiledQuery<P extends string, O>(
  names: readonly P[],
  build: (db: Kysely<Database>, p: Record<P, never>) => Compilable<O>,
) {
  const compiledFor = new WeakMap<object, { sql: CompiledQuery<O>; slots: (P | null)[] }>();
  // typed `never` so a marker fits any column's type; at run time each is a string naming its parameter
  const markers = Object.fromEntries(names.map((name) => [name, `${MARK}${name}`])) as Record<P, never>;

  function compile(root: Kysely<Database>) {
    let known = compiledFor.get(root);
    if (known) return known;
    const sql = build(root, markers).compile();
    const slots = sql.parameters.map((value) =>
      typeof value === "string" && value.startsWith(MARK) ? (value.slice(MARK.length) as P) : null,
    );
    for (const name of names) {
      if (!slots.includes(name)) throw new Error(`compiledQuery: the parameter "${name}" is not used by the query`);
    }
    known = { sql, slots };
    compiledFor.set(root, known);
    return known;
  }

  /** Runs the query on `db` (or on `runner`, a transaction of it) with these parameter values. */
  return async function run(
    db: Kysely<Database>,
    values: Record<P, unknown>,
    runner: AnyDb = db,
  ): Promise<QueryResult<O>> {
    const { sql, slots } = compile(db);
    const parameters = slots.map((slot, i) => (slot === null ? sql.parameters[i] : values[slot]));
    return runner.executeQuery<O>({ ...sql, parameters });
  };
}
