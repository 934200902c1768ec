/**
 * The checkpoint off the signing commit. A 10,000-record batch writes ~2,000 WAL pages; with
 * SQLite's default (wal_autocheckpoint = 1000 pages) every batch commit also copied the whole WAL
 * into the database file and synced it — ~70 ms of the ~120 ms commit, inside the time the user
 * waits for the signature to be stored. Durability does not depend on it: the batch transaction
 * is committed with synchronous=FULL (DESIGN §4), so it is on disk once the WAL is synced; the
 * checkpoint only moves pages into the main file.
 *
 * So the signing commit runs with a larger threshold (SIGNING_WAL_PAGES: the WAL stays bounded —
 * SQLite still checkpoints at that commit once the WAL has grown past it, as after several
 * batches in a row), and a PASSIVE checkpoint runs once the station has been idle for IDLE_MS
 * after the last batch (an unref'd timer: it never keeps a process alive, and a closed database
 * is skipped).
 */
import type Database from 'better-sqlite3';

/**
 * 64 MB of 4 KiB pages: a 10k batch writes ~960 (its leaves deflated, migration 0010), so SQLite
 * checkpoints at a commit about every 17th batch signed back to back. At 32 MB the checkpoint
 * landed inside a 100k-record signing, in its 9th batch: that store took 250–300 ms instead of
 * ~90 (npm run bench -- signing, session 7) — time the signer waits for, spent on moving pages
 * the idle checkpoint moves anyway.
 */
export const SIGNING_WAL_PAGES = 16_384;
export const IDLE_MS = 1000;

/**
 * What the WAL file is cut back to once checkpointed (`PRAGMA journal_size_limit`): the size signing
 * back to back reaches anyway. SQLite reuses the file from its start rather than shrinking it, so
 * without a limit the largest WAL a commit ever wrote stays on disk until the station closes: up to
 * 256 MB after a big import (IMPORT_WAL_PAGES_MAX), 87 MB after the bench's 100k-row CSV, for days
 * on a clinic PC that is never shut down. The cut happens at the first write after a complete
 * checkpoint, not inside the commit someone waits for.
 */
export const WAL_SIZE_LIMIT_BYTES = SIGNING_WAL_PAGES * 4096;

const timers = new WeakMap<Database.Database, ReturnType<typeof setTimeout>>();

/**
 * Runs `commit` (a durable transaction) without the default checkpoint at its end. `pages` is the
 * threshold during it: SIGNING_WAL_PAGES for a signing step; a bigger commit (an import) passes
 * one sized to what it writes, bounded by its caller, so the WAL still cannot grow without limit.
 */
export function withDeferredCheckpoint<T>(db: Database.Database, commit: () => T, idleMs = IDLE_MS, pages = SIGNING_WAL_PAGES): T {
  const usual = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  // A database not in WAL mode (or autocheckpoint switched off): nothing to defer.
  if (usual <= 0 || usual >= pages) return commit();
  db.pragma(`wal_autocheckpoint = ${Math.floor(pages)}`);
  try {
    return commit();
  } finally {
    db.pragma(`wal_autocheckpoint = ${usual}`);
    checkpointWhenIdle(db, idleMs);
  }
}

/** A PASSIVE checkpoint `idleMs` after the last call (each call restarts the wait). */
export function checkpointWhenIdle(db: Database.Database, idleMs: number): void {
  const pending = timers.get(db);
  if (pending !== undefined) clearTimeout(pending);
  const timer = setTimeout(() => {
    timers.delete(db);
    if (!db.open) return;
    if (db.inTransaction) return checkpointWhenIdle(db, idleMs);
    try {
      // PASSIVE: copies what it can without waiting for, or blocking, readers and writers.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Only an optimisation: a later commit's automatic checkpoint does the same work.
    }
  }, idleMs);
  timer.unref();
  timers.set(db, timer);
}
