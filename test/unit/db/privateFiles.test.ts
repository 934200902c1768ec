// Session 18 (security probe): the station's folder holds personal data and the platform key.
// Under Debian's umask 022 it was made 0755 with station.db, -wal and -shm 0644, readable by every
// local account. A new folder is now the user's alone (0700), the database files 0600 whatever the
// umask, and a database an older build left readable by all is tightened when it is opened.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/core/station.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { rotatingFileLogger } from '../../../electron/main/rotatingLog.js';
import { tempDir, testPorts } from './storeHarness.js';

const mode = (path: string) => statSync(path).mode & 0o777;

let dir: string;
let cleanup: () => void;
let umask: number;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-private-'));
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  cleanup();
});

describe.skipIf(process.platform === 'win32')('the data folder is private (POSIX)', () => {
  it('a new station: folder 0700, station.db, -wal and -shm 0600 after a write', async () => {
    const dataDir = join(dir, 'new', 'station');
    const core = openStation({ dataDir });
    core.store.setSetting('facility.code', '79001');
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ['station.db', 'station.db-wal', 'station.db-shm']) expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
    await core.close();
  });

  it('the CLI path (openStationStore) makes the same private folder and file', () => {
    const dataDir = join(dir, 'cli');
    const { store, close } = openStationStore(dataDir, testPorts(), { create: true });
    store.setSetting('facility.code', '79001');
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'station.db'))).toBe(0o600);
    close();
  });

  it('a database an older build left 0644 is tightened at open; the owner keeps read and write', async () => {
    const dataDir = join(dir, 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    const old = new Database(join(dataDir, 'station.db'));
    old.exec('CREATE TABLE t (x)');
    old.close();
    expect(mode(join(dataDir, 'station.db'))).toBe(0o644);
    const core = openStation({ dataDir });
    expect(mode(join(dataDir, 'station.db'))).toBe(0o600);
    // The folder the user chose is theirs to set; only the files the station writes are tightened.
    expect(mode(dataDir)).toBe(0o755);
    await core.close();
  });

  it('the desktop app’s logs folder and files are private too', () => {
    const logs = join(dir, 'data', 'logs');
    const log = rotatingFileLogger({ dir: logs, name: 'main' });
    log.log('info', 'ready');
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(mode(logs)).toBe(0o700);
    expect(mode(join(logs, 'main.log'))).toBe(0o600);
  });
});
