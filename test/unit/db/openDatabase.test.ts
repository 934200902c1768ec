// DESIGN §4 / STYLE rule 5: pragmas chosen and in effect, migrations transactional and tracked in
// user_version, a database from a newer station refused before anything is written to it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDurableTransaction } from '../../../electron/core/db/durableTransaction.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { isStationError, type StationError } from '../../../shared/errors.js';
import { tempDir } from './storeHarness.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function caught(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err;
    throw err;
  }
  throw new Error('expected a StationError');
}

describe('openStationDatabase', () => {
  it('sets WAL, synchronous NORMAL, foreign keys and a busy timeout', () => {
    const db = openStationDatabase(join(dir, 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(() => db.prepare("INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at) VALUES ('r', 'nobody', 'PFIZER', 'L', 1, '2021-01-01', 'F', 'draft', 'k', 'form', 'x', 'x')").run())
      .toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('reopens an up-to-date database without running a migration again', () => {
    openStationDatabase(join(dir, 'a.db')).close();
    const db = openStationDatabase(join(dir, 'a.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database from a newer station with DB_TOO_NEW, in both languages, and leaves the file alone', () => {
    const path = join(dir, 'new.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = readFileSync(path);
    const err = caught(() => openStationDatabase(path));
    expect(err.code).toBe('DB_TOO_NEW');
    expect(err.messageVi).toContain('phiên bản mới hơn');
    expect(err.messageEn).toContain('newer version');
    expect(err.details).toEqual({ found: LATEST_SCHEMA_VERSION + 1, supported: LATEST_SCHEMA_VERSION });
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a failing migration leaves the database at the previous version, nothing of it applied', () => {
    const path = join(dir, 'b.db');
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);' }];
    expect(caught(() => openStationDatabase(path, { migrations: bad })).code).toBe('DB_OPEN_FAILED');
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('answers a file that is not a database with DB_OPEN_FAILED, not a raw exception', () => {
    const path = join(dir, 'junk.db');
    writeFileSync(path, 'this is not a database, it is a spreadsheet someone renamed'.repeat(100));
    const err = caught(() => openStationDatabase(path));
    expect(err.code).toBe('DB_OPEN_FAILED');
    expect(err.messageEn).toContain(path);
    // Said as a damaged file in each language; SQLite's English reason only in details.
    expect(err.details).toMatchObject({ cause: 'DB_CORRUPT', reason: 'file is not a database' });
    expect(err.messageVi).toContain('bị hỏng');
    expect(err.messageVi).not.toContain('file is not a database');
  });
});

describe('withDurableTransaction', () => {
  it('commits with synchronous FULL and restores NORMAL afterwards, even when it fails', () => {
    const db = openStationDatabase(join(dir, 'a.db'));
    const seen = withDurableTransaction(db, () => db.pragma('synchronous', { simple: true }));
    expect(seen).toBe(2);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(() => withDurableTransaction(db, () => {
      db.prepare("INSERT INTO settings VALUES ('k', 'v', 't')").run();
      throw new Error('boom');
    })).toThrow('boom');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
    db.close();
  });

  it('nests inside itself, but refuses to start inside a plain transaction (SQLite cannot raise the level there)', () => {
    const db = openStationDatabase(join(dir, 'a.db'));
    expect(withDurableTransaction(db, () => withDurableTransaction(db, () => 7))).toBe(7);
    const err = caught(() => db.transaction(() => withDurableTransaction(db, () => 1))());
    expect(err.code).toBe('DB_TRANSACTION_NESTING');
    db.close();
  });
});

describe('openStationDatabase: why it cannot open, in each language (probe 16, F5)', () => {
  it('a path too long for SQLite: DB_OPEN_FAILED says the path is too long and to choose a shorter one', () => {
    // 8 folders of 60 Vietnamese letters (2 bytes each in UTF-8): past SQLite's ~500-byte limit.
    const deep = join(dir, ...Array.from({ length: 8 }, (_, i) => `${i}${'đ'.repeat(60)}`));
    mkdirSync(deep, { recursive: true });
    const path = join(deep, 'station.db');
    const err = caught(() => openStationDatabase(path));
    expect(err.code).toBe('DB_OPEN_FAILED');
    expect(err.details).toMatchObject({ cause: 'DB_CANTOPEN', path });
    expect(err.messageVi).toMatch(/đường dẫn quá dài \(\d+ byte/);
    expect(err.messageEn).toMatch(/path is too long \(\d+ bytes/);
    expect(err.messageVi).toContain(path);
  });

  it('a folder where the database should be: DB_CANTOPEN, "a file, not a folder", no SQLite English in the Vietnamese', () => {
    const path = join(dir, 'station.db');
    mkdirSync(path);
    const err = caught(() => openStationDatabase(path));
    expect(err.details).toMatchObject({ cause: 'DB_CANTOPEN', reason: 'unable to open database file' });
    expect(err.messageVi).toContain('không phải thư mục');
    expect(err.messageVi).not.toContain('unable to open');
  });
});
