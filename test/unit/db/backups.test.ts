// Backups and restore (db/backups.ts): a copy taken while the station writes is consistent and
// checked before it takes its name; a bad copy is refused for what it is; a restore never deletes
// the database it replaces and is refused while a station program has it open; a folder that held
// a station does not start over when its database is gone or emptied; daily copies are kept 7, the
// databases restores replaced 3 (and any younger than a week); an older file is copied before a
// migration changes it.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import {
  backupFileName, backupStation, checkStationFile, checkWorkerEntry, copyBeforeUpgrade, listBackups, STATION_MARKER,
} from '../../../electron/core/db/backups.js';
import { dailyBackupIfDue } from '../../../electron/core/db/dailyBackups.js';
import { listReplaced } from '../../../electron/core/db/replacedFiles.js';
import { restoreStation } from '../../../electron/core/db/restore.js';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { openStation } from '../../../electron/core/station.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { isStationError, type StationError } from '../../../shared/errors.js';
import { RpcClient, type RpcError } from '../../../shared/rpc/client.js';
import { STANDARD_HEADER, makeDoses, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';
import { generateRecords } from '../../fixtures/records.js';
import { tempDir, testPorts } from './storeHarness.js';

let dir: string;
let dataDir: string;
let cleanup: () => void;
const toClose: Database.Database[] = [];
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-backup-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => {
  for (const db of toClose.splice(0)) if (db.open) db.close();
  cleanup();
});

/** A station in `dataDir` with `n` records, through the store (audit entries and all). */
function stationWith(n: number, seed = 1) {
  const ports = testPorts({ seed });
  const opened = openStationStore(dataDir, ports, { create: true });
  if (n > 0) opened.store.createRecords(generateRecords(n, { seed, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  return { ...opened, ports };
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

async function cli(...argv: string[]) {
  const { result } = await runCli(['--data-dir', dataDir, '--json', ...argv]);
  return { exitCode: result.exitCode, json: result.json as Record<string, unknown> & { errors?: { code: string; message_vi: string; message_en: string }[] } };
}

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a backup', () => {
  it('is a checked, self-contained copy of what the station holds, taken while another program writes', async () => {
    const s = stationWith(300);
    // Another station program writes all the while (as the CLI may while the app backs up).
    const writer = spawn(process.execPath, ['-e', `
      const D = require('better-sqlite3'); const db = new D(${JSON.stringify(join(dataDir, 'station.db'))}, { timeout: 5000 });
      const end = Date.now() + 1500; let i = 0;
      while (Date.now() < end) { db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('probe.n', ?, 'now')").run(String(i++)); }
      db.close();`], { stdio: 'inherit' });
    const out = join(dir, 'copy.db');
    const r = await backupStation(s.store.db, out);
    await new Promise((res) => writer.on('exit', res));
    expect(r).toMatchObject({ path: out, records: 300, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(r.people).toBeGreaterThan(0);
    expect(r.auditEntries).toBe(count(s.store.db, 'audit_log'));
    expect(r.bytes).toBe(statSync(out).size);
    // One file, not WAL: it can be copied, mailed or opened read-only alone.
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('copy.db'))).toEqual(['copy.db']);
    const copy = new Database(out, { readonly: true });
    toClose.push(copy);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    // The copy holds what the database holds: the user's alone (security probe, session 18).
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(copy, 'dose_records')).toBe(300);
    // Where no worker can run, the same copy is taken on this thread (SQLite's online backup).
    const here = await backupStation(s.store.db, join(dir, 'here.db'), new Date(), { entry: null });
    expect({ ...here, path: out, bytes: 0 }).toEqual({ ...r, path: out, bytes: 0, takenAt: here.takenAt, auditEntries: count(s.store.db, 'audit_log') });
    // The copy above ran on the worker; a worker that cannot start leaves the copy to this thread too.
    expect(checkWorkerEntry()).not.toBeNull();
    const unstarted = await backupStation(s.store.db, join(dir, 'unstarted.db'), new Date(), { entry: new URL('file:///nonexistent/checkWorker.js') });
    expect({ ...unstarted, path: out, bytes: 0 }).toEqual({ ...here, path: out, bytes: 0, takenAt: unstarted.takenAt });
    s.close();
  });

  it('that cannot be written leaves no file behind and says so in both languages', async () => {
    const s = stationWith(5);
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const out = join(dir, 'not-a-folder', 'copy.db');
    const e = await backupStation(s.store.db, out).then(() => null, (err: unknown) => err as StationError);
    expect(e?.code).toBe('BACKUP_FAILED');
    expect(e?.messageVi).toMatch(/Không sao lưu được/);
    expect(e?.messageEn).toMatch(/Could not write the backup .*The station's data was not changed/);
    expect(existsSync(`${out}.partial`)).toBe(false);
    s.close();
  });

  it('of a station whose audit log was tampered with is refused, not taken as a good copy', async () => {
    const s = stationWith(5);
    s.store.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
    for (const t of s.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[]) s.store.db.exec(`DROP TRIGGER ${t.name}`);
    s.store.db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1").run();
    const out = join(dir, 'copy.db');
    const e = await backupStation(s.store.db, out).then(() => null, (err: unknown) => err as StationError);
    expect(e?.code).toBe('BACKUP_AUDIT_BROKEN');
    expect(e?.messageEn).toMatch(/The station's audit log does not verify at entry 1/);
    expect(existsSync(out)).toBe(false);
    s.close();
  });
});

describe('a file offered as a backup', () => {
  let copies = 0;
  function goodCopy(): string {
    const s = stationWith(20);
    const out = join(dir, `good-${++copies}.db`);
    s.store.db.exec(`VACUUM INTO '${out}'`);
    s.close();
    return out;
  }

  it('is refused for what is wrong with it, each with its own code and both languages', () => {
    const noise = join(dir, 'noise.db');
    writeFileSync(noise, Buffer.alloc(8192, 7));
    expect(refusal(() => checkStationFile(noise)).code).toBe('BACKUP_NOT_SQLITE');

    const other = join(dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE t (x)');
    o.close();
    expect(refusal(() => checkStationFile(other)).code).toBe('BACKUP_NOT_STATION');

    const newer = goodCopy();
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    n.close();
    const tooNew = refusal(() => checkStationFile(newer));
    expect(tooNew.code).toBe('BACKUP_TOO_NEW');
    expect(tooNew.messageVi).toMatch(/phiên bản mới hơn/);

    const cut = goodCopy();
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const damaged = refusal(() => checkStationFile(cut));
    expect(damaged.code).toBe('BACKUP_DAMAGED');
    expect(damaged.messageEn).toMatch(/cannot be restored/);
  });

  it('that is good says what it holds', () => {
    expect(checkStationFile(goodCopy())).toMatchObject({ records: 20, schemaVersion: LATEST_SCHEMA_VERSION });
  });
});

describe('a restore', () => {
  async function backupOf(n: number, seed = 1): Promise<string> {
    const s = stationWith(n, seed);
    const out = join(dir, `backup-${n}.db`);
    await backupStation(s.store.db, out);
    s.close();
    return out;
  }

  it('replaces a station only when told, moves the replaced database aside, and records itself in the audit log', async () => {
    const backup = await backupOf(10);
    // The station went on: 15 more records after the copy.
    const s = stationWith(15, 2);
    s.close();
    const before = readFileSync(join(dataDir, 'station.db'));

    const asked = await cli('restore', backup);
    expect(asked.exitCode).toBe(1);
    expect(asked.json.errors?.[0]?.code).toBe('RESTORE_WOULD_REPLACE');
    expect(asked.json.errors?.[0]?.message_en).toMatch(/replaces it with the backup \(10 records\).*the old file is kept.*--replace/);
    expect(readFileSync(join(dataDir, 'station.db')).equals(before)).toBe(true);
    expect(readdirSync(dataDir).some((f) => f.includes('replaced') || f.includes('restoring'))).toBe(false);

    const done = await cli('restore', backup, '--replace');
    expect(done.exitCode).toBe(0);
    expect(done.json).toMatchObject({ ok: true, records: 10 });
    const aside = done.json.replacedMovedTo as string;
    expect(aside).toMatch(/station\.db\.replaced-\d{8}-\d{6}$/);
    // Nothing lost: the replaced database, with its 25 records, is beside the restored one.
    const old = new Database(aside, { readonly: true });
    toClose.push(old);
    expect(count(old, 'dose_records')).toBe(25);

    const restored = openStationStore(dataDir, testPorts(), { create: false });
    expect(restored.store.countByState().ready + restored.store.countByState().draft).toBeLessThanOrEqual(10);
    expect(count(restored.store.db, 'dose_records')).toBe(10);
    const last = restored.store.db.prepare('SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; details: string };
    expect(last.action).toBe('station.restore');
    expect(JSON.parse(last.details)).toMatchObject({ file: 'backup-10.db', sha256: done.json.sha256 });
    expect(restored.store.verifyAudit().ok).toBe(true);
    restored.close();
  });

  it('is refused while a station program has the database open, and changes nothing', async () => {
    const backup = await backupOf(3);
    const running = openStation({ dataDir, ports: testPorts(), backups: false });
    try {
      const before = count(running.store.db, 'dose_records');
      const r = await cli('restore', backup, '--replace');
      expect(r.exitCode).toBe(2);
      expect(r.json.errors?.[0]?.code).toBe('RESTORE_IN_USE');
      expect(r.json.errors?.[0]?.message_vi).toMatch(/đang mở cơ sở dữ liệu/);
      // The running station still writes and reads its own file.
      running.store.setSetting('facility.name', 'Trạm Y tế Phường 1');
      expect(count(running.store.db, 'dose_records')).toBe(before);
      expect(readdirSync(dataDir).some((f) => f.includes('replaced'))).toBe(false);
    } finally {
      await running.close();
    }
  });

  it('of a bad file changes nothing', async () => {
    stationWith(4).close();
    const before = readFileSync(join(dataDir, 'station.db'));
    const bad = join(dir, 'bad.db');
    writeFileSync(bad, 'SQLite format 3\0 but nothing after');
    const r = await cli('restore', bad, '--replace');
    expect(r.exitCode).toBe(1);
    expect(r.json.errors?.[0]?.code).toBe('BACKUP_DAMAGED');
    expect(readFileSync(join(dataDir, 'station.db')).equals(before)).toBe(true);
    expect(readdirSync(dataDir).sort()).toEqual(['station.created', 'station.db']);
  });

  it('of a copy an older station made migrates it, as opening it would', async () => {
    const old = join(dir, 'old.db');
    openStationDatabase(old, { targetVersion: 4 }).close();
    const r = await cli('restore', old);
    expect(r.exitCode).toBe(0);
    expect(r.json).toMatchObject({ schemaVersion: 4 });
    const db = new Database(join(dataDir, 'station.db'), { readonly: true });
    toClose.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('a folder that held a station', () => {
  it('does not start over when station.db is gone: DB_MISSING names the newest backup, for the app and every command', async () => {
    const s = stationWith(6);
    const backup = (await cli('backup')).json.path as string;
    s.close();
    expect(existsSync(join(dataDir, STATION_MARKER))).toBe(true);
    for (const f of readdirSync(dataDir)) if (f.startsWith('station.db')) rmSync(join(dataDir, f));

    const app = refusal(() => openStation({ dataDir, ports: testPorts(), backups: false }));
    expect(app.code).toBe('DB_MISSING');
    expect(app.messageEn).toContain(`station --data-dir "${dataDir}" restore "${backup}"`);
    expect(app.messageVi).toMatch(/không còn.*Bản sao lưu mới nhất/);
    const file = join(dir, 'doses.csv');
    writeDelimited(file, [STANDARD_HEADER, ...makeDoses(2, 5).map((d, i) => standardRow(d, i + 1))]);
    for (const argv of [['records', 'list'], ['settings', 'set', 'facility.name', 'X'], ['import', file], ['import', file, '--commit'], ['backup']]) {
      const r = await cli(...argv);
      expect(r.json.errors?.[0]?.code, argv.join(' ')).toBe('DB_MISSING');
    }
    expect(existsSync(join(dataDir, 'station.db'))).toBe(false);

    const back = await cli('restore', backup);
    expect(back.json).toMatchObject({ ok: true, records: 6, replacedMovedTo: null });
    const reopened = openStation({ dataDir, ports: testPorts(), backups: false });
    expect(count(reopened.store.db, 'dose_records')).toBe(6);
    await reopened.close();
  });

  it('does not take over a station.db emptied to 0 bytes, while a first launch that stopped early still may', () => {
    stationWith(2).close();
    writeFileSync(join(dataDir, 'station.db'), '');
    const e = refusal(() => openStation({ dataDir, ports: testPorts(), backups: false }));
    expect(e.code).toBe('DB_EMPTY_FILE');
    expect(e.messageEn).toMatch(/There is no backup in the backups folder/);
    expect(statSync(join(dataDir, 'station.db')).size).toBe(0);

    const fresh = join(dir, 'fresh');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'station.db'), '');
    const first = openStation({ dataDir: fresh, ports: testPorts(), backups: false });
    expect(existsSync(join(fresh, STATION_MARKER))).toBe(true);
    return first.close();
  });

  it('whose station.db is no longer a database is told the newest backup and the line that restores it over the damaged file', async () => {
    const s = stationWith(5);
    const backup = (await cli('backup')).json.path as string;
    s.close();
    for (const f of readdirSync(dataDir)) if (f.startsWith('station.db')) rmSync(join(dataDir, f));
    const junk = 'Tệp này đã bị một chương trình khác ghi đè. '.repeat(300);
    writeFileSync(join(dataDir, 'station.db'), junk);

    const line = `station --data-dir "${dataDir}" restore "${backup}" --replace`;
    const app = refusal(() => openStation({ dataDir, ports: testPorts(), backups: false }));
    expect(app.code).toBe('DB_OPEN_FAILED');
    expect(app.details).toMatchObject({ cause: 'DB_CORRUPT' });
    expect(app.messageEn).toContain(line);
    expect(app.messageVi).toContain(line);
    expect(app.messageVi).toMatch(/bị hỏng.*Bản sao lưu mới nhất/);
    const listed = await cli('records', 'list');
    expect(listed.json.errors?.[0]).toMatchObject({ code: 'DB_OPEN_FAILED' });
    expect(listed.json.errors?.[0]?.message_en).toContain(line);

    // The line, run as written, puts the copy back and keeps the damaged file aside.
    const back = await cli('restore', backup, '--replace');
    expect(back.json).toMatchObject({ ok: true, records: 5 });
    expect(readFileSync(back.json.replacedMovedTo as string, 'utf8')).toBe(junk);
    const reopened = openStation({ dataDir, ports: testPorts(), backups: false });
    expect(count(reopened.store.db, 'dose_records')).toBe(5);
    expect(reopened.store.verifyAudit().ok).toBe(true);
    await reopened.close();
  });

  it('whose station.db is damaged, with no backup, is told to keep the folder and call support', () => {
    stationWith(1).close();
    for (const f of readdirSync(dataDir)) if (f.startsWith('station.db')) rmSync(join(dataDir, f));
    writeFileSync(join(dataDir, 'station.db'), 'x'.repeat(8192));
    const e = refusal(() => openStation({ dataDir, ports: testPorts(), backups: false }));
    expect(e.details).toMatchObject({ cause: 'DB_CORRUPT' });
    expect(e.messageEn).toMatch(/delete or edit nothing\) and contact support/);
    expect(e.messageEn).not.toContain('restore');
  });
});

describe('daily copies', () => {
  it('are taken once a day, seven kept, and skipped when the disk is nearly full', async () => {
    const s = stationWith(8);
    const start = Date.parse('2026-11-01T01:00:00Z');
    const day = 24 * 3600_000;
    const first = await dailyBackupIfDue(s.store.db, dataDir, new Date(start));
    expect('taken' in first && first.taken.records).toBe(8);
    expect(await dailyBackupIfDue(s.store.db, dataDir, new Date(start + day / 2))).toEqual({ skipped: 'recent' });
    for (let d = 1; d <= 9; d++) {
      const r = await dailyBackupIfDue(s.store.db, dataDir, new Date(start + d * day));
      expect('taken' in r).toBe(true);
    }
    const daily = listBackups(dataDir).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(7);
    expect(daily[0]!.path).toMatch(/station-daily-20261110-080000\.db$/);
    expect(await dailyBackupIfDue(s.store.db, dataDir, new Date(start + 20 * day), { minFreeBytes: Number.MAX_SAFE_INTEGER })).toMatchObject({ skipped: 'low-space' });
    s.close();
  });

  it('give way to space: on a disk too small for seven, the oldest go for today\'s copy, never the newest', async () => {
    const s = stationWith(5);
    const start = Date.parse('2026-11-01T01:00:00Z');
    const day = 24 * 3600_000;
    for (let d = 0; d < 4; d++) await dailyBackupIfDue(s.store.db, dataDir, new Date(start + d * day));
    const copy = listBackups(dataDir)[0]!.bytes;
    // A disk with room for the four copies and about two more; the margin is one copy.
    const used = () => listBackups(dataDir).reduce((a, b) => a + b.bytes, 0);
    const disk = { freeBytes: () => 6.5 * copy - used(), minFreeBytes: copy };
    // 2.5 copies free: today's fits and leaves the margin, nothing is pruned for space.
    const fifth = await dailyBackupIfDue(s.store.db, dataDir, new Date(start + 4 * day), disk);
    expect('taken' in fifth && fifth.pruned).toEqual([]);
    // 1.5 copies free: before, skipped as low-space every day from now on, the 5 copies kept.
    const sixth = await dailyBackupIfDue(s.store.db, dataDir, new Date(start + 5 * day), disk);
    expect('taken' in sixth).toBe(true);
    expect('taken' in sixth && sixth.pruned.map((p) => p.slice(-18))).toEqual(['20261101-080000.db']);
    expect(listBackups(dataDir)).toHaveLength(5);
    // When pruning all but the newest would still leave too little room: skipped, nothing removed.
    const short = await dailyBackupIfDue(s.store.db, dataDir, new Date(start + 6 * day), { ...disk, minFreeBytes: 100 * copy });
    expect(short).toMatchObject({ skipped: 'low-space' });
    expect(listBackups(dataDir)).toHaveLength(5);
    s.close();
  });

  it('prune the databases restores replaced with them: the newest three kept, and any younger than a week, never the one a restore just made', async () => {
    const s = stationWith(6);
    const copy = join(dir, 'copy.db');
    await backupStation(s.store.db, copy);
    s.close();
    const now = new Date('2026-11-24T03:00:00Z');
    const day = 24 * 3600_000;
    // Databases earlier restores replaced, named by the time of each (Viet Nam time, as keepAside names them).
    const replacedAgo = (days: number, suffix = '') => {
      const stamp = backupFileName('manual', new Date(now.getTime() - days * day)).slice('station-manual-'.length, -'.db'.length);
      const name = `station.db.replaced-${stamp}${suffix}`;
      copyFileSync(copy, join(dataDir, name));
      return name;
    };
    const [d1, d2, d3, d5, d10, d10b, d20, d40] = [replacedAgo(1), replacedAgo(2), replacedAgo(3), replacedAgo(5), replacedAgo(10), replacedAgo(10, '-2'), replacedAgo(20), replacedAgo(40)];
    // A damaged one was kept with its -wal: it goes with it.
    writeFileSync(join(dataDir, `${d40}-wal`), 'log');
    // Dated two months ahead by a clock that was wrong: its date says nothing of its age.
    const ahead = replacedAgo(-60);
    const justMade = basename(restoreStation(dataDir, copy, { actor: 'user:test', replace: true, now }).replacedMovedTo!);
    const names = () => listReplaced(join(dataDir, 'station.db')).map((r) => basename(r.path));
    // Newest first; a second restore in one second (-2) after its first.
    expect(names()).toEqual([ahead, justMade, d1, d2, d3, d5, d10b, d10, d20, d40]);

    const opened = openStationStore(dataDir, testPorts(), { create: false });
    const r = await dailyBackupIfDue(opened.store.db, dataDir, now, { freeBytes: () => null });
    opened.close();
    expect('taken' in r && r.pruned.map((p) => basename(p))).toEqual([d10b, d10, d20, d40]);
    expect(names()).toEqual([ahead, justMade, d1, d2, d3, d5]);
    expect(existsSync(join(dataDir, `${d40}-wal`))).toBe(false);
    // The backups' own retention is untouched by them: today's daily copy is there.
    expect(listBackups(dataDir).map((b) => b.kind)).toEqual(['daily']);
  });

  it('keep the first of several restores in a row at any age: it replaced the database itself, the others only copies tried (session 21 review)', async () => {
    const s = stationWith(6);
    const copy = join(dir, 'copy.db');
    await backupStation(s.store.db, copy);
    s.close();
    const now = new Date('2026-11-24T03:00:00Z');
    const at = (msAgo: number) => {
      const stamp = backupFileName('manual', new Date(now.getTime() - msAgo)).slice('station-manual-'.length, -'.db'.length);
      const name = `station.db.replaced-${stamp}`;
      copyFileSync(copy, join(dataDir, name));
      return name;
    };
    // Twenty days ago support tried five copies in ten minutes; the first replaced the real database.
    const day = 24 * 3600_000;
    const minute = 60_000;
    const [r1, r2, r3, r4, r5] = [0, 2, 4, 6, 8].map((m) => at(20 * day - m * minute));
    const names = () => listReplaced(join(dataDir, 'station.db')).map((r) => basename(r.path));
    expect(names()).toEqual([r5, r4, r3, r2, r1]);
    const opened = openStationStore(dataDir, testPorts(), { create: false });
    const r = await dailyBackupIfDue(opened.store.db, dataDir, now, { freeBytes: () => null });
    opened.close();
    // The newest three, and the first: only the copy tried second goes.
    expect('taken' in r && r.pruned.map((p) => basename(p))).toEqual([r2]);
    expect(names()).toEqual([r5, r4, r3, r1]);
  });

  it('on a disk short of room, the databases restores replaced give way after the old daily copies, least valuable first, never the newest, never during a restore (session 22)', async () => {
    const s = stationWith(6);
    const now = new Date('2026-11-24T03:00:00Z');
    const day = 24 * 3600_000;
    const minute = 60_000;
    for (const d of [3, 2, 1]) await dailyBackupIfDue(s.store.db, dataDir, new Date(now.getTime() - d * day), { freeBytes: () => null });
    const copy = listBackups(dataDir)[0]!;
    const at = (msAgo: number) => {
      const stamp = backupFileName('manual', new Date(now.getTime() - msAgo)).slice('station-manual-'.length, -'.db'.length);
      const name = `station.db.replaced-${stamp}`;
      copyFileSync(copy.path, join(dataDir, name));
      return name;
    };
    // A restore alone 40 days ago (the fourth run back: retention prunes it), one 30 days ago, three
    // copies tried 6 days ago (the first replaced the clinic's database), and the last restore 2 days ago.
    const z = at(40 * day);
    const a = at(30 * day);
    const [b, c, d] = [0, 10, 20].map((m) => at(6 * day - m * minute));
    const e = at(2 * day);
    // Dated two months ahead by a clock that was wrong: its age is unknown, never removed.
    const ahead = at(-60 * day);
    const names = () => listReplaced(join(dataDir, 'station.db')).map((r) => basename(r.path));
    expect(names()).toEqual([ahead, e, d!, c!, b!, a, z]);
    expect(listReplaced(join(dataDir, 'station.db')).every((r) => r.bytes === copy.bytes)).toBe(true);

    // The disk: what the copies and kept databases take comes off a fixed room; `short` copies too few.
    const B = copy.bytes;
    const dbBytes = (s.store.db.pragma('page_count', { simple: true }) as number) * (s.store.db.pragma('page_size', { simple: true }) as number);
    const used = () => listBackups(dataDir).reduce((n, x) => n + x.bytes, 0) + listReplaced(join(dataDir, 'station.db')).reduce((n, x) => n + x.bytes, 0);
    const disk = (usedAfter: number, short: number) => {
      const room = usedAfter + dbBytes + B - (short - 0.5) * B;
      return { freeBytes: () => room - used(), minFreeBytes: B };
    };
    const gone = (r: Awaited<ReturnType<typeof dailyBackupIfDue>>) => ('taken' in r ? r.pruned.map((p) => basename(p)) : r);
    const dailyNames = () => listBackups(dataDir).map((x) => basename(x.path));
    const [daily1, daily2, daily3] = dailyNames();

    // While a restore runs (its owner file, this live process): nothing is removed, not even what
    // retention would prune, and the copy is skipped for want of room.
    const owner = join(dataDir, 'station.db.restoring.owner');
    writeFileSync(owner, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now.toISOString() }));
    expect(await dailyBackupIfDue(s.store.db, dataDir, now, disk(3 * B + 6 * B, 3))).toMatchObject({ skipped: 'low-space' });
    expect(names()).toEqual([ahead, e, d!, c!, b!, a, z]);
    expect(dailyNames()).toEqual([daily1, daily2, daily3]);
    rmSync(owner);

    // Short of three copies: what retention prunes first (and it counts), then the two old daily
    // copies (never the newest), then the oldest copy tried after a first.
    expect(gone(await dailyBackupIfDue(s.store.db, dataDir, now, disk(3 * B + 6 * B, 3)))).toEqual([z, daily3, daily2, c]);
    expect(names()).toEqual([ahead, e, d!, b!, a]);
    // A day on, short of three: the old daily copy, the last copy tried, then the oldest first.
    const next = new Date(now.getTime() + day);
    expect(gone(await dailyBackupIfDue(s.store.db, dataDir, next, disk(2 * B + 5 * B, 3)))).toEqual([daily1, d, a]);
    expect(names()).toEqual([ahead, e, b!]);
    // Two days on, short of four, which only the newest could make up: skipped, nothing removed.
    const later = new Date(now.getTime() + 2 * day);
    expect(await dailyBackupIfDue(s.store.db, dataDir, later, disk(2 * B + 3 * B, 4))).toMatchObject({ skipped: 'low-space' });
    expect(names()).toEqual([ahead, e, b!]);
    // Short of two: the old daily copy and the other first; the newest, the undo of the last
    // restore, stays however short the disk.
    const yesterdays = dailyNames()[1];
    expect(gone(await dailyBackupIfDue(s.store.db, dataDir, later, disk(2 * B + 3 * B, 2)))).toEqual([yesterdays, b]);
    expect(names()).toEqual([ahead, e]);
    expect(await dailyBackupIfDue(s.store.db, dataDir, new Date(later.getTime() + day), disk(2 * B + 2 * B, 2))).toMatchObject({ skipped: 'low-space' });
    expect(names()).toEqual([ahead, e]);
    s.close();
  });

  it('run in the app by themselves, and closing waits for one in progress', async () => {
    stationWith(3).close();
    // A daily copy 8 days older than the test clock (storeHarness), beyond `keep`: pruned after today's, and named in the log.
    const old = join(dataDir, 'backups', backupFileName('daily', new Date(Date.parse('2023-01-15T03:00:00Z') - 8 * 86_400_000)));
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    writeFileSync(old, 'SQLite format 3\0');
    const logger = memoryLogger();
    const app = openStation({ dataDir, ports: testPorts(), logger, backups: { firstAfterMs: 10, checkEveryMs: 60_000, keep: 1 } });
    for (let i = 0; i < 200 && !logger.lines.some((l) => l.message === 'backup: daily copy taken'); i++) await new Promise((r) => setTimeout(r, 10));
    await app.close();
    const made = listBackups(dataDir);
    expect(made).toHaveLength(1);
    expect(made[0]!.kind).toBe('daily');
    expect(checkStationFile(made[0]!.path).records).toBe(3);
    expect(logger.lines.find((l) => l.message === 'backup: daily copy taken')?.fields?.pruned).toEqual([basename(old)]);
  });
});

describe('before a migration', () => {
  it('an older file is copied as it was into backups/', () => {
    const path = join(dataDir, 'station.db');
    const old = openStationDatabase(path, { targetVersion: 4 });
    old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('facility.name', 'Trạm Y tế Xã An Bình', '2025-01-01T00:00:00Z')").run();
    old.close();
    openStationDatabase(path).close();
    const copies = listBackups(dataDir).filter((b) => b.kind === 'upgrade');
    expect(copies).toHaveLength(1);
    expect(copies[0]!.path).toMatch(/station-upgrade-\d{8}-\d{6}-v4\.db$/);
    if (process.platform !== 'win32') {
      expect(statSync(copies[0]!.path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'backups')).mode & 0o777).toBe(0o700);
    }
    const copy = new Database(copies[0]!.path, { readonly: true });
    toClose.push(copy);
    expect(copy.pragma('user_version', { simple: true })).toBe(4);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'facility.name'").get()).toEqual({ value: 'Trạm Y tế Xã An Bình' });
    // A file already at the latest schema is not copied again.
    openStationDatabase(path).close();
    expect(listBackups(dataDir).filter((b) => b.kind === 'upgrade')).toHaveLength(1);
  });

  it('a second opener upgrading in the same second keeps the first copy, of the file before any migration', () => {
    const path = join(dataDir, 'station.db');
    const old = openStationDatabase(path, { targetVersion: 4 });
    old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('facility.name', 'Trạm trước nâng cấp', '2025-01-01T00:00:00Z')").run();
    const at = new Date('2026-11-24T03:00:00Z');
    const first = copyBeforeUpgrade(old, path, 4, at)!;
    // The second opener copies the file after the first one's migration began (here: a changed row).
    old.prepare("UPDATE settings SET value = 'Trạm sau nâng cấp' WHERE key = 'facility.name'").run();
    expect(copyBeforeUpgrade(old, path, 4, at)).toBe(first);
    const kept = new Database(first, { readonly: true });
    toClose.push(kept);
    expect(kept.prepare("SELECT value FROM settings WHERE key = 'facility.name'").get()).toEqual({ value: 'Trạm trước nâng cấp' });
    expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(listBackups(dataDir).filter((b) => b.kind === 'upgrade')).toHaveLength(1);
    old.close();
  });
});

describe('over RPC', () => {
  it('backups.create takes a checked copy that backups.list then shows, and a bad message is refused', async () => {
    stationWith(4).close();
    const app = openStation({ dataDir, ports: testPorts(), backups: false, validateResults: true });
    try {
      const client = new RpcClient(inProcessTransport(app.dispatcher));
      const made = await client.call('backups.create', {});
      expect(made).toMatchObject({ kind: 'manual', records: 4, takenAt: '2023-01-15T03:00:00.000Z' });
      expect(made.name).toBe('station-manual-20230115-100000.db');
      const list = await client.call('backups.list', {});
      expect(list.folder).toBe(join(dataDir, 'backups'));
      expect(list.items.map((b) => b.name)).toEqual([made.name]);
      const bad = await client.call('backups.create', { to: '/etc' } as never).then(() => null, (e: unknown) => e as RpcError);
      expect(bad?.code).toBe('RPC_INVALID_PARAMS');
      expect(list.daily).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('backups.list counts the databases restores replaced and what they take on disk, a damaged one\'s log included (session 22)', async () => {
    stationWith(4).close();
    const app = openStation({ dataDir, ports: testPorts(), backups: false, validateResults: true });
    try {
      const client = new RpcClient(inProcessTransport(app.dispatcher));
      expect((await client.call('backups.list', {})).replaced).toEqual({ kept: 0, bytes: 0 });
      writeFileSync(join(dataDir, 'station.db.replaced-20261120-101500'), Buffer.alloc(3000));
      // A damaged database was kept with its log beside it: the log is part of what it takes.
      writeFileSync(join(dataDir, 'station.db.replaced-20261123-090000'), Buffer.alloc(2000));
      writeFileSync(join(dataDir, 'station.db.replaced-20261123-090000-wal'), Buffer.alloc(500));
      // Not one: another name, and a restore's staging copy.
      writeFileSync(join(dataDir, 'station.db.replaced-notes.txt'), 'x');
      writeFileSync(join(dataDir, 'station.db.restoring'), Buffer.alloc(700));
      expect((await client.call('backups.list', {})).replaced).toEqual({ kept: 2, bytes: 5500 });
    } finally {
      await app.close();
    }
  });

  it('backups.list says why the daily copy was not taken, in both languages, until a check takes one', async () => {
    stationWith(4).close();
    const folder = join(dataDir, 'backups');
    // A "backups" that is a file (a clinic's tidy-up, a sync tool): every daily copy fails.
    writeFileSync(folder, 'not a folder');
    const app = openStation({ dataDir, ports: testPorts(), backups: { firstAfterMs: 5, checkEveryMs: 40 }, validateResults: true });
    try {
      const client = new RpcClient(inProcessTransport(app.dispatcher));
      const listed = async (until: (l: Awaited<ReturnType<typeof client.call<'backups.list'>>>) => boolean) => {
        for (let i = 0; i < 300; i++) {
          const l = await client.call('backups.list', {});
          if (until(l)) return l;
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error('the daily check did not get there');
      };
      const failing = await listed((l) => l.daily?.problem !== null && l.daily?.problem !== undefined);
      expect(failing.daily?.problem).toMatchObject({ code: 'BACKUP_FAILED', at: '2023-01-15T03:00:00.000Z' });
      expect(failing.daily?.problem?.message_vi).toMatch(/^Không sao lưu được vào .*backups/);
      expect(failing.daily?.problem?.message_en).toMatch(/^Could not write the backup .*backups/);
      expect(failing.items).toEqual([]);

      rmSync(folder);
      const fixed = await listed((l) => l.items.length > 0 && l.daily?.problem === null);
      expect(fixed.items[0]).toMatchObject({ kind: 'daily', takenAt: '2023-01-15T03:00:00.000Z' });
      expect(fixed.daily?.lastCheckAt).toBe('2023-01-15T03:00:00.000Z');
    } finally {
      await app.close();
    }
  });

  it("audit.verify walks the chain on the check worker: the core's thread answers meanwhile, and the answer is the same, also for a tampered log", async () => {
    // One audit entry per record (no import run): ~12k entries, ~0.4 s of walking.
    stationWith(12_000, 2).close();
    const app = openStation({ dataDir, ports: testPorts(), backups: false, validateResults: true });
    try {
      const client = new RpcClient(inProcessTransport(app.dispatcher));
      const expected = app.store.verifyAudit();
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const verified = await client.call('audit.verify', {});
      clearInterval(timer);
      expect(verified).toEqual({ ok: true, entries: expected.entries, brokenAt: null, reason: null });
      expect(expected.entries).toBeGreaterThanOrEqual(12_000);
      // On the core's own thread the timer could not have run while the chain was walked.
      expect(ticks).toBeGreaterThan(10);

      app.store.db.exec('DROP TRIGGER audit_log_no_update');
      app.store.db.prepare("UPDATE audit_log SET actor = 'user:someone-else' WHERE seq = 777").run();
      const onThread = app.store.verifyAudit();
      expect(await client.call('audit.verify', {})).toEqual({
        ok: false, entries: onThread.entries, brokenAt: 777, reason: `${onThread.reason_vi} / ${onThread.reason}`,
      });
    } finally {
      await app.close();
    }
  });

  it('backups.list says a daily copy skipped for want of space, with the sizes', async () => {
    stationWith(2).close();
    const app = openStation({ dataDir, ports: testPorts(), backups: { firstAfterMs: 5, checkEveryMs: 60_000, minFreeBytes: Number.MAX_SAFE_INTEGER }, validateResults: true });
    try {
      const client = new RpcClient(inProcessTransport(app.dispatcher));
      let problem = null;
      for (let i = 0; i < 300 && problem === null; i++) {
        problem = (await client.call('backups.list', {})).daily?.problem ?? null;
        if (problem === null) await new Promise((r) => setTimeout(r, 10));
      }
      expect(problem).toMatchObject({ code: 'BACKUP_LOW_SPACE' });
      // Each in its language's numbers: "1,536 MB" reads as one and a half in Vietnamese.
      expect(problem?.message_vi).toMatch(/^Ổ đĩa của thư mục dữ liệu chỉ còn [\d.]+,\d MB trống; một bản sao lưu \(khoảng (< )?\d+,\d MB\)/);
      expect(problem?.message_en).toMatch(/^The data folder's drive has only [\d,]+\.\d MB free; a backup \(about (< )?\d+\.\d MB\)/);
    } finally {
      await app.close();
    }
  });
});
