// The record lifecycle as the store applies it (DESIGN §4): every transition with its data change
// and its audit entry in one transaction, refused transitions leaving nothing behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDurableTransaction } from '../../../electron/core/db/durableTransaction.js';
import { isStationError } from '../../../shared/errors.js';
import { auditCount, openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a StationError');
}

function actions(id: string): string[] {
  return t.store.getRecord(id).history.map((e) => e.action);
}

/** A ready record moved along the signing and sync path to `to`. */
function recordIn(state: 'ready' | 'signed' | 'submitted' | 'accepted' | 'rejected' | 'issued', input = record()): string {
  const id = t.store.createRecord(input, { source: 'form' }).record.id;
  const path = ['ready', 'signed', 'submitted', state === 'rejected' ? 'rejected' : 'accepted', 'issued'] as const;
  for (let i = 1; i < path.length && path[i - 1] !== state; i++) t.store.setRecordsState([id], path[i - 1]!, path[i]!);
  expect(t.store.getRecord(id).record.state).toBe(state);
  return id;
}

describe('createRecord', () => {
  it('stores a valid record as ready, with its person derived fields and one audit entry', () => {
    const saved = t.store.createRecord(record(), { source: 'form' });
    expect(saved.record.state).toBe('ready');
    expect(saved.findings).toEqual([]);
    expect(saved.person).toMatchObject({ familyName: 'Nguyễn', givenName: 'Văn An', fnt: 'NGUYEN', gnt: 'VAN<AN', phone: '0912345678' });
    expect(saved.record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const got = t.store.getRecord(saved.record.id);
    expect(got.history.map((e) => e.action)).toEqual(['record.create']);
    expect(got.history[0]!.details).toMatchObject({ source: 'form', state: 'ready', personCreated: true });
  });

  it('keeps a record with errors as a draft with its findings', () => {
    const saved = t.store.createRecord(record({}, { vaccinationDate: '2030-01-01' }), { source: 'form' });
    expect(saved.record.state).toBe('draft');
    expect(saved.findings.map((f) => f.code)).toContain('VACCINATION_DATE_FUTURE');
  });

  it('needs an explicit confirm for warnings: draft without, ready with', () => {
    const warned = record({ phone: '12345' });
    const a = t.store.createRecord(warned, { source: 'form' });
    expect(a.findings.map((f) => [f.code, f.severity])).toEqual([['PHONE_FORMAT', 'warning']]);
    expect(a.record.state).toBe('draft');
    const b = t.store.createRecord(record({ phone: '12345', idNumber: '079090001235', fullName: 'Trần Thị Bình', sex: 'M' }), { source: 'form', confirmWarnings: true });
    expect(b.record.state).toBe('ready');
  });

  it('refuses the same dose twice (RECORD_DUPLICATE) and a record it cannot file (RECORD_NOT_STORABLE)', () => {
    t.store.createRecord(record(), { source: 'form' });
    const before = auditCount(t.db);
    expect(code(() => t.store.createRecord(record(), { source: 'form' }))).toBe('RECORD_DUPLICATE');
    expect(code(() => t.store.createRecord(record({ idType: 'DRIVING_LICENCE' }), { source: 'form' }))).toBe('RECORD_NOT_STORABLE');
    expect(code(() => t.store.createRecord(record({ fullName: '  ' }), { source: 'form' }))).toBe('RECORD_NOT_STORABLE');
    expect(auditCount(t.db)).toBe(before);
  });

  it('takes the facility code from the settings when the dose has none', () => {
    t.store.setSetting('facility.code', 'CS01001');
    expect(t.store.createRecord(record(), { source: 'form' }).record.facilityCode).toBe('CS01001');
  });
});

describe('edits before signing: draft ↔ ready follows the findings', () => {
  it('ready → draft when edited into errors, draft → ready when fixed, each audited', () => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    const broken = t.store.updateRecord(id, { dose: { vaccinationDate: '2020-01-01' } });
    expect(broken.record.state).toBe('draft');
    expect(broken.findings.map((f) => f.code)).toContain('VACCINATION_DATE_TOO_EARLY');
    const fixed = t.store.updateRecord(id, { dose: { vaccinationDate: '2021-08-03' } });
    expect(fixed.record.state).toBe('ready');
    expect(actions(id)).toEqual(['record.create', 'record.update', 'record.unready', 'record.update', 'record.ready']);
    const upd = t.store.getRecord(id).history[1]!;
    expect(upd.details).toMatchObject({ changes: { vaccinationDate: ['2021-08-02', '2020-01-01'] } });
  });

  it('keeps a warning confirmation across edits that bring no new warning, and asks again for a new one', () => {
    const id = t.store.createRecord(record({ phone: '12345' }), { source: 'form', confirmWarnings: true }).record.id;
    expect(t.store.updateRecord(id, { dose: { lot: 'ABV9999' } }).record.state).toBe('ready');
    expect(t.store.updateRecord(id, { dose: { lot: 'xx' } }).record.state).toBe('draft');
    expect(t.store.updateRecord(id, {}, { confirmWarnings: true }).record.state).toBe('ready');
  });

  it('re-derives the name split and transliteration when the full name changes', () => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    const saved = t.store.updateRecord(id, { person: { fullName: 'Đặng Thị Hoa', sex: 'F', idNumber: '079190001234' } });
    expect(saved.person).toMatchObject({ familyName: 'Đặng', givenName: 'Thị Hoa', fnt: 'DANG', gnt: 'THI<HOA' });
    expect(saved.record.state).toBe('ready');
    expect(actions(id)).toContain('record.update');
    expect(t.store.listAudit({ limit: 10 }).some((e) => e.action === 'person.update' && e.entityId === saved.person.id)).toBe(true);
  });

  it('refuses an edit that would make it a copy of another stored dose', () => {
    t.store.createRecord(record(), { source: 'form' });
    const id = t.store.createRecord(record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }), { source: 'form' }).record.id;
    expect(code(() => t.store.updateRecord(id, { dose: { doseNumber: 1, vaccinationDate: '2021-08-02' } }))).toBe('RECORD_DUPLICATE');
  });
});

describe('signing, sync and issue transitions (setRecordsState)', () => {
  it('walks ready → signed → submitted → accepted → issued, one audit entry each', () => {
    const id = recordIn('issued');
    expect(actions(id)).toEqual(['record.create', 'record.signed', 'record.submitted', 'record.accepted', 'record.issued']);
    const signed = t.store.getRecord(id).history[1]!;
    expect(signed.details).toMatchObject({ from: 'ready', to: 'signed' });
  });

  it('submitted → rejected keeps the platform reason on the record and in the audit entry', () => {
    const id = recordIn('submitted');
    t.store.setRecordsState([{ id, details: { code: 'IDENTITY_MISMATCH', message: 'name differs' } }], 'submitted', 'rejected', { batchId: 'b1' });
    const got = t.store.getRecord(id);
    expect(got.record.state).toBe('rejected');
    expect(got.platform).toEqual({ code: 'IDENTITY_MISMATCH', message: 'name differs' });
    expect(got.history.at(-1)!.details).toMatchObject({ batchId: 'b1', code: 'IDENTITY_MISMATCH', from: 'submitted', to: 'rejected' });
  });

  const refused: [string, string, string][] = [
    ['draft', 'signed', 'INVALID_TRANSITION'],
    ['ready', 'submitted', 'INVALID_TRANSITION'],
    ['signed', 'accepted', 'INVALID_TRANSITION'],
    ['accepted', 'rejected', 'INVALID_TRANSITION'],
    ['issued', 'ready', 'INVALID_TRANSITION'],
    ['draft', 'ready', 'INVALID_TRANSITION'],
    ['signed', 'superseded', 'INVALID_TRANSITION'],
  ];
  it.each(refused)('refuses %s → %s (%s) and writes nothing', (from, to, expected) => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    const before = auditCount(t.db);
    expect(code(() => t.store.setRecordsState([id], from as never, to as never))).toBe(expected);
    expect(auditCount(t.db)).toBe(before);
    expect(t.store.getRecord(id).record.state).toBe('ready');
  });

  it('commits sign and sync transitions with synchronous=FULL, and joins a caller’s durable transaction', () => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    t.db.exec(`CREATE TEMP TABLE seen (level INTEGER);
      CREATE TEMP TRIGGER watch AFTER UPDATE OF state ON dose_records BEGIN INSERT INTO seen SELECT synchronous FROM pragma_synchronous; END;`);
    t.store.setRecordsState([id], 'ready', 'signed');
    withDurableTransaction(t.db, () => t.store.setRecordsState([id], 'signed', 'submitted'));
    expect(t.db.prepare('SELECT level FROM seen').all()).toEqual([{ level: 2 }, { level: 2 }]);
    expect(t.db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('changes all records or none: one record in the wrong state aborts the whole set (STATE_CONFLICT)', () => {
    const a = t.store.createRecord(record(), { source: 'form' }).record.id;
    const b = t.store.createRecord(record({}, { vaccinationDate: '2030-01-01', doseNumber: 2 }), { source: 'form' }).record.id;
    const before = auditCount(t.db);
    let details: unknown;
    try {
      t.store.setRecordsState([a, b, 'no-such-id'], 'ready', 'signed');
    } catch (err) {
      expect(isStationError(err) && err.code).toBe('STATE_CONFLICT');
      details = isStationError(err) ? err.details : null;
    }
    expect(details).toMatchObject({ conflicts: [{ id: b, state: 'draft' }, { id: 'no-such-id', state: null }] });
    expect(t.store.getRecord(a).record.state).toBe('ready');
    expect(auditCount(t.db)).toBe(before);
  });

  it('a failure while writing the audit entry leaves the data unchanged (one transaction)', () => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    const before = auditCount(t.db);
    t.db.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN new.action = 'record.signed' BEGIN SELECT RAISE(ABORT, 'injected'); END");
    expect(() => t.store.setRecordsState([id], 'ready', 'signed')).toThrow(/injected/);
    expect(t.store.getRecord(id).record.state).toBe('ready');
    expect(auditCount(t.db)).toBe(before);
  });

  it('a failure while writing the data leaves no audit entry (one transaction)', () => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    const before = auditCount(t.db);
    t.db.exec("CREATE TEMP TRIGGER fail_data BEFORE UPDATE OF lot ON dose_records BEGIN SELECT RAISE(ABORT, 'injected'); END");
    expect(() => t.store.updateRecord(id, { dose: { lot: 'NEW123' } })).toThrow(/injected/);
    expect(auditCount(t.db)).toBe(before);
    expect(t.store.getRecord(id).record.lot).toBe('ABV1234');
  });
});

describe('after signing: never edited, only corrected', () => {
  it.each(['signed', 'submitted', 'accepted', 'rejected', 'issued'] as const)('a record in state %s refuses edits (RECORD_LOCKED)', (state) => {
    const id = recordIn(state);
    expect(code(() => t.store.updateRecord(id, { dose: { lot: 'OTHER1' } }))).toBe('RECORD_LOCKED');
  });

  it('the database itself refuses to change a signed record’s dose data', () => {
    const id = recordIn('signed');
    expect(() => t.db.prepare('UPDATE dose_records SET lot = ? WHERE id = ?').run('X', id)).toThrow(/RECORD_LOCKED/);
  });

  it.each(['signed', 'submitted', 'accepted', 'rejected', 'issued'] as const)('correcting a record in state %s supersedes it with a new one', (state) => {
    const id = recordIn(state);
    const fixed = t.store.correctRecord(id, { dose: { lot: 'ABV7777' } }, 'lot number mistyped');
    expect(fixed.record).toMatchObject({ supersedes: id, supersedeReason: 'lot number mistyped', lot: 'ABV7777', state: 'ready' });
    const old = t.store.getRecord(id);
    expect(old.record.state).toBe('superseded');
    expect(old.record.lot).toBe('ABV1234');
    expect(old.supersededBy).toBe(fixed.record.id);
    expect(old.history.at(-1)).toMatchObject({ action: 'record.superseded', details: { by: fixed.record.id, reason: 'lot number mistyped', from: state } });
    const now = t.store.getRecord(fixed.record.id);
    expect(now.chain.map((r) => r.id)).toEqual([id, fixed.record.id]);
    expect(now.history.map((e) => e.action)).toEqual(['record.correct']);
  });

  it('a correction can fix the person, and a corrected record is not corrected twice', () => {
    const id = recordIn('accepted');
    const fixed = t.store.correctRecord(id, { person: { fullName: 'Nguyễn Văn Anh' } }, 'name misspelt');
    expect(fixed.person.fullName).toBe('Nguyễn Văn Anh');
    expect(code(() => t.store.correctRecord(id, { dose: { lot: 'AAA111' } }, 'again'))).toBe('RECORD_ALREADY_CORRECTED');
    t.store.setRecordsState([fixed.record.id], 'ready', 'signed');
    const second = t.store.correctRecord(fixed.record.id, { dose: { lot: 'ABV5555' } }, 'lot too');
    expect(t.store.getRecord(id).chain.map((r) => r.id)).toEqual([id, fixed.record.id, second.record.id]);
  });

  it('refuses a correction without a reason, of a record not signed yet, and of an unknown one', () => {
    const signed = recordIn('signed');
    const ready = t.store.createRecord(record({ idNumber: '079090009999', fullName: 'Lê Văn Cường' }), { source: 'form' }).record.id;
    const before = auditCount(t.db);
    expect(code(() => t.store.correctRecord(signed, { dose: { lot: 'X12345' } }, '  '))).toBe('CORRECTION_REASON_REQUIRED');
    expect(code(() => t.store.correctRecord(ready, { dose: { lot: 'X12345' } }, 'why'))).toBe('RECORD_NOT_SIGNED');
    expect(code(() => t.store.correctRecord('nope', {}, 'why'))).toBe('RECORD_NOT_FOUND');
    expect(auditCount(t.db)).toBe(before);
    expect(t.store.getRecord(signed).record.state).toBe('signed');
  });

  it('a person corrected through one signed dose is corrected on their other signed doses; unsigned ones follow the person', () => {
    const first = recordIn('issued');
    const second = recordIn('signed', record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }));
    const third = t.store.createRecord(record({}, { doseNumber: 3, vaccinationDate: '2022-03-10' }), { source: 'form' }).record.id;
    const fixed = t.store.correctRecord(second, { person: { fullName: 'Nguyễn Văn Anh', idNumber: '079090001235' } }, 'tên và số CCCD sai');
    expect(fixed.alsoCorrected).toHaveLength(1);
    const [again] = fixed.alsoCorrected;
    // The signed first dose is superseded by the same dose under the corrected person, with a reason naming the correction.
    expect(t.store.getRecord(first).record.state).toBe('superseded');
    const firstNow = t.store.getRecord(again!);
    expect(firstNow.record).toMatchObject({ supersedes: first, doseNumber: 1, vaccinationDate: '2021-08-02', lot: 'ABV1234', state: 'ready' });
    expect(firstNow.record.supersedeReason).toContain(`tên và số CCCD sai (đính chính cùng bản ghi ${fixed.record.id}`);
    expect(firstNow.person).toMatchObject({ fullName: 'Nguyễn Văn Anh', idNumber: '079090001235' });
    // The unsigned third dose keeps its record, follows the person, and its duplicate key takes the new number.
    expect(t.store.getRecord(third).record.state).toBe('ready');
    expect(t.db.prepare('SELECT natural_key FROM dose_records WHERE id = ?').pluck().get(third)).toMatch(/^CCCD\|079090001235\|3\|/);
    expect(code(() => t.store.createRecord(record({ idNumber: '079090001235', fullName: 'Nguyễn Văn Anh' }, { doseNumber: 3, vaccinationDate: '2022-03-10' }), { source: 'form' }))).toBe('RECORD_DUPLICATE');
    expect(t.store.verifyAudit().ok).toBe(true);
    // A correction of the dose alone changes no person, and corrects nothing else.
    t.store.setRecordsState([again!], 'ready', 'signed');
    expect(t.store.correctRecord(again!, { dose: { lot: 'ABV9999' } }, 'lot').alsoCorrected).toEqual([]);
  });

  it('a person correction that would leave another signed dose unsignable is refused whole, naming that dose', () => {
    const first = recordIn('issued');
    const second = recordIn('signed', record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }));
    const before = auditCount(t.db);
    // Born between the two doses: the first dose would be "before birth".
    let err: unknown;
    try {
      t.store.correctRecord(second, { person: { dob: '2021-08-20', idNumber: '079221001234' } }, 'ngày sinh sai');
    } catch (e) {
      err = e;
    }
    expect(isStationError(err) && err.code).toBe('CORRECTION_BREAKS_OTHER_DOSE');
    expect((err as { messageVi: string }).messageVi).toContain('mũi 1 ngày 02/08/2021');
    expect((err as { messageEn: string }).messageEn).toContain('dose 1 of 02/08/2021');
    expect(t.store.getRecord(first).record.state).toBe('issued');
    expect(t.store.getRecord(second).record.state).toBe('signed');
    expect(t.store.getRecord(second).person.dob).toBe('1990-05-12');
    expect(auditCount(t.db)).toBe(before);
  });

  it('a warning the clerk confirmed on the correction counts on the other doses it reaches; one nobody saw does not', () => {
    recordIn('issued');
    const second = recordIn('signed', record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }));
    // The phone warning is the person's: confirmed on the correction, it is confirmed on dose 1 too.
    const fixed = t.store.correctRecord(second, { person: { phone: '0123' } }, 'số điện thoại', { confirmWarnings: true });
    expect(fixed.record.state).toBe('ready');
    expect(t.store.getRecord(fixed.alsoCorrected[0]!)).toMatchObject({ record: { state: 'ready' }, warningsConfirmed: true });
    // A warning confirmed there before stays confirmed (the same phone warning, another number)...
    t.store.setRecordsState([fixed.record.id, fixed.alsoCorrected[0]!], 'ready', 'signed');
    const again = t.store.correctRecord(fixed.record.id, { person: { phone: '0456' } }, 'số điện thoại');
    expect(t.store.getRecord(again.alsoCorrected[0]!).record.state).toBe('ready');
    expect(again.record.state).toBe('draft'); // this one asks, as any correction does
    t.store.updateRecord(again.record.id, {}, { confirmWarnings: true });
    // ...but a new one nobody confirmed would leave dose 1 a draft nobody asked for: refused.
    t.store.setRecordsState([again.record.id, again.alsoCorrected[0]!], 'ready', 'signed');
    expect(code(() => t.store.correctRecord(again.record.id, { person: { fullName: 'Nguyễn Văn An 2' } }, 'tên'))).toBe('CORRECTION_BREAKS_OTHER_DOSE');
  });

  it('refuses to change the person of signed records through an edit of another of their records', () => {
    recordIn('signed');
    const second = t.store.createRecord(record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }), { source: 'form' }).record.id;
    expect(code(() => t.store.updateRecord(second, { person: { phone: '0987654321' } }))).toBe('PERSON_LOCKED');
    expect(t.store.updateRecord(second, { dose: { lot: 'ABV4444' } }).record.lot).toBe('ABV4444');
  });
});

describe('counts and settings', () => {
  it('counts records per state, every state present', () => {
    recordIn('signed');
    t.store.createRecord(record({ idNumber: '079090004321', fullName: 'Phạm Văn Dũng' }), { source: 'form' });
    expect(t.store.countByState()).toEqual({ draft: 0, ready: 1, signed: 1, submitted: 0, accepted: 0, rejected: 0, issued: 0, superseded: 0 });
  });

  it('audits settings changes, but never a secret’s value', () => {
    t.store.setSetting('facility.name', 'Trạm Y tế Phường 1');
    t.store.setSetting('platform.key', 'sk-very-secret');
    expect(t.store.getSetting('platform.key')).toBe('sk-very-secret');
    const entries = t.store.listAudit({ limit: 10 });
    expect(JSON.stringify(entries)).not.toContain('sk-very-secret');
    expect(entries[0]).toMatchObject({ action: 'settings.set', entityId: 'platform.key', details: { changed: true } });
    expect(entries[1]).toMatchObject({ details: { before: null, after: 'Trạm Y tế Phường 1' } });
    t.store.setSetting('facility.name', null);
    expect(t.store.getSetting('facility.name')).toBeNull();
    expect(code(() => t.store.setSetting('bad key!', 'x'))).toBe('SETTING_KEY_INVALID');
  });
});
