/**
 * The copies in `<data dir>/backups/`: their names, the list, and the sentence that tells the user
 * which one to restore and how. Apart from backups.ts (copying, checking, restoring) because what
 * a failed open says needs it too (storageErrors.ts: a damaged `station.db` names the newest copy,
 * as a missing or emptied one does), without the copy's machinery.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineArgument } from '../../../shared/commandLine.js';
import { VIETNAM_OFFSET_MS, vietnamTime } from '../../../shared/domain/dates.js';

export const BACKUP_FOLDER = 'backups';

export interface BackupFile {
  path: string;
  bytes: number;
  /** When the copy was taken by the station's clock (ISO, UTC), from its name: copying the file keeps it. */
  takenAt: string;
  /** `daily` (kept 7), `upgrade` (taken before a migration), or `manual` (`station backup`). */
  kind: 'daily' | 'upgrade' | 'manual';
}

const NAME = /^station-(daily|upgrade|manual)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-v\d+)?\.db$/;

/** `station-daily-20261124-104500.db`: the kind, then Viet Nam time, so names sort and read as the clinic's day. */
export function backupFileName(kind: BackupFile['kind'], at: Date, suffix = ''): string {
  const vn = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  const stamp = `${vn.slice(0, 10).replaceAll('-', '')}-${vn.slice(11, 19).replaceAll(':', '')}`;
  return `station-${kind}-${stamp}${suffix}.db`;
}

/** The copies in `<dataDir>/backups/`, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = join(dataDir, BACKUP_FOLDER);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (m === null) continue;
    try {
      const st = statSync(join(dir, name));
      const vn = Date.parse(`${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}Z`);
      if (st.isFile() && !Number.isNaN(vn)) {
        files.push({ path: join(dir, name), bytes: st.size, takenAt: new Date(vn - VIETNAM_OFFSET_MS).toISOString(), kind: m[1] as BackupFile['kind'] });
      }
    } catch {
      // Removed meanwhile.
    }
  }
  return files.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : b.path.localeCompare(a.path)));
}

/**
 * The newest copy and the exact line that restores it, in each language; or that there is none.
 * `replace`: the line carries `--replace`, for a `station.db` that is still there (damaged) and
 * that the restore keeps aside. The folder is named in the line: without it `station` restores
 * into its default folder, not this one when the station was set up elsewhere. Each path is quoted
 * so that the line pastes as it is (shared/commandLine.ts).
 */
export function restoreAdvice(dataDir: string, opts: { replace: boolean }): { vi: string; en: string; newest: BackupFile | null } {
  const newest = listBackups(dataDir)[0] ?? null;
  if (newest === null) {
    return {
      vi: 'Trong thư mục backups không có bản sao lưu nào; hãy khôi phục từ bản sao lưu khác hoặc liên hệ bộ phận hỗ trợ.',
      en: 'There is no backup in the backups folder; restore one from elsewhere or contact support.',
      newest,
    };
  }
  const arg = (text: string) => commandLineArgument(text, process.platform === 'win32');
  const line = `station --data-dir ${arg(dataDir)} restore ${arg(newest.path)}${opts.replace ? ' --replace' : ''}`;
  const after = opts.replace
    ? { vi: ' (những gì nhập sau thời điểm đó cần nhập lại; tệp hỏng được giữ lại bên cạnh)', en: ' (what was entered after that time must be entered again; the damaged file is kept beside it)' }
    : { vi: '', en: '' };
  return {
    vi: `Bản sao lưu mới nhất: ${newest.path}, lúc ${vietnamTime(newest.takenAt)}${after.vi}; khôi phục bằng lệnh: ${line}`,
    en: `The newest backup is ${newest.path}, taken ${vietnamTime(newest.takenAt)}${after.en}; restore it with: ${line}`,
    newest,
  };
}
