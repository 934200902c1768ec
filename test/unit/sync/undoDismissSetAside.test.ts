// A dismissal of a certificate set aside had no way back (session 26 left it): an entry dismissed
// by mistake (its record being entered on another station, an entry the platform said it would
// mend) was never listed nor asked for again. Undone (session 27), it is listed and retried from
// the next pull on, with its reason; the undo is audited in the hash chain beside the dismissal;
// only a dismissed entry can be undone, and its row is the one the dismissal kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAsideStore } from '../../../electron/core/sync/certificateSetAside.js';
import { setAsideDismisser } from '../../../electron/core/sync/dismissSetAside.js';
import { setAsideUndoer } from '../../../electron/core/sync/undoDismissSetAside.js';
import { StationError } from '../../../shared/errors.js';
import { openTestStore, type TestStore } from '../db/storeHarness.js';

let t: TestStore;
beforeAll(() => {
  t = openTestStore({ actor: 'user:clerk' });
});
afterAll(() => t.close());

const STRANGER = '01900000-0000-7000-8000-0000000000ee';
const reason = { code: 'CERTIFICATE_RECORD_UNKNOWN', message_vi: 'Không có bản ghi này.', message_en: 'No such record here.' };

function refusal(fn: () => unknown): StationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StationError);
    return e as StationError;
  }
  throw new Error('not refused');
}

describe('undoing the dismissal of a certificate set aside', () => {
  it('lists it and asks for it again, keeps its reason and place, and audits the undo', () => {
    const aside = setAsideStore(t.store.db);
    const { key } = aside.put({ recordId: STRANGER, uvci: 'URN:UVCI:01:VN:X#1', hc1: 'HC1:…' }, { after: 'c20', position: 4 }, reason, '2026-11-01T00:00:00.000Z');
    const id = aside.list()[0]!.id;
    const dismissed = setAsideDismisser(t.store, t.ports)(id);
    expect([aside.count(), aside.forRetry(10)]).toEqual([0, []]);
    expect(aside.dismissedList()).toMatchObject([{ id, recordId: STRANGER, code: reason.code, dismissedAt: dismissed.dismissedAt, dismissedBy: 'user:clerk' }]);

    const undo = setAsideUndoer(t.store, t.ports);
    expect(undo(id)).toEqual({ id, recordId: STRANGER, uvci: 'URN:UVCI:01:VN:X#1', code: reason.code, dismissedAt: dismissed.dismissedAt });
    expect(aside.list()).toMatchObject([{ id, recordId: STRANGER, code: reason.code, message_en: reason.message_en, recordHeld: false }]);
    expect(aside.forRetry(10)).toMatchObject([{ key, recordId: STRANGER, after: 'c20', position: 4 }]);
    expect([aside.dismissedCount(), aside.dismissedList()]).toEqual([0, []]);
    // Nothing of the dismissal is left on the row: who dismissed it is in the audit (mutation probe, session 28).
    expect(t.store.db.prepare('SELECT dismissed_at, dismissed_by FROM certificates_set_aside WHERE key = ?').get(key)).toEqual({ dismissed_at: null, dismissed_by: null });
    // The same entry sent again is now a set-aside entry like any other, not a dismissed one.
    expect(aside.put({ recordId: STRANGER, uvci: 'URN:UVCI:01:VN:X#1', hc1: 'HC1:…' }, { after: 'c20', position: 4 }, reason, '2026-11-02T00:00:00.000Z').dismissed).toBe(false);

    const audit = t.store.listAudit({ limit: 10 }).filter((e) => e.entityId === id).map((e) => [e.action, e.actor, e.details]);
    expect(audit).toContainEqual(['certificate.setAsideRestored', 'user:clerk', { recordId: STRANGER, uvci: 'URN:UVCI:01:VN:X#1', code: reason.code, dismissedAt: dismissed.dismissedAt }]);
    expect(t.store.verifyAudit().ok).toBe(true);

    // Dismissed again and undone again: each step audited, none refused.
    setAsideDismisser(t.store, t.ports)(id);
    undo(id);
    expect(aside.count()).toBe(1);
  });

  it('refuses an entry not dismissed, and one it does not know, writing nothing', () => {
    const aside = setAsideStore(t.store.db);
    const id = aside.list()[0]!.id;
    const undo = setAsideUndoer(t.store, t.ports);
    const auditBefore = t.store.listAudit({ limit: 1000 }).length;
    const notDismissed = refusal(() => undo(id));
    expect(notDismissed.code).toBe('SET_ASIDE_NOT_DISMISSED');
    expect(notDismissed.messageVi).toContain(`Chứng nhận để riêng ${id} chưa bị bỏ qua`);
    expect(notDismissed.messageEn).toContain('there is nothing to undo');
    expect(refusal(() => undo('0123456789abcdef')).code).toBe('SET_ASIDE_NOT_FOUND');
    expect(t.store.listAudit({ limit: 1000 }).length).toBe(auditBefore);
    expect(aside.count()).toBe(1);
  });

  it('lists the dismissed latest first: the one just dismissed by mistake is the first Undo', () => {
    const aside = setAsideStore(t.store.db);
    const dismiss = setAsideDismisser(t.store, t.ports);
    const ids = ['A', 'B', 'C'].map((x, i) => {
      aside.put({ recordId: `01900000-0000-7000-8000-00000000010${i}`, uvci: `URN:UVCI:01:VN:${x}#1`, hc1: 'HC1:…' }, { after: `c${30 + i}`, position: 0 }, reason, '2026-11-03T00:00:00.000Z');
      const id = aside.list().find((e) => e.uvci === `URN:UVCI:01:VN:${x}#1`)!.id;
      t.ports.advance(60_000);
      dismiss(id);
      return id;
    });
    expect(aside.dismissedList().map((e) => e.id)).toEqual([...ids].reverse());
    for (const id of ids) setAsideUndoer(t.store, t.ports)(id);
  });
});
