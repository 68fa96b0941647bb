// Group commit of autosaves (performance, issue 9: >= 600 saves/s, p99 <= 100 ms at 20 concurrent clients).
//
// better-sqlite3 is synchronous and DESIGN.md's `synchronous=FULL` makes every COMMIT wait for an fsync of the WAL,
// which caps "one UPDATE, one commit" at what the disk's fsync allows (a few hundred per second on a shared VM).
// Autosaves that arrive while a commit is under way are therefore written together, in one transaction: each is
// still its own conditional UPDATE (`WHERE id = ? AND revision = ? AND submitted_at IS NULL`) with its own result,
// and no caller is answered before the COMMIT that holds its write has returned (same durability as before).
import { getDb } from "~/utils/db.server";
import { compiledQuery } from "~/utils/compiled-query.server";
import { serializable } from "~/utils/transaction.server";

export type AnswersWrite = {
  organizationId: string;
  responseId: string;
  baseRevision: number;
  answersJson: string;
  updatedAt: string;
};

type Pending = AnswersWrite & { resolve: (written: boolean) => void; reject: (error: unknown) => void };

// The UPDATE of every autosave: compiled once (compiled-query.server.ts), only its values change.
const conditionalUpdate = compiledQuery(
  ["answersJson", "revision", "updatedAt", "organizationId", "responseId", "baseRevision"],
  (db, p) =>
    db
      .updateTable("responses")
      .set({ answers_json: p.answersJson, revision: p.revision, updated_at: p.updatedAt })
      .where("organization_id", "=", p.organizationId)
      .where("id", "=", p.responseId)
      .where("revision", "=", p.baseRevision)
      .where("submitted_at", "is", null),
);

let queue: Pending[] = [];
let flushing = false;

/**
 * Writes `answersJson` and revision = base + 1 if the response is still at `baseRevision` and not submitted.
 * Resolves true when the row was written (after its transaction committed), false when it was stale or submitted.
 */
export function writeAnswersIfCurrent(write: AnswersWrite): Promise<boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ ...write, resolve, reject });
    if (!flushing) {
      flushing = true;
      // After the I/O callbacks of this turn: the saves that arrived together go into one transaction.
      setImmediate(() => void flush());
    }
  });
}

async function flush(): Promise<void> {
  try {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const db = getDb();
        const written = await serializable(db)
          .transaction()
          .execute(async (trx) => {
            const results: boolean[] = [];
            for (const w of batch) {
              const result = await conditionalUpdate(db, { ...w, revision: w.baseRevision + 1 }, trx);
              results.push(Number(result.numAffectedRows) === 1);
            }
            return results;
          });
        batch.forEach((w, i) => w.resolve(written[i]));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  } finally {
    flushing = false;
  }
}
