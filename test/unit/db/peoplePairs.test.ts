// The likely duplicates the screen lists (people.duplicates) are kept by migration 0018's triggers
// as people are written, not searched for when the screen opens (1.5–2 s at 1M records). Whatever
// the clinic does to its people (new ones, edits of a name, a number, a date, a phone, merges),
// the pairs listed are the ones the four joins over every person found before: those joins are
// the specification here, run on the same database.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oneSlipApart } from '../../../shared/domain/personValidation.js';
import { openTestStore, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

/** The four joins `findDuplicatePeople` ran before 0018, oldest first, each code after the other. */
function pairsByJoins(): string[] {
  const q = (sql: string) => t.db.prepare(`SELECT a.id AS a, b.id AS b, a.id_number AS an, b.id_number AS bn FROM people a JOIN people b ${sql}`).all() as { a: string; b: string; an: string; bn: string }[];
  const live = 'a.merged_into IS NULL AND b.merged_into IS NULL';
  const notPhonePair = '(a.phone IS NULL OR b.phone IS NULL OR a.phone <> b.phone)';
  return [
    ...q(`ON b.id_number = a.id_number AND b.id_type = a.id_type AND b.seq > a.seq WHERE ${live} ORDER BY a.seq, b.seq`).map((r) => `SAME_ID_NUMBER ${r.a} ${r.b}`),
    ...q(`ON b.name_folded = a.name_folded AND b.dob = a.dob AND b.phone = a.phone AND b.seq > a.seq
      WHERE a.phone IS NOT NULL AND ${live} AND b.id_number <> a.id_number ORDER BY a.seq, b.seq`).map((r) => `SAME_NAME_DOB_PHONE ${r.a} ${r.b}`),
    ...q(`ON b.name_folded = a.name_folded AND b.dob = a.dob AND b.seq > a.seq WHERE ${live} AND length(a.dob) = 10
      AND ((a.id_type = 'CMND' AND length(a.id_number) = 9 AND b.id_type = 'CCCD' AND length(b.id_number) = 12)
        OR (a.id_type = 'CCCD' AND length(a.id_number) = 12 AND b.id_type = 'CMND' AND length(b.id_number) = 9))
      AND ${notPhonePair} ORDER BY a.seq, b.seq`).map((r) => `SAME_NAME_DOB_PAPERS_CHANGED ${r.a} ${r.b}`),
    ...q(`ON b.name_folded = a.name_folded AND b.dob = a.dob AND b.id_type = a.id_type AND b.seq > a.seq
      WHERE ${live} AND b.id_number <> a.id_number AND length(b.id_number) = length(a.id_number) AND ${notPhonePair} ORDER BY a.seq, b.seq`)
      .filter((r) => oneSlipApart(r.an, r.bn))
      .map((r) => `SAME_NAME_DOB_ID_SLIP ${r.a} ${r.b}`),
  ];
}

function listed(): string[] {
  return t.store.findDuplicatePeople({ limit: 100_000 }).pairs.map((p) => `${p.code} ${p.a.id} ${p.b.id}`);
}

// Few values, so that people collide often: two names, whole dates and a year, CMND and CCCD
// numbers one slip apart, a shared phone.
const person = fc.record({
  idType: fc.constantFrom('CCCD', 'CMND', 'PASSPORT'),
  idNumber: fc.constantFrom('079090001234', '079090001243', '079090001235', '025123456', '025123465', 'C1234567'),
  name: fc.constantFrom('nguyen van an', 'tran thi binh'),
  dob: fc.constantFrom('1990-05-12', '1990', '1985-01-02'),
  phone: fc.constantFrom(null, '0912000111', '0903000222'),
});
const step = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), person }),
  fc.record({ kind: fc.constant('edit' as const), who: fc.nat(), person }),
  fc.record({ kind: fc.constant('merge' as const), who: fc.nat(), into: fc.nat() }),
);

describe('the likely duplicate people (0018 people_pairs)', () => {
  it('are the pairs the joins over every person find, after any inserts, edits and merges', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        t.db.exec('DELETE FROM people');
        const insert = t.db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, phone, created_at, updated_at)
          VALUES (@id, @idType, @idNumber, @name, '', '', '', '', @name, @dob, 'M', @phone, 't', 't')`);
        const edit = t.db.prepare('UPDATE people SET id_type = @idType, id_number = @idNumber, full_name = @name, name_folded = @name, dob = @dob, phone = @phone WHERE id = @id');
        const ids: string[] = [];
        for (const s of steps) {
          if (s.kind === 'insert') {
            const id = `p${ids.length}`;
            insert.run({ ...s.person, id });
            ids.push(id);
          } else if (ids.length > 0) {
            const who = ids[s.kind === 'edit' ? s.who % ids.length : s.who % ids.length]!;
            if (s.kind === 'edit') edit.run({ ...s.person, id: who });
            else t.db.prepare('UPDATE people SET merged_into = ? WHERE id = ? AND merged_into IS NULL').run(ids[s.into % ids.length]!, who);
          }
        }
        expect(listed()).toEqual(pairsByJoins());
      }),
      { numRuns: 150 },
    );
  });

});

describe('people written by an import (bulkInsert: the per-row trigger paused, the pairs found in one statement after)', () => {
  it('gives the pairs the four joins find, among the new people and with those stored before, and leaves the trigger running after', () => {
    // Each row its own dose (the same dose under two papers is refused, DOSE_RECORDED_UNDER_OTHER_ID).
    let day = 0;
    const person = (idType: 'CCCD' | 'CMND', idNumber: string, fullName: string, dob: string, phone: string | null) =>
      ({ person: { idType, idNumber, fullName, dob, sex: fullName.includes(' Thị ') ? ('F' as const) : ('M' as const), nationality: 'VN', ...(phone ? { phone } : {}) }, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber: 1, vaccinationDate: `2021-08-${String(++day).padStart(2, '0')}` } });
    // Stored before: one of each pair's halves.
    const stored = t.store.createRecords([person('CMND', '025123456', 'Nguyễn Văn An', '1990-05-12', null), person('CCCD', '079175001111', 'Lê Thị Mai', '1975-03-08', '0912000111')], { source: 'import', confirmWarnings: true });
    expect(stored.created).toBe(2);
    const before = listed().length;
    const imported = t.store.createRecords(
      [
        person('CCCD', '079090001234', 'Nguyễn Văn An', '1990-05-12', null), // papers changed, with the stored CMND
        person('CCCD', '079090001243', 'Nguyễn Văn An', '1990-05-12', null), // one slip from the one above, in the same import
        person('CCCD', '079175002222', 'Lê Thị Mai', '1975-03-08', '0912000111'), // same name, date and phone as a stored one
        person('CCCD', '079080003333', 'Trần Văn Hùng', '1980-01-01', null), // nobody's pair
      ],
      { source: 'import', confirmWarnings: true },
    );
    expect(imported.created).toBe(4);
    expect(listed().length).toBeGreaterThan(before + 2);
    expect(listed()).toEqual(pairsByJoins());
    expect(t.db.prepare('SELECT count(*) FROM people_pairs_paused').pluck().get()).toBe(0);
    // A person typed afterwards is paired by the trigger again.
    t.store.createRecord(person('CMND', '025999999', 'Trần Văn Hùng', '1980-01-01', null), { source: 'form', confirmWarnings: true });
    expect(listed()).toEqual(pairsByJoins());
    expect(listed().some((p) => p.startsWith('SAME_NAME_DOB_PAPERS_CHANGED'))).toBe(true);
  });
});

