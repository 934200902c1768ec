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
      db.exec(m.sql);
      // Integer from our own list, never user input: safe to interpolate (pragmas take no binds).
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
