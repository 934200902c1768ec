// What of the databases restores replaced may give way to a short disk (replacedFiles.ts,
// `replacedGivingWay`), and how the daily copy gives way (dailyBackups.ts, `dailyBackupIfDue`):
// never the undo of the last restore, the clinic's own database from before the newest run of
// restores, or a first younger than a week; nothing removed for a copy that then fails; a file
// that would not go leaves the copy skipped, not the live database's margin eaten (session 22 review).
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, checkLiveAside, listBackups } from '../../../electron/core/db/backups.js';
import { dailyBackupIfDue, scheduleBackups } from '../../../electron/core/db/dailyBackups.js';
import { listReplaced, replacedGivingWay } from '../../../electron/core/db/replacedFiles.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { generateRecords } from '../../fixtures/records.js';
import { tempDir, testPorts } from './storeHarness.js';

let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: dataDir, cleanup } = tempDir('station-giving-way-'));
});
afterEach(() => cleanup());

const now = new Date('2026-11-24T03:00:00Z');
const day = 24 * 3600_000;
const minute = 60_000;
const dbPath = () => join(dataDir, 'station.db');

/** A database a restore replaced `msAgo` before `now`, named as restore.ts names it (Viet Nam time). */
function replacedAt(msAgo: number, from?: string): string {
  const stamp = backupFileName('manual', new Date(now.getTime() - msAgo)).slice('station-manual-'.length, -'.db'.length);
  const name = `station.db.replaced-${stamp}`;
  if (from === undefined) writeFileSync(join(dataDir, name), 'SQLite format 3\0');
  else copyFileSync(from, join(dataDir, name));
  return name;
}

const givingWay = () => replacedGivingWay(dbPath(), now).map((r) => basename(r.path));

describe('the databases restores replaced, on a short disk', () => {
  it('never give way with the newest when a killed restore left a second name of station.db named newer', () => {
    writeFileSync(dbPath(), 'the live database');
    const older = replacedAt(20 * day);
    replacedAt(8 * day);
    // A restore killed before its rename, yesterday: its replaced-* is station.db under another name.
    const stamp = backupFileName('manual', new Date(now.getTime() - day)).slice('station-manual-'.length, -'.db'.length);
    linkSync(dbPath(), join(dataDir, `station.db.replaced-${stamp}`));
    // The one eight days old is the undo of the last restore that completed: it stays.
    expect(givingWay()).toEqual([older]);
  });

  it('never give way with the first of the newest run of restores, at any age, nor with a first younger than a week', () => {
    writeFileSync(dbPath(), 'the live database');
    // Forty days ago a restore alone; twenty days ago support tried three copies in ten minutes,
    // the first of which replaced the clinic's own database, the newest records it had.
    const lone = replacedAt(40 * day);
    const [, second] = [0, 5, 10].map((m) => replacedAt(20 * day - m * minute));
    expect(givingWay()).toEqual([second, lone]);
  });

  it('keep a first younger than a week, however short the disk', () => {
    writeFileSync(dbPath(), 'the live database');
    const old = replacedAt(30 * day);
    // Five days ago: two copies tried; the first replaced the clinic's database. Then one more restore yesterday.
    const [, tried] = [0, 10].map((m) => replacedAt(5 * day - m * minute));
    replacedAt(day);
    expect(givingWay()).toEqual([tried, old]);
  });
});

/** A station of `n` records with daily copies taken `daysAgo` (the newest last), closed. */
async function stationWithCopies(n: number, daysAgo: number[]): Promise<void> {
  const s = openStationStore(dataDir, testPorts({ seed: 1 }), { create: true });
  s.store.createRecords(generateRecords(n, { seed: 1, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  for (const d of daysAgo) await dailyBackupIfDue(s.store.db, dataDir, new Date(now.getTime() - d * day), { freeBytes: () => null });
  s.close();
}

/** Damages a page of an index of station.db: the station still answers; a copy of it fails (backupsUnderFaults.test.ts). */
function damageAnIndex(): void {
  const db = new Database(dbPath());
  const index = db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL ORDER BY name").get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(dbPath(), 'r+');
  // Past the page's 8-byte header, its cell pointers and cells: wherever the page's cells lie
    // (they move with the records), a pointer or a child page is then out of the file.
    writeSync(fd, Buffer.alloc(pageSize - 8, 0x55), 0, pageSize - 8, (index.rootpage - 1) * pageSize + 8);
  closeSync(fd);
}

const replacedNames = () => listReplaced(dbPath()).map((r) => basename(r.path));
const dailyNames = () => listBackups(dataDir).map((b) => basename(b.path));
const databaseBytes = (db: Database.Database) => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
/** What the copies and the kept databases take on a disk of fixed room. */
const used = () => listBackups(dataDir).reduce((n, b) => n + b.bytes, 0) + listReplaced(dbPath()).reduce((n, r) => n + r.bytes, 0);

async function until(what: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!what()) throw new Error('the daily check did not get there');
}

describe('the daily copy on a short disk', () => {
  it('is skipped when what was to give way would not go: the room is measured again, not counted', async () => {
    await stationWithCopies(8, [2, 1]);
    const [newestDaily, oldDaily] = dailyNames();
    const copy = listBackups(dataDir)[0]!;
    const older = replacedAt(20 * day, copy.path);
    const newest = replacedAt(2 * day, copy.path);
    // The older kept database's log cannot be removed (a folder of that name here; on Windows, a
    // file another program holds open): removing it fails and leaves the database whole.
    mkdirSync(join(dataDir, `${older}-wal`));
    const s = openStationStore(dataDir, testPorts(), { create: false });
    try {
      const B = copy.bytes;
      // Short of one and a half copies: the old daily copy and the older kept database must both go.
      const room = used() + databaseBytes(s.store.db) + B - 1.5 * B;
      const r = await dailyBackupIfDue(s.store.db, dataDir, now, { freeBytes: () => room - used(), minFreeBytes: B });
      expect(r).toMatchObject({ skipped: 'low-space', pruned: [join(dataDir, 'backups', oldDaily!)] });
    } finally {
      s.close();
    }
    expect(dailyNames()).toEqual([newestDaily]);
    expect(replacedNames()).toEqual([newest, older]);
  });

  it('prunes nothing when the copy fails: the station\'s database damaged, the old copies and replaced databases are what a recovery needs', async () => {
    await stationWithCopies(60, [9, 8]);
    const copy = listBackups(dataDir)[0]!.path;
    // Five restores, each alone: retention keeps the newest three firsts and prunes the other two.
    const kept = [10, 20, 30, 40, 50].map((d) => replacedAt(d * day, copy));
    const dailies = dailyNames();
    damageAnIndex();
    const db = new Database(dbPath());
    try {
      await expect(dailyBackupIfDue(db, dataDir, now, { freeBytes: () => null, keep: 1 })).rejects.toMatchObject({ code: 'BACKUP_SOURCE_DAMAGED' });
    } finally {
      db.close();
    }
    expect(replacedNames()).toEqual(kept);
    expect(dailyNames()).toEqual(dailies);
  });

  it('takes nothing away once a check found the station\'s database damaged, and the damage stays the problem said', async () => {
    await stationWithCopies(60, [3, 2, 1]);
    const copy = listBackups(dataDir)[0]!;
    const kept = [2, 30, 40].map((d) => replacedAt(d * day, copy.path));
    const dailies = dailyNames();
    damageAnIndex();
    const db = new Database(dbPath());
    let room: number | null = null;
    let t = now.getTime();
    const schedule = scheduleBackups(db, dataDir, memoryLogger(), () => new Date((t += 1000)), {
      firstAfterMs: 5, checkEveryMs: 20, minFreeBytes: copy.bytes, freeBytes: () => (room === null ? null : room - used()),
    });
    try {
      await until(() => schedule.status().problem?.code === 'BACKUP_SOURCE_DAMAGED');
      // Then the disk fills: short of two copies, which the old daily copies could make up.
      room = used() + databaseBytes(db) + copy.bytes - 1.5 * copy.bytes;
      const checked = schedule.status().lastCheckAt!;
      await until(() => schedule.status().lastCheckAt! > checked);
      const again = schedule.status().lastCheckAt!;
      await until(() => schedule.status().lastCheckAt! > again);
      expect(schedule.status().problem?.code).toBe('BACKUP_SOURCE_DAMAGED');
    } finally {
      await schedule.stop();
      db.close();
    }
    expect(dailyNames()).toEqual(dailies);
    expect(replacedNames()).toEqual(kept);
  });

  it('takes nothing away on the first check after opening a damaged database: the live file is checked before anything gives way', async () => {
    await stationWithCopies(60, [3, 2, 1]);
    const copy = listBackups(dataDir)[0]!;
    const kept = [30, 40].map((d) => replacedAt(d * day, copy.path));
    const dailies = dailyNames();
    damageAnIndex();
    const db = new Database(dbPath());
    try {
      // Short of two copies, which the old daily copies and the replaced databases could make up;
      // no check before has found the damage (a fresh schedule's first check).
      const room = used() + databaseBytes(db) + copy.bytes - 1.5 * copy.bytes;
      const schedule = scheduleBackups(db, dataDir, memoryLogger(), () => now, {
        firstAfterMs: 5, checkEveryMs: 60_000, minFreeBytes: copy.bytes, freeBytes: () => room - used(),
      });
      try {
        await until(() => schedule.status().lastCheckAt !== null);
        expect(schedule.status().problem?.code).toBe('BACKUP_SOURCE_DAMAGED');
      } finally {
        await schedule.stop();
      }
    } finally {
      db.close();
    }
    expect(dailyNames()).toEqual(dailies);
    expect(replacedNames()).toEqual(kept);
  });

  it('still gives way on a short disk when the live database passes its check', async () => {
    await stationWithCopies(60, [3, 2, 1]);
    const copy = listBackups(dataDir)[0]!;
    const dailies = dailyNames();
    const db = new Database(dbPath());
    try {
      const room = used() + databaseBytes(db) + copy.bytes - 1.5 * copy.bytes;
      const r = await dailyBackupIfDue(db, dataDir, now, { minFreeBytes: copy.bytes, freeBytes: () => room - used() });
      expect('taken' in r).toBe(true);
    } finally {
      db.close();
    }
    // The oldest daily copies gave way; the newest of before stays, beside today's.
    expect(dailyNames()).toContain(dailies[0]);
    expect(dailyNames().filter((n) => dailies.includes(n)).length).toBeLessThan(dailies.length);
  });

  it('is skipped, and says the replaced databases are kept, when only the clinic\'s own database from before the last restores would make room', async () => {
    await stationWithCopies(8, [1]);
    const copy = listBackups(dataDir)[0]!;
    // Twenty days ago support tried three copies; the first replaced the clinic's own database.
    const run = [0, 5, 10].map((m) => replacedAt(20 * day - m * minute, copy.path)).reverse();
    const s = openStationStore(dataDir, testPorts(), { create: false });
    const room = used() + databaseBytes(s.store.db) + copy.bytes - 1.5 * copy.bytes;
    const schedule = scheduleBackups(s.store.db, dataDir, memoryLogger(), () => now, {
      firstAfterMs: 5, checkEveryMs: 60_000, minFreeBytes: copy.bytes, freeBytes: () => room - used(),
    });
    try {
      await until(() => schedule.status().lastCheckAt !== null);
      const problem = schedule.status().problem;
      expect(problem?.code).toBe('BACKUP_LOW_SPACE');
      expect(problem?.message_en).toContain('Beside station.db, 3 databases replaced by restores are kept (');
      expect(problem?.message_en).toContain('are never removed to make room.');
      expect(problem?.message_vi).toContain('Bên cạnh station.db đang giữ 3 cơ sở dữ liệu bị thay thế khi khôi phục (');
    } finally {
      await schedule.stop();
      s.close();
    }
    expect(replacedNames()).toEqual(run);
    expect(dailyNames()).toHaveLength(1);
  });
});

describe('the live check before anything gives way', () => {
  for (const where of ['the check worker', "the caller's thread (no worker)"] as const) {
    it(`passes a sound database and refuses a damaged one as a copy would, on ${where}`, async () => {
      await stationWithCopies(30, []);
      const opts = where === 'the check worker' ? {} : { entry: null };
      let db = new Database(dbPath());
      try {
        await expect(checkLiveAside(db, opts)).resolves.toBeUndefined();
      } finally {
        db.close();
      }
      damageAnIndex();
      db = new Database(dbPath());
      try {
        await expect(checkLiveAside(db, opts)).rejects.toMatchObject({ code: 'BACKUP_SOURCE_DAMAGED' });
      } finally {
        db.close();
      }
    });
  }
});
