import { existsSync, statSync } from 'node:fs';
import { StationError } from '../../../shared/errors.js';
import { markStationFolder, refuseLostDatabase } from '../db/backups.js';
import { makePrivateDir } from '../privateFiles.js';
import { closeStationDatabase, openStationDatabase, stationDatabasePath } from '../db/openStationDatabase.js';
import type { StorePorts } from './ports.js';
import { createStationStore, type StationStore } from './stationStore.js';

/**
 * The store of the station whose data lives in `dataDir` (`station.db` there). `create: false`
 * refuses a folder without a database (DB_NOT_FOUND) instead of making an empty one: a read-only
 * command pointed at the wrong folder must say so, not report an empty queue.
 *
 * A `station.db` of zero bytes is refused (DB_EMPTY_FILE) unless the caller creates the database
 * (`create: true`): it is what a failed copy or restore leaves, not a new station, and taking it
 * as one reported "0 records, audit verified" and even migrated it from a read command (probe 16,
 * F7). Nothing is written to it.
 */
export function openStationStore(dataDir: string, ports: StorePorts, opts: { create?: boolean } = {}): { store: StationStore; close(): void } {
  const path = stationDatabasePath(dataDir);
  // A folder that held a station: its database gone or emptied is said as such, naming the newest copy.
  refuseLostDatabase(dataDir);
  if (opts.create === false && !existsSync(path)) {
    throw new StationError('DB_NOT_FOUND', `Không có cơ sở dữ liệu của trạm trong thư mục ${dataDir}.`,
      `There is no station database in ${dataDir}.`, { path });
  }
  if (opts.create !== true && isEmptyFile(path)) {
    throw new StationError(
      'DB_EMPTY_FILE',
      `Tệp cơ sở dữ liệu ${path} trống (0 byte): có thể việc sao chép hoặc khôi phục dữ liệu trước đó đã bị lỗi. Đừng xóa tệp này; hãy khôi phục từ bản sao lưu hoặc liên hệ bộ phận hỗ trợ.`,
      `The database file ${path} is empty (0 bytes): an earlier copy or restore of the data may have failed. Do not delete it; restore it from a backup or contact support.`,
      { path },
    );
  }
  makePrivateDir(dataDir);
  const db = openStationDatabase(path);
  markStationFolder(dataDir);
  return { store: createStationStore(db, ports), close: () => closeStationDatabase(db) };
}

function isEmptyFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size === 0;
  } catch {
    return false;
  }
}
