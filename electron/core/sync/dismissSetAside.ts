/**
 * Dismissing a certificate set aside (`sync.dismissSetAside`, `station sync --dismiss <id>`;
 * second pass of session 26). An entry for a record this station never had, or one naming no
 * record, was listed and asked for again at every pull for ever: nothing here could settle it.
 * A clerk may now dismiss it, deliberately (the screen asks first): it is kept with who and when,
 * no longer listed nor tried again, and the dismissal is audited. No certificate is touched; a
 * good certificate the platform sends later for that record is stored as any other.
 *
 * An entry for a record held here cannot be dismissed: a person is waiting for that passport, the
 * listing is what says so, and asking again is what brings the platform's mended certificate.
 * Hiding it would leave a record unissued with nothing said (decided in docs/decisions.md).
 */
import { StationError } from '../../../shared/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { setAsideStore, type SetAsideEntry } from './certificateSetAside.js';

export interface Dismissed {
  id: string;
  recordId: string;
  uvci: string;
  code: string;
  dismissedAt: string;
}

export function notFound(id: string): StationError {
  return new StationError(
    'SET_ASIDE_NOT_FOUND',
    `Không có chứng nhận để riêng nào mang mã ${id}: có thể chứng nhận đã được lưu ở lần đồng bộ sau. Xem lại danh sách trong màn hình Đồng bộ hoặc \`station sync\`.`,
    `No certificate set aside has the id ${id}: it may have been stored at a later sync. See the list on the Sync screen or in \`station sync\`.`,
    { id },
  );
}

function alreadyDismissed(id: string, at: string): StationError {
  return new StationError(
    'SET_ASIDE_ALREADY_DISMISSED',
    `Chứng nhận để riêng ${id} đã được bỏ qua lúc ${at}.`,
    `The certificate set aside ${id} was already dismissed at ${at}.`,
    { id, dismissedAt: at },
  );
}

function recordHeld(id: string, e: SetAsideEntry): StationError {
  return new StationError(
    'SET_ASIDE_RECORD_HELD',
    `Không thể bỏ qua chứng nhận để riêng ${id}: nó dành cho bản ghi ${e.recordId} mà máy trạm này đang giữ, và người đó đang chờ chứng nhận. Mỗi lần đồng bộ sẽ hỏi lại hệ thống quốc gia; nếu lỗi ${e.code} vẫn còn, hãy báo cho hệ thống quốc gia.`,
    `The certificate set aside ${id} cannot be dismissed: it is for record ${e.recordId}, which this station holds, and that person is waiting for a certificate. Every sync asks the national platform again; if ${e.code} persists, report it to the platform.`,
    { id, recordId: e.recordId, code: e.code },
  );
}

export function setAsideDismisser(store: StationStore, ports: StorePorts) {
  const aside = setAsideStore(store.db);
  const recordHeldHere = store.db.prepare('SELECT 1 FROM dose_records WHERE id = ?').pluck();
  return function dismissSetAside(id: string): Dismissed {
    return store.db.transaction((): Dismissed => {
      const entry = aside.byId(id);
      if (entry === null) throw notFound(id);
      if (entry.dismissedAt !== null) throw alreadyDismissed(id, entry.dismissedAt);
      // Whether the record is held now, not the code it was set aside with: an entry that failed
      // its schema may still name a record here.
      if (entry.recordId !== '' && recordHeldHere.get(entry.recordId) !== undefined) throw recordHeld(id, entry);
      const now = ports.now().toISOString();
      aside.dismiss(entry.key, ports.actor, now);
      appendAudit(store.db, ports.actor, now, {
        action: 'certificate.setAsideDismissed',
        entity: 'certificate_set_aside',
        entityId: id,
        details: { recordId: entry.recordId, uvci: entry.uvci, code: entry.code },
      });
      return { id, recordId: entry.recordId, uvci: entry.uvci, code: entry.code, dismissedAt: now };
    }).immediate();
  };
}
