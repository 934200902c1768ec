// Session 26: a correction's reason is signed (the signed record's `reason`, at most 500). A
// correction that changed the person corrected their other signed doses with the reason and
// "(corrected with record <id>)" after it, ~124 characters more: a reason of 377 to 500 (which the
// form allows) gave those doses a signed reason past 500, and the platform refused the whole
// batch they were signed in. A reason past 500 given to the store was stored as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { auditCount, openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

function signed(input = record()): string {
  const id = t.store.createRecord(input, { source: 'form' }).record.id;
  t.store.setRecordsState([id], 'ready', 'signed');
  return id;
}

describe('a correction reason and the signed record\'s 500 characters', () => {
  it('the person\'s other doses corrected with it keep a reason within 500, cut with "…" before the record it names', () => {
    const first = signed();
    const second = signed(record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }));
    const why = `Tên sai theo CCCD: ${'người nhà đã xác nhận lại tại quầy, '.repeat(13)}`.slice(0, 480);
    const fixed = t.store.correctRecord(second, { person: { fullName: 'Nguyễn Văn Anh' } }, why);
    expect(t.store.getRecord(fixed.record.id).record.supersedeReason).toBe(why.trim());
    const [again] = fixed.alsoCorrected;
    const reason = t.store.getRecord(again!).record.supersedeReason!;
    expect(t.store.getRecord(again!).record.supersedes).toBe(first);
    expect(reason.length).toBeLessThanOrEqual(500);
    expect(reason).toMatch(new RegExp(`^Tên sai theo CCCD: người nhà .*… \\(đính chính cùng bản ghi ${fixed.record.id} / corrected with record ${fixed.record.id}\\)$`));
  });

  it('a short reason is carried whole, as before', () => {
    signed();
    const second = signed(record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }));
    const fixed = t.store.correctRecord(second, { person: { fullName: 'Nguyễn Văn Anh' } }, 'tên sai');
    expect(t.store.getRecord(fixed.alsoCorrected[0]!).record.supersedeReason).toBe(`tên sai (đính chính cùng bản ghi ${fixed.record.id} / corrected with record ${fixed.record.id})`);
  });

  it('a reason past 500 is refused, naming its length, and nothing is written', () => {
    const id = signed();
    const before = auditCount(t.db);
    let caught: unknown;
    try {
      t.store.correctRecord(id, { dose: { lot: 'ABV9999' } }, 'x'.repeat(501));
    } catch (e) {
      caught = e;
    }
    expect(isStationError(caught) && caught.code).toBe('CORRECTION_REASON_TOO_LONG');
    expect(isStationError(caught) && caught.messageEn).toContain('501');
    expect(isStationError(caught) && caught.messageVi).toContain('501');
    expect(auditCount(t.db)).toBe(before);
    expect(t.store.getRecord(id).record.state).toBe('signed');
    // 500, spaces around it trimmed, is taken.
    expect(t.store.correctRecord(id, { dose: { lot: 'ABV9999' } }, ` ${'x'.repeat(500)} `).record.supersedeReason).toHaveLength(500);
  });
});
