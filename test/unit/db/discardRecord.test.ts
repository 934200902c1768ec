// Discarding an unsigned record (session 28). DESIGN §4: a signed record is never edited or
// deleted; a draft or ready one nothing outside the station has seen may leave the queue, kept
// whole in discarded_records with a record.discard audit entry. The way out session 27 lacked: a
// person entered twice with the same dose could never be merged (MERGE_DUPLICATE_DOSE).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { auditCount, openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

function refusal(fn: () => unknown): { code: string; details: unknown; messageVi: string; messageEn: string } | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (!isStationError(err)) throw err;
    return { code: err.code, details: err.details, messageVi: err.messageVi, messageEn: err.messageEn };
  }
}

const discarded = () => t.db.prepare('SELECT record_id, state, reason, duplicate_of, row FROM discarded_records ORDER BY record_id').all() as { record_id: string; state: string; reason: string; duplicate_of: string | null; row: string }[];

describe('records.discard in the store', () => {
  it('takes a ready record out of the queue, keeps its row whole, and audits it', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const rowBefore = t.db.prepare('SELECT * FROM dose_records WHERE id = ?').get(a.record.id);
    expect(t.store.countByState().ready).toBe(1);
    const out = t.store.discardRecord(a.record.id, '  Nhập nhầm  ');
    expect(out).toMatchObject({ id: a.record.id, state: 'ready', reason: 'Nhập nhầm', duplicateOf: null });
    expect(t.db.prepare('SELECT count(*) FROM dose_records').pluck().get()).toBe(0);
    expect(t.store.countByState().ready ?? 0).toBe(0);
    const [kept] = discarded();
    expect(JSON.parse(kept!.row)).toEqual(rowBefore);
    const entry = t.store.listAudit({ limit: 1 })[0]!;
    expect(entry).toMatchObject({ action: 'record.discard', entity: 'record', entityId: a.record.id });
    expect(entry.details).toMatchObject({ state: 'ready', reason: 'Nhập nhầm', vaccine: 'ASTRAZENECA', doseNumber: 1 });
    expect(t.store.verifyAudit().ok).toBe(true);
    // The same dose typed again is a new record, not a duplicate of the one discarded.
    expect(t.store.createRecord(record(), { source: 'form' }).record.state).toBe('ready');
  });

  it('says when and why a discarded record went, to a lookup, an edit or a second discard', () => {
    const a = t.store.createRecord(record({}, { lot: '' }), { source: 'form' });
    expect(a.record.state).toBe('draft');
    t.store.discardRecord(a.record.id, 'Trùng');
    for (const fn of [() => t.store.getRecord(a.record.id), () => t.store.updateRecord(a.record.id, {}), () => t.store.discardRecord(a.record.id, 'again')]) {
      const r = refusal(fn);
      expect(r?.code).toBe('RECORD_DISCARDED');
      expect(r?.messageEn).toContain('(Trùng); it is kept');
      expect(r?.messageVi).toContain('đã bị loại bỏ');
    }
    expect(discarded()).toHaveLength(1);
  });

  it('never discards a signed record, and refuses without a reason; nothing changes', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    t.store.setRecordsState([a.record.id], 'ready', 'signed');
    const b = t.store.createRecord(record({}, { doseNumber: 2, vaccinationDate: '2021-10-02' }), { source: 'form' });
    const before = auditCount(t.db);
    const r = refusal(() => t.store.discardRecord(a.record.id, 'Trùng'));
    expect(r).toMatchObject({ code: 'RECORD_NOT_DISCARDABLE', details: { id: a.record.id, state: 'signed' } });
    expect(r?.messageEn).toMatch(/never discarded.*make a correction/);
    expect(refusal(() => t.store.discardRecord(b.record.id, '   '))?.code).toBe('DISCARD_REASON_REQUIRED');
    expect(refusal(() => t.store.discardRecord('rec_nothing', 'x'))?.code).toBe('RECORD_NOT_FOUND');
    expect(auditCount(t.db)).toBe(before);
    expect(discarded()).toEqual([]);
    expect(() => t.db.prepare("DELETE FROM dose_records WHERE id = ?").run(a.record.id)).toThrow(/RECORD_LOCKED/);
  });

  it('never discards a correction: the signed record it replaces would be left superseded by nothing', () => {
    // Review of session 28: the correction of a signed dose is a draft or ready record, and its
    // original is already `superseded`. Discarded, the dose left every live list (the person's
    // doses, eligibility, the sequence) and could not be corrected again (RECORD_ALREADY_CORRECTED).
    const a = t.store.createRecord(record(), { source: 'form' });
    t.store.setRecordsState([a.record.id], 'ready', 'signed');
    const fix = t.store.correctRecord(a.record.id, { dose: { lot: 'ABV9999' } }, 'Sai số lô');
    expect(['draft', 'ready']).toContain(fix.record.state);
    const before = auditCount(t.db);
    const r = refusal(() => t.store.discardRecord(fix.record.id, 'Nhầm'));
    expect(r).toMatchObject({ code: 'RECORD_NOT_DISCARDABLE', details: { id: fix.record.id, corrects: a.record.id } });
    expect(r?.messageEn).toContain(a.record.id);
    expect(r?.messageVi).toContain(a.record.id);
    expect(t.store.getRecord(fix.record.id).record.state).toBe(fix.record.state);
    expect(auditCount(t.db)).toBe(before);
    expect(discarded()).toEqual([]);
  });

  it('keeps a discarded row: it cannot be deleted or changed', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    t.store.discardRecord(a.record.id, 'Trùng');
    expect(() => t.db.prepare('DELETE FROM discarded_records').run()).toThrow(/RECORD_DISCARDED_KEPT/);
    expect(() => t.db.prepare("UPDATE discarded_records SET reason = 'x'").run()).toThrow(/RECORD_DISCARDED_KEPT/);
  });
});

describe('merging a person entered twice with the same dose', () => {
  it('discards the merged copy of a dose the kept person holds with the same lot, and merges', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    t.store.setRecordsState([a.record.id], 'ready', 'signed');
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', idNumber: '079090001235' }), { source: 'form', confirmWarnings: true });
    const second = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', idNumber: '079090001235' }, { doseNumber: 2, vaccinationDate: '2021-10-20', lot: 'ABV2222' }), { source: 'form', confirmWarnings: true });
    const out = t.store.mergePeople(a.person.id, b.person.id, 'Trùng người');
    expect(out).toMatchObject({ movedDoses: 2, discardedDoses: [b.record.id] });
    expect(t.store.getRecord(second.record.id).person.id).toBe(a.person.id);
    expect(t.store.getRecord(a.record.id).record.state).toBe('signed');
    expect(discarded()).toEqual([expect.objectContaining({ record_id: b.record.id, duplicate_of: a.record.id, reason: expect.stringContaining('Trùng người') })]);
    expect(refusal(() => t.store.getRecord(b.record.id))?.code).toBe('RECORD_DISCARDED');
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('folds the copy under any reason the merge takes: one of 500 UTF-16 units, emoji included', () => {
    // Review of session 28: the copy's reason (a prefix and the merge's) was cut to 500 code
    // points, but the discard's limit counts UTF-16 units: a reason with emoji (two units each)
    // made the merge fail, DISCARD_REASON_TOO_LONG, of a reason the clerk never gave a discard.
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', idNumber: '079090001235' }), { source: 'form', confirmWarnings: true });
    const reason = '\u{1F464}'.repeat(250);
    expect(reason.length).toBe(500);
    const out = t.store.mergePeople(a.person.id, b.person.id, reason);
    expect(out.discardedDoses).toEqual([b.record.id]);
    const [kept] = discarded();
    expect(kept!.reason.length).toBeLessThanOrEqual(500);
    expect(kept!.reason).toContain(a.record.id);
    // Cut between characters, never inside a surrogate pair.
    expect(kept!.reason).toBe(Array.from(kept!.reason).join(''));
    expect(kept!.reason).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never folds a moved correction: says to keep its person instead, and that way round merges', () => {
    // Review of session 28: the merged person's correction of a signed dose, the same dose as the
    // kept person's, was folded (discarded), leaving its signed original superseded by nothing.
    // Refused by discardRecord now, the merge said so in a discard's words; it says the way out.
    const a = t.store.createRecord(record({}, { lot: 'ABV9999' }), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', idNumber: '079090001235' }), { source: 'form', confirmWarnings: true });
    t.store.setRecordsState([b.record.id], 'ready', 'signed');
    const fix = t.store.correctRecord(b.record.id, { dose: { lot: 'ABV9999' } }, 'Sai số lô', { confirmWarnings: true });
    const before = auditCount(t.db);
    const r = refusal(() => t.store.mergePeople(a.person.id, b.person.id, 'Trùng người'));
    expect(r).toMatchObject({ code: 'MERGE_DUPLICATE_DOSE', details: { recordId: fix.record.id, existingId: a.record.id, corrects: b.record.id } });
    expect(r?.messageEn).toContain('Keep Nguyễn Văn Bình');
    expect(r?.messageVi).toContain('Hãy giữ Nguyễn Văn Bình');
    expect(auditCount(t.db)).toBe(before);
    expect(discarded()).toEqual([]);
    // The way round it names: the kept person's unsigned copy is the one folded.
    expect(t.store.mergePeople(b.person.id, a.person.id, 'Trùng người')).toMatchObject({ discardedDoses: [a.record.id] });
    expect(t.store.getRecord(fix.record.id).record.supersedes).toBe(b.record.id);
  });

  it('refuses a copy with another lot, naming both lots and what to do; after discarding it, merges', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', idNumber: '079090001235' }, { lot: 'ABV9999' }), { source: 'form', confirmWarnings: true });
    const before = auditCount(t.db);
    const r = refusal(() => t.store.mergePeople(a.person.id, b.person.id, 'Trùng người'));
    expect(r).toMatchObject({ code: 'MERGE_DUPLICATE_DOSE', details: { recordId: b.record.id, existingId: a.record.id, lots: ['ABV9999', 'ABV1234'] } });
    expect(r?.messageEn).toContain(`Discard the unsigned copy ${b.record.id}`);
    expect(r?.messageVi).toContain(`Hãy loại bỏ bản chưa ký ${b.record.id}`);
    expect(auditCount(t.db)).toBe(before);
    expect(t.store.getRecord(b.record.id).person.id).toBe(b.person.id);
    t.store.discardRecord(b.record.id, 'Nhập trùng, sai số lô');
    expect(t.store.mergePeople(a.person.id, b.person.id, 'Trùng người')).toMatchObject({ movedDoses: 0, discardedDoses: [] });
  });
});
