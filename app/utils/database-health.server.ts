// Is the database there and taking writes? Asked by /readyz (load balancers) and once at server start (issue 15,
// item 14): one committed write of a single row of health_checks, so a read-only file, a full disk or a lock that
// does not clear shows, and no tenant data is read or written.
import { dialectName, getDb, nowIso, type DB } from "./db.server";
import { sqlitePath } from "./env.server";

export type Readiness = { ready: true } | { ready: false; problem: string };

export async function databaseReadiness(db: DB = getDb()): Promise<Readiness> {
  try {
    const checkedAt = nowIso();
    await db
      .insertInto("health_checks")
      .values({ id: 1, checked_at: checkedAt })
      .onConflict((oc) => oc.column("id").doUpdateSet({ checked_at: checkedAt }))
      .execute();
    return { ready: true };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return { ready: false, problem: cause instanceof Error ? cause.message : String(cause) };
  }
}

/**
 * Run by server.js before it listens: a server that cannot write its database must not start and serve pages that
 * fail later. Throws an error naming the file (SQLite) and the cause.
 */
export async function checkDatabaseAtStart(db: DB = getDb()): Promise<void> {
  const readiness = await databaseReadiness(db);
  if (readiness.ready) return;
  const where = dialectName(db) === "sqlite" ? `the SQLite database ${sqlitePath()}` : "the PostgreSQL database";
  throw new Error(
    `Cannot write to ${where}: ${readiness.problem}. Check that the file, its -wal and -shm files and their directory ` +
      "are writable by this user, that the disk has space, and that the migrations ran (npm run setup); then start again.",
  );
}
