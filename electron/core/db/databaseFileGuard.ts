/**
 * Whether the station's database file is still where it was opened (probe 16, F1). In WAL mode
 * SQLite does not notice when its file is deleted or moved away while open (its unlinked-file
 * check covers rollback journals only): writes keep going to the open, unlinked file, are
 * confirmed, and vanish when the station stops. The station remembers the file's identity (device
 * and inode) at open and checks, before each call, that the path still names that file: one
 * stat call, no read of the file.
 */
import { statSync } from 'node:fs';
import { StationError } from '../../../shared/errors.js';

/** DB_MOVED: the data folder (or the database in it) was moved, deleted or replaced while open. */
function databaseMoved(path: string, dataDir: string): StationError {
  return new StationError(
    'DB_MOVED',
    `Thư mục dữ liệu ${dataDir} đã bị di chuyển, đổi tên hoặc xóa (hoặc tệp cơ sở dữ liệu trong đó bị thay) khi trạm đang chạy. Không ghi gì thêm để tránh mất dữ liệu: hãy đưa thư mục về chỗ cũ rồi khởi động lại trạm.`,
    `The data folder ${dataDir} was moved, renamed or deleted (or its database file replaced) while the station was running. Nothing more is written, so that nothing is lost: put the folder back and restart the station.`,
    { path, dataDir },
  );
}

/**
 * The file's identity, 'gone' when nothing is at the path, or null when it cannot be told now (a
 * stat refused for a moment, as antivirus software on Windows may): only a sure answer stops calls.
 */
type Stat = (path: string) => { dev: bigint; ino: bigint };
const statFile: Stat = (path) => statSync(path, { bigint: true });

function identity(path: string, stat: Stat): string | 'gone' | null {
  try {
    const st = stat(path);
    return `${st.dev}:${st.ino}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'gone' : null;
  }
}

/**
 * Remembers the identity of the database file at `path` now (call right after opening it) and
 * returns a check that throws DB_MOVED once the path names another file, or none.
 */
export function databaseFileGuard(path: string, dataDir: string, stat: Stat = statFile): () => void {
  const opened = identity(path, stat);
  return () => {
    if (opened === null || opened === 'gone') return;
    const now = identity(path, stat);
    if (now !== null && now !== opened) throw databaseMoved(path, dataDir);
  };
}
