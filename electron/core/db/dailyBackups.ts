/**
 * The copies the station takes by itself, once a day while it runs (DESIGN §4): when one is due,
 * what gives way to make room for it on a short disk (old daily copies, then the databases restores
 * replaced: replacedFiles.ts), and what the screens are told when none could be taken. The copy
 * itself is backups.ts `backupStation`.
 */
import { rmSync, statfsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';
import { formatMegabytes } from '../../../shared/megabytes.js';
import type { Logger } from '../logger.js';
import { BACKUP_FOLDER, backupFileName, listBackups, type BackupFile } from './backupFiles.js';
import { backupStation, checkLiveAside, removeStaleCopies, type BackupResult } from './backups.js';
import { pruneReplaced, removeReplaced, replacedGivingWay, replacedPrunable, replacedSummary } from './replacedFiles.js';
import { runningRestore } from './restoreClaim.js';

const DATABASE_FILE = 'station.db';

export interface BackupSchedule {
  /** A daily copy is due when the newest is older than this (default 24 h). */
  everyMs?: number;
  /** Daily copies kept (default 7: a clinic offline for a week still has one from before). */
  keep?: number;
  /** First check after the station opens (default 60 s: not while the window is starting). */
  firstAfterMs?: number;
  /** Then checked this often (default 1 h). */
  checkEveryMs?: number;
  /** A copy is skipped when it would leave less than this free (default 1 GiB, or 4× the database + 64 MiB when that is less). */
  minFreeBytes?: number;
  /** Free bytes on the data folder's disk (default: statfs; null when unknown). Tests pass a disk of their own. */
  freeBytes?: (dir: string) => number | null;
}

/** What a daily check did when it took no copy for want of room. */
export interface LowSpaceSkip {
  skipped: 'low-space';
  /** Free on the data folder's disk, measured after anything that gave way was removed. */
  freeBytes: number;
  databaseBytes: number;
  /** What gave way before the room was found still short (a file that would not go freed nothing). */
  pruned: string[];
  /** The databases restores replaced still kept (those that never give way among them), for the notice. */
  replaced: { kept: number; bytes: number };
}

/**
 * Whether a daily copy is due, and takes it; after a good copy, prunes old daily copies and the
 * databases restores replaced beyond their own retention. When the disk is short of room for the
 * copy, before it, those retention keeps give way (replacedFiles.ts says which never do), unless
 * `giveWay` is false. Nothing is removed while a restore runs. Resolves to what it did.
 */
export async function dailyBackupIfDue(db: Database.Database, dataDir: string, now: Date, opts: BackupSchedule & {
  /**
   * False: nothing gives way to a short disk. The schedule says so once a check found the
   * station's own database damaged: a copy of it fails, and what gave way for it would be gone
   * for nothing (session 22 review).
   */
  giveWay?: boolean;
} = {}): Promise<{ taken: BackupResult; pruned: string[] } | { skipped: 'recent' } | LowSpaceSkip> {
  const everyMs = opts.everyMs ?? 24 * 3600_000;
  // First: what copies killed midway left may be what leaves too little space for this one.
  removeStaleCopies(join(dataDir, BACKUP_FOLDER), now, 'station-');
  // A copy named after now was taken under a clock that ran ahead (a PC clock months wrong, then
  // set right), or is dated by the right clock while this one runs behind. Either way its date
  // says nothing of how recent it is: counted as recent, it would stop the daily copies until that
  // date came, and, sorted first, have the copies taken meanwhile pruned as the oldest.
  const dated = (b: BackupFile) => Date.parse(b.takenAt) <= now.getTime() + CLOCK_SLACK_MS;
  const newest = listBackups(dataDir).find((b) => b.kind === 'daily' && dated(b));
  if (newest !== undefined && now.getTime() - Date.parse(newest.takenAt) < everyMs) return { skipped: 'recent' };
  const dbBytes = databaseBytes(db);
  const diskFree = opts.freeBytes ?? freeBytes;
  const margin = opts.minFreeBytes ?? Math.min(1024 ** 3, 4 * dbBytes + 64 * 1024 ** 2);
  const dbPath = join(dataDir, DATABASE_FILE);
  // Nothing is removed while a restore runs (restoreClaim.ts): it may be reading a copy from
  // backups/, and the databases kept beside station.db are what it is changing. The copy is still
  // taken where there is room; what is due to go goes at a later check.
  const restoring = runningRestore(dbPath) !== null;
  const pruned: string[] = [];
  // Retention gives way to space (session 19): a year on, a big site's copy is 1.5 GB and seven
  // take 10 GB. On a disk that holds fewer, to make room for today's copy, go: what retention
  // prunes after a good copy anyway, the oldest daily copies down to the newest one, then the
  // databases restores replaced that retention keeps (session 22: the least valuable first), and
  // only when that makes room. Before, every later copy was skipped as low-space while week-old
  // copies kept the space: the newest copy grew older every day.
  const free = diskFree(dataDir);
  if (free !== null && free - dbBytes < margin) {
    const need = margin + dbBytes - free;
    const goesAnyway = restoring ? [] : replacedPrunable(dbPath, now);
    const givingWay: { path: string; bytes: number; remove: () => boolean }[] = restoring || opts.giveWay === false ? [] : [
      ...goesAnyway.map((r) => ({ ...r, remove: () => removeReplaced(r.path) })),
      ...listBackups(dataDir).filter((b) => b.kind === 'daily' && dated(b)).slice(1).reverse()
        .map((b) => ({ ...b, remove: () => removeFile(b.path) })),
      ...replacedGivingWay(dbPath, now).filter((r) => !goesAnyway.some((g) => g.path === r.path))
        .map((r) => ({ ...r, remove: () => removeReplaced(r.path) })),
    ];
    let left = givingWay.reduce((n, b) => n + b.bytes, 0);
    let freed = 0;
    // Nothing goes for a copy that cannot be taken: the live database is checked first (session 23).
    // The schedule's `giveWay: false` only knows of damage a copy already found; on the first
    // check after opening a damaged station.db, old copies went, then the copy failed. A read of
    // the whole file, on the check worker, on the rare day something must give way.
    if (givingWay.length > 0 && left >= need) await checkLiveAside(db);
    // All or nothing: none goes when all of them would not make room. One that will not go (held
    // open, read-only) frees nothing: the next is tried while the rest can still make up for it.
    for (const old of left < need ? [] : givingWay) {
      if (freed >= need || freed + left < need) break;
      left -= old.bytes;
      if (old.remove()) {
        freed += old.bytes;
        pruned.push(old.path);
      }
    }
    // Measured again, not counted (session 22 review): a copy taken on what was meant to go but did
    // not would eat the margin kept for the live database.
    const after = pruned.length === 0 ? free : diskFree(dataDir);
    if (after === null ? freed < need : after - dbBytes < margin) {
      return { skipped: 'low-space', freeBytes: after ?? free, databaseBytes: dbBytes, pruned, replaced: replacedSummary(dbPath) };
    }
  }
  const taken = await backupStation(db, join(dataDir, BACKUP_FOLDER, backupFileName('daily', now)), now);
  if (restoring) return { taken, pruned };
  // Retention only after a good copy (session 22 review): a copy that fails (the live database
  // damaged) leaves the databases restores replaced and the old copies as they were, the very
  // material a recovery needs. Those dated after the clock are not pruned: replacedFiles.ts.
  pruned.push(...pruneReplaced(dbPath, now));
  const keep = Math.max(1, opts.keep ?? 7);
  // `keep` of those dated by this clock, and `keep` of those dated after it, each set newest first:
  // the copy just taken is never pruned, and a clock set wrong cannot have the others all pruned.
  const daily = listBackups(dataDir).filter((b) => b.kind === 'daily');
  const prunable = [...daily.filter(dated).slice(keep), ...daily.filter((b) => !dated(b)).slice(keep)];
  for (const old of prunable) {
    rmSync(old.path, { force: true });
    pruned.push(old.path);
  }
  return { taken, pruned };
}

/** Removes a daily copy that gives way; false when it cannot be removed now (held open, read-only). */
function removeFile(path: string): boolean {
  try {
    rmSync(path, { force: true });
    return true;
  } catch {
    return false;
  }
}

/** A clock set back by NTP or by hand by less than this still counts its last copy as recent. */
const CLOCK_SLACK_MS = 3600_000;

function databaseBytes(db: Database.Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return pages * size;
}

function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Why the last daily check took no copy, for the screens (`backups.list`, the overview): a copy that
 * cannot be taken day after day (a full disk, a folder made read-only, a damaged file) was only in
 * the log, which nobody at a clinic reads, until the day a restore was needed.
 */
export interface DailyBackupProblem {
  /** BACKUP_LOW_SPACE, or the failure's code (BACKUP_FAILED, BACKUP_AUDIT_BROKEN, DB_CORRUPT, ...). */
  code: string;
  /** When the check ran (ISO, UTC). */
  at: string;
  message_vi: string;
  message_en: string;
}

export interface DailyBackupStatus {
  /** When the schedule last checked (ISO, UTC); null before its first check. */
  lastCheckAt: string | null;
  /** Null when the last check took a copy or found a recent one. */
  problem: DailyBackupProblem | null;
}

function lowSpaceProblem(at: string, skip: LowSpaceSkip): DailyBackupProblem {
  const { kept, bytes } = skip.replaced;
  // What gave way did not make room: the databases restores replaced still kept are said, or
  // the clinic is left to wonder what fills the disk beside station.db (session 22 review).
  const replacedVi = kept === 0 ? '' : ` Bên cạnh station.db đang giữ ${kept} cơ sở dữ liệu bị thay thế khi khôi phục (${formatMegabytes(bytes, 'vi')}): tệp mới nhất và cơ sở dữ liệu của trạm trước các lần khôi phục gần nhất không bao giờ bị xóa để lấy chỗ.`;
  const replacedEn = kept === 0 ? '' : ` Beside station.db, ${kept === 1 ? '1 database replaced by a restore is' : `${kept} databases replaced by restores are`} kept (${formatMegabytes(bytes, 'en')}): the newest, and the station's own database from before the last restores, are never removed to make room.`;
  return {
    code: 'BACKUP_LOW_SPACE', at,
    message_vi: `Ổ đĩa của thư mục dữ liệu chỉ còn ${formatMegabytes(skip.freeBytes, 'vi')} trống; một bản sao lưu (khoảng ${formatMegabytes(skip.databaseBytes, 'vi')}) sẽ để lại quá ít chỗ cho trạm, nên chưa được tạo.${replacedVi} Hãy giải phóng dung lượng ổ đĩa; trạm sẽ thử lại sau mỗi giờ.`,
    message_en: `The data folder's drive has only ${formatMegabytes(skip.freeBytes, 'en')} free; a backup (about ${formatMegabytes(skip.databaseBytes, 'en')}) would leave the station too little room, so none was taken.${replacedEn} Free some disk space; the station tries again every hour.`,
  };
}

/** A copy failed for these: the station's own database is damaged (backups.ts, `sourceDamaged`). */
const DAMAGED_SOURCE = new Set(['BACKUP_SOURCE_DAMAGED', 'DB_CORRUPT']);

function failedProblem(at: string, e: unknown): DailyBackupProblem {
  if (e instanceof StationError) return { code: e.code, at, message_vi: e.messageVi, message_en: e.messageEn };
  const reason = e instanceof Error ? e.message : String(e);
  return {
    code: 'BACKUP_FAILED', at,
    message_vi: `Bản sao lưu không tạo được (lỗi kỹ thuật, tiếng Anh: ${reason}); trạm sẽ thử lại sau mỗi giờ.`,
    message_en: `The backup could not be taken (${reason}); the station tries again every hour.`,
  };
}

/**
 * Takes daily copies while the station runs: a first check shortly after it opens, then every
 * hour. A failure is logged, kept for the screens (`status()`) and tried again at the next check;
 * it never disturbs the station. `stop()` cancels the timer and waits for a copy in progress (the
 * connection must outlive it).
 */
export function scheduleBackups(db: Database.Database, dataDir: string, logger: Logger, now: () => Date, opts: BackupSchedule = {}) {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const status: DailyBackupStatus = { lastCheckAt: null, problem: null };
  const check = () => {
    if (stopped || running !== null) return;
    const at = now();
    // Once a copy failed for the station's own database being damaged, nothing gives way to a short
    // disk: the next copy fails the same, and the old copies and the databases restores replaced
    // are what a recovery needs. (Checking the database first costs a read of all of it: it is the
    // copy's own check.) The damage stays the problem said, not the space it left short.
    const damaged = status.problem !== null && DAMAGED_SOURCE.has(status.problem.code);
    running = dailyBackupIfDue(db, dataDir, at, { ...opts, giveWay: !damaged })
      .then((r) => {
        // Each file removed is named (dated names, nothing of a person): a database a restore replaced
        // that gave way to a short disk is an undo gone, which the log must be able to say.
        if ('taken' in r) logger.log('info', 'backup: daily copy taken', { path: r.taken.path, bytes: r.taken.bytes, pruned: r.pruned.map((p) => basename(p)) });
        if ('taken' in r || r.skipped === 'recent') status.problem = null;
        else {
          if (!damaged) status.problem = lowSpaceProblem(at.toISOString(), r);
          logger.log('warn', 'backup: skipped, too little free space', { freeBytes: r.freeBytes, pruned: r.pruned.map((p) => basename(p)) });
        }
      })
      .catch((e: unknown) => {
        status.problem = failedProblem(at.toISOString(), e);
        logger.log('warn', 'backup: daily copy failed', { code: e instanceof StationError ? e.code : 'UNKNOWN' });
      })
      .finally(() => {
        status.lastCheckAt = at.toISOString();
        running = null;
      });
  };
  const first = setTimeout(check, opts.firstAfterMs ?? 60_000);
  const every = setInterval(check, opts.checkEveryMs ?? 3600_000);
  first.unref();
  every.unref();
  return {
    /** What the last check did (a copy of the record: the caller cannot change it). */
    status(): DailyBackupStatus {
      return { lastCheckAt: status.lastCheckAt, problem: status.problem === null ? null : { ...status.problem } };
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
