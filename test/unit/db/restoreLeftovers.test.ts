// What a restore that never completed leaves (db/restoreClaim.ts; decisions.md, "Session 21: what a
// killed restore leaves"): its staging copy and the second name it gave station.db are removed at
// the next open and the next restore once its process is gone, and never used as the database;
// while it still runs, an open leaves them and a second restore is refused.
// (test/integration/db/restoreCrash.test.ts kills real restores; here each leftover is laid by hand.)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupStation } from '../../../electron/core/db/backups.js';
import { restoreStation } from '../../../electron/core/db/restore.js';
import { openStation } from '../../../electron/core/station.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { isStationError, type StationError } from '../../../shared/errors.js';
import { generateRecords } from '../../fixtures/records.js';
import { tempDir, testPorts } from './storeHarness.js';

let dir: string;
let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-restore-leftovers-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => cleanup());

function stationWith(n: number, seed: number, where = dataDir): void {
  const s = openStationStore(where, testPorts({ seed }), { create: true });
  if (n > 0) s.store.createRecords(generateRecords(n, { seed, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  s.close();
}

/** A checked copy of a station of `n` records of the same facility. */
async function backupOf(n: number): Promise<string> {
  const other = join(dir, 'other');
  stationWith(n, 9, other);
  const s = openStationStore(other, testPorts(), { create: false });
  const out = join(dir, `backup-${n}.db`);
  await backupStation(s.store.db, out);
  s.close();
  return out;
}

const db = () => join(dataDir, 'station.db');
const staging = () => `${db()}.restoring`;
const owner = () => `${db()}.restoring.owner`;
const writeOwner = (pid: number, host = hostname()) => writeFileSync(owner(), `${JSON.stringify({ pid, host, startedAt: new Date().toISOString() })}\n`);
/** The files of the folder, less what SQLite keeps beside an open database. */
const files = () => readdirSync(dataDir).filter((f) => !/^station\.db-(wal|shm)$/.test(f)).sort();

function records(): number {
  const s = openStationStore(dataDir, testPorts(), { create: false });
  try {
    return (s.store.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;
  } finally {
    s.close();
  }
}

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

function refusal(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('what a killed restore left', () => {
  it('is removed when the station next opens, never used as its database; a database a completed restore kept stays', async () => {
    stationWith(5, 1);
    const backup = await backupOf(2);
    // A restore killed after it kept the old database aside (a second name of station.db) and
    // before its rename: the staging copy (with its -wal) and its owner, whose process is gone.
    copyFileSync(backup, staging());
    writeFileSync(`${staging()}-wal`, '');
    writeOwner(deadPid());
    linkSync(db(), join(dataDir, 'station.db.replaced-20261124-100000'));
    // A database an earlier restore replaced: its own file, kept.
    copyFileSync(backup, join(dataDir, 'station.db.replaced-20261120-090000'));

    const app = openStation({ dataDir, ports: testPorts(), backups: false });
    try {
      expect((app.store.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n).toBe(5);
    } finally {
      await app.close();
    }
    expect(files()).toEqual(['station.created', 'station.db', 'station.db.replaced-20261120-090000']);
  });

  it('is removed by the next restore too, which then restores', async () => {
    stationWith(5, 1);
    const backup = await backupOf(3);
    writeFileSync(staging(), 'half a copy');
    writeOwner(deadPid());
    const r = restoreStation(dataDir, backup, { actor: 'user:test', replace: true });
    expect(r.records).toBe(3);
    expect(files().filter((f) => f.includes('.restoring'))).toEqual([]);
    expect(records()).toBe(3);
  });

  it('while its restore still runs is left alone by an open, and a second restore is refused, in both languages', async () => {
    stationWith(5, 1);
    const backup = await backupOf(3);
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      copyFileSync(backup, staging());
      writeOwner(running.pid!);
      const before = readFileSync(staging());
      expect(records()).toBe(5);
      expect(readFileSync(staging()).equals(before)).toBe(true);
      const e = refusal(() => restoreStation(dataDir, backup, { actor: 'user:test', replace: true }));
      expect(e.code).toBe('RESTORE_RUNNING');
      expect(e.messageVi).toMatch(new RegExp(`Một lệnh khôi phục khác đang chạy .*tiến trình ${running.pid}.*không có gì thay đổi`));
      expect(e.messageEn).toMatch(new RegExp(`Another restore is running .*process ${running.pid}.*nothing was changed`));
      // The way out when that process is not a restore at all (its number reused): named.
      expect(e.messageEn).toContain(`delete the file ${join(dataDir, 'station.db.restoring.owner')} and restore again.`);
      expect(e.messageVi).toContain(`hãy xoá tệp ${join(dataDir, 'station.db.restoring.owner')} rồi khôi phục lại.`);
      expect(readFileSync(staging()).equals(before)).toBe(true);
      expect(files()).toEqual(['station.created', 'station.db', 'station.db.restoring', 'station.db.restoring.owner']);
    } finally {
      running.kill('SIGKILL');
      await new Promise((res) => running.once('exit', res));
    }
    // Gone: the next restore clears what it left and goes ahead.
    expect(restoreStation(dataDir, backup, { actor: 'user:test', replace: true }).records).toBe(3);
    expect(files().filter((f) => f.includes('.restoring'))).toEqual([]);
  });

  it('by a restore on another PC is waited for an hour; an older build\'s (no owner) and an owner cut by a kill are not', () => {
    stationWith(5, 1);
    const hoursAgo = (path: string, h: number) => utimesSync(path, new Date(Date.now() - h * 3600_000), new Date(Date.now() - h * 3600_000));
    // On another PC (a data folder on a network drive): cannot be asked whether it still runs.
    writeFileSync(staging(), 'x');
    writeOwner(4242, 'ANOTHER-PC');
    expect(records()).toBe(5);
    expect(existsSync(staging())).toBe(true);
    hoursAgo(owner(), 2);
    expect(records()).toBe(5);
    expect(files()).toEqual(['station.created', 'station.db']);

    // Left by a build before the owner file.
    writeFileSync(staging(), 'x');
    expect(records()).toBe(5);
    expect(files()).toEqual(['station.created', 'station.db']);

    // An owner file caught between its creation and its write: a restore just starting, for a
    // few seconds; after that, one killed there.
    writeFileSync(staging(), 'x');
    writeFileSync(owner(), '');
    expect(records()).toBe(5);
    expect(existsSync(staging())).toBe(true);
    hoursAgo(owner(), 0.1);
    expect(records()).toBe(5);
    expect(files()).toEqual(['station.created', 'station.db']);
  });
});
