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
