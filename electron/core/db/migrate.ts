import type Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';
import type { Migration } from './migrations/migration.js';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** DB_TOO_NEW: a newer station wrote this file; running older code on it could lose data. */
export function databaseTooNew(found: number, supported: number): StationError {
  return new StationError(
    'DB_TOO_NEW',
    `Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của phần mềm (lược đồ ${found}, phiên bản này hỗ trợ đến ${supported}). Hãy cập nhật phần mềm; dữ liệu không bị thay đổi.`,
    `The database was written by a newer version of the station (schema ${found}; this version supports up to ${supported}). Update the station; the data was not changed.`,
    { found, supported },
  );
}

/** Numbers 1..n without gaps or repeats: checked before anything runs. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
  });
}

/**
 * Applies every migration above the file's `user_version`, each in its own transaction together
 * with the version bump (PRAGMA user_version is transactional), up to `target` (tests stop early
 * to check a single migration's effect on older data).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target = migrations.length): number {
  assertMigrationList(migrations);
  const current = schemaVersion(db);
  if (current > migrations.length) throw databaseTooNew(current, migrations.length);
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      // Read again under the write lock: another process opening the same file at the same time
      // may have applied it since `current` was read. Applied twice, a migration that runs again
      // without error set the version back under a newer schema, and every later open failed
      // (probe 17, upgrade F2).
      const now = schemaVersion(db);
      if (now > migrations.length) throw databaseTooNew(now, migrations.length);
      if (now >= m.version) return;
      db.exec(m.sql);
      // Integer from our own list, never user input: safe to interpolate (pragmas take no binds).
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

/**
 * Before migrating an existing database: no other connection may have it open. A station of an
 * older version kept writing under the new schema with its own assumptions (a state change it
 * counted through a trigger a migration dropped), and the counts drifted for good (probe 17,
 * upgrade F1). SQLite will not leave WAL mode while another connection has the file open, even
 * an idle one: that is the test (one try; the caller sets WAL again). False: not alone.
 */
export function aloneForUpgrade(db: Database.Database): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  // No wait: the caller closes and tries again, so this connection is held as briefly as it can be.
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('journal_mode = DELETE');
    return true;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${Math.trunc(timeout)}`);
  }
}

export function upgradeInUse(from: number, to: number): StationError {
  return new StationError(
    'DB_UPGRADE_IN_USE',
    `Phiên bản này cần nâng cấp cơ sở dữ liệu (lược đồ ${from} → ${to}), nhưng một chương trình khác của trạm (có thể là phiên bản cũ) đang mở nó. Hãy đóng mọi cửa sổ và lệnh station khác rồi mở lại; dữ liệu không bị thay đổi.`,
    `This version needs to upgrade the database (schema ${from} → ${to}), but another station program (perhaps an older version) has it open. Close every other station window and command, then start again; the data was not changed.`,
    { from, to },
  );
}
