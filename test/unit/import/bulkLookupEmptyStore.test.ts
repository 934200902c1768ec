// store/bulkLookup.ts skips its queries when the people or records tables are empty (a station's
// first import): nothing stored can match. The rows of one call still see each other, so in an
// empty store the bulk answer must still be, row by row, what one-row imports in sequence answer,
// and what the same rows answer through the queries (a store holding one unrelated record).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, record, type TestStore } from '../db/storeHarness.js';
import { byFirstAppearance, oneAtATime } from './perRowReference.js';

const stores: TestStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function store(): TestStore {
  const t = openTestStore();
  stores.push(t);
  return t;
}

/** Rows from small pools, so that rows meet: the same person, a number one slip apart, the same name + dob + phone, the same dose twice. */
const row = fc
  .record({
    idType: fc.constantFrom('CCCD', 'CCCD', 'CMND', 'PASSPORT'),
    idNumber: fc.constantFrom('079090001234', '079090001243', '079090001235', '079190004321'),
    fullName: fc.constantFrom('Nguyễn Văn An', 'Nguyen Van An', 'Trần Thị Bích', ''),
    dob: fc.constantFrom('1990-05-12', '1990-03-03'),
    sex: fc.constantFrom('M', 'F'),
    phone: fc.constantFrom('0912345678', '0987000111', ''),
    doseNumber: fc.constantFrom<number | string>(1, 2, 3, 'x'),
    vaccinationDate: fc.constantFrom('2021-08-02', '2021-09-02', '2021-08-20', '2031-01-01'),
    vaccine: fc.constantFrom('ASTRAZENECA', 'PFIZER'),
    lot: fc.constantFrom('ABV1234', 'AB'),
  })
  .map(({ idType, idNumber, fullName, dob, sex, phone, ...dose }) => record({ idType, idNumber, fullName, dob, sex, phone }, dose));

describe('an import into an empty store (bulk lookup without queries)', () => {
  it('answers what one-row imports in sequence and the queried lookup answer, and previews what it commits', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 14 }), (rows) => {
        // Errors saved as drafts, as the form's one-record path saves them.
        const opts = { source: 'import' as const, confirmWarnings: true, saveInvalidAsDraft: true };
        const previewed = store();
        const preview = previewed.store.previewRecords(rows, opts).outcomes;
        const empty = store();
        const bulk = empty.store.createRecords(rows, opts).outcomes;
        // Same seed, same calls: the preview drew the ids the commit did.
        expect(preview).toEqual(bulk);
        const apart = store();
        const reference = rows.map((r, i) => oneAtATime(apart, r, i));
        expect(byFirstAppearance(bulk)).toEqual(byFirstAppearance(reference));
        // One stored record no row can meet: the lookup's queries run, and find nothing more.
        const queried = store();
        queried.store.createRecord(record({ idNumber: '001099000001', fullName: 'Hoàng Thị Xa', dob: '1999-09-09', sex: 'F', phone: '0900000001' }), { source: 'form' });
        expect(byFirstAppearance(queried.store.createRecords(rows, opts).outcomes)).toEqual(byFirstAppearance(bulk));
        for (const s of stores.splice(0)) s.close();
      }),
      { numRuns: 25 },
    );
  });
});
