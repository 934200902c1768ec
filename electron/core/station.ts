/**
 * The station core's composition root: opens the queue in the data directory and wires every RPC
 * handler to it. The same core runs inside Electron's utility process, the browser host, the CLI
 * and the tests (DESIGN §2); only the transport in front of `dispatcher` differs.
 */
import { StationError } from '../../shared/errors.js';
import { markStationFolder, refuseLostDatabase } from './db/backups.js';
import { scheduleBackups, type BackupSchedule } from './db/dailyBackups.js';
import { databaseFileGuard } from './db/databaseFileGuard.js';
import { openStationDatabase, stationDatabasePath } from './db/openStationDatabase.js';
import { silentLogger, type Logger } from './logger.js';
import { makePrivateDir } from './privateFiles.js';
import { adminHandlers } from './rpc/handlers/admin.js';
import { backupHandlers } from './rpc/handlers/backups.js';
import { importHandlers, removeStaleImportFiles } from './rpc/handlers/import.js';
import { recordHandlers } from './rpc/handlers/records.js';
import { signingHandlers } from './rpc/handlers/signing.js';
import { syncHandlers } from './rpc/handlers/sync.js';
import { signingService, type SigningOptions, type SigningService } from './signing/signingService.js';
import { createDispatcher, type Dispatcher, type Handlers } from './rpc/dispatcher.js';
import { createEventHub, type EventHub } from './rpc/eventHub.js';
import { stationEventFor } from './rpc/signerEvents.js';
import { systemStorePorts, type StorePorts } from './store/ports.js';
import { createStationStore, type StationStore } from './store/stationStore.js';
import type { SyncOptions } from './sync/syncService.js';
import { TaskRegistry } from './tasks.js';

export interface StationOptions {
  dataDir: string;
  logger?: Logger;
  /** Clock, randomness and the acting user; the real ones by default. */
  ports?: StorePorts;
  /** Check results against the contract as well (tests). */
  validateResults?: boolean;
  /** How to reach the signer host (default: fork the built host on first use). */
  signing?: SigningOptions;
  /** How to reach the national platform (default: node:http/https, settings platform.url/key). */
  sync?: SyncOptions;
  /** Extra or replacement handlers. */
  handlers?: Partial<Handlers>;
  /** How long a write waits for another program's lock before DB_BUSY (default 5000 ms; tests). */
  busyTimeoutMs?: number;
  /** Daily copies into `backups/` (db/backups.ts); false: none (tests that time the station). */
  backups?: BackupSchedule | false;
}

export interface StationCore {
  readonly store: StationStore;
  readonly dispatcher: Dispatcher;
  readonly tasks: TaskRegistry;
  readonly logger: Logger;
  readonly signing: SigningService;
  /** Station-wide events (hot-plug, signer restarts, sync): every transport subscribes its connections. */
  readonly events: EventHub;
  /** Stops the signer host and closes the database. */
  close(): Promise<void>;
}

export function openStation(opts: StationOptions): StationCore {
  makePrivateDir(opts.dataDir);
  // An import's upload left by a crash would hold disk space for ever, and on a full disk keep the
  // database from opening: removed first (probe 16, F6).
  removeStaleImportFiles(opts.dataDir);
  const logger = opts.logger ?? silentLogger;
  // A folder that held a station whose database is now gone or empty is not started over.
  refuseLostDatabase(opts.dataDir);
  const dbPath = stationDatabasePath(opts.dataDir);
  const db = openStationDatabase(dbPath, opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {});
  markStationFolder(opts.dataDir);
  // The data folder deleted or moved while the station runs: WAL does not notice, and writes
  // would be confirmed, then lost (probe 16, F1). Checked before every call.
  const stillThere = databaseFileGuard(dbPath, opts.dataDir);
  const ports = opts.ports ?? systemStorePorts('user:station');
  const store = createStationStore(db, ports);
  recheckAtOpen(store, logger);
  const backups = opts.backups === false ? null : scheduleBackups(db, opts.dataDir, logger, () => ports.now(), opts.backups);
  const tasks = new TaskRegistry();
  const signing = signingService(store, ports, logger, opts.signing);
  const handlers: Partial<Handlers> = {
    ...recordHandlers(store, ports),
    ...adminHandlers(store, tasks),
    ...signingHandlers(signing, tasks),
    ...syncHandlers(store, ports, logger, tasks, opts.sync),
    ...importHandlers(store, tasks, opts.dataDir),
    ...backupHandlers(store, ports, opts.dataDir, () => backups?.status() ?? null),
    ...opts.handlers,
  };
  const events = createEventHub(logger);
  const stopSignerEvents = signing.onSignerEvent((e) => {
    const { event, data } = stationEventFor(e);
    events.publish(event, data);
  });
  // Once a call has found the file damaged, no later call reads or writes it: a write may land on
  // pages it cannot read back, and the user was told to stop and keep a copy (probe 16, F2).
  let damaged: StationError | null = null;
  const calls = createDispatcher(handlers, {
    logger,
    validateResults: opts.validateResults ?? false,
    dataDir: opts.dataDir,
    beforeCall: () => {
      if (damaged !== null) throw damaged;
      stillThere();
    },
    onStorageFault: (fault) => {
      if (fault.code === 'DB_CORRUPT') damaged = fault;
    },
  });
  // A call's station-wide events (sync.changed) reach every window through the hub.
  const dispatcher: Dispatcher = { handle: (raw, ctx) => calls.handle(raw, events.callContext(ctx)) };
  return {
    store,
    dispatcher,
    tasks,
    logger,
    signing,
    events,
    async close() {
      stopSignerEvents();
      await backups?.stop();
      await signing.close();
      db.close();
    },
  };
}

/**
 * Drafts a clock behind left "in the future" become what a fresh save makes them once their date
 * has come (store/draftRecheck.ts): at open, after a restart that set the clock right. Best
 * effort: a station that cannot write now (a read-only or full disk) still opens and says why on
 * its first write; signing checks again.
 */
function recheckAtOpen(store: StationStore, logger: Logger): void {
  try {
    const r = store.recheckDatedDrafts();
    if (r.rechecked > 0 || r.future > 0) logger.log('info', 'drafts dated in the future checked again', { ...r });
  } catch (e) {
    logger.log('warn', 'drafts dated in the future not checked again at open', { code: e instanceof StationError ? e.code : 'UNKNOWN' });
  }
}
