// DESIGN §3 person matching: the same id number is the same person only with the same name and
// date of birth; anything else is a likely duplicate, reported with a reason and never merged
// silently; merging is explicit, audited, and keeps the history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

const secondDose = { doseNumber: 2, vaccinationDate: '2021-09-10', lot: 'ABV2222' };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a StationError');
}

describe('matching a record to a person', () => {
  it('files a second dose with the same id, name and date of birth under the same person', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    // Typed without diacritics and with the id in groups: still the same person.
    const b = t.store.createRecord(record({ fullName: 'nguyen van an', idNumber: '079 090 001 234' }, secondDose), { source: 'form' });
    expect(b.person.id).toBe(a.person.id);
    expect(b.person.fullName).toBe('Nguyễn Văn An');
    expect(b.findings).toEqual([]);
  });

  it('keeps the same id number with another name apart, warns, and lists the pair', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', dob: '1990-06-12' }, secondDose), { source: 'form' });
    expect(b.person.id).not.toBe(a.person.id);
    expect(b.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_ID_CONFLICT');
    expect(b.record.state).toBe('draft');
    const { pairs } = t.store.findDuplicatePeople();
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ code: 'SAME_ID_NUMBER', a: { id: a.person.id }, b: { id: b.person.id } });
    expect(pairs[0]!.reason_en).toContain('079090001234');
    expect(pairs[0]!.reason_vi).toContain('Cùng số CCCD');
  });

  it('keeps the same id number and name with another date of birth apart, and warns', () => {
    // A mistyped birth date or a namesake under a recycled number: never filed silently under the
    // person already stored, whose doses and certificate the record would then join.
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ dob: '1990-06-12' }, secondDose), { source: 'form' });
    expect(b.person.id).not.toBe(a.person.id);
    expect(b.person.dob).toBe('1990-06-12');
    expect(t.store.getPerson(a.person.id)?.dob).toBe(a.person.dob);
    expect(b.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_ID_CONFLICT');
    expect(t.store.findDuplicatePeople().pairs.map((p) => p.code)).toEqual(['SAME_ID_NUMBER']);
  });

  it('warns about the same name, date of birth and phone under another id number, and lists the pair', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C1234567' }, secondDose), { source: 'form' });
    expect(b.person.id).not.toBe(a.person.id);
    expect(b.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_LIKELY');
    expect(t.store.findDuplicatePeople().pairs.map((p) => p.code)).toEqual(['SAME_NAME_DOB_PHONE']);
  });

  it.each([
    ['one digit different', '079090001284'],
    ['two neighbouring digits swapped', '079090002134'],
  ])('warns about the same name and date of birth, no phone, and an id number %s, and lists the pair', (_what, slipped) => {
    const a = t.store.createRecord(record({ phone: '' }), { source: 'form' });
    const b = t.store.createRecord(record({ phone: '', idNumber: slipped }, secondDose), { source: 'form' });
    expect(b.person.id).not.toBe(a.person.id);
    const likely = b.findings.find((f) => f.code === 'DUPLICATE_PERSON_LIKELY');
    expect(likely?.message_vi).toContain('chỉ khác một chữ số (079090001234');
    expect(likely?.message_en).toContain('differs by one digit (079090001234');
    expect(t.store.findDuplicatePeople().pairs).toMatchObject([{ code: 'SAME_NAME_DOB_ID_SLIP', a: { id: a.person.id }, b: { id: b.person.id } }]);
  });

  it('does not take id numbers further apart, or another name, for a slip', () => {
    t.store.createRecord(record({ phone: '' }), { source: 'form' });
    const far = t.store.createRecord(record({ phone: '', idNumber: '079090005678' }, secondDose), { source: 'form' });
    const other = t.store.createRecord(record({ phone: '', idNumber: '079090001235', fullName: 'Nguyễn Văn Bình' }, secondDose), { source: 'form' });
    for (const r of [far, other]) expect(r.findings.map((f) => f.code)).not.toContain('DUPLICATE_PERSON_LIKELY');
    expect(t.store.findDuplicatePeople().pairs).toEqual([]);
  });

  it('files a whole date of birth under the person stored with its year, and writes the whole date (audited)', () => {
    const a = t.store.createRecord(record({ dob: '1990' }), { source: 'form' });
    const b = t.store.createRecord(record({}, secondDose), { source: 'form' });
    expect(b.person.id).toBe(a.person.id);
    expect(b.person.dob).toBe('1990-05-12');
    expect(b.findings.map((f) => f.code)).toEqual(['DOB_MORE_EXACT']);
    const entry = t.db.prepare("SELECT details FROM audit_log WHERE action = 'person.update'").get() as { details: string };
    expect(JSON.parse(entry.details)).toMatchObject({ changes: { dob: ['1990', '1990-05-12'] } });
    // The form's live check says the same, writing nothing.
    expect(t.store.validateInput(record({}, { doseNumber: 3, vaccinationDate: '2022-01-10' })).findings).toEqual([]);
    expect(t.store.findDuplicatePeople().pairs).toEqual([]);
  });

  it('lists a CMND and a CCCD with the same name and whole date of birth, without a phone, as one person who changed papers', () => {
    // The row's warning said it at entry; the duplicates list is where someone merges them later.
    const a = t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456', phone: '' }), { source: 'form' });
    const b = t.store.createRecord(record({ phone: '' }, secondDose), { source: 'form', confirmWarnings: true });
    expect(b.person.id).not.toBe(a.person.id);
    const { pairs } = t.store.findDuplicatePeople();
    expect(pairs).toMatchObject([{ code: 'SAME_NAME_DOB_PAPERS_CHANGED', a: { id: a.person.id }, b: { id: b.person.id } }]);
    expect(pairs[0]!.reason_vi).toContain('CMND 025123456');
    expect(pairs[0]!.reason_en).toContain('CCCD 079090001234');
  });

  it('does not list a CMND and a CCCD on a year of birth alone, or with another name', () => {
    t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456', phone: '', dob: '1990' }), { source: 'form' });
    t.store.createRecord(record({ phone: '', dob: '1990' }, secondDose), { source: 'form', confirmWarnings: true });
    t.store.createRecord(record({ idType: 'CMND', idNumber: '025123457', phone: '', fullName: 'Nguyễn Văn Bình' }), { source: 'form' });
    expect(t.store.findDuplicatePeople().pairs.map((p) => p.code)).not.toContain('SAME_NAME_DOB_PAPERS_CHANGED');
  });

  it('refuses to store under a CCCD the dose already stored under the CMND it replaced', () => {
    const a = t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456', phone: '' }), { source: 'form' });
    const b = t.store.createRecord(record({ phone: '' }), { source: 'form', confirmWarnings: true });
    expect(b.record.state).toBe('draft');
    const same = b.findings.find((f) => f.code === 'DOSE_RECORDED_UNDER_OTHER_ID')!;
    expect(same.severity).toBe('error');
    expect(same.message_en).toContain(`record ${a.record.id}, person id ${a.person.id}`);
  });

  it('sees the other doses of the person: the same dose number twice is an error', () => {
    t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({}, { vaccinationDate: '2021-09-10', lot: 'ABV3333' }), { source: 'form' });
    expect(b.findings.map((f) => f.code)).toContain('DOSE_DUPLICATE_NUMBER');
  });
});

describe('mergePeople', () => {
  it('moves the doses, marks the merged person, audits the merge and each moved record, and clears the pair', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình' }, secondDose), { source: 'form' });
    t.store.setRecordsState([a.record.id], 'ready', 'signed');
    const result = t.store.mergePeople(a.person.id, b.person.id, 'same person, name typed wrong');
    expect(result).toMatchObject({ person: { id: a.person.id }, movedDoses: 1 });
    expect(t.store.getRecord(b.record.id).person.id).toBe(a.person.id);
    expect(t.store.getRecord(b.record.id).history.find((h) => h.action === 'record.reassign')).toMatchObject({
      action: 'record.reassign', details: { fromPerson: b.person.id, toPerson: a.person.id, reason: 'same person, name typed wrong' },
    });
    expect(t.store.listAudit({ limit: 5 }).map((e) => e.action)).toEqual(expect.arrayContaining(['person.merge', 'person.merged']));
    expect(t.store.findDuplicatePeople().pairs).toEqual([]);
    // The merged person stays in the database (history), and typing them again files under the kept one.
    expect(t.store.getPerson(b.person.id)?.fullName).toBe('Nguyễn Văn Bình');
    const again = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình' }, { doseNumber: 3, vaccinationDate: '2022-02-01', vaccine: 'PFIZER', lot: 'FK1234' }), { source: 'form' });
    expect(again.person.id).toBe(a.person.id);
  });

  it('a merged person is no longer a duplicate: the kept person\'s next dose has nothing to confirm', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình' }, secondDose), { source: 'form' });
    t.store.mergePeople(a.person.id, b.person.id, 'same person, name typed wrong');
    // The merged row keeps the same id number under the old name: it must not be compared again.
    const next = t.store.createRecord(record({}, { doseNumber: 3, vaccinationDate: '2022-02-01', vaccine: 'PFIZER', lot: 'FK1234' }), { source: 'form' });
    expect(next.person.id).toBe(a.person.id);
    expect(next.findings).toEqual([]);
    expect(next.record.state).toBe('ready');
  });

  it('re-checks the moved doses against the kept person: a second dose 1 goes back to draft', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình' }, { vaccinationDate: '2021-08-20', lot: 'ABV3333' }), { source: 'form', confirmWarnings: true });
    expect(b.record.state).toBe('ready');
    const result = t.store.mergePeople(a.person.id, b.person.id, 'same person, name typed wrong');
    const moved = t.store.getRecord(b.record.id);
    expect(moved.record.state).toBe('draft');
    // Said in the merge's answer (session 28): the screen said only "1 dose moved", and a ready
    // record held back from signing with nothing to say so.
    // The kept person's own dose 1 too: both are the second of the other.
    expect(t.store.getRecord(a.record.id).record.state).toBe('draft');
    expect(result.backToDraft).toEqual([a.record.id, b.record.id]);
    expect(moved.findings.map((f) => f.code)).toContain('DOSE_DUPLICATE_NUMBER');
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  // Fuzz of session 27: the same dose entered under both (the usual double entry) refused the
  // merge as "This dose is already in the queue", a message about saving a dose, not merging.
  // Session 28: the same lot too is folded (discardRecord.test.ts); another lot is refused.
  it('refuses to merge two people holding the same dose with another lot, naming both records, and changes nothing', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình', idNumber: '079090001235' }, { lot: 'ABV9999' }), { source: 'form', confirmWarnings: true });
    let refusal: unknown = null;
    try {
      t.store.mergePeople(a.person.id, b.person.id, 'same person, name typed wrong');
    } catch (err) {
      refusal = err;
    }
    expect(isStationError(refusal) && [refusal.code, refusal.details]).toEqual(['MERGE_DUPLICATE_DOSE', { recordId: b.record.id, existingId: a.record.id, lots: ['ABV9999', 'ABV1234'] }]);
    const e = refusal as { messageVi: string; messageEn: string };
    expect(e.messageVi).toContain(`Chưa gộp: mũi tiêm ${b.record.id} của Nguyễn Văn Bình trùng với mũi ${a.record.id}`);
    expect(e.messageEn).toContain(`Not merged: dose ${b.record.id} of Nguyễn Văn Bình is the same as dose ${a.record.id}`);
    expect(t.store.getRecord(b.record.id).person.id).toBe(b.person.id);
    expect(t.store.getRecord(b.record.id).history.map((h) => h.action)).not.toContain('record.reassign');
  });

  it('refuses a merge without reason, with itself, of an unknown or already merged person', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình' }, secondDose), { source: 'form' });
    expect(code(() => t.store.mergePeople(a.person.id, b.person.id, ' '))).toBe('MERGE_REASON_REQUIRED');
    expect(code(() => t.store.mergePeople(a.person.id, a.person.id, 'x'))).toBe('MERGE_SAME_PERSON');
    expect(code(() => t.store.mergePeople(a.person.id, 'nobody', 'x'))).toBe('PERSON_NOT_FOUND');
    t.store.mergePeople(a.person.id, b.person.id, 'same');
    expect(code(() => t.store.mergePeople(a.person.id, b.person.id, 'again'))).toBe('PERSON_ALREADY_MERGED');
  });

  it('names the people, not their ids, when a pair is out of date: merged meanwhile, then merged on (session 28)', () => {
    // The screen lists a, b and c as one person entered three times; the clerk merges a into b,
    // then b into c, then acts on the stale pair (a, c).
    const a = t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456' }), { source: 'form', confirmWarnings: true });
    const b = t.store.createRecord(record({}, secondDose), { source: 'form', confirmWarnings: true });
    const c = t.store.createRecord(record({ idNumber: '079090001243' }, { doseNumber: 3, vaccinationDate: '2022-03-20' }), { source: 'form', confirmWarnings: true });
    t.store.mergePeople(b.person.id, a.person.id, 'CMND đổi sang CCCD');
    t.store.mergePeople(c.person.id, b.person.id, 'gõ nhầm số');
    let refusal: unknown = null;
    try {
      t.store.mergePeople(c.person.id, a.person.id, 'x');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toMatchObject({ code: 'PERSON_ALREADY_MERGED', details: { id: a.person.id, mergedInto: b.person.id, keptId: c.person.id } });
    const { messageVi, messageEn } = refusal as { messageVi: string; messageEn: string };
    // Who, by name and papers, and who holds their doses now (the end of the chain), not a UUID.
    expect(messageVi).toBe('Nguyễn Văn An (CMND 025123456) đã được gộp vào Nguyễn Văn An (CCCD 079090001243) trước đó. Danh sách người trùng đã cũ: hãy tải lại danh sách và chọn lại.');
    expect(messageEn).toBe('Nguyễn Văn An (CMND 025123456) was already merged into Nguyễn Văn An (CCCD 079090001243). The duplicates list was out of date: reload it and choose again.');
    expect(messageVi + messageEn).not.toContain(a.person.id);
  });

  it('no longer lists a pair the clerk says are two people, keeps why, audits it, and lists the pairs behind it (session 28)', () => {
    // Namesakes born the same day, one with a CMND, one with a CCCD: listed, and two people.
    const a = t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456', phone: null }), { source: 'form', confirmWarnings: true });
    const b = t.store.createRecord(record({ phone: null }, secondDose), { source: 'form', confirmWarnings: true });
    const c = t.store.createRecord(record({ fullName: 'Trần Thị Bình', idNumber: '079190001111' }), { source: 'form', confirmWarnings: true });
    t.store.createRecord(record({ fullName: 'Trần Thị Bình', idNumber: '079190001111', dob: '1991-01-01' }, secondDose), { source: 'form', confirmWarnings: true });
    expect(t.store.findDuplicatePeople({ limit: 1 }).pairs.map((p) => p.code)).toEqual(['SAME_ID_NUMBER']);
    expect(code(() => t.store.markPeopleDistinct(b.person.id, a.person.id, '  '))).toBe('DISTINCT_REASON_REQUIRED');
    const pairOfC = t.store.findDuplicatePeople().pairs.find((p) => p.a.id === c.person.id)!;
    t.store.markPeopleDistinct(pairOfC.b.id, c.person.id, 'Hai người khác nhau, khác quê quán');
    // The pair behind it is now the first.
    expect(t.store.findDuplicatePeople({ limit: 1 }).pairs).toMatchObject([{ code: 'SAME_NAME_DOB_PAPERS_CHANGED', a: { id: a.person.id }, b: { id: b.person.id } }]);
    t.store.markPeopleDistinct(b.person.id, a.person.id, 'Khác người thân');
    expect(t.store.findDuplicatePeople().pairs).toEqual([]);
    expect(t.store.listAudit({ limit: 1 })[0]).toMatchObject({ action: 'person.distinct', entityId: a.person.id, details: { other: b.person.id, reason: 'Khác người thân' } });
    // Said again: nothing new stored; kept as said (no update or delete).
    t.store.markPeopleDistinct(a.person.id, b.person.id, 'again');
    expect(() => t.db.prepare('DELETE FROM people_distinct').run()).toThrow(/PEOPLE_DISTINCT_KEPT/);
    // Either may still be merged later.
    expect(t.store.mergePeople(b.person.id, a.person.id, 'giấy tờ mới').movedDoses).toBe(1);
  });

  it('refuses to move a signed dose to another person, and says which to keep instead (probe 17)', () => {
    const a = t.store.createRecord(record(), { source: 'form' });
    const b = t.store.createRecord(record({ fullName: 'Nguyễn Văn Bình' }, secondDose), { source: 'form', confirmWarnings: true });
    expect(b.record.state).toBe('ready');
    t.store.setRecordsState([b.record.id], 'ready', 'signed');
    let refusal: unknown = null;
    try {
      t.store.mergePeople(a.person.id, b.person.id, 'same person');
    } catch (err) {
      refusal = err;
    }
    expect(isStationError(refusal) && refusal.code).toBe('MERGE_PERSON_SIGNED');
    const e = refusal as { messageVi: string; messageEn: string; details: unknown };
    expect(e.messageEn).toMatch(/Nguyễn Văn Bình .* has 1 signed dose\(s\).*Keep this person and merge the other into them, or correct the signed doses/);
    expect(e.messageVi).toMatch(/Nguyễn Văn Bình .* đã có 1 mũi tiêm được ký/);
    expect(e.details).toMatchObject({ mergeId: b.person.id, signedRecords: [b.record.id], count: 1 });
    // Nothing moved; the other way round, the unsigned dose joins the signed person.
    expect(t.store.getRecord(b.record.id).person.id).toBe(b.person.id);
    expect(t.store.mergePeople(b.person.id, a.person.id, 'same person')).toMatchObject({ person: { id: b.person.id }, movedDoses: 1 });
    expect(t.store.getRecord(a.record.id).person.id).toBe(b.person.id);
  });
});
