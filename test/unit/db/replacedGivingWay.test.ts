// What of the databases restores replaced may give way to a short disk (replacedFiles.ts,
// `replacedGivingWay`), and how the daily copy gives way (dailyBackups.ts, `dailyBackupIfDue`):
// never the undo of the last restore, the clinic's own database from before the newest run of
// restores, or a first younger than a week; nothing removed for a copy that then fails; a file
// that would not go leaves the copy skipped, not the live database's margin eaten (session 22 review).
import { linkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../../../electron/core/db/backups.js';
import { replacedGivingWay } from '../../../electron/core/db/replacedFiles.js';
import { tempDir } from './storeHarness.js';

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
function replacedAt(msAgo: number, content = 'SQLite format 3\0'): string {
  const stamp = backupFileName('manual', new Date(now.getTime() - msAgo)).slice('station-manual-'.length, -'.db'.length);
  const name = `station.db.replaced-${stamp}`;
  writeFileSync(join(dataDir, name), content);
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
