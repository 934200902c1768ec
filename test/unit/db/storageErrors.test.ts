// Probe 16, F4: SQLite's result codes (and a file write's ENOSPC) are mapped once, in
// electron/core/db/storageErrors.ts, to the codes the user sees; anything else is not a storage
// fault (the caller keeps its generic INTERNAL error).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { storageError, storageFault } from '../../../electron/core/db/storageErrors.js';
import { tempDir } from './storeHarness.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-storage-errors-'));
});
afterEach(() => cleanup());

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('storageFault', () => {
  it('maps the SQLite code families and ENOSPC', () => {
    const cases: [string, string][] = [
      ['SQLITE_FULL', 'DB_DISK_FULL'],
      ['SQLITE_BUSY', 'DB_BUSY'],
      ['SQLITE_BUSY_SNAPSHOT', 'DB_BUSY'],
      ['SQLITE_LOCKED_SHAREDCACHE', 'DB_BUSY'],
      ['SQLITE_READONLY_DIRECTORY', 'DB_READONLY'],
      ['SQLITE_CORRUPT_INDEX', 'DB_CORRUPT'],
      ['SQLITE_NOTADB', 'DB_CORRUPT'],
      ['SQLITE_CANTOPEN', 'DB_CANTOPEN'],
      ['SQLITE_IOERR_WRITE', 'DB_IO_ERROR'],
    ];
    for (const [code, expected] of cases) expect(storageFault(new Database.SqliteError('x', code)), code).toBe(expected);
    expect(storageFault(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }))).toBe('DB_DISK_FULL');
  });

  it('is null for anything else: a constraint, a plain error, a missing file', () => {
    expect(storageFault(new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(new Error('boom'))).toBeNull();
    expect(storageFault(Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open' }))).toBeNull();
    expect(storageFault('text')).toBeNull();
  });

  it('a real write to a read-only connection is DB_READONLY, in both languages, with SQLite\'s code in details', () => {
    const path = join(dir, 'station.db');
    openStationDatabase(path).close();
    const ro = new Database(path, { readonly: true });
    const err = storageError(thrown(() => ro.prepare("INSERT INTO settings VALUES ('k', 'v', 't')").run()), { dataDir: dir });
    ro.close();
    expect(err?.code).toBe('DB_READONLY');
    expect(err?.messageVi).toContain('chỉ cho phép đọc');
    expect(err?.messageEn).toContain('read-only');
    expect(err?.messageVi).toContain(dir);
    expect(err?.details).toMatchObject({ errorCode: 'SQLITE_READONLY', reason: 'attempt to write a readonly database' });
  });
});
