// A database upgraded while other station programs have it open (probe 17, upgrade F1 and F2):
// an older station kept writing under the new schema and its counts drifted for good; two new
// stations opening an old file at once applied a migration twice, set the version back under the
// newer schema, and every later open failed.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { isStationError } from '../../../shared/errors.js';
import { tempDir } from './storeHarness.js';

let dir: string;
let cleanup: () => void;
const open: Database.Database[] = [];
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-upgrade-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  cleanup();
});

/** A station database at schema 4, as the last build before migration 5 left it. */
function oldStation(): string {
  const path = join(dir, 'station.db');
  openStationDatabase(path, { targetVersion: 4 }).close();
  return path;
}

describe('upgrading a database other programs have open', () => {
  it('is refused while another connection has the file open (an older station still running), and nothing changes', () => {
    const path = oldStation();
    const older = new Database(path);
    open.push(older);
    older.prepare('SELECT count(*) FROM dose_records').get();
    const started = Date.now();
    let refusal: unknown = null;
    try {
      openStationDatabase(path);
    } catch (err) {
      refusal = err;
    }
    expect(isStationError(refusal) && refusal.code).toBe('DB_UPGRADE_IN_USE');
    const e = refusal as { messageVi: string; messageEn: string; details: unknown };
    expect(e.messageEn).toMatch(/needs to upgrade the database \(schema 4 → \d+\), but another station program \(perhaps an older version\) has it open/);
    expect(e.messageVi).toMatch(/đang mở nó/);
    expect(e.details).toEqual({ from: 4, to: LATEST_SCHEMA_VERSION });
    // It waited a few seconds for the other to close, as a CLI command soon does.
    expect(Date.now() - started).toBeGreaterThan(4000);
    expect(older.pragma('user_version', { simple: true })).toBe(4);
    expect(older.pragma('journal_mode', { simple: true })).toBe('wal');

    older.close();
    const upgraded = openStationDatabase(path);
    open.push(upgraded);
    expect(schemaVersion(upgraded)).toBe(LATEST_SCHEMA_VERSION);
    expect(upgraded.pragma('journal_mode', { simple: true })).toBe('wal');
  }, 20_000);

  it('waits as long as it is told (upgradeWaitMs) before refusing', () => {
    const path = oldStation();
    const older = new Database(path);
    open.push(older);
    older.prepare('SELECT count(*) FROM dose_records').get();
    const started = Date.now();
    expect(() => openStationDatabase(path, { upgradeWaitMs: 6000 })).toThrow(expect.objectContaining({ code: 'DB_UPGRADE_IN_USE' }));
    // Past the default 5 s: the eight openers below rely on a longer wait being honoured.
    expect(Date.now() - started).toBeGreaterThan(5500);
    expect(older.pragma('user_version', { simple: true })).toBe(4);
  }, 20_000);

  it('eight new stations opening an old file at once: one upgrades it, every one opens it', async () => {
    const path = oldStation();
    const module = join(process.cwd(), 'dist/electron/core/db/openStationDatabase.js');
    // What is checked is who upgrades and who waits, not how fast this machine's disk is. The
    // upgrade path makes about 16 fsyncs, 8 of them under an exclusive lock (the journal-mode
    // round trip), and the other openers wait for it: with the station's 5 s limits an fsync of
    // 1.5 s (a disk shared with another test run) made them give up with "database is locked"
    // (session 21, reproduced by slowing fsync). So they wait for the upgrade here, up to a
    // minute; the 5 s refusal is the first test's.
    const patient = { upgradeWaitMs: 60_000, busyTimeoutMs: 60_000 };
    const script = `const { openStationDatabase } = await import(${JSON.stringify(module)});
      const db = openStationDatabase(${JSON.stringify(path)}, ${JSON.stringify(patient)});
      process.stdout.write(String(db.pragma('user_version', { simple: true })));
      db.close();`;
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (b: Buffer) => (out += b.toString()));
          child.stderr.on('data', (b: Buffer) => (err += b.toString()));
          child.on('close', (code) => resolve({ code, out, err }));
        }),
      ),
    );
    expect(runs.map((r) => [r.code, r.out, r.err.slice(0, 300)])).toEqual(runs.map(() => [0, String(LATEST_SCHEMA_VERSION), '']));
    const db = new Database(path);
    open.push(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  }, 150_000);

  it('a migration another opener applied meanwhile is not applied again: the version never goes back', () => {
    const path = oldStation();
    const late = new Database(path);
    open.push(late);
    // This opener read version 4 before the other one upgraded the file...
    let stale = true;
    const lateView = new Proxy(late, {
      get(target, prop) {
        if (prop === 'pragma') {
          return (source: string, options?: Database.PragmaOptions) => {
            if (stale && source === 'user_version') {
              stale = false;
              return 4;
            }
            return target.pragma(source, options);
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    // ...which the first opener then did, all the way.
    const first = openStationDatabase(path);
    open.push(first);
    expect(schemaVersion(first)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(lateView, MIGRATIONS)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(first)).toBe(LATEST_SCHEMA_VERSION);
    first.close();
    const again = openStationDatabase(path);
    open.push(again);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
