// A person's name as the record create path stores it (real SQLite): the split and transliteration
// the certificate will carry, and what the clerk is told about them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeAll(() => {
  t = openTestStore();
});
afterAll(() => t.close());

const passport = (idNumber: string, fullName: string, nationality: string) =>
  record({ idType: 'PASSPORT', idNumber, fullName, nationality, phone: null });

describe('a foreigner’s name typed as the passport writes it', () => {
  it('"Anna Maria SCHMIDT" is stored family name SCHMIDT, given names Anna Maria, with a warning that says so', () => {
    const saved = t.store.createRecord(passport('X1234567AB', 'Anna Maria SCHMIDT', 'DE'), { source: 'form' });
    expect(saved.findings.map((f) => f.code)).toEqual(['NAME_FAMILY_LAST']);
    expect(saved.record.state).toBe('draft');
    const { person } = t.store.getRecord(saved.record.id);
    expect([person.fullName, person.familyName, person.givenName, person.fnt, person.gnt]).toEqual(['Anna Maria SCHMIDT', 'SCHMIDT', 'Anna Maria', 'SCHMIDT', 'ANNA<MARIA']);
  });
});

describe('a name typed all in lower case', () => {
  it('is stored as typed, a draft with NAME_LOWER_CASE until confirmed or typed again', () => {
    const saved = t.store.createRecord(passport('C7654321', 'nguyễn văn long', 'VN'), { source: 'form' });
    expect(saved.findings.map((f) => f.code)).toEqual(['NAME_LOWER_CASE']);
    expect(saved.record.state).toBe('draft');
    expect(t.store.getRecord(saved.record.id).person).toMatchObject({ fullName: 'nguyễn văn long', fnt: 'NGUYEN', gnt: 'VAN<LONG' });
  });

  it('is nothing to confirm when it files a dose under the person already stored with the name written out', () => {
    const first = t.store.createRecord(passport('C7654322', 'Trần Thị Mai', 'VN'), { source: 'form' });
    const second = t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C7654322', fullName: 'tran thi mai', nationality: 'VN', phone: null }, { doseNumber: 2, vaccinationDate: '2021-09-10' }), { source: 'form' });
    expect(second.person.id).toBe(first.person.id);
    expect(second.person.fullName).toBe('Trần Thị Mai');
    expect(second.findings.map((f) => f.code)).not.toContain('NAME_LOWER_CASE');
  });
});

describe('one person’s name written with its apostrophe or hyphen another way', () => {
  it.each([
    ["Ksor H'Bla", 'Ksor H’Bla'],
    ["H' Hen Niê", "H'Hen Niê"],
    ['Y Moan Ênuôl', 'Y-Moan Ênuôl'],
    ["Rơ Mah Thị H'Lơn", 'Rơ Mah Thị HʼLơn'],
  ])('"%s" then "%s" under the same passport is one person, not a second one "with the same id number"', (first, second) => {
    const idNumber = `C${String(first.length * 7919 + second.length).padStart(7, '0').slice(-7)}`;
    const a = t.store.createRecord(record({ idType: 'PASSPORT', idNumber, fullName: first, nationality: 'VN', phone: null, sex: 'F' }, { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-08-01' }), { source: 'form' });
    const b = t.store.createRecord(record({ idType: 'PASSPORT', idNumber, fullName: second, nationality: 'VN', phone: null, sex: 'F' }, { vaccine: 'PFIZER', lot: 'FK1235', doseNumber: 2, vaccinationDate: '2021-09-01' }), { source: 'form' });
    expect(b.person.id).toBe(a.person.id);
    expect(b.person.fullName).toBe(first);
    expect(b.findings.map((f) => f.code)).toEqual([]);
  });

  it('another name under the same passport is still another person, said', () => {
    const a = t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C4440001', fullName: "Ksor H'Bla", nationality: 'VN', phone: null, sex: 'F' }), { source: 'form' });
    const b = t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C4440001', fullName: "Ksor H'Blăng", nationality: 'VN', phone: null, sex: 'F' }, { doseNumber: 2, vaccinationDate: '2021-09-01' }), { source: 'form' });
    expect(b.person.id).not.toBe(a.person.id);
    expect(b.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_ID_CONFLICT');
  });
});
