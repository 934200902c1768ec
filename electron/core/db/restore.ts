/**
 * Putting a checked copy back as the station's database (decisions.md, "Session 18: backups…",
 * and "Session 19" for the audit entry written before the copy takes its place). Apart from
 * backups.ts because it opens the copy as the station opens a database (openStationDatabase: an
 * older copy is migrated), and that module's upgrade path needs backups.ts.
 */
import { copyFileSync, constants as fsConstants, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { makePrivateDir } from '../privateFiles.js';
import { backupFileName } from './backupFiles.js';
import { checkStationFile, fileSha256, fsyncFile, fsyncFolder, removeQuietly, type StationFileSummary } from './backups.js';
import { copyCause } from './copyErrors.js';
import { closeStationDatabase, DATABASE_FILE, openStationDatabase } from './openStationDatabase.js';
import { claimRestore, restoringPath } from './restoreClaim.js';
import { facilityOf, refuseOtherFacility } from './restoreFacility.js';

export interface RestoreResult extends StationFileSummary {
  path: string;
  from: string;
  /** SHA-256 of the restored file (hex), as recorded in the audit entry. */
  sha256: string;
  /** Where the database it replaced was moved, or null when there was none. */
  replacedMovedTo: string | null;
}

/**
 * Puts the copy `file` back as the station's database in `dataDir`. The copy is checked first
 * (checkStationFile) in a staging file beside the database, so a bad copy changes nothing. A
 * database already there is replaced only with `replace` (RESTORE_WOULD_REPLACE otherwise, with
 * what each holds) and only when no station program has it open (RESTORE_IN_USE); it is moved to
 * `station.db.replaced-<time>`, never deleted here (the daily copies prune old ones:
 * replacedFiles.ts). Before the copy takes `station.db`'s name it is opened as the station opens a
 * database (an older copy is migrated) and the restore is appended to its audit log
 * (`station.restore`, by `actor`): the file that takes the name already says it was restored, so a
 * restore killed at any point leaves either the old database or the restored one with its entry,
 * never a restored file without one. What a killed restore leaves beside them (its staging copy)
 * is removed at the next open or restore (restoreClaim.ts); while this one runs, a second restore
 * is refused (RESTORE_RUNNING).
 */
export function restoreStation(dataDir: string, file: string, opts: { actor: string; replace?: boolean; now?: Date }): RestoreResult {
  const now = opts.now ?? new Date();
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new StationError('BACKUP_NOT_FOUND', `Không tìm thấy tệp sao lưu ${file}.`, `The backup file ${file} was not found.`, { path: file });
  }
  makePrivateDir(dataDir);
  const target = join(dataDir, DATABASE_FILE);
  const staging = restoringPath(target);
  // What a killed restore left is removed here; RESTORE_RUNNING while another restore runs.
  const release = claimRestore(target, now);
  try {
    try {
      copyFileSync(file, staging);
      // A copy made by hand from a running station holds its latest commits in `<file>-wal`: brought
      // along, the check below folds them into the staging file. Without it the restore would
      // silently be an older state than the copy the clinic chose.
      if (nonEmptyFile(`${file}-wal`)) copyFileSync(`${file}-wal`, `${staging}-wal`);
    } catch (err) {
      const cause = copyCause(err, dataDir);
      const reason = err instanceof Error ? err.message : String(err);
      throw new StationError('RESTORE_FAILED', `Không chép được ${file} vào thư mục dữ liệu. ${cause?.vi ?? `(Lỗi kỹ thuật, tiếng Anh: ${reason}.)`} Không có gì thay đổi.`,
        `Could not copy ${file} into the data folder. ${cause?.en ?? `(${reason}.)`} Nothing was changed.`, { path: file, reason, ...(cause ? { cause: cause.code } : {}) });
    }
    const sha256 = fileSha256(staging);
    const summary = checkStationFile(staging);
    let replacedMovedTo: string | null = null;
    if (existsSync(target)) {
      refuseOtherFacility(dataDir, facilityOf(target), facilityOf(staging));
      const size = statSync(target).size;
      if (size > 0 && opts.replace !== true) {
        throw new StationError('RESTORE_WOULD_REPLACE',
          `Thư mục ${dataDir} đã có cơ sở dữ liệu của trạm. Khôi phục sẽ thay nó bằng bản sao lưu (${summary.records} bản ghi); những gì nhập sau bản sao lưu sẽ không còn trong trạm (tệp cũ được giữ lại). Nếu chắc chắn, chạy lại với --replace.`,
          `The folder ${dataDir} already has a station database. Restoring replaces it with the backup (${summary.records} records); what was entered after the backup will no longer be in the station (the old file is kept). If you are sure, run again with --replace.`,
          { path: target, backup: summary });
      }
      replacedMovedTo = keepAside(target, now);
    }
    try {
      recordInStaging(staging, opts.actor, now, { from: file, sha256, replacedMovedTo, schemaVersion: summary.schemaVersion });
    } catch (err) {
      if (replacedMovedTo !== null) undoKeepAside(target, replacedMovedTo);
      const reason = err instanceof Error ? err.message : String(err);
      const cause = err instanceof StationError ? { vi: err.messageVi, en: err.messageEn } : copyCause(err, dataDir);
      throw new StationError('RESTORE_FAILED', `Không chuẩn bị được bản sao lưu để khôi phục. ${cause?.vi ?? `(Lỗi kỹ thuật, tiếng Anh: ${reason}.)`} Cơ sở dữ liệu hiện tại vẫn như cũ.`,
        `Could not prepare the backup for the restore. ${cause?.en ?? `(${reason}.)`} The current database is unchanged.`, { path: file, reason });
    }
    try {
      fsyncFile(staging);
      // One rename over the old file: at every moment `station.db` is the old database or the
      // restored one, never missing (a restore killed here, a rename that antivirus refuses).
      renameSync(staging, target);
    } catch (err) {
      if (replacedMovedTo !== null) undoKeepAside(target, replacedMovedTo);
      const code = (err as NodeJS.ErrnoException).code;
      throw new StationError('RESTORE_FAILED', `Không đặt được bản sao lưu vào chỗ của ${target} (${String(code)}); cơ sở dữ liệu hiện tại vẫn như cũ. Hãy đóng mọi cửa sổ và lệnh station (và tạm dừng phần mềm diệt virus nếu cần) rồi khôi phục lại.`,
        `Could not put the backup in place of ${target} (${String(code)}); the current database is unchanged. Close every station window and command (and pause antivirus software if needed), then restore again.`,
        { path: target, code });
    }
    fsyncFolder(dataDir);
    return { path: target, from: file, sha256, replacedMovedTo, ...summary };
  } finally {
    // The staging copy before the owner file: a restore killed between the two leaves only the
    // owner, which the next open removes. Neither may hide the restore's own answer or error: a
    // staging copy an antivirus holds (EBUSY) is left to the next open, as a killed restore's is.
    try {
      removeWithCompanions(staging);
    } catch {
      /* removed at the next open or restore (restoreClaim.ts) */
    }
    try {
      release();
    } catch {
      /* an owner file left behind names a process that is gone: removed at the next open */
    }
  }
}

/** A SQLite file and what SQLite may keep beside it. */
function removeWithCompanions(path: string): void {
  for (const p of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

function nonEmptyFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

/**
 * The staging copy opened as the station opens its database (an older copy migrated, in the same
 * file that then takes the name), and the restore appended to its audit log. No copy of it is
 * taken before the upgrade: it is itself a copy, still in `backups/` or wherever it came from.
 */
function recordInStaging(staging: string, actor: string, now: Date, r: Pick<RestoreResult, 'from' | 'sha256' | 'replacedMovedTo' | 'schemaVersion'>): void {
  // Never created here: a staging copy removed meanwhile (by hand) would otherwise come back as an
  // empty station and take `station.db`'s name.
  const db = openStationDatabase(staging, { copyBeforeUpgrade: false, mustExist: true });
  try {
    db.transaction(() => {
      appendAudit(db, actor, now.toISOString(), {
        action: 'station.restore', entity: 'station', entityId: null,
        details: { file: basename(r.from), sha256: r.sha256, schemaVersion: r.schemaVersion, replacedMovedTo: r.replacedMovedTo === null ? null : basename(r.replacedMovedTo) },
      });
    }).immediate();
  } finally {
    closeStationDatabase(db);
  }
}

/**
 * Keeps the current database as `station.db.replaced-<time>` (its -wal/-shm moved beside it),
 * while `station.db` still names it until the restored file is renamed over it. A database that
 * opens is first folded into one file (journal_mode = DELETE checkpoints and removes its WAL),
 * which also proves no station program has it open: that needs the only connection. One that does
 * not open (damaged) is kept as it is, with its WAL beside the kept name: left beside `station.db`,
 * SQLite would apply it to the restored file.
 */
/**
 * A restore that failed after keepAside: the log a damaged database had beside it goes back beside
 * it (the message says the database is unchanged, and committed rows may be in that log), then the
 * second name is removed. When the log cannot be moved back, both stay as they are: the kept name
 * with its log is then the whole database.
 */
export function undoKeepAside(target: string, aside: string): void {
  try {
    for (const ext of ['-wal', '-shm']) if (existsSync(aside + ext) && !existsSync(target + ext)) renameSync(aside + ext, target + ext);
  } catch {
    return;
  }
  if (!existsSync(`${aside}-wal`)) removeQuietly(aside);
}

function keepAside(target: string, now: Date): string {
  // Two restores in one second (restoring twice) must not put the second kept file over the first.
  const stamp = `${DATABASE_FILE}.replaced-${backupFileName('manual', now).slice('station-manual-'.length, -'.db'.length)}`;
  let aside = join(dirname(target), stamp);
  for (let n = 2; existsSync(aside) || existsSync(`${aside}-wal`); n++) aside = join(dirname(target), `${stamp}-${n}`);
  let db: Database.Database | null = null;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 0 });
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      throw new StationError('RESTORE_IN_USE', 'Một chương trình khác của trạm (cửa sổ trạm hoặc lệnh station) đang mở cơ sở dữ liệu. Hãy đóng tất cả rồi khôi phục lại; không có gì thay đổi.',
        'Another station program (the station window or a station command) has the database open. Close them all, then restore again; nothing was changed.', { path: target });
    }
    // Damaged or unreadable: kept as it is.
  } finally {
    db?.close();
  }
  let kept = false;
  try {
    // A second name for the same file (a hard link: no copy, no space); a copy where the disk has
    // no links (FAT, exFAT). The restored file then takes `station.db` in one rename.
    try {
      linkSync(target, aside);
    } catch {
      copyFileSync(target, aside, fsConstants.COPYFILE_EXCL);
      fsyncFile(aside);
    }
    kept = true;
    for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) renameSync(target + ext, aside + ext);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (kept && !existsSync(`${aside}-wal`)) removeQuietly(aside);
    throw new StationError('RESTORE_IN_USE', `Không giữ lại được cơ sở dữ liệu hiện tại thành ${basename(aside)} (${String(code)}): có thể một chương trình khác đang mở nó. Hãy đóng mọi cửa sổ và lệnh station rồi khôi phục lại; không có gì thay đổi.`,
      `Could not keep the current database as ${basename(aside)} (${String(code)}): another program may have it open. Close every station window and command, then restore again; nothing was changed.`, { path: target, code });
  }
  return aside;
}
