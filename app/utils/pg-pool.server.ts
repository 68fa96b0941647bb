// The pg pool of the app (issue 15, item 15): a PostgreSQL server that stops answering (frozen, connections open) must
// make a request fail fast with a 503, not hang as long as the server does, and the pool must recover afterwards.
// - connectionTimeoutMillis bounds waiting for a connection (a new one, or a free one of the pool);
// - query_timeout bounds waiting for an answer on the client side; statement_timeout (server side) stops a slow
//   statement first, idle_in_transaction_session_timeout ends a transaction whose client went away, TCP keepalive
//   finds dead peers;
// - a client that timed out is never reused (its connection may still deliver the old answer): it is destroyed on
//   release, and the queries Kysely sends after the failure (ROLLBACK) are not sent at all, so the caller gets the
//   original error as DatabaseUnavailableError.
import pg from "pg";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import { DatabaseUnavailableError } from "./database-unavailable.server";
import { getEnv } from "./env.server";

// pg returns int8 (count(*)) and numeric as strings to avoid precision loss; every such value here is a row count or
// a small number, so parse them as JavaScript numbers like better-sqlite3 does. float8 (double precision) already
// parses as a number.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** The timeouts of the environment (PG_CONNECT_TIMEOUT_MS, PG_QUERY_TIMEOUT_MS, PG_STATEMENT_TIMEOUT_MS). */
export function pgTimeouts() {
  const env = getEnv();
  return {
    connectMs: env.PG_CONNECT_TIMEOUT_MS,
    statementMs: env.PG_STATEMENT_TIMEOUT_MS,
    // the server cancels a slow statement first; a second later the client stops waiting for a server that is silent
    queryMs: env.PG_QUERY_TIMEOUT_MS ?? env.PG_STATEMENT_TIMEOUT_MS + 1000,
  };
}

/** A pg pool for DATABASE_URL with the size and timeouts of the environment. */
export function createPgPool(databaseUrl: string): pg.Pool {
  const env = getEnv();
  const timeouts = pgTimeouts();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: env.PG_POOL_SIZE,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.queryMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.queryMs,
    keepAlive: true,
    types: pgTypes,
  });
  // An idle client that loses its connection (database restart) emits "error" on the pool; without a listener that
  // would crash the process. The pool drops the client and the next query opens a new one.
  pool.on("error", (error) => console.error(`postgres pool: ${error.message}`));
  return pool;
}

// Connection-level SQLSTATE classes and codes after which the request is worth retrying later: 08 connection
// exception, 57014 query_canceled (statement_timeout), 57P01-57P03 shutdown / cannot connect now, 25P03
// idle_in_transaction_session_timeout, 53300 too_many_connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57014|57P0[1-3]|25P03|53300)$/;
// What pg and the socket say when the server is silent or gone.
const UNAVAILABLE_MESSAGE = /timeout|Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/i;

/** True for errors that say "the database did not answer", as opposed to errors of the query itself. */
export function isPgUnavailable(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return UNAVAILABLE_SQLSTATE.test(error.code ?? "");
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return [code, message].some((text) => typeof text === "string" && UNAVAILABLE_MESSAGE.test(text));
}

function unavailable(error: unknown): DatabaseUnavailableError {
  return new DatabaseUnavailableError(
    "timeout",
    `postgres: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

/** The pool as Kysely sees it, with the failure handling above. */
export function guardedPool(pool: pg.Pool): PostgresPool & { end(): Promise<void> } {
  // One guard per pg client, so Kysely (which keeps a connection object per client) sees the same one each time.
  const guards = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw isPgUnavailable(error) ? unavailable(error) : error;
      }
      let guard = guards.get(client);
      if (!guard) {
        guard = guardClient(client);
        guards.set(client, guard);
      }
      return guard;
    },
    end: () => pool.end(),
  };
}

function guardClient(client: pg.PoolClient): PostgresPoolClient {
  // Set by a timeout; such a client is destroyed on release, never handed out again.
  let broken: DatabaseUnavailableError | undefined;
  const guarded = {
    query(...args: unknown[]) {
      // A cursor (streamed query) goes to pg as is.
      if (args.length === 1 && typeof args[0] === "object") return (client.query as (c: unknown) => unknown)(args[0]);
      if (broken) {
        // After a timeout only ROLLBACK comes (Kysely's transaction cleanup): the server ends that transaction when
        // the connection closes; any other query gets the original failure again.
        if (/^\s*rollback/i.test(String(args[0])))
          return Promise.resolve({ rows: [], command: "ROLLBACK", rowCount: 0 });
        return Promise.reject(broken);
      }
      return (client.query(args[0] as string, args[1] as unknown[]) as Promise<unknown>).catch((error: unknown) => {
        if (!isPgUnavailable(error)) throw error;
        broken = unavailable(error);
        throw broken;
      });
    },
    release() {
      // destroy a connection that timed out; the pool opens a fresh one when needed
      client.release(broken ? broken : undefined);
    },
  };
  return guarded as unknown as PostgresPoolClient;
}
