/** RPC handlers for the station's checked copies (db/backups.ts): the list (with the databases restores replaced), and a copy now. */
import { basename, join } from 'node:path';
import { BACKUP_FOLDER, backupFileName, backupStation, listBackups } from '../../db/backups.js';
import type { DailyBackupStatus } from '../../db/dailyBackups.js';
import { stationDatabasePath } from '../../db/openStationDatabase.js';
import { replacedSummary } from '../../db/replacedFiles.js';
import type { StorePorts } from '../../store/ports.js';
import type { StationStore } from '../../store/stationStore.js';
import type { Handlers } from '../dispatcher.js';

type BackupHandlers = Pick<Handlers, 'backups.list' | 'backups.create'>;

/** `daily`: what the app's schedule last did (db/dailyBackups.ts scheduleBackups), null when none runs. */
export function backupHandlers(store: StationStore, ports: StorePorts, dataDir: string, daily: () => DailyBackupStatus | null = () => null): BackupHandlers {
  return {
    'backups.list': () => ({
      folder: join(dataDir, BACKUP_FOLDER),
      items: listBackups(dataDir).map((b) => ({ ...b, name: basename(b.path) })),
      daily: daily(),
      replaced: replacedSummary(stationDatabasePath(dataDir)),
    }),
    'backups.create': async () => {
      const now = ports.now();
      const r = await backupStation(store.db, join(dataDir, BACKUP_FOLDER, backupFileName('manual', now)), now);
      return {
        name: basename(r.path), path: r.path, bytes: r.bytes, takenAt: r.takenAt, kind: 'manual' as const,
        people: r.people, records: r.records, batches: r.batches, certificates: r.certificates, auditEntries: r.auditEntries,
      };
    },
  };
}
