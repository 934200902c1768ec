/**
 * A restore refuses a copy of another facility's station (backups.ts, `restoreStation`). A copy
 * carries its facility's settings (code, name, the platform key): restored over this clinic's
 * station, the clinic would go on entering and signing with its own token under the other
 * facility's code and key, and the two facilities' queues would mix on the national platform.
 * A USB stick passed between clinics makes that an easy mistake, and `--replace` does not tell.
 */
import Database from 'better-sqlite3';
import { StationError } from '../../../shared/errors.js';

export interface Facility {
  code: string;
  name: string | null;
}

/** The facility a station file is set up for; null when it has none yet or cannot be read. */
export function facilityOf(path: string): Facility | null {
  let db: Database.Database | null = null;
  try {
    // Read-write though it only reads: a read-only connection to a WAL file leaves -wal and -shm
    // beside it, and a refused restore is to leave the folder as it was.
    db = new Database(path, { fileMustExist: true, timeout: 1000 });
    const get = (key: string) => (db!.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
    const code = get('facility.code');
    return code === null || code === '' ? null : { code, name: get('facility.name') };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** RESTORE_OTHER_FACILITY when both are set up and for different facilities. */
export function refuseOtherFacility(dataDir: string, station: Facility | null, copy: Facility | null): void {
  if (station === null || copy === null || station.code === copy.code) return;
  const named = (f: Facility) => (f.name === null ? f.code : `${f.code} (${f.name})`);
  throw new StationError('RESTORE_OTHER_FACILITY',
    `Bản sao lưu là của cơ sở ${named(copy)}, còn trạm trong thư mục ${dataDir} là của cơ sở ${named(station)}. Không khôi phục, để dữ liệu hai cơ sở không bị trộn và trạm không ký bằng mã cơ sở khác; không có gì thay đổi. Nếu đúng là máy này từ nay dùng cho cơ sở ${copy.code}, hãy chuyển cả thư mục dữ liệu sang chỗ khác rồi khôi phục vào thư mục trống.`,
    `The backup is of facility ${named(copy)}, but the station in ${dataDir} is facility ${named(station)}'s. It was not restored, so that the two facilities' data do not mix and the station does not sign under another facility's code; nothing was changed. If this PC is now to serve facility ${copy.code}, move the whole data folder elsewhere, then restore into the empty folder.`,
    { station: station.code, backup: copy.code });
}
