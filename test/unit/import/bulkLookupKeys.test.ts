// store/bulkLookup.ts keys its people by two strings without joining them (id type, then id
// number; date of birth, then folded name). Rows that share one half of a key and not the other
// must stay apart, and rows sharing both must meet, exactly as the per-row queries of the form's
// one-record path find them (people.ts: id_number = ? AND id_type = ?, name_folded = ? AND dob = ?).
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordInput, RowOutcome } from '../../../electron/core/store/storeTypes.js';
import { openTestStore, record, type TestStore } from '../db/storeHarness.js';
import { byFirstAppearance, oneAtATime } from './perRowReference.js';

const stores: TestStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function storeWithPeople(): TestStore {
  const t = openTestStore();
  stores.push(t);
  // A stored CCCD, and a stored passport holder with the same name, dob and phone as a row below.
  t.store.createRecord(record(), { source: 'form' });
  t.store.createRecord(record({ idType: 'PASSPORT', idNumber: 'C1234567', fullName: 'Lê Thị Hoa', sex: 'F', dob: '1985-01-01', phone: '0909111222' }), {
    source: 'form',
    confirmWarnings: true,
  });
  return t;
}

function rows(): RecordInput[] {
  const hoa = { fullName: 'Lê Thị Hoa', sex: 'F', dob: '1985-01-01', phone: '0909111222' };
  return [
    // The stored CCCD's number under other types: not that person.
    record({ idType: 'CMND' }, { doseNumber: 2, vaccinationDate: '2021-09-02' }),
    record({ idType: 'PASSPORT' }, { doseNumber: 2, vaccinationDate: '2021-09-03' }),
    // The stored CCCD itself: the same person, a new dose.
    record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' }),
    // The same name and dob with another dob or name: not a likely duplicate.
    record({ idNumber: '079090005555', dob: '1990-05-13' }),
    record({ idNumber: '079090005556', fullName: 'Nguyễn Văn Anh' }),
    // Same name, dob and phone as the stored passport holder, another id: a likely duplicate.
    record({ idType: 'CCCD', idNumber: '079185002222', ...hoa }),
    // The CMND row's person again (created by this call): its second dose sees the first.
    record({ idType: 'CMND' }, { doseNumber: 3, vaccinationDate: '2022-01-02' }),
    // A date of birth equal to another row's folded name half, and the reverse: no mix-up.
    record({ idNumber: '079090006666', fullName: '1990-05-12', dob: '1990-05-12' }),
    // The stored CCCD's type and number with another name: the same key, another person.
    record({ fullName: 'Trần Văn Khác' }, { vaccinationDate: '2021-07-01' }),
  ];
}

describe('bulk lookup keyed by two strings', () => {
  it('matches people as the per-row queries do: both halves of a key, never one', () => {
    const bulk = storeWithPeople();
    const one = storeWithPeople();
    const together = bulk.store.createRecords(rows(), { source: 'import', confirmWarnings: true, saveInvalidAsDraft: true }).outcomes;
    const apart = rows().map((row, i) => oneAtATime(one, row, i));
    expect(byFirstAppearance(together)).toEqual(byFirstAppearance(apart));
    // What the rows are there for: the other-type rows made people of their own, the same CCCD did not,
    // and the passport holder's twin was flagged.
    const created = together.filter((o) => o.outcome === 'created');
    expect(created.map((o) => (o.outcome === 'created' ? o.personCreated : null))).toEqual([true, true, false, true, true, true, false, true, true]);
    expect(together[5]!.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_LIKELY');
    expect(together[1]!.findings.map((f) => f.code)).not.toContain('DUPLICATE_PERSON_ID_CONFLICT');
    expect(together[8]!.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_ID_CONFLICT');
  });

  it('previews what the rows would be, the same way', () => {
    const t = storeWithPeople();
    const one = storeWithPeople();
    const preview = t.store.previewRecords(rows(), { source: 'import', confirmWarnings: true, saveInvalidAsDraft: true }).outcomes;
    const apart = rows().map((row, i) => oneAtATime(one, row, i));
    // Ids of created rows are drawn anew by a preview: compare what else each row answers.
    const shape = (os: readonly RowOutcome[]) => os.map((o) => ({ outcome: o.outcome, codes: o.findings.map((f) => f.code), personCreated: o.outcome === 'created' ? o.personCreated : null }));
    expect(shape(preview)).toEqual(shape(apart));
  });
});
