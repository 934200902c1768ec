// Session 26, a mutation probe of session 25's CMND/CCCD pairs in the duplicates list: each case
// fails for one change to peopleMaintenance.ts that left people.test.ts green.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

const secondDose = { doseNumber: 2, vaccinationDate: '2021-09-10', lot: 'ABV2222' };

describe('a CMND and a CCCD with one name and date of birth', () => {
  it('names each number under its own paper when the CCCD was stored first', () => {
    t.store.createRecord(record({ phone: '' }), { source: 'form' });
    t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456', phone: '' }, secondDose), { source: 'form', confirmWarnings: true });
    const { pairs } = t.store.findDuplicatePeople();
    expect(pairs.map((p) => p.code)).toEqual(['SAME_NAME_DOB_PAPERS_CHANGED']);
    expect(pairs[0]!.reason_vi).toContain('CMND 025123456');
    expect(pairs[0]!.reason_vi).toContain('CCCD 079090001234');
    expect(pairs[0]!.reason_en).toContain('one under CMND 025123456, one under CCCD 079090001234');
  });

  it('is listed once when the phone is the same too', () => {
    t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456' }), { source: 'form' });
    t.store.createRecord(record({}, secondDose), { source: 'form', confirmWarnings: true });
    expect(t.store.findDuplicatePeople().pairs).toHaveLength(1);
  });

  it('is no longer listed once merged', () => {
    const a = t.store.createRecord(record({ idType: 'CMND', idNumber: '025123456', phone: '' }), { source: 'form' });
    const b = t.store.createRecord(record({ phone: '' }, secondDose), { source: 'form', confirmWarnings: true });
    expect(t.store.findDuplicatePeople().pairs).toHaveLength(1);
    // The later one merged into the earlier, then a second pair the other way round (each side of the query).
    t.store.mergePeople(a.person.id, b.person.id, 'CMND đổi sang CCCD');
    expect(t.store.findDuplicatePeople().pairs).toEqual([]);
    const c = t.store.createRecord(record({ idType: 'CMND', idNumber: '025123457', phone: '', fullName: 'Trần Thị Hoa' }), { source: 'form' });
    const d = t.store.createRecord(record({ phone: '', idNumber: '079090001235', fullName: 'Trần Thị Hoa' }, secondDose), { source: 'form', confirmWarnings: true });
    expect(t.store.findDuplicatePeople().pairs).toHaveLength(1);
    t.store.mergePeople(d.person.id, c.person.id, 'CMND đổi sang CCCD');
    expect(t.store.findDuplicatePeople().pairs).toEqual([]);
  });
});
