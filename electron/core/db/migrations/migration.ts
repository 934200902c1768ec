/**
 * One schema step. Migrations are numbered from 1 without gaps, append-only (a shipped one is
 * never edited: test/unit/db/migrations.test.ts pins each one's checksum) and each runs in its own
 * transaction together with the `PRAGMA user_version` bump, so a crash leaves the database at
 * the previous version, never half-migrated.
 */
export interface Migration {
  version: number;
  /** snake_case, matches the file name `NNNN_<name>.ts`. */
  name: string;
  /** SQL run with `db.exec`: schema changes and set-based data changes. */
  sql: string;
}
