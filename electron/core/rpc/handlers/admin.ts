/** RPC handlers for the station's status, settings, audit log and task cancellation. */
import { STATION_VERSION } from '../../../../shared/version.js';
import { verifyAuditAside } from '../../db/backups.js';
import { setSettingChecked } from '../../settingsRules.js';
import type { StationStore } from '../../store/stationStore.js';
import type { TaskRegistry } from '../../tasks.js';
import type { Handlers } from '../dispatcher.js';

type AdminHandlers = Pick<Handlers, 'station.status' | 'settings.get' | 'settings.set' | 'audit.list' | 'audit.verify' | 'tasks.cancel'>;

/** Settings that are written but never read back over RPC: the renderer only learns they are set. */
const SECRET_SETTINGS = new Set(['platform.key']);
export const SECRET_PLACEHOLDER = '********';

export function adminHandlers(store: StationStore, tasks: TaskRegistry): AdminHandlers {
  return {
    'station.status': () => ({
      counts: store.countByState(),
      facility: { code: store.getSetting('facility.code'), name: store.getSetting('facility.name') },
      version: STATION_VERSION,
    }),
    'settings.get': ({ key }) => {
      const value = store.getSetting(key);
      return { key, value: SECRET_SETTINGS.has(key) && value !== null ? SECRET_PLACEHOLDER : value };
    },
    'settings.set': ({ key, value, confirmUnsynced }) => {
      setSettingChecked(store, key, value, { confirmUnsynced: confirmUnsynced === true });
      // What was stored, which may differ from what was sent (a module path's quotes dropped).
      const stored = store.getSetting(key);
      return { key, value: SECRET_SETTINGS.has(key) && stored !== null ? SECRET_PLACEHOLDER : stored };
    },
    'audit.list': ({ limit, beforeSeq }) => ({
      entries: store
        .listAudit(beforeSeq === undefined ? { limit } : { limit, beforeSeq })
        .map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, details: e.details, hash: e.hash })),
    }),
    'audit.verify': async () => {
      // On the check worker, from its own read-only connection: at 1M entries the walk takes ~40 s,
      // which on this thread froze the window (session 19). Here only where no worker can run.
      const v = (await verifyAuditAside(store.db.name)) ?? store.verifyAudit();
      return { ok: v.ok, entries: v.entries, brokenAt: v.brokenAt, reason: v.reason === null ? null : `${v.reason_vi ?? v.reason} / ${v.reason}` };
    },
    'tasks.cancel': ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
  };
}
