/** RPC handlers for sync, identity checks, certificates and verification (DESIGN §6–§8). */
import type { Logger } from '../../logger.js';
import type { StorePorts } from '../../store/ports.js';
import type { StationStore } from '../../store/stationStore.js';
import { certificateRevocation } from '../../sync/certificateRevocation.js';
import { certificateViews } from '../../sync/certificateViews.js';
import { setAsideDismisser } from '../../sync/dismissSetAside.js';
import { setAsideUndoer } from '../../sync/undoDismissSetAside.js';
import { syncService, type SyncOptions } from '../../sync/syncService.js';
import { verifyDccInput } from '../../sync/verifyDccInput.js';
import type { TaskRegistry } from '../../tasks.js';
import type { Handlers } from '../dispatcher.js';

type SyncHandlers = Pick<Handlers, 'sync.status' | 'sync.run' | 'sync.dismissSetAside' | 'sync.undoDismissSetAside' | 'identity.verify' | 'certificates.list' | 'certificates.get' | 'dcc.verify'>;

export function syncHandlers(store: StationStore, ports: StorePorts, logger: Logger, tasks: TaskRegistry, opts: SyncOptions = {}): SyncHandlers {
  const sync = syncService(store, ports, logger, opts);
  const views = certificateViews(store);
  const revocations = certificateRevocation(store.db);
  const dismiss = setAsideDismisser(store, ports);
  const undoDismiss = setAsideUndoer(store, ports);
  return {
    'sync.status': () => sync.status(),
    // A run asked for by a person ("sync now"): the oldest batch is tried at once, whatever its
    // backoff says; a Retry-After from the platform is still honoured.
    'sync.run': ({ taskId }, ctx) =>
      tasks.run(taskId, async (signal) => {
        const id = taskId ?? 'sync';
        const result = await sync.run({
          force: true,
          signal,
          onProgress: (done, total, message) => ctx.emit('progress', { taskId: id, task: 'sync', done, total, message }),
        });
        ctx.emit('sync.changed', { pendingBatches: result.status.pendingBatches, lastContactAt: result.status.lastContactAt });
        return result;
      }),
    'sync.dismissSetAside': ({ id }, ctx) => {
      const dismissed = dismiss(id);
      const status = sync.status();
      ctx.emit('sync.changed', { pendingBatches: status.pendingBatches, lastContactAt: status.lastContactAt });
      return { dismissed, status };
    },
    'sync.undoDismissSetAside': ({ id }, ctx) => {
      const restored = undoDismiss(id);
      const status = sync.status();
      ctx.emit('sync.changed', { pendingBatches: status.pendingBatches, lastContactAt: status.lastContactAt });
      return { restored, status };
    },
    'identity.verify': ({ personIds }) => sync.verifyIdentity(personIds ? { personIds } : {}),
    'certificates.list': ({ search, expired, limit, offset }) => views.list({ limit, offset, ...(search !== undefined ? { search } : {}), ...(expired !== undefined ? { expired } : {}) }, ports.now()),
    'certificates.get': async ({ recordId }) => {
      const { person: _person, ...view } = await views.get(recordId, await sync.trust(), ports.now());
      return view;
    },
    'dcc.verify': async (input) => revocations.markRevoked(await verifyDccInput(input, await sync.trust(), ports.now(), sync.trustRefreshedAt())),
  };
}
