/**
 * What the user is told when the disk or the database file fails (probe 16, F4/F5): stable codes
 * with Vietnamese and English text, mapped ONCE here from better-sqlite3's SqliteError `code`
 * (and a file write's ENOSPC). The RPC dispatcher and the CLI's last-resort handler use
 * `storageError`; the import and the opening of the database say the cause with `storageCause`.
 * Anything else stays the generic INTERNAL error. Codes never change meaning; add new ones instead.
 *
 * Each sentence claims only what is true wherever the fault can happen: a failed SQLite statement
 * or transaction is rolled back (SQLite guarantees it for FULL, BUSY, READONLY), so the data
 * stored before is kept; a damaged file or an I/O error gives no such guarantee and says so.
 */
import { statfsSync } from 'node:fs';
import { StationError } from '../../../shared/errors.js';
import { restoreAdvice } from './backupFiles.js';

export type StorageErrorCode = 'DB_DISK_FULL' | 'DB_BUSY' | 'DB_READONLY' | 'DB_CORRUPT' | 'DB_CANTOPEN' | 'DB_IO_ERROR';

/** Where the fault happened, when the caller knows: said in the messages. */
export interface StorageWhere {
  /** The station's data folder. */
  dataDir?: string;
  /** The database file (or the file being written). */
  path?: string;
}

/**
 * SQLite's unix VFS refuses a path of more than 512 bytes (MAX_PATHNAME), and it needs room for
 * `-journal`/`-wal`: from about 500 bytes of UTF-8 (a Vietnamese letter is 2-3 bytes) the file
 * "cannot be opened" for no other reason.
 */
const LONG_PATH_BYTES = 490;

/** Below this much free space, a disk I/O error is taken as the full disk it almost surely is. */
const NEARLY_FULL_BYTES = 256 * 1024;

/** The SQLite result code (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, ...) of a better-sqlite3 error, or null. */
function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function isCode(code: string, primary: string): boolean {
  return code === primary || code.startsWith(`${primary}_`);
}

/** Whether the folder's file system has (almost) no space left; false when that cannot be told. */
function nearlyFull(dir: string | undefined): boolean {
  if (dir === undefined) return false;
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** Which storage fault `err` is, or null when it is not one. */
export function storageFault(err: unknown, where: StorageWhere = {}): StorageErrorCode | null {
  const sys = (err as NodeJS.ErrnoException | null)?.code;
  if (sys === 'ENOSPC' || sys === 'EDQUOT') return 'DB_DISK_FULL';
  const code = sqliteCode(err);
  if (code === null) return null;
  if (isCode(code, 'SQLITE_FULL')) return 'DB_DISK_FULL';
  if (isCode(code, 'SQLITE_BUSY') || isCode(code, 'SQLITE_LOCKED')) return 'DB_BUSY';
  if (isCode(code, 'SQLITE_READONLY')) return 'DB_READONLY';
  if (isCode(code, 'SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'DB_CORRUPT';
  if (isCode(code, 'SQLITE_CANTOPEN')) return 'DB_CANTOPEN';
  if (isCode(code, 'SQLITE_IOERR')) return nearlyFull(where.dataDir) ? 'DB_DISK_FULL' : 'DB_IO_ERROR';
  return null;
}

function folderOf(where: StorageWhere): { vi: string; en: string } {
  const dir = where.dataDir;
  return dir === undefined ? { vi: 'thư mục dữ liệu của trạm', en: "the station's data folder" } : { vi: `thư mục dữ liệu ${dir}`, en: `the data folder ${dir}` };
}

/** The sentence of each fault, in each language. */
function messages(code: StorageErrorCode, where: StorageWhere): [vi: string, en: string] {
  const folder = folderOf(where);
  switch (code) {
    case 'DB_DISK_FULL':
      return [
        'Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi thử lại; dữ liệu đã lưu trước đó không bị mất',
        'The disk is full: free some space and try again; the data stored before is not lost',
      ];
    case 'DB_BUSY':
      return [
        'Một chương trình khác đang dùng cơ sở dữ liệu của trạm (ứng dụng hoặc một lệnh station khác): hãy đợi chương trình đó xong rồi thử lại; chưa có gì được ghi',
        'Another program is using the station database (the app or another station command): wait for it to finish and try again; nothing was written',
      ];
    case 'DB_READONLY':
      return [
        `Không ghi được vào cơ sở dữ liệu của trạm: tệp hoặc ổ đĩa chỉ cho phép đọc. Hãy kiểm tra quyền ghi của ${folder.vi} rồi thử lại; chưa có gì được ghi`,
        `The station database cannot be written: the file or the drive is read-only. Check that ${folder.en} can be written, then try again; nothing was written`,
      ];
    case 'DB_CORRUPT': {
      // The daily copies were each checked whole when taken: the newest is the state to go back
      // to, named with the line that restores it (the damaged file is kept aside by the restore).
      const copy = where.dataDir === undefined ? null : restoreAdvice(where.dataDir, { replace: true });
      const then = copy?.newest
        ? { vi: `. Sau khi đã sao chép giữ lại thư mục, có thể khôi phục bản sao lưu đã kiểm tra. ${copy.vi}`, en: `. Once the folder is copied, a checked backup can be restored. ${copy.en}` }
        : { vi: ' và liên hệ bộ phận hỗ trợ', en: ' and contact support' };
      return [
        `Tệp cơ sở dữ liệu của trạm bị hỏng. Hãy ngừng dùng trạm, sao chép giữ lại toàn bộ ${folder.vi} (không xóa, không sửa tệp nào)${then.vi}`,
        `The station database file is damaged. Stop using the station, keep a copy of all of ${folder.en} (delete or edit nothing)${then.en}`,
      ];
    }
    case 'DB_CANTOPEN': {
      const path = where.path ?? where.dataDir;
      const at = path === undefined ? { vi: '', en: '' } : { vi: ` ${path}`, en: ` ${path}` };
      const bytes = path === undefined ? 0 : Buffer.byteLength(path, 'utf8');
      if (bytes >= LONG_PATH_BYTES) {
        return [
          `Không mở được tệp cơ sở dữ liệu${at.vi}: đường dẫn quá dài (${bytes} byte, tối đa khoảng 500). Hãy chọn một thư mục dữ liệu có đường dẫn ngắn hơn`,
          `The database file${at.en} cannot be opened: its path is too long (${bytes} bytes, at most about 500). Choose a data folder with a shorter path`,
        ];
      }
      return [
        `Không mở được tệp cơ sở dữ liệu${at.vi}: hãy kiểm tra thư mục có tồn tại, ghi được, và đó là một tệp chứ không phải thư mục`,
        `The database file${at.en} cannot be opened: check that its folder exists and can be written, and that it is a file, not a folder`,
      ];
    }
    case 'DB_IO_ERROR':
      return [
        'Lỗi đọc/ghi ổ đĩa khi dùng cơ sở dữ liệu của trạm: hãy kiểm tra ổ đĩa (còn chỗ trống, chưa bị rút ra) rồi thử lại; nếu lỗi lặp lại, hãy sao chép giữ lại thư mục dữ liệu và liên hệ bộ phận hỗ trợ',
        'A disk read/write error while using the station database: check the drive (free space, still connected) and try again; if it happens again, keep a copy of the data folder and contact support',
      ];
  }
}

/** The fault's code and its sentence in each language, or null when `err` is not a storage fault. */
export function storageCause(err: unknown, where: StorageWhere = {}): { code: StorageErrorCode; vi: string; en: string } | null {
  const code = storageFault(err, where);
  if (code === null) return null;
  const [vi, en] = messages(code, where);
  return { code, vi, en };
}

/**
 * The StationError to show for `err` when it is a storage fault (null otherwise), with SQLite's
 * (or the system's) code and text in details for support.
 */
export function storageError(err: unknown, where: StorageWhere = {}): StationError | null {
  const cause = storageCause(err, where);
  if (cause === null) return null;
  const error = new StationError(cause.code, cause.vi, cause.en, technicalDetails(err, where));
  (error as { cause?: unknown }).cause = err;
  return error;
}

/** What support needs to know about a low-level failure: its code and English text, and where. */
function technicalDetails(err: unknown, where: StorageWhere = {}): Record<string, unknown> {
  const code = (err as { code?: unknown } | null)?.code;
  return {
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    reason: err instanceof Error ? err.message : String(err),
    ...(where.path !== undefined ? { path: where.path } : {}),
    ...(where.dataDir !== undefined ? { dataDir: where.dataDir } : {}),
  };
}
