/**
 * What a restore that never completed leaves, and how the station tells it from one still running
 * (decisions.md, "Session 21: what a killed restore leaves").
 *
 * restore.ts copies the backup into `station.db.restoring`, checks it, keeps the current database
 * as `station.db.replaced-<time>` (a hard link to it), migrates the staging copy and writes its
 * audit entry, and only then renames it over `station.db`. Killed before that rename (Ctrl+C, the
 * PC switched off), it left the staging copy, as big as the database, and the hard link, a second
 * name of the live `station.db` that looks like a database kept from a restore. `station.db` itself
 * was still the old database, whole: nothing of the staging copy is ever used.
 *
 * Removing such leftovers at every open would race a restore running meanwhile (session 18): a
 * staging copy removed between its check and its migration was re-created empty and renamed over
 * `station.db`. So the restore writes `station.db.restoring.owner` (its process id and host) before
 * its staging copy, and removes it last; the leftovers are removed, at the next open and at the next
 * restore, only once that process is gone.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import { vietnamTime } from '../../../shared/domain/dates.js';
import { StationError } from '../../../shared/errors.js';
import { copyCause } from './copyErrors.js';
import { listReplaced } from './replacedFiles.js';
import { sameFile } from './sameFile.js';

/** Who is restoring: written as JSON into the owner file. */
export interface RestoreOwner {
  pid: number;
  host: string;
  /** When it began (ISO, UTC), to say so to a second restore. */
  startedAt: string;
}

/** A restore that may still be running; `pid` null when its owner file could not be read yet. */
export type RunningRestore = { pid: number; host: string; startedAt: string } | { pid: null; host: null; startedAt: string };

/** The restore's staging copy of the backup, beside the database. */
export function restoringPath(dbPath: string): string {
  return `${dbPath}.restoring`;
}

function ownerPath(dbPath: string): string {
  return `${restoringPath(dbPath)}.owner`;
}

/** The staging copy and what SQLite may keep beside it. */
export function stagingFiles(dbPath: string): string[] {
  const staging = restoringPath(dbPath);
  return [staging, `${staging}-journal`, `${staging}-wal`, `${staging}-shm`];
}

/**
 * An owner file that cannot be read was caught between its creation and its one write, or was cut
 * by a kill there: a restore writes it at once, so after this long it is a dead restore's.
 */
const UNREAD_OWNER_MS = 10_000;
/** A restore on another PC (a data folder on a network drive) cannot be asked whether it runs. */
const OTHER_HOST_MS = 3600_000;
/**
 * No restore takes this long (a 1.5 GB copy is checked in minutes): a process of that number still
 * alive after it got the number of the killed one (Windows reuses them soon).
 */
const SAME_HOST_MS = 6 * 3600_000;

/**
 * Removes what a restore that never completed left beside `dbPath`: the staging copy (with its
 * -journal, -wal, -shm), a `.replaced-*` that is only a second name of `dbPath` itself (made for a
 * rename that never came: removing it deletes no data), and the owner file last. Nothing is
 * removed while that restore's process still runs: `running` says who it is. Best effort: a file
 * that cannot be removed now is tried again at the next open.
 */
export function removeUnfinishedRestore(dbPath: string): { removed: string[]; running: RunningRestore | null } {
  const removed: string[] = [];
  // The staging files before the owner: a restore writes its owner first, so staging seen here
  // with no owner after it is an older build's, never a restore starting now.
  const staged = stagingFiles(dbPath).filter((p) => existsSync(p));
  const owner = ownerPath(dbPath);
  if (staged.length === 0 && !existsSync(owner)) return { removed, running: null };
  const running = stillRunning(owner);
  if (running !== null) return { removed, running };
  // Only a name the current database also has, and never one kept with its own -wal (a damaged
  // database whose log was moved beside the kept name).
  const links = listReplaced(dbPath).filter((r) => sameFile(r.path, dbPath) && !existsSync(`${r.path}-wal`)).map((r) => r.path);
  for (const p of [...links, ...staged, owner]) {
    try {
      if (!existsSync(p)) continue;
      rmSync(p, { force: true });
      removed.push(p);
    } catch {
      // Held open or on a read-only disk: never used, and tried again at the next open.
    }
  }
  return { removed, running: null };
}

/**
 * The restore into `dbPath` that may still be running, else null (none, or its process gone): what
 * removes files beside the database (the daily copies' pruning, dailyBackups.ts) waits while one runs.
 */
export function runningRestore(dbPath: string): RunningRestore | null {
  return stillRunning(ownerPath(dbPath));
}

/** The restore that wrote `owner` if it may still be running, else null (none, or gone). */
function stillRunning(owner: string): RunningRestore | null {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(owner, 'utf8');
    mtimeMs = statSync(owner).mtimeMs;
  } catch {
    return null;
  }
  const found = parseOwner(text);
  // The file's time is the system clock's, whatever clock the caller was given.
  const age = Date.now() - mtimeMs;
  if (found === null) return age < UNREAD_OWNER_MS ? { pid: null, host: null, startedAt: new Date(mtimeMs).toISOString() } : null;
  if (found.host !== hostname()) return age < OTHER_HOST_MS ? found : null;
  return age < SAME_HOST_MS && processAlive(found.pid) ? found : null;
}

function parseOwner(text: string): RestoreOwner | null {
  try {
    const v = JSON.parse(text) as Partial<RestoreOwner>;
    return typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 && typeof v.host === 'string' && typeof v.startedAt === 'string'
      ? { pid: v.pid, host: v.host, startedAt: v.startedAt }
      : null;
  } catch {
    return null;
  }
}

/** Signal 0 only asks: ESRCH is no such process; EPERM is one that is another user's, so alive. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes this process the one restoring into `dbPath`: what a dead restore left is removed first,
 * then the owner file is written (exclusively: two restores at once cannot both claim). Refused
 * with RESTORE_RUNNING while another restore runs. Returns the release, which removes the owner
 * file: the restore calls it last, after its staging copy is gone.
 */
export function claimRestore(dbPath: string, now: Date = new Date()): () => void {
  const left = removeUnfinishedRestore(dbPath);
  if (left.running !== null) throw restoreRunning(dbPath, left.running);
  const owner = ownerPath(dbPath);
  const me: RestoreOwner = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  try {
    // One write of a few dozen bytes right after the exclusive create (UNREAD_OWNER_MS).
    writeFileSync(owner, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw restoreRunning(dbPath, parseOwnerQuietly(owner));
    const cause = copyCause(err, dirname(dbPath));
    const reason = err instanceof Error ? err.message : String(err);
    throw new StationError('RESTORE_FAILED', `Không ghi được vào thư mục dữ liệu ${dirname(dbPath)}. ${cause?.vi ?? `(Lỗi kỹ thuật, tiếng Anh: ${reason}.)`} Không có gì thay đổi.`,
      `Could not write into the data folder ${dirname(dbPath)}. ${cause?.en ?? `(${reason}.)`} Nothing was changed.`, { path: owner, reason, ...(cause ? { cause: cause.code } : {}) });
  }
  return () => {
    try {
      rmSync(owner, { force: true });
    } catch {
      // Left for the next open, which finds this process gone.
    }
  };
}

function parseOwnerQuietly(owner: string): RestoreOwner | null {
  try {
    return parseOwner(readFileSync(owner, 'utf8'));
  } catch {
    return null;
  }
}

function restoreRunning(dbPath: string, who: RunningRestore | null): StationError {
  const by = who === null || who.pid === null ? null : who;
  const vi = by === null ? '' : ` (tiến trình ${by.pid} trên máy ${by.host}, bắt đầu lúc ${vietnamTime(by.startedAt)})`;
  const en = by === null ? '' : ` (process ${by.pid} on ${by.host}, started ${vietnamTime(by.startedAt)})`;
  // A restore is usually an emergency: if that process is gone (the PC restarted and its number
  // went to another program), the way out is named rather than a wait of hours.
  const owner = ownerPath(dbPath);
  return new StationError('RESTORE_RUNNING',
    `Một lệnh khôi phục khác đang chạy cho ${basename(dbPath)} trong thư mục ${dirname(dbPath)}${vi}. Hãy đợi nó xong rồi xem lại trước khi khôi phục lần nữa; không có gì thay đổi. Nếu chắc chắn không còn lệnh khôi phục nào chạy (máy đã khởi động lại), hãy xoá tệp ${owner} rồi khôi phục lại.`,
    `Another restore is running for ${basename(dbPath)} in ${dirname(dbPath)}${en}. Wait for it to finish and check the result before restoring again; nothing was changed. If you are sure no restore is running (the PC was restarted), delete the file ${owner} and restore again.`,
    { path: dbPath, owner: by, ownerFile: owner });
}
