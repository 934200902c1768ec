import { existsSync, mkdirSync } from 'node:fs';
import { StationError } from '../../../shared/errors.js';
import { closeStationDatabase, openStationDatabase, stationDatabasePath } from '../db/openStationDatabase.js';
import type { StorePorts } from './ports.js';
import { createStationStore, type StationStore } from './stationStore.js';

/**
 * The store of the station whose data lives in `dataDir` (`station.db` there). `create: false`
 * refuses a folder without a database (DB_NOT_FOUND) instead of making an empty one: a read-only
 * command pointed at the wrong folder must say so, not report an empty queue.
 */
export function openStationStore(dataDir: string, ports: StorePorts, opts: { create?: boolean } = {}): { store: StationStore; close(): void } {
  const path = stationDatabasePath(dataDir);
  if (opts.create === false && !existsSync(path)) {
    throw new StationError('DB_NOT_FOUND', `Không có cơ sở dữ liệu của trạm trong thư mục ${dataDir}.`,
      `There is no station database in ${dataDir}.`, { path });
  }
  mkdirSync(dataDir, { recursive: true });
  const db = openStationDatabase(path);
  return { store: createStationStore(db, ports), close: () => closeStationDatabase(db) };
}
