// Parsed benchmark snapshots, kept by benchmark id (issue 19). The engine prepares everything about a snapshot that
// does not depend on the candidate (its item tables, and the percentile and interval of each value score met) once
// per snapshot object; parsing snapshot_json anew for every candidate threw that away each time. A snapshot row is
// written once at activation and never changed, but the cache still compares the stored text with the text it
// parsed, so a changed row can never be scored against an old copy.
import { parseStoredSnapshot, type BenchmarkSnapshot } from "~/scoring";
import { setBounded } from "~/utils/bounded-map";

/** Snapshots kept (a few per active position being scored or reported on; each holds its tables). */
export const SNAPSHOT_CACHE_SIZE = 32;

const snapshots = new Map<string, { json: string; snapshot: BenchmarkSnapshot }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The parsed, deep-frozen snapshot of a benchmark row: the same object for the same row and text, so the engine's
 * preparation of it is reused by every candidate scored or reported against it.
 */
export function cachedSnapshot(benchmarkId: string, snapshotJson: string): BenchmarkSnapshot {
  const known = snapshots.get(benchmarkId);
  if (known && known.json === snapshotJson) {
    // most recently used last: the bounded map drops the oldest first
    snapshots.delete(benchmarkId);
    snapshots.set(benchmarkId, known);
    return known.snapshot;
  }
  const snapshot = deepFreeze(parseStoredSnapshot(snapshotJson));
  setBounded(snapshots, benchmarkId, { json: snapshotJson, snapshot }, SNAPSHOT_CACHE_SIZE);
  return snapshot;
}
