// Probe 16, F4/F5: a storage fault (database locked, damaged, disk full) reaches the user as its
// own stable code with a Vietnamese and an English sentence, over RPC and from the CLI, not as
// "Internal station error; stored data is unaffected". Real SQLite files in temp folders; the
// full disk is a small tmpfs (root only: skipped where mount is not permitted).
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { createStationStore } from '../../../electron/core/store/stationStore.js';
import { isStationError, type StationError } from '../../../shared/errors.js';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { generateRecords } from '../../fixtures/records.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';
import { testPorts } from '../../unit/db/storeHarness.js';

const UNAFFECTED = [/không bị ảnh hưởng/, /unaffected/];
const person = { idType: 'CCCD', idNumber: '079090004444', fullName: 'Trần Thị Bình', dob: '1990-05-01', sex: 'F' } as const;
const dose = { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' };

let tmp: ReturnType<typeof makeTempDir>;
let station: StationCore | null = null;
let holder: Database.Database | null = null;
let mounted: string | null = null;

beforeEach(() => {
  tmp = makeTempDir('station-storage-');
});
afterEach(async () => {
  await station?.close();
  station = null;
  if (holder?.open) {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  }
  holder = null;
  if (mounted !== null) execFileSync('umount', [mounted]);
  mounted = null;
  tmp.cleanup();
});

/** A station data folder with `n` records, its database closed (checkpointed into the main file). */
function seed(dataDir: string, n: number): void {
  const { store, close } = openStationStore(dataDir, testPorts(), { create: true });
  store.setSetting('facility.code', '79001');
  store.createRecords(generateRecords(n, { seed: 3 }), { source: 'import' });
  close();
}

/** Overwrites every leaf page of dose_records with garbage, as a failing disk or a bad copy would. */
function damageRecords(dataDir: string): void {
  const path = join(dataDir, 'station.db');
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'dose_records' AND pagetype = 'leaf'").all() as { pageno: number }[]).map((p) => p.pageno);
  db.close();
  expect(pages.length).toBeGreaterThan(2);
  const bytes = readFileSync(path);
  for (const page of pages) bytes.fill(0xa5, (page - 1) * pageSize, page * pageSize);
  writeFileSync(path, bytes);
}

/** Another program holding the write lock of the station's database. */
function holdWriteLock(dataDir: string): void {
  holder = new Database(join(dataDir, 'station.db'));
  holder.exec('BEGIN IMMEDIATE');
}

/** Mounts a tmpfs of `size` at `dir`; false where mount is not permitted (not root, a container). */
function mountSmallDisk(dir: string, size = '4m'): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return false;
  }
  mounted = dir;
  return true;
}

/** Writes a filler file until the disk holding `dir` is full, then gives back `leave` bytes. */
function fillDisk(dir: string, leave = 0): void {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
    if (leave > 0) ftruncateSync(fd, Math.max(0, fstatSync(fd).size - leave));
  } finally {
    closeSync(fd);
  }
}

async function rpcError(call: Promise<unknown>): Promise<RpcError> {
  const err = await call.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RpcError);
  return err as RpcError;
}

function expectBilingual(e: { message_vi: string; message_en: string } | StationError, vi: RegExp, en: RegExp): void {
  const [said, saidEn] = 'messageVi' in e ? [e.messageVi, e.messageEn] : [e.message_vi, e.message_en];
  expect(said).toMatch(vi);
  expect(saidEn).toMatch(en);
  expect(said).not.toBe(saidEn);
}

async function cli(dataDir: string, ...argv: string[]) {
  const { result } = await runCli(['--data-dir', dataDir, '--json', ...argv]);
  return { exitCode: result.exitCode, errors: (result.json as { errors?: { code: string; message_vi: string; message_en: string; details?: Record<string, unknown> }[] }).errors ?? [] };
}

describe('a damaged database', () => {
  it('is DB_CORRUPT over RPC: stop, keep a copy, contact support; never "unaffected"', async () => {
    const dataDir = tmp.file('data');
    seed(dataDir, 300);
    damageRecords(dataDir);
    station = openStation({ dataDir, validateResults: true });
    const client = new RpcClient(inProcessTransport(station.dispatcher));
    const err = await rpcError(client.call('records.list', { limit: 500 }));
    expect(err.code).toBe('DB_CORRUPT');
    expectBilingual(err, /bị hỏng.*sao chép.*liên hệ bộ phận hỗ trợ/, /damaged.*keep a copy.*contact support/);
    expect(err.messageVi).toContain(dataDir);
    for (const claim of UNAFFECTED) expect(err.message).not.toMatch(claim);
    // From then on nothing is written into the damaged file, not even what would have worked.
    const before = statSync(join(dataDir, 'station.db')).mtimeMs;
    const write = await rpcError(client.call('settings.set', { key: 'facility.name', value: 'Trạm Y tế Phường 1' }));
    expect(write.code).toBe('DB_CORRUPT');
    expect((await rpcError(client.call('records.counts', {}))).code).toBe('DB_CORRUPT');
    expect(statSync(join(dataDir, 'station.db')).mtimeMs).toBe(before);
  });

  it('is DB_CORRUPT from the CLI, exit 2', async () => {
    const dataDir = tmp.file('data');
    seed(dataDir, 300);
    damageRecords(dataDir);
    const r = await cli(dataDir, 'records', 'list', '--limit', '500');
    expect(r.exitCode).toBe(2);
    expect(r.errors[0]!.code).toBe('DB_CORRUPT');
    expectBilingual(r.errors[0]!, /bị hỏng/, /damaged/);
    expect(r.errors[0]!.details).toMatchObject({ errorCode: expect.stringMatching(/^SQLITE_CORRUPT/) });
  });

  it('a file that is not a database: DB_OPEN_FAILED says "damaged" in each language, SQLite\'s English only in details', async () => {
    const dataDir = tmp.file('data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'station.db'), 'not a database, a spreadsheet someone renamed '.repeat(200));
    const r = await cli(dataDir, 'records', 'list');
    expect(r.exitCode).toBe(2);
    expect(r.errors[0]).toMatchObject({ code: 'DB_OPEN_FAILED', details: { cause: 'DB_CORRUPT', reason: 'file is not a database' } });
    expectBilingual(r.errors[0]!, /bị hỏng/, /damaged/);
    expect(r.errors[0]!.message_vi).not.toContain('file is not a database');
  });
});

describe('a database another program holds the write lock of', () => {
  it('is DB_BUSY over RPC, and nothing is written', async () => {
    const dataDir = tmp.file('data');
    seed(dataDir, 1);
    station = openStation({ dataDir, validateResults: true, busyTimeoutMs: 50 });
    const client = new RpcClient(inProcessTransport(station.dispatcher));
    holdWriteLock(dataDir);
    const err = await rpcError(client.call('records.create', { person, dose }));
    expect(err.code).toBe('DB_BUSY');
    expectBilingual(err, /chương trình khác đang dùng/, /Another program is using/);
    holder!.exec('ROLLBACK');
    expect((await client.call('records.counts', {})).ready).toBe(1);
  });

  it('waits while another process writes, though its transaction reads first (BEGIN IMMEDIATE; probe 17: DB_BUSY in 6 ms)', async () => {
    const dataDir = tmp.file('data');
    seed(dataDir, 1);
    station = openStation({ dataDir, validateResults: true });
    const client = new RpcClient(inProcessTransport(station.dispatcher));
    // Another station process (the CLI's import, a scheduled sync) holding the write lock for 0.8 s:
    // a form save, a correction, a settings change must wait their busy timeout, not fail at once.
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import Database from 'better-sqlite3';
      const db = new Database(${JSON.stringify(join(dataDir, 'station.db'))});
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe.holder', '1', '2026-01-01') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
      process.stdout.write('locked\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
      db.exec('COMMIT');
      db.close();
    `], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (b: Buffer) => b.toString().includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited ${code} before locking`)));
    });
    const started = Date.now();
    const created = await client.call('records.create', { person, dose });
    await client.call('settings.set', { key: 'facility.name', value: 'Trạm Y tế Phường 1' });
    expect(Date.now() - started).toBeGreaterThan(300);
    expect((await client.call('records.get', { id: created.record.id })).record.id).toBe(created.record.id);
    expect(await client.call('settings.get', { key: 'facility.name' })).toMatchObject({ value: 'Trạm Y tế Phường 1' });
    await new Promise((resolve) => holder.once('close', resolve));
  });

  it('is DB_BUSY from the CLI, exit 2', async () => {
    const dataDir = tmp.file('data');
    seed(dataDir, 1);
    holdWriteLock(dataDir);
    const r = await cli(dataDir, 'settings', 'set', 'facility.name', 'Trạm Y tế Phường 1');
    expect(r.exitCode).toBe(2);
    expect(r.errors[0]!.code).toBe('DB_BUSY');
    expectBilingual(r.errors[0]!, /chương trình khác/, /Another program/);
  }, 20_000);

  it('an import commit says IMPORT_COMMIT_FAILED with the cause in both languages', async () => {
    const dataDir = tmp.file('data');
    seed(dataDir, 1);
    const csv = tmp.file('tiêm.csv');
    writeDelimited(csv, [STANDARD_HEADER, ...makeDoses(5, 9).map((d, i) => standardRow(d, i + 1))]);
    const db = openStationDatabase(join(dataDir, 'station.db'), { busyTimeoutMs: 50 });
    try {
      holdWriteLock(dataDir);
      const err = await commitImport(csv, importStorePort(createStationStore(db, testPorts()))).then(() => null, (e: unknown) => e);
      expect(isStationError(err)).toBe(true);
      const e = err as StationError;
      expect(e.code).toBe('IMPORT_COMMIT_FAILED');
      expect(e.messageVi).toMatch(/chưa có dòng nào được lưu.*chương trình khác đang dùng/);
      expect(e.messageEn).toMatch(/no row was saved.*Another program is using/);
      expect(e.details).toMatchObject({ cause: 'DB_BUSY', reason: 'database is locked' });
    } finally {
      db.close();
    }
  });
});

describe('a full disk', () => {
  it('is DB_DISK_FULL over RPC, and what was stored before is kept', async (ctx) => {
    const disk = tmp.file('disk');
    if (!mountSmallDisk(disk)) return ctx.skip();
    const dataDir = join(disk, 'data');
    seed(dataDir, 1);
    station = openStation({ dataDir, validateResults: true });
    const client = new RpcClient(inProcessTransport(station.dispatcher));
    fillDisk(disk);
    const err = await rpcError(client.call('records.create', { person, dose }));
    expect(err.code).toBe('DB_DISK_FULL');
    expectBilingual(err, /Ổ đĩa đã đầy.*giải phóng dung lượng/, /disk is full.*free some space/);
    expect((await client.call('records.counts', {})).ready).toBe(1);
  });

  it('from the CLI, an import commit is IMPORT_COMMIT_FAILED saying the disk is full', async (ctx) => {
    const disk = tmp.file('disk');
    if (!mountSmallDisk(disk)) return ctx.skip();
    const dataDir = join(disk, 'data');
    seed(dataDir, 1);
    const csv = tmp.file('tiêm.csv');
    writeDelimited(csv, [STANDARD_HEADER, ...makeDoses(200, 4).map((d, i) => standardRow(d, i + 1))]);
    // Room to open the database (its WAL index), not for 200 people and their doses.
    fillDisk(disk, 128 << 10);
    const r = await cli(dataDir, 'import', csv, '--commit');
    expect(r.exitCode).toBe(2);
    expect(r.errors[0]).toMatchObject({ code: 'IMPORT_COMMIT_FAILED', details: { cause: 'DB_DISK_FULL' } });
    expectBilingual(r.errors[0]!, /chưa có dòng nào được lưu.*Ổ đĩa đã đầy/, /no row was saved.*disk is full/);
  });

  it('a disk too full to open the database: DB_OPEN_FAILED says the disk is full, not "disk I/O error"', async (ctx) => {
    const disk = tmp.file('disk');
    if (!mountSmallDisk(disk)) return ctx.skip();
    const dataDir = join(disk, 'data');
    seed(dataDir, 1);
    fillDisk(disk);
    const r = await cli(dataDir, 'records', 'list');
    expect(r.exitCode).toBe(2);
    expect(r.errors[0]).toMatchObject({ code: 'DB_OPEN_FAILED', details: { cause: 'DB_DISK_FULL' } });
    expectBilingual(r.errors[0]!, /Ổ đĩa đã đầy/, /disk is full/);
    expect(r.errors[0]!.message_vi).not.toContain('disk I/O error');
  });
});
