import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';
import { copyBeforeUpgrade } from './backups.js';
import { keepPrivate } from '../privateFiles.js';
import { removeUnfinishedRestore } from './restoreClaim.js';
import { aloneForUpgrade, databaseTooNew, migrate, schemaVersion, upgradeInUse } from './migrate.js';
import { storageCause } from './storageErrors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { WAL_SIZE_LIMIT_BYTES } from './walCheckpoint.js';

export type StationDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Defaults to every migration of this version of the station. */
  migrations?: readonly Migration[];
  /** Stop at this schema version (tests of a single migration). */
  targetVersion?: number;
  /** How long a statement waits for another connection's lock (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * How long an upgrade waits for other programs to close the file before DB_UPGRADE_IN_USE
   * (default UPGRADE_WAIT_MS). A peer upgrading the same file counts as "other" until it is done,
   * so this also bounds how long a peer's upgrade may take: a few fsyncs on a busy disk can
   * exceed the default (session 21).
   */
  upgradeWaitMs?: number;
  /** Copy an older file into `backups/` before migrating it (default true; backups.ts). */
  copyBeforeUpgrade?: boolean;
  /** Refuse a file that is not there instead of creating it (a restore's staging copy: restore.ts). */
  mustExist?: boolean;
}

export const DATABASE_FILE = 'station.db';

export function stationDatabasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/**
 * Opens (creating if needed) the station's SQLite queue, sets the pragmas and migrates it.
 * Refuses a database from a newer station (DB_TOO_NEW) before writing anything to it.
 */
export function openStationDatabase(path: string, opts: OpenDatabaseOptions = {}): StationDatabase {
  // A restore killed before its last rename left its staging copy (and a second name of this very
  // file): removed once that restore's process is gone, never opened (restoreClaim.ts).
  removeUnfinishedRestore(path);
  // An upgrade waits for other programs to close the file (aloneForUpgrade), closing its own
  // connection between tries: several new stations opening an old file at once would otherwise
  // each keep the others from being alone, and all give up (probe 17, upgrade).
  const deadline = Date.now() + (opts.upgradeWaitMs ?? UPGRADE_WAIT_MS);
  for (;;) {
    const opened = openOnce(path, opts);
    if (opened.kind === 'open') return opened.db;
    if (Date.now() > deadline) throw upgradeInUse(opened.from, opened.to);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 + Math.floor(Math.random() * 300));
  }
}

/**
 * How long an upgrade waits for other station programs to close the file before it gives up: a
 * CLI command soon closes it; a window left open does not, and the user is told to close it.
 */
const UPGRADE_WAIT_MS = 5000;

function openOnce(path: string, opts: OpenDatabaseOptions): { kind: 'open'; db: StationDatabase } | { kind: 'not-alone'; from: number; to: number } {
  const migrations = opts.migrations ?? MIGRATIONS;
  let db: StationDatabase;
  try {
    // busy_timeout (better-sqlite3's `timeout`): the CLI may read while the app writes; waiting
    // a few seconds for the lock beats failing with SQLITE_BUSY.
    db = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000, fileMustExist: opts.mustExist === true });
  } catch (err) {
    throw openFailed(path, err);
  }
  // Private before anything is written: the -wal and -shm SQLite makes next take this file's mode
  // (privateFiles.ts); a file an older build left readable by all is tightened too.
  for (const file of [path, `${path}-wal`, `${path}-shm`]) keepPrivate(file);
  try {
    const found = schemaVersion(db);
    if (found > migrations.length) throw databaseTooNew(found, migrations.length);
    const target = opts.targetVersion ?? migrations.length;
    if (found > 0 && found < target) {
      if (!aloneForUpgrade(db)) {
        db.close();
        return { kind: 'not-alone', from: found, to: target };
      }
      // The file as the older station left it, should a migration turn out wrong for this clinic's data.
      if (opts.copyBeforeUpgrade !== false) copyBeforeUpgrade(db, path, found);
    }
    // WAL: a crash never corrupts the file (a commit is one append to the log), and readers (the
    // records table, the CLI) do not block the single writer or each other.
    db.pragma('journal_mode = WAL');
    // NORMAL is safe from corruption in WAL mode and survives an application crash; only a power
    // cut may undo the last commits. The two commits that record facts outside this file (a
    // batch the token signed, the platform's acknowledgement) use FULL: withDurableTransaction.
    db.pragma('synchronous = NORMAL');
    // The WAL shrinks back after a big commit once checkpointed (walCheckpoint.ts).
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // Off by default in SQLite, per connection: without it the REFERENCES clauses are comments.
    db.pragma('foreign_keys = ON');
    // 32 MiB page cache: search and listing at 1M records keep their indexes in memory.
    db.pragma('cache_size = -32000');
    // Statement journals (every insert that fires the triggers needs one) and the sorts of the
    // search in memory, not in temp files: measured 2-3x faster imports.
    db.pragma('temp_store = MEMORY');
    migrate(db, migrations, target);
    return { kind: 'open', db };
  } catch (err) {
    if (db.open) db.close();
    if (err instanceof StationError) throw err;
    throw openFailed(path, err);
  }
}

/**
 * DB_OPEN_FAILED, with the cause in each language when it is a storage fault (disk full, read-only,
 * damaged, path too long: storageErrors.ts; its code in details.cause). SQLite's own English text
 * is only in details.reason, and in the Vietnamese sentence only as a marked technical detail.
 */
function openFailed(path: string, err: unknown): StationError {
  const reason = err instanceof Error ? err.message : String(err);
  const cause = storageCause(err, { path, dataDir: dirname(path) });
  if (cause !== null) {
    // DB_CANTOPEN's sentence already names the file.
    const said = cause.code === 'DB_CANTOPEN' ? { vi: cause.vi, en: cause.en } : { vi: `Không mở được cơ sở dữ liệu ${path}. ${cause.vi}`, en: `Could not open the database ${path}. ${cause.en}` };
    return new StationError('DB_OPEN_FAILED', said.vi, said.en, { path, reason, cause: cause.code });
  }
  return new StationError(
    'DB_OPEN_FAILED',
    `Không mở được cơ sở dữ liệu ${path} (lỗi kỹ thuật, tiếng Anh: ${reason})`,
    `Could not open the database ${path}: ${reason}`,
    { path, reason },
  );
}

/**
 * Closes the connection after `PRAGMA optimize`, which SQLite recommends at close: it refreshes
 * the planner's statistics where they went stale, so searches at 1M records keep good plans.
 *
 * Every CLI command calls this in its `finally`, so it must never replace the command's result
 * (probe 16, F3): optimize may write (ANALYZE), and fails on a full disk, a read-only file or
 * while another program holds the write lock. It is only an optimisation: it does not wait for
 * the lock, its failure is ignored, and the connection is closed whatever happened.
 */
export function closeStationDatabase(db: StationDatabase): void {
  if (!db.open) return;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('optimize');
  } catch {
    // Skipped this time; the next close that can write refreshes the statistics.
  } finally {
    db.close();
  }
}
