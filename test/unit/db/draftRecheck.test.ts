// Probe 17, F4: with the PC clock two days behind, the day's doses were saved as drafts "in the
// future" and stayed so after the clock was right. recheckDatedDrafts validates again the drafts
// held back only by that finding once their date has come, as a fresh save would (its lifecycle
// transition and audit entries), and leaves alone a draft with another error; a warning nobody
// confirmed still needs its confirm.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, record, type TestStore } from './storeHarness.js';

const DAY = 86_400_000;
let t: TestStore;
beforeEach(() => {
  // 2023-01-15 in Viet Nam; the doses were given on the 17th, the PC two days behind.
  t = openTestStore();
});
afterEach(() => t.close());

const on17 = { vaccinationDate: '2023-01-17' };
function save(name: string, idNumber: string, dose: Record<string, unknown>, opts: { phone?: string; confirmWarnings?: boolean } = {}) {
  const saved = t.store.createRecord(record({ fullName: name, idNumber, ...(opts.phone ? { phone: opts.phone } : {}) }, dose), { source: 'form', confirmWarnings: opts.confirmWarnings === true });
  expect(saved.record.state).toBe('draft');
  return saved.record.id;
}
const stateOf = (id: string) => t.store.getRecord(id).record.state;
const codesOf = (id: string) => t.store.getRecord(id).findings.map((f) => f.code);

describe('recheckDatedDrafts', () => {
  it('moves the drafts held back only by a date that has come to the state a fresh save gives, each with its entries', () => {
    const plain = save('Nguyễn Văn An', '079090001234', on17);
    const unconfirmed = save('Trần Văn Bình', '079090001235', on17, { phone: '12345' });
    const confirmed = save('Lê Văn Cường', '079090001236', on17, { phone: '12345', confirmWarnings: true });
    const otherError = save('Phạm Văn Dũng', '079090001237', { ...on17, lot: 'X'.repeat(31) }, { confirmWarnings: true });
    const later = save('Hoàng Văn Em', '079090001238', { vaccinationDate: '2023-01-20' });

    // The clock still behind: nothing has come yet; all five are dated after the PC's today.
    expect(t.store.recheckDatedDrafts()).toEqual({ rechecked: 0, ready: 0, future: 5 });
    expect(stateOf(plain)).toBe('draft');

    t.ports.advance(2 * DAY);
    expect(t.store.recheckDatedDrafts()).toEqual({ rechecked: 3, ready: 2, future: 1 });
    expect([plain, unconfirmed, confirmed, otherError, later].map(stateOf)).toEqual(['ready', 'draft', 'ready', 'draft', 'draft']);
    // The stale finding is gone; the warning nobody confirmed is still there and still holds it.
    expect(codesOf(plain)).toEqual([]);
    expect(codesOf(unconfirmed)).toEqual(['PHONE_FORMAT']);
    // A draft with another error is left as it was saved.
    expect(codesOf(otherError)).toEqual(expect.arrayContaining(['LOT_TOO_LONG', 'VACCINATION_DATE_FUTURE']));
    const history = t.store.getRecord(plain).history;
    expect(history.map((e) => e.action)).toEqual(['record.create', 'record.update', 'record.ready']);
    expect(history[1]!.details).toMatchObject({ recheck: 'VACCINATION_DATE_FUTURE', findings: [], changes: {} });
    expect(t.store.getRecord(unconfirmed).history.map((e) => e.action)).toEqual(['record.create', 'record.update']);
    expect(t.store.countByState()).toMatchObject({ ready: 2, draft: 3 });

    // Done once: nothing to do again, and the chain holds.
    expect(t.store.recheckDatedDrafts()).toEqual({ rechecked: 0, ready: 0, future: 1 });
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('counts as the clock only drafts dated a real day within a week after the date of the PC (review of session 17)', () => {
    save('Nguyễn Văn An', '079090001234', { vaccinationDate: '2023-01-17' });
    // A date kept as typed, and a year typed wrong: not the clock's doing.
    save('Trần Văn Bình', '079090001235', { vaccinationDate: '31/12/2022' });
    save('Lê Văn Cường', '079090001236', { vaccinationDate: '2033-01-17' });
    expect(t.store.recheckDatedDrafts()).toEqual({ rechecked: 0, ready: 0, future: 1 });
  });

  it('passes over, for the rest of the day, a due draft a fresh save refuses, without taking the write lock again', () => {
    const stale = save('Nguyễn Văn An', '079090001234', on17);
    t.ports.advance(2 * DAY);
    // The same dose entered again once the clock was right, before anything re-checked the draft,
    // while the draft's stored key named it otherwise (as after its person's papers were edited).
    t.db.prepare("UPDATE dose_records SET natural_key = 'stale' WHERE id = ?").run(stale);
    const live = t.store.createRecord(record({ fullName: 'Nguyễn Văn An', idNumber: '079090001234' }, on17), { source: 'form', confirmWarnings: true });
    expect(live.record.id).not.toBe(stale);
    expect(t.store.recheckDatedDrafts()).toMatchObject({ rechecked: 0 });
    expect(stateOf(stale)).toBe('draft');
    // Another program holds the write lock: a re-check that needed it would wait and fail.
    const other = new Database(t.path);
    other.pragma('busy_timeout = 0');
    t.db.pragma('busy_timeout = 50');
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(t.store.recheckDatedDrafts()).toMatchObject({ rechecked: 0 });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(codesOf(stale)).toContain('VACCINATION_DATE_FUTURE');
  });
});
