/**
 * Undoing the dismissal of a certificate set aside (`sync.undoDismissSetAside`, `station sync
 * --undo-dismiss <id>`; session 27). A dismissal is one click after a confirm, and the entry it hid
 * is asked for again only if it is undone: a clerk who dismissed the wrong entry (a record that
 * was being entered on another station, an entry the platform said it would mend) had no way
 * back. Undone, the entry is listed again and its page asked for again from the next pull on; the
 * row is the one kept by the dismissal, so nothing about it was lost. Audited, like the dismissal.
 */
import { StationError } from '../../../shared/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { setAsideStore } from './certificateSetAside.js';
import { notFound, type Dismissed } from './dismissSetAside.js';

/** The entry brought back; `dismissedAt`: when it had been dismissed. */
export type Undismissed = Dismissed;

function notDismissed(id: string): StationError {
  return new StationError(
    'SET_ASIDE_NOT_DISMISSED',
    `Chứng nhận để riêng ${id} chưa bị bỏ qua: nó vẫn được liệt kê và được hỏi lại mỗi lần đồng bộ, không có gì để hoàn tác.`,
    `The certificate set aside ${id} is not dismissed: it is still listed and asked for again at every sync; there is nothing to undo.`,
    { id },
  );
}

export function setAsideUndoer(store: StationStore, ports: StorePorts) {
  const aside = setAsideStore(store.db);
  return function undoDismissSetAside(id: string): Undismissed {
    return store.db.transaction((): Undismissed => {
      const entry = aside.byId(id);
      if (entry === null) throw notFound(id);
      if (entry.dismissedAt === null) throw notDismissed(id);
      aside.undismiss(entry.key);
      const now = ports.now().toISOString();
      appendAudit(store.db, ports.actor, now, {
        action: 'certificate.setAsideRestored',
        entity: 'certificate_set_aside',
        entityId: id,
        details: { recordId: entry.recordId, uvci: entry.uvci, code: entry.code, dismissedAt: entry.dismissedAt },
      });
      return { id, recordId: entry.recordId, uvci: entry.uvci, code: entry.code, dismissedAt: entry.dismissedAt };
    }).immediate();
  };
}
