/**
 * Why a backup or a restore could not write its file, in words a clinic can act on. The copy's own
 * file operations fail with the system's codes (a write-protected USB stick, a `backups` that is a
 * file, a drive no longer plugged in), which storageErrors.ts, made for SQLite's codes, does not
 * know: the message showed Node's English text and the copy's `.partial` name instead.
 */
import { storageCause } from './storageErrors.js';

export interface CopyCause {
  code: string;
  /** A whole sentence, ending with its full stop. */
  vi: string;
  en: string;
}

/**
 * SQLite's unix VFS refuses a path of more than 512 bytes, and a copy's path is the data folder's
 * plus `backups/station-manual-<time>.db.<hex>.partial-journal` (~60 bytes): a station whose own
 * database opens fine can have every copy refused, which SQLite says only as "cannot open".
 */
const LONG_PATH_BYTES = 490;

/** `file`: the file the copy was writing, when known (its length tells a path too long). */
export function copyCause(err: unknown, folder: string, file?: string): CopyCause | null {
  const sys = (err as NodeJS.ErrnoException | null)?.code;
  const bytes = file === undefined ? 0 : Buffer.byteLength(file, 'utf8');
  if (typeof sys === 'string' && sys.startsWith('SQLITE_CANTOPEN') && bytes >= LONG_PATH_BYTES) {
    return {
      code: 'COPY_PATH_TOO_LONG',
      vi: `Đường dẫn của bản sao lưu quá dài (${bytes} byte, tối đa khoảng 500). Hãy chuyển thư mục dữ liệu của trạm đến chỗ có đường dẫn ngắn hơn (hoặc, với lệnh station backup, chọn --out có đường dẫn ngắn hơn).`,
      en: `The backup's path is too long (${bytes} bytes, at most about 500). Move the station's data folder to a shorter path (or, with station backup, choose a shorter --out).`,
    };
  }
  if (typeof sys === 'string' && sys.startsWith('SQLITE_CANTOPEN')) {
    return {
      code: 'COPY_CANTOPEN',
      vi: `Không tạo được tệp sao lưu trong thư mục ${folder}. Hãy kiểm tra thư mục đó còn tồn tại và ghi được.`,
      en: `The backup file could not be created in ${folder}. Check that the folder exists and can be written.`,
    };
  }
  switch (sys) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return {
        code: 'COPY_READONLY',
        vi: `Không ghi được vào thư mục ${folder}: ổ đĩa chỉ cho phép đọc hoặc không có quyền ghi (USB có thể đang gạt khóa ghi). Hãy chọn thư mục hoặc ổ đĩa khác.`,
        en: `The folder ${folder} cannot be written: the drive is read-only or writing is not allowed (a USB stick may be write-protected). Choose another folder or drive.`,
      };
    case 'EEXIST':
    case 'ENOTDIR':
      return {
        code: 'COPY_NOT_A_FOLDER',
        vi: `${folder} (hoặc một thư mục trên đường dẫn của nó) là một tệp chứ không phải thư mục. Hãy đổi tên hoặc chuyển tệp đó đi, hoặc chọn thư mục khác.`,
        en: `${folder} (or a folder on its path) is a file, not a folder. Rename or move that file away, or choose another folder.`,
      };
    case 'ENOENT':
      return {
        code: 'COPY_NO_FOLDER',
        vi: `Không tìm thấy ổ đĩa hoặc thư mục ${folder}. Nếu đó là USB, hãy kiểm tra USB đã được cắm và nhận ổ chưa.`,
        en: `The drive or folder ${folder} was not found. If it is a USB stick, check that it is plugged in and shows as a drive.`,
      };
    case 'ENAMETOOLONG':
      return {
        code: 'COPY_PATH_TOO_LONG',
        vi: `Đường dẫn trong thư mục ${folder} quá dài. Hãy chọn thư mục có đường dẫn ngắn hơn.`,
        en: `The path in ${folder} is too long. Choose a folder with a shorter path.`,
      };
  }
  const cause = storageCause(err, { dataDir: folder });
  return cause === null ? null : { code: cause.code, vi: `${cause.vi}.`, en: `${cause.en}.` };
}
