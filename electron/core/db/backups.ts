/**
 * Copies of the station's database, and putting one back (decisions.md, "Session 18: backups").
 *
 * A station holds for days what exists nowhere else: records entered and signed while the clinic
 * was offline. Until now a damaged disk, a failed copy, a sync tool that left `station.db` empty or
 * an antivirus that removed it lost them, and the app then started a new, empty station in the
 * same folder without a word. Now:
 *
 * - `backupStation(db, out)` writes a consistent copy while the station runs (VACUUM INTO on a
 *   worker thread), checks it (integrity, schema, the audit chain) before it takes its name, and
 *   fsyncs it.
 * - The app keeps daily copies in `<data dir>/backups/` (`scheduleBackups`, dailyBackups.ts), and a copy is taken
 *   before a migration changes an older file (`copyBeforeUpgrade`).
 * - A data folder that held a station remembers it (`station.created`): a `station.db` gone or
 *   emptied there is refused (`DB_MISSING`, `DB_EMPTY_FILE`) naming the newest copy, instead of
 *   being replaced by an empty station.
 * - `restoreStation(dataDir, file)` puts a copy back after checking it; the database it replaces is
 *   moved aside (never deleted by the restore; pruned with the daily copies, the newest 3 and any
 *   younger than a week kept, and giving way to a short disk as they do, never the newest:
 *   replacedFiles.ts), and the restore is an audit entry of the restored file.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync, existsSync, fsyncSync, openSync, readdirSync, readSync, renameSync,
  rmSync, statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';
import { verifyAuditChain, type AuditVerification } from '../audit/verifyAuditChain.js';
import { MIGRATIONS } from './migrations/index.js';
import { makePrivateDir } from '../privateFiles.js';
import { BACKUP_FOLDER, backupFileName, restoreAdvice } from './backupFiles.js';
import { copyCause } from './copyErrors.js';
import { storageFault } from './storageErrors.js';
import { sameFile } from './sameFile.js';

export { BACKUP_FOLDER, backupFileName, listBackups, type BackupFile } from './backupFiles.js';
/** Written beside `station.db` once a station has opened there: the folder held a station. */
export const STATION_MARKER = 'station.created';
const DATABASE_FILE = 'station.db';

/** What a station file holds, read from a copy or the live file. */
export interface StationFileSummary {
  schemaVersion: number;
  people: number;
  records: number;
  batches: number;
  certificates: number;
  auditEntries: number;
}

export interface BackupResult extends StationFileSummary {
  path: string;
  bytes: number;
  /** When the copy was taken (ISO, UTC). */
  takenAt: string;
}

/**
 * A consistent copy of the open station database at `outPath`, into `<outPath>.<8 hex>.partial` first.
 * On a worker thread (checkWorker.ts): `VACUUM INTO` from its own read-only connection (one read
 * snapshot: the station goes on writing meanwhile, in WAL, and the copy is what was committed when
 * it began; a compact, self-contained file), then the check a restore makes (`checkStationFile`)
 * and an fsync. The core's thread only waits: at 100k records, done on the core's thread, the copy
 * and check held it ~4 s, on the worker ~10 ms (`npm run bench -- backup`). Where no worker can run,
 * the same is done here with the online backup. Renamed to `outPath` only once checked: a copy
 * that fails leaves no file behind, and a half-written backup is never mistaken for one.
 */
export async function backupStation(db: Database.Database, outPath: string, now: Date = new Date(), opts: { entry?: URL | null } = {}): Promise<BackupResult> {
  refuseLiveFileAsOut(db, outPath);
  // Its own name: two copies to the same file at once (the daily copy and a click, a scheduled
  // `--out`) must not write into each other's file, nor one rename the other's empty start.
  const partial = partialName(outPath);
  try {
    makePrivateDir(dirname(outPath));
    // In backups/ every copy's leftovers; elsewhere (`--out`) only those of this very file.
    const inBackups = resolve(dirname(outPath)) === resolve(dirname(db.name), BACKUP_FOLDER);
    removeStaleCopies(dirname(outPath), now, inBackups ? 'station-' : `${basename(outPath)}.`);
    // The copy holds what the database holds: the user's alone from its first byte (SQLite writes
    // into an empty file as into a new one).
    writeFileSync(partial, '', { mode: 0o600 });
    const entry = opts.entry === undefined ? checkWorkerEntry() : opts.entry;
    let summary = entry === null ? null : await inWorker(entry, { path: partial, from: db.name, forBackup: true });
    if (summary === null) {
      writeFileSync(partial, '', { mode: 0o600 });
      await db.backup(partial);
      summary = checkStationFile(partial, { forBackup: true });
      fsyncFile(partial);
    }
    renameSync(partial, outPath);
    fsyncFolder(dirname(outPath));
    return { path: outPath, bytes: statSync(outPath).size, takenAt: now.toISOString(), ...summary };
  } catch (err) {
    removeQuietly(partial);
    removeQuietly(`${partial}-journal`);
    // What the copy found wrong came from the station's own file: said as that, not as a bad copy.
    if (err instanceof StationError && err.code === 'BACKUP_DAMAGED') {
      const said = err.details as { check?: unknown; reason?: unknown } | undefined;
      throw sourceDamaged(db.name, String(said?.check ?? said?.reason ?? ''));
    }
    if (err instanceof StationError) throw err;
    if (storageFault(err) === 'DB_CORRUPT') throw sourceDamaged(db.name, err instanceof Error ? err.message : String(err));
    const cause = copyCause(err, dirname(outPath), `${partial}-journal`);
    const reason = err instanceof Error ? err.message : String(err);
    throw new StationError(
      'BACKUP_FAILED',
      `Không sao lưu được vào ${outPath}. ${cause?.vi ?? `(Lỗi kỹ thuật, tiếng Anh: ${reason}.)`} Dữ liệu của trạm không bị thay đổi.`,
      `Could not write the backup ${outPath}. ${cause?.en ?? `(${reason}.)`} The station's data was not changed.`,
      { path: outPath, reason, ...(cause ? { cause: cause.code } : {}) },
    );
  }
}

/**
 * A copy of the live database that does not pass its check, or that SQLite cannot finish for a
 * damaged page, means the station's own file is damaged: `VACUUM INTO` carries the indexes' pages
 * over as they are, so a damaged index shows in the copy's integrity check ("row 1 missing from
 * index …") while the station still answers. Said as the station's damage, with the newest copy
 * that passed its check and the line that restores it; it used to name the copy's `.partial` file
 * and say that "cannot be restored".
 */
function sourceDamaged(dbPath: string, detail: string): StationError {
  const dataDir = dirname(dbPath);
  const advice = restoreAdvice(dataDir, { replace: true });
  return new StationError('BACKUP_SOURCE_DAMAGED',
    `Cơ sở dữ liệu của trạm có chỗ hỏng (SQLite: ${detail}), nên không tạo được bản sao lưu nguyên vẹn từ nó. Hãy ngừng dùng trạm và sao chép giữ lại toàn bộ thư mục dữ liệu ${dataDir} (không xóa, không sửa tệp nào). ${advice.vi}`,
    `The station's database is damaged (SQLite: ${detail}), so no sound backup can be taken from it. Stop using the station and keep a copy of the whole data folder ${dataDir} (delete or edit nothing). ${advice.en}`,
    { path: dbPath, check: detail, newestBackup: advice.newest?.path ?? null });
}

/** Marks the thread checkWorker.ts must serve (its workerData.role). */
export const CHECK_WORKER_ROLE = 'station-backup-check';

export interface CheckJob {
  /** The file to check (and, with `from`, to write first). */
  path: string;
  /** Copy this database into `path` first (VACUUM INTO, read-only connection), then fsync it after the check. */
  from?: string;
  forBackup?: boolean;
  /** Only verify the audit chain of the live database at `path`, from a read-only connection (`verifyAuditAside`). */
  auditOnly?: boolean;
  /** Only run SQLite's integrity check on the live database at `path`, from a read-only connection (`checkLiveAside`). */
  liveCheck?: boolean;
}

export type CheckReply =
  | { ok: true; summary: StationFileSummary }
  | { ok: true; audit: AuditVerification }
  | { ok: true; check: string }
  | { ok: false; kind: 'refused'; code: string; vi: string; en: string; details: unknown }
  | { ok: false; kind: 'error'; message: string; errorCode: string | null };

export function checkWorkerEntry(): URL | null {
  const candidates = [new URL('./checkWorker.js', import.meta.url), new URL('../../../dist/electron/core/db/checkWorker.js', import.meta.url)];
  return candidates.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url))) ?? null;
}

/** What checkWorker.ts does with a job, on whichever thread runs it. */
export function runCheckJob(job: CheckJob): StationFileSummary {
  if (job.from !== undefined) {
    const source = new Database(job.from, { readonly: true, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(job.path);
    } finally {
      source.close();
    }
  }
  const summary = checkStationFile(job.path, job.forBackup === true ? { forBackup: true } : {});
  if (job.from !== undefined) fsyncFile(job.path);
  return summary;
}

/**
 * The audit chain of the live database `path`, verified from a read-only connection in one read
 * transaction (one snapshot: the station writes on meanwhile, and a head moved by a write during
 * the walk is not taken for a cut chain).
 */
export function verifyAuditReadOnly(path: string): AuditVerification {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => verifyAuditChain(db))();
  } finally {
    db.close();
  }
}

/** SQLite's integrity check of the live database `path` ("ok", or what it found), read-only, in one snapshot. */
export function integrityCheckReadOnly(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => (db.pragma('integrity_check', { simple: true }) as string))();
  } finally {
    db.close();
  }
}

/**
 * Refuses, as a copy of it would (BACKUP_SOURCE_DAMAGED), when the station's live database fails
 * SQLite's integrity check: the daily copy asks before anything gives way to a short disk, so that
 * old copies are not removed for a copy that cannot be taken (session 23). On the check worker
 * (a read of the whole file); on the caller's thread where no worker can run.
 */
export async function checkLiveAside(db: Database.Database, opts: { entry?: URL | null } = {}): Promise<void> {
  const entry = opts.entry === undefined ? checkWorkerEntry() : opts.entry;
  const reply = entry === null ? null : await workerReply(entry, { path: db.name, liveCheck: true });
  let check: string;
  try {
    if (reply !== null && !reply.ok) throw replyError(reply);
    check = reply !== null && 'check' in reply ? reply.check : integrityCheckReadOnly(db.name);
  } catch (err) {
    if (storageFault(err) === 'DB_CORRUPT') throw sourceDamaged(db.name, err instanceof Error ? err.message : String(err));
    throw err;
  }
  if (check !== 'ok') throw sourceDamaged(db.name, check);
}

/**
 * `audit.verify` from the app: the walk on the check worker, so the window keeps answering. At
 * 1M entries it takes ~40 s, which on the core's thread froze the station for as long (probe of
 * a year at scale, session 19). Null when no worker can run: the caller verifies on its own thread.
 */
export async function verifyAuditAside(path: string, opts: { entry?: URL | null } = {}): Promise<AuditVerification | null> {
  const entry = opts.entry === undefined ? checkWorkerEntry() : opts.entry;
  if (entry === null) return null;
  const reply = await workerReply(entry, { path, auditOnly: true });
  if (reply === null) return null;
  if (reply.ok && 'audit' in reply) return reply.audit;
  if (!reply.ok) throw replyError(reply);
  return null;
}

/** A worker's failed reply as this thread would have thrown it: a refusal as its StationError, a failure with SQLite's code. */
function replyError(reply: Extract<CheckReply, { ok: false }>): Error {
  return reply.kind === 'refused' ? new StationError(reply.code, reply.vi, reply.en, reply.details) : Object.assign(new Error(reply.message), reply.errorCode === null ? {} : { code: reply.errorCode });
}

/** One job's reply from a fresh worker; null when the worker could not run at all. */
function workerReply(entry: URL, job: CheckJob): Promise<CheckReply | null> {
  return new Promise<CheckReply | null>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(entry, { workerData: { role: CHECK_WORKER_ROLE, job } });
    } catch {
      resolve(null);
      return;
    }
    worker.once('message', (m: CheckReply) => resolve(m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}

/**
 * A job on a worker thread: its summary, its refusal thrown as the same StationError, its failure
 * thrown as an Error with SQLite's code (storageErrors.ts reads it). Null when the worker could not
 * run at all (no such file, a worker that fails to start): the caller does the work itself.
 */
async function inWorker(entry: URL, job: CheckJob): Promise<StationFileSummary | null> {
  const reply = await workerReply(entry, job);
  if (reply === null) return null;
  if (reply.ok) return 'summary' in reply ? reply.summary : null;
  throw replyError(reply);
}

/**
 * Checks a file meant to be a station database and says what it holds. Refuses, each with its own
 * code: not a SQLite file (BACKUP_NOT_SQLITE), damaged (BACKUP_DAMAGED), another program's database
 * (BACKUP_NOT_STATION), a newer station's (BACKUP_TOO_NEW), an audit log that does not verify
 * (BACKUP_AUDIT_BROKEN). The file is opened read-write (it must be a copy the caller owns: it is
 * switched out of WAL so that it is one self-contained file).
 */
export function checkStationFile(path: string, opts: { forBackup?: boolean } = {}): StationFileSummary {
  const name = basename(path);
  if (!startsLikeSqlite(path)) {
    throw new StationError('BACKUP_NOT_SQLITE', `Tệp ${name} không phải một bản sao lưu của trạm (không phải tệp SQLite).`,
      `${name} is not a station backup (not a SQLite file).`, { path });
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new StationError('BACKUP_DAMAGED', `Tệp ${name} bị hỏng (SQLite: ${String(check)}); không dùng được để khôi phục.`,
        `${name} is damaged (SQLite: ${String(check)}); it cannot be restored.`, { path, check });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const needed = ['people', 'dose_records', 'batches', 'certificates', 'audit_log', 'audit_head'];
    if (version === 0 || needed.some((t) => !tables.has(t))) {
      throw new StationError('BACKUP_NOT_STATION', `Tệp ${name} là cơ sở dữ liệu SQLite nhưng không phải của trạm ký.`,
        `${name} is a SQLite database, but not a signing station's.`, { path, schemaVersion: version });
    }
    if (version > MIGRATIONS.length) {
      throw new StationError('BACKUP_TOO_NEW', `Tệp ${name} do phiên bản mới hơn của trạm tạo (lược đồ ${version}, phiên bản này đọc đến ${MIGRATIONS.length}). Hãy cập nhật trạm trước khi khôi phục.`,
        `${name} was made by a newer station (schema ${version}; this version reads up to ${MIGRATIONS.length}). Update the station before restoring it.`,
        { path, schemaVersion: version, supported: MIGRATIONS.length });
    }
    const audit = verifyAuditChain(db);
    if (!audit.ok) {
      const what = opts.forBackup ? { vi: 'Nhật ký kiểm tra của trạm', en: "The station's audit log" } : { vi: `Nhật ký kiểm tra trong tệp ${name}`, en: `The audit log in ${name}` };
      throw new StationError('BACKUP_AUDIT_BROKEN',
        `${what.vi} không còn nguyên vẹn ở mục ${audit.brokenAt}: ${audit.reason_vi}`,
        `${what.en} does not verify at entry ${audit.brokenAt}: ${audit.reason}`, { path, seq: audit.brokenAt, code: audit.code });
    }
    const count = (table: string) => (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      schemaVersion: version,
      people: count('people'),
      records: count('dose_records'),
      batches: count('batches'),
      certificates: count('certificates'),
      auditEntries: audit.entries,
    };
  } catch (err) {
    if (err instanceof StationError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new StationError('BACKUP_DAMAGED', `Tệp ${name} bị hỏng hoặc không đọc được (lỗi kỹ thuật, tiếng Anh: ${reason}); không dùng được để khôi phục.`,
      `${name} is damaged or unreadable (${reason}); it cannot be restored.`, { path, reason });
  } finally {
    db?.close();
  }
}

/** Cleanup on a failure path must not replace the failure (a folder that is a file, a read-only disk). */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was there to remove, or it cannot be: the failure already says why.
  }
}

/** `<out>.<8 hex>.partial`: the file a copy is written to before it takes its name. */
function partialName(outPath: string): string {
  return `${outPath}.${randomBytes(4).toString('hex')}.partial`;
}

const PARTIAL = /\.(?:[0-9a-f]{8}\.)?partial(?:-journal|-wal|-shm)?$/;
/** A copy in progress rewrites its file within seconds; one untouched for an hour was left by a copy that was killed. */
const STALE_PARTIAL_MS = 3600_000;

/**
 * Removes what copies killed midway left in `dir` (the app closed by a Windows shutdown during its
 * daily copy, `station backup` stopped with Ctrl+C): each is as big as the database, and nothing
 * else would ever remove them. Only `….partial` files untouched for an hour; never a backup.
 */
export function removeStaleCopies(dir: string, now: Date, prefix: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names.filter((n) => n.startsWith(prefix) && PARTIAL.test(n))) {
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (st.isFile() && Math.abs(now.getTime() - st.mtimeMs) > STALE_PARTIAL_MS) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    } catch {
      // Removed meanwhile, or cannot be: tried again at the next copy.
    }
  }
  return removed;
}

/**
 * `station backup --out` naming the station's own database (or its -wal, -shm): the rename would
 * put the copy in place of the file the station has open, and a station running meanwhile would
 * go on writing to a file no longer there, beside a -wal that is no longer its file's.
 */
function refuseLiveFileAsOut(db: Database.Database, outPath: string): void {
  const live = resolve(db.name);
  const out = resolve(outPath);
  const same = [live, `${live}-wal`, `${live}-shm`, `${live}-journal`].some((p) => p === out || sameFile(p, out));
  if (same) {
    throw new StationError('BACKUP_OUT_IS_DATABASE',
      `Không thể ghi bản sao lưu đè lên cơ sở dữ liệu đang dùng của trạm (${outPath}). Hãy chọn một tệp khác, ví dụ trên USB: --out E:\\tram-sao-luu.db.`,
      `A backup cannot be written over the station's own database (${outPath}). Choose another file, for example on a USB stick: --out E:\\station-backup.db.`,
      { path: outPath });
  }
}

function startsLikeSqlite(path: string): boolean {
  const head = Buffer.alloc(16);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Read in 1 MiB pieces: a copy of a million records is most of a gigabyte. */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename is durable once its folder is synced; Windows cannot open a folder for that and needs no such step. */
export function fsyncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// The folder remembers it held a station.

/** Marks `dataDir` as holding a station (once; cheap when the marker exists). Best effort. */
export function markStationFolder(dataDir: string, now: Date = new Date()): void {
  const marker = join(dataDir, STATION_MARKER);
  if (existsSync(marker)) return;
  try {
    writeFileSync(marker, `${JSON.stringify({ createdAt: now.toISOString(), note: 'A signing station keeps its data in this folder. Do not delete station.db.' })}\n`, { flag: 'wx' });
  } catch {
    // Another opener wrote it, or the folder is read-only: the next open tries again.
  }
}

/**
 * Refuses to start over in a folder that held a station whose `station.db` is now gone
 * (DB_MISSING) or empty (DB_EMPTY_FILE): the app would otherwise create a new, empty station there
 * and the clinic would go on entering records beside a loss nobody noticed. The message names the
 * newest copy in `backups/` and `station restore`. Moving the whole folder away starts afresh.
 */
export function refuseLostDatabase(dataDir: string): void {
  const marker = join(dataDir, STATION_MARKER);
  if (!existsSync(marker)) return;
  const path = join(dataDir, DATABASE_FILE);
  let size: number | null = null;
  try {
    size = statSync(path).size;
  } catch {
    size = null;
  }
  if (size !== null && size > 0) return;
  throw lostDatabase(dataDir, size === null ? 'missing' : 'empty');
}

function lostDatabase(dataDir: string, how: 'missing' | 'empty'): StationError {
  const path = join(dataDir, DATABASE_FILE);
  const copy = restoreAdvice(dataDir, { replace: false });
  const newest = copy.newest;
  const start = {
    vi: 'Chỉ khi muốn bắt đầu một trạm trống, hãy chuyển cả thư mục dữ liệu sang chỗ khác.',
    en: 'Only to start an empty station on purpose, move the whole data folder elsewhere.',
  };
  const details = { path, dataDir, newestBackup: newest?.path ?? null };
  return how === 'missing'
    ? new StationError('DB_MISSING',
      `Thư mục ${dataDir} từng chứa dữ liệu của trạm nhưng tệp station.db không còn (có thể đã bị xóa, di chuyển hoặc phần mềm diệt virus cách ly). Trạm không tạo cơ sở dữ liệu mới ở đây để không che mất dữ liệu cũ. ${copy.vi} ${start.vi}`,
      `The folder ${dataDir} held a station's data, but station.db is gone (deleted, moved or quarantined by antivirus software). The station does not create a new database here, which would hide the loss. ${copy.en} ${start.en}`,
      details)
    : new StationError('DB_EMPTY_FILE',
      `Tệp cơ sở dữ liệu ${path} trống (0 byte) dù thư mục này từng chứa dữ liệu của trạm: có thể việc sao chép, đồng bộ thư mục hoặc khôi phục trước đó đã bị lỗi. Đừng xóa tệp này. ${copy.vi} ${start.vi}`,
      `The database file ${path} is empty (0 bytes), though this folder held a station's data: an earlier copy, folder sync or restore may have failed. Do not delete it. ${copy.en} ${start.en}`,
      details);
}

/**
 * Before a migration changes an older file: a copy of it as it was, `backups/station-upgrade-…-v<N>.db`
 * (VACUUM INTO: one consistent, compact file, in the opener's own transaction). Best effort: a
 * migration is one transaction and cannot half-apply, so a copy that fails (no space) does not
 * stop the upgrade; it returns null.
 */
export function copyBeforeUpgrade(db: Database.Database, path: string, fromVersion: number, now: Date = new Date()): string | null {
  const dir = join(dirname(path), BACKUP_FOLDER);
  const out = join(dir, backupFileName('upgrade', now, `-v${fromVersion}`));
  // Written under a `.partial` name and renamed once complete and synced, as every copy: an upgrade
  // killed midway (the PC switched off during the first start of a new version) must not leave a
  // half file that `backup list` and DB_MISSING would name as the newest backup.
  const partial = partialName(out);
  try {
    makePrivateDir(dir);
    writeFileSync(partial, '', { mode: 0o600, flag: 'wx' });
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncFile(partial);
    // Two openers of the same older file may both copy it in the same second (the app starting
    // while a command runs; each writes its own `.partial`): the first copy is of the file before
    // any migration, so a later one never takes its name.
    if (existsSync(out)) {
      removeQuietly(partial);
      return out;
    }
    renameSync(partial, out);
    fsyncFolder(dir);
    return out;
  } catch {
    removeQuietly(partial);
    removeQuietly(`${partial}-journal`);
    return null;
  }
}
