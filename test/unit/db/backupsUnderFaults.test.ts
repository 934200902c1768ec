// Backups and restore when things go wrong around them (decisions.md, "Session 18: what a probe of
// backups and restore found"): a rename refused at the last step of a restore, a copy taken by hand
// with its -wal beside it, restoring twice in one second, copies killed midway, a PC clock that was
// months wrong, `--out` naming the station's own database, an upgrade copy watched while written.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { backupStation, listBackups } from '../../../electron/core/db/backups.js';
import { dailyBackupIfDue } from '../../../electron/core/db/dailyBackups.js';
import { restoreStation } from '../../../electron/core/db/restore.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.js';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { isStationError } from '../../../shared/errors.js';
import { generateRecords } from '../../fixtures/records.js';
import { tempDir, testPorts } from './storeHarness.js';

// renameSync passes through unless a test makes one refuse (as antivirus software on Windows does);
// linkSync, unless a test does something else at that moment of a restore.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, renameSync: vi.fn(real.renameSync), linkSync: vi.fn(real.linkSync) };
});

let dir: string;
let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-backup-faults-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => {
  vi.mocked(fs.renameSync).mockClear();
  cleanup();
});

function stationWith(n: number, seed = 1, where = dataDir) {
  const opened = openStationStore(where, testPorts({ seed }), { create: true });
  if (n > 0) opened.store.createRecords(generateRecords(n, { seed, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  return opened;
}

function records(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function backupOf(n: number, seed: number): Promise<string> {
  const other = join(dir, `other-${seed}`);
  const s = stationWith(n, seed, other);
  const out = join(dir, `backup-${seed}.db`);
  await backupStation(s.store.db, out);
  s.close();
  return out;
}

describe('a restore', () => {
  it('whose last rename is refused leaves station.db the old database, in place, and says so', async () => {
    const backup = await backupOf(5, 2);
    stationWith(12).close();
    const before = statSync(join(dataDir, 'station.db')).ino;
    const real = (await vi.importActual<typeof import('node:fs')>('node:fs')).renameSync;
    vi.mocked(fs.renameSync).mockImplementation((from, to) => {
      if (String(from).endsWith('station.db.restoring')) throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
      real(from, to);
    });
    try {
      let code = '';
      try {
        restoreStation(dataDir, backup, { actor: 'user:test', replace: true });
      } catch (err) {
        if (!isStationError(err)) throw err;
        code = err.code;
        expect(err.messageVi).toMatch(/cơ sở dữ liệu hiện tại vẫn như cũ/);
        expect(err.messageEn).toMatch(/the current database is unchanged/);
      }
      expect(code).toBe('RESTORE_FAILED');
    } finally {
      vi.mocked(fs.renameSync).mockImplementation(real);
    }
    // Never a folder without its database (which DB_MISSING would then refuse to start).
    // (Folded out of WAL by the check that it was alone: the same file, the same records.)
    expect(statSync(join(dataDir, 'station.db')).ino).toBe(before);
    expect(readdirSync(dataDir).sort()).toEqual(['station.created', 'station.db']);
    expect(records(join(dataDir, 'station.db'))).toBe(12);
  });

  it('killed just after its rename leaves the restored database migrated and with its audit entry', () => {
    // An older station's copy (schema 4), restored over a station of 3 records.
    const old = join(dir, 'old.db');
    openStationDatabase(old, { targetVersion: 4 }).close();
    stationWith(3).close();
    const real = vi.mocked(fs.renameSync).getMockImplementation()!;
    let atRename: { version: unknown; last: unknown; ok: boolean } | null = null;
    vi.mocked(fs.renameSync).mockImplementation((from, to) => {
      real(from, to);
      if (!String(from).endsWith('station.db.restoring')) return;
      // What a restore killed here leaves: the file that has just taken the name, as it is.
      const db = new Database(String(to), { readonly: true });
      try {
        atRename = {
          version: db.pragma('user_version', { simple: true }),
          last: db.prepare('SELECT action, actor FROM audit_log ORDER BY seq DESC LIMIT 1').get(),
          ok: verifyAuditChain(db).ok,
        };
      } finally {
        db.close();
      }
    });
    try {
      restoreStation(dataDir, old, { actor: 'user:test', replace: true });
    } finally {
      vi.mocked(fs.renameSync).mockImplementation(real);
    }
    expect(atRename).toEqual({ version: LATEST_SCHEMA_VERSION, last: { action: 'station.restore', actor: 'user:test' }, ok: true });
  });

  it('of a copy made by hand with its -wal beside it restores what the copy held, not an older state', async () => {
    const live = join(dir, 'live');
    const s = stationWith(0, 3, live);
    // What the running station committed last is still in its -wal, not yet in station.db.
    s.store.db.pragma('wal_autocheckpoint = 0');
    s.store.createRecords(generateRecords(40, { seed: 3, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    const byHand = join(dir, 'usb');
    mkdirSync(byHand);
    fs.copyFileSync(join(live, 'station.db'), join(byHand, 'station.db'));
    fs.copyFileSync(join(live, 'station.db-wal'), join(byHand, 'station.db-wal'));
    s.close();

    const r = await runCli(['--data-dir', dataDir, '--json', 'restore', join(byHand, 'station.db')]);
    expect(r.result.exitCode).toBe(0);
    expect(r.result.json).toMatchObject({ records: 40 });
    expect(records(join(dataDir, 'station.db'))).toBe(40);
    expect(readdirSync(dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('of another facility\'s station is refused, even with --replace, and changes nothing', async () => {
    const other = join(dir, 'other');
    const o = stationWith(4, 5, other);
    o.store.setSetting('facility.code', '01005');
    o.store.setSetting('facility.name', 'Trạm Y tế Phường Phúc Xá');
    const copy = join(dir, 'phuc-xa.db');
    await backupStation(o.store.db, copy);
    o.close();
    const s = stationWith(11);
    s.store.setSetting('facility.code', '79001');
    s.store.setSetting('facility.name', 'Trạm Y tế Xã An Bình');
    s.close();

    const r = await runCli(['--data-dir', dataDir, '--json', 'restore', copy, '--replace']);
    expect(r.result.exitCode).toBe(1);
    const said = (r.result.json as { errors: { code: string; message_vi: string; message_en: string }[] }).errors[0]!;
    expect(said.code).toBe('RESTORE_OTHER_FACILITY');
    expect(said.message_vi).toMatch(/cơ sở 01005 \(Trạm Y tế Phường Phúc Xá\).*cơ sở 79001 \(Trạm Y tế Xã An Bình\).*không có gì thay đổi/);
    expect(said.message_en).toMatch(/facility 01005 .*facility 79001 .*nothing was changed.*move the whole data folder elsewhere/);
    expect(readdirSync(dataDir).sort()).toEqual(['station.created', 'station.db']);
    expect(records(join(dataDir, 'station.db'))).toBe(11);
  });

  it('whose staging copy is removed while it runs never puts an empty station in place of station.db', async () => {
    const backup = await backupOf(5, 2);
    stationWith(12).close();
    // Removed (by hand, or by a cleanup that took this restore for a dead one) after the copy was
    // checked, while the old database gets its second name: opened again as it was, SQLite would
    // create a new, empty station there, and the rename would put it in place.
    const real = (await vi.importActual<typeof import('node:fs')>('node:fs')).linkSync;
    vi.mocked(fs.linkSync).mockImplementationOnce((from, to) => {
      fs.rmSync(join(dataDir, 'station.db.restoring'));
      real(from, to);
    });
    let code = '';
    try {
      restoreStation(dataDir, backup, { actor: 'user:test', replace: true });
    } catch (err) {
      if (!isStationError(err)) throw err;
      code = err.code;
      expect(err.messageVi).toMatch(/Cơ sở dữ liệu hiện tại vẫn như cũ/);
      expect(err.messageEn).toMatch(/The current database is unchanged/);
    }
    expect(code).toBe('RESTORE_FAILED');
    expect(records(join(dataDir, 'station.db'))).toBe(12);
    expect(readdirSync(dataDir).sort()).toEqual(['station.created', 'station.db']);
  });

  it('twice in one second keeps both databases it replaced', async () => {
    const backup = await backupOf(3, 4);
    stationWith(7).close();
    const now = new Date('2026-11-24T03:00:00Z');
    const first = restoreStation(dataDir, backup, { actor: 'user:test', replace: true, now });
    const second = restoreStation(dataDir, backup, { actor: 'user:test', replace: true, now });
    expect(first.replacedMovedTo).not.toBe(second.replacedMovedTo);
    expect(records(first.replacedMovedTo!)).toBe(7);
    expect(records(second.replacedMovedTo!)).toBe(3);
  });
});

describe('a backup', () => {
  it('is refused over the station\'s own database, which stays as it was', async () => {
    const s = stationWith(6);
    try {
      const live = join(dataDir, 'station.db');
      for (const out of [live, `${live}-wal`, join(dataDir, '.', 'station.db')]) {
        const err = await backupStation(s.store.db, out).then(() => null, (e: unknown) => e);
        expect(isStationError(err) && err.code).toBe('BACKUP_OUT_IS_DATABASE');
      }
      s.store.setSetting('facility.name', 'Trạm Y tế Xã An Bình');
      expect(records(live)).toBe(6);
    } finally {
      s.close();
    }
  });

  it('that cannot be written says why in words a clinic can act on, not the system\'s English', async () => {
    const s = stationWith(2);
    writeFileSync(join(dir, 'USB Sao lưu'), 'a file where a folder was meant');
    const err = await backupStation(s.store.db, join(dir, 'USB Sao lưu', 'bản sao.db')).then(() => null, (e: unknown) => e);
    s.close();
    expect(isStationError(err) && err.code).toBe('BACKUP_FAILED');
    if (!isStationError(err)) return;
    expect(err.messageVi).toMatch(/USB Sao lưu \(hoặc một thư mục trên đường dẫn của nó\) là một tệp chứ không phải thư mục\. .*Dữ liệu của trạm không bị thay đổi\.$/);
    expect(err.messageEn).toMatch(/is a file, not a folder\. Rename or move that file away, or choose another folder\. The station's data was not changed\.$/);
    for (const text of [err.messageVi, err.messageEn]) expect(text).not.toMatch(/EEXIST|ENOTDIR|partial|mkdir/);
  });

  it('whose path is too long for SQLite says so, where the station itself still opens', async () => {
    // A data folder of ~470 bytes: station.db opens, its copy's path (+ ~60 bytes) is refused.
    let deep = dataDir;
    while (Buffer.byteLength(deep) < 470) deep = join(deep, 'Trạm Y tế xã An Bình');
    const s = stationWith(2, 1, deep);
    const err = await backupStation(s.store.db, join(deep, 'backups', 'station-manual-20261124-100000.db')).then(() => null, (e: unknown) => e);
    s.close();
    expect(isStationError(err) && err.code).toBe('BACKUP_FAILED');
    if (!isStationError(err)) return;
    expect(err.details).toMatchObject({ cause: 'COPY_PATH_TOO_LONG' });
    expect(err.messageVi).toMatch(/Đường dẫn của bản sao lưu quá dài \(\d+ byte, tối đa khoảng 500\)\. Hãy chuyển thư mục dữ liệu/);
    expect(err.messageEn).toMatch(/The backup's path is too long \(\d+ bytes, at most about 500\)\. Move the station's data folder/);
    expect(err.messageEn).not.toMatch(/is a file, not a folder|that it is a file/);
  });

  it('killed midway leaves a file that the next daily copy removes, and nothing else of the user\'s', async () => {
    const s = stationWith(4);
    const backups = join(dataDir, 'backups');
    mkdirSync(backups);
    const now = new Date('2026-11-24T03:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    const stale = ['station-daily-20261123-100000.db.partial', 'station-manual-20261123-100000.db.1a2b3c4d.partial', 'station-manual-20261123-100000.db.1a2b3c4d.partial-journal'];
    const fresh = 'station-manual-20261124-095900.db.5e6f7a8b.partial';
    for (const name of [...stale, fresh, 'notes.partial']) {
      writeFileSync(join(backups, name), 'x');
      utimesSync(join(backups, name), name === fresh ? now : hoursAgo(5), name === fresh ? now : hoursAgo(5));
    }
    // Removed even when no copy is taken (they may be what leaves too little space for one).
    expect(await dailyBackupIfDue(s.store.db, dataDir, now, { minFreeBytes: Number.MAX_SAFE_INTEGER })).toMatchObject({ skipped: 'low-space' });
    expect(readdirSync(backups)).not.toContain(stale[0]);
    await dailyBackupIfDue(s.store.db, dataDir, now);
    s.close();
    const left = readdirSync(backups);
    for (const name of stale) expect(left).not.toContain(name);
    // A copy another program is writing right now, and what is not a station's copy, stay.
    expect(left).toContain(fresh);
    expect(left).toContain('notes.partial');
    expect(listBackups(dataDir).map((b) => b.kind)).toEqual(['daily']);
  });
});

describe('daily copies under a clock that was wrong', () => {
  it('are still taken, and the copy just taken is never pruned for copies dated in the future', async () => {
    const s = stationWith(3);
    const day = 24 * 3600_000;
    // The PC clock ran four months ahead for ten days, then was set right.
    const ahead = Date.parse('2027-03-01T02:00:00Z');
    for (let d = 0; d < 10; d++) await dailyBackupIfDue(s.store.db, dataDir, new Date(ahead + d * day));
    expect(listBackups(dataDir)).toHaveLength(7);
    const right = Date.parse('2026-11-24T02:00:00Z');
    const r = await dailyBackupIfDue(s.store.db, dataDir, new Date(right));
    expect('taken' in r).toBe(true);
    const taken = 'taken' in r ? r.taken.path : '';
    expect(existsSync(taken)).toBe(true);
    expect(r).toMatchObject({ pruned: [] });
    // A week on, seven copies dated by the right clock, and the days before were not skipped.
    for (let d = 1; d <= 7; d++) expect('taken' in await dailyBackupIfDue(s.store.db, dataDir, new Date(right + d * day))).toBe(true);
    const daily = listBackups(dataDir).filter((b) => Date.parse(b.takenAt) <= right + 7 * day);
    expect(daily).toHaveLength(7);
    // The copies dated ahead are kept (at most seven): nothing tells how old they are.
    expect(listBackups(dataDir).length).toBeLessThanOrEqual(14);
    s.close();
  });
});

describe('the copy taken before an upgrade', () => {
  it('takes its name only once complete: never seen half-written under a backup\'s name', async () => {
    const path = join(dataDir, 'station.db');
    const old = openStationDatabase(path, { targetVersion: 4 });
    // ~24 MB, so that the copy takes long enough to be watched while it is written.
    const insert = old.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    old.transaction(() => {
      for (let i = 0; i < 6000; i++) insert.run(`probe.${i}`, 'x'.repeat(4000), '2025-01-01T00:00:00Z');
    })();
    old.close();
    const upgrade = spawn(process.execPath, ['--input-type=module', '-e', `
      import { openStationDatabase } from ${JSON.stringify(new URL('../../../dist/electron/core/db/openStationDatabase.js', import.meta.url).href)};
      openStationDatabase(${JSON.stringify(path)}).close();`], { stdio: 'inherit' });
    const exited = new Promise((res) => upgrade.on('exit', res));
    let done = false;
    void exited.then(() => {
      done = true;
    });
    const seen = new Map<string, Set<number>>();
    while (!done) {
      for (const b of listBackups(dataDir)) {
        const sizes = seen.get(b.path) ?? new Set<number>();
        try {
          sizes.add(statSync(b.path).size);
        } catch {
          // Listed, then gone: not the case here.
        }
        seen.set(b.path, sizes);
      }
      await new Promise((res) => setImmediate(res));
    }
    const copies = listBackups(dataDir).filter((b) => b.kind === 'upgrade');
    expect(copies).toHaveLength(1);
    expect([...(seen.get(copies[0]!.path) ?? [])]).toEqual([copies[0]!.bytes]);
    expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('a folder whose station.db is gone', () => {
  it('is told the restore command for that very folder, which puts its newest copy back', async () => {
    const s = stationWith(9);
    await backupStation(s.store.db, join(dataDir, 'backups', 'station-manual-20261124-100000.db'));
    s.close();
    fs.rmSync(join(dataDir, 'station.db'));
    const refused = await runCli(['--data-dir', dataDir, '--json', 'records', 'list']);
    const said = (refused.result.json as { errors: { code: string; message_en: string; message_vi: string }[] }).errors[0]!;
    expect(said.code).toBe('DB_MISSING');
    const line = /restore it with: (station .*? restore "[^"]*")/.exec(said.message_en)?.[1] ?? '';
    expect(said.message_vi).toContain(line);
    // `station` pointed at its default folder would restore into another station's folder.
    const argv = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    expect(argv.slice(0, 3)).toEqual(['station', '--data-dir', dataDir]);
    const r = await runCli(['--json', ...argv.slice(1)]);
    expect(r.result.exitCode).toBe(0);
    expect(records(join(dataDir, 'station.db'))).toBe(9);
  });
});

describe('a station whose own file is damaged', () => {
  /**
   * Damages the first people index, as a bad sector would: `page` overwrites its root page past
   * the header (its cell pointers and cells: SQLite cannot carry the page over); `key` changes one
   * letter of a key in its first leaf page, the page still sound (the copy finishes, and only its
   * integrity check finds a row missing from the index). Found by reading the page, so the damage
   * lands whatever the records generated.
   */
  function damageAnIndex(path: string, how: 'page' | 'key'): string {
    const db = new Database(path);
    const index = db.prepare("SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL ORDER BY name").get() as { name: string; rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = fs.openSync(path, 'r+');
    try {
      if (how === 'page') {
        fs.writeSync(fd, Buffer.alloc(pageSize - 8, 0x55), 0, pageSize - 8, (index.rootpage - 1) * pageSize + 8);
        return index.name;
      }
      const page = Buffer.alloc(pageSize);
      let at = index.rootpage;
      for (;;) {
        fs.readSync(fd, page, 0, pageSize, (at - 1) * pageSize);
        if (page[0] === 0x0a) break; // an index leaf
        expect(page[0]).toBe(0x02); // an index interior page: down its first child
        at = page.readUInt32BE(page.readUInt16BE(12));
      }
      // The first cell: its payload's size, then the record: its header's size, the serial types, the values.
      const varint = (o: number): [number, number] => {
        let v = 0;
        for (let i = 0; i < 9; i++) {
          const b = page[o + i]!;
          v = v * 128 + (b & 0x7f);
          if (b < 0x80) return [v, o + i + 1];
        }
        throw new Error('varint');
      };
      const [, record] = varint(page.readUInt16BE(8));
      const [headerSize, firstType] = varint(record);
      let body = record + headerSize;
      for (let o = firstType; o < record + headerSize;) {
        const [type, next] = varint(o);
        o = next;
        if (type > 13 && type % 2 === 1) {
          // A text value: its first letter changed to another ("a" ↔ "b").
          page[body] = page[body]! ^ 0x01;
          fs.writeSync(fd, page, body, 1, (at - 1) * pageSize + body);
          return index.name;
        }
        body += type >= 12 ? Math.floor((type - 12) / 2) : [0, 1, 2, 3, 4, 6, 8, 8, 0, 0][type]!;
      }
      throw new Error(`no text key in the first leaf of ${index.name}`);
    } finally {
      fs.closeSync(fd);
    }
  }

  // 60 records: SQLite cannot finish the copy (the damaged page is read as it is carried over).
  // 300: the copy finishes, carrying the damaged index over, and its integrity check finds it.
  it.each([
    [60, 'page', /^database disk image is malformed$/],
    [300, 'key', /missing from index/],
  ] as const)('of %i records has its daily copy refused as the station being damaged, naming the newest good copy and the line that restores it', async (n, how, said) => {
    const s = stationWith(n);
    const good = await backupStation(s.store.db, join(dataDir, 'backups', 'station-manual-20230114-100000.db'));
    s.close();
    damageAnIndex(join(dataDir, 'station.db'), how);
    // The station still answers: only a check of every page finds it. The daily copy is that check.
    const db = new Database(join(dataDir, 'station.db'));
    try {
      expect((db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n).toBe(n);
      let code = '';
      try {
        await dailyBackupIfDue(db, dataDir, new Date('2023-01-15T03:00:00Z'), { minFreeBytes: 0 });
      } catch (err) {
        if (!isStationError(err)) throw err;
        code = err.code;
        const line = `station --data-dir "${dataDir}" restore "${good.path}" --replace`;
        expect(err.messageEn).toMatch(/^The station's database is damaged \(SQLite: .+\), so no sound backup can be taken from it\./);
        expect((err.details as { check: string }).check).toMatch(said);
        expect(err.messageEn).toContain(line);
        expect(err.messageVi).toMatch(/^Cơ sở dữ liệu của trạm có chỗ hỏng/);
        expect(err.messageVi).toContain(line);
        expect(err.messageEn).not.toMatch(/\.partial/);
      }
      expect(code).toBe('BACKUP_SOURCE_DAMAGED');
    } finally {
      db.close();
    }
    // No half copy left, and the good copy is still the newest.
    expect(readdirSync(join(dataDir, 'backups'))).toEqual([basename(good.path)]);
  });
});
