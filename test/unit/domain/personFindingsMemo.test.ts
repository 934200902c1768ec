/**
 * An import validates each person once per dose, in the file pass and against the store; a
 * PersonFindingsMemo answers a person seen before from memory. It must never change an answer: a
 * pass with one memo gives every row the findings a pass without it gives, whatever the rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersonFindingsMemo, validateRecord, type OtherDose, type OtherPerson } from '../../../shared/domain/validation.js';
import type { DoseInput, PersonInput } from '../../../shared/domain/types.js';

const TODAY = '2026-11-23';

// Few values per field, so that rows repeat people and differ from them in one field at a time.
const person: fc.Arbitrary<PersonInput> = fc.record(
  {
    idType: fc.constantFrom('CCCD', 'CMND', 'PASSPORT', '', 'cccd', 'X'),
    idNumber: fc.constantFrom('079190000001', '079190000002', '123456789', 'B1234567', '', '07919000000'),
    fullName: fc.constantFrom('Nguyễn Văn An', 'Nguyen Van An', 'Trần Thị Bình', 'An', '', 'Lê 2 Văn'),
    familyName: fc.constantFrom('Nguyễn', 'Trần', ''),
    givenName: fc.constantFrom('Văn An', 'Thị Bình', ''),
    fnt: fc.constantFrom('NGUYEN', 'nguyen', ''),
    gnt: fc.constantFrom('VAN<AN', ''),
    dob: fc.constantFrom('1990-01-02', '1990', '1990-13', '2030-01-01', '1890-01-01', ''),
    sex: fc.constantFrom('M', 'F', 'X', 'Q', ''),
    nationality: fc.constantFrom('VN', 'US', 'ZZ', '', ' VN ', ' '),
    phone: fc.constantFrom('0912345678', '+84912345678', '12', null),
  },
  { requiredKeys: ['idType', 'idNumber', 'fullName', 'dob'] },
);
const dose: fc.Arbitrary<DoseInput> = fc.record({
  vaccine: fc.constantFrom('PFIZER', 'MODERNA', 'NOPE'),
  lot: fc.constantFrom('FA1234', ''),
  doseNumber: fc.constantFrom(1, 2, 3, 0),
  vaccinationDate: fc.constantFrom('2021-07-01', '2021-07-10', '2021-09-01', '2020-01-01'),
});
const otherPeople: fc.Arbitrary<OtherPerson[]> = fc.array(
  fc.record({
    id: fc.constantFrom('p1', 'p2'),
    idType: fc.constantFrom('CCCD' as const, 'CMND' as const),
    idNumber: fc.constantFrom('079190000001', '123456789'),
    fullName: fc.constantFrom('Nguyễn Văn An', 'Trần Thị Bình'),
    dob: fc.constantFrom('1990-01-02', '1991-01-01'),
    phone: fc.constantFrom('0912345678', null),
  }),
  { maxLength: 2 },
);
const otherDoses: fc.Arbitrary<OtherDose[]> = fc.array(
  fc.record({ id: fc.constantFrom('r1', 'r2'), doseNumber: fc.constantFrom(1, 2), vaccinationDate: fc.constantFrom('2021-07-01', '2021-08-01'), vaccine: fc.constantFrom('PFIZER', 'MODERNA') }),
  { maxLength: 2 },
);
const row = fc.record({ person, dose, otherPeople, otherDoses, today: fc.constantFrom(TODAY, '1995-01-01') });

describe('PersonFindingsMemo', () => {
  it('gives every row of a pass the findings validation gives it without the memo', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const memo = new PersonFindingsMemo();
        for (const r of rows) {
          const alone = validateRecord(r.person, r.dose, { today: r.today, otherDoses: r.otherDoses, otherPeople: r.otherPeople });
          const remembered = validateRecord(r.person, r.dose, { today: r.today, otherDoses: r.otherDoses, otherPeople: r.otherPeople, personMemo: memo });
          expect(remembered).toEqual(alone);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers a repeated person from memory, and tells apart people differing in one field or the day', () => {
    const memo = new PersonFindingsMemo();
    let computed = 0;
    const compute = (p: PersonInput): [] => {
      computed++;
      return [];
    };
    // As validation hands them over: cleaned, every field text, the phone null when there is none.
    const a: PersonInput = { idType: 'CCCD', idNumber: '1', fullName: 'ab', familyName: '', phone: null };
    const fresh = (): PersonInput => ({ ...a });
    memo.findings(a, TODAY, compute);
    memo.findings(fresh(), TODAY, compute);
    expect(computed).toBe(1);
    memo.findings({ ...a, fullName: 'a', familyName: 'b' }, TODAY, compute);
    memo.findings({ ...a, phone: '' }, TODAY, compute);
    memo.findings({ ...a, phone: '-' }, TODAY, compute);
    memo.findings(a, '2027-01-01', compute);
    expect(computed).toBe(5);
    memo.findings({ ...a, fullName: 'a', familyName: 'b' }, '2027-01-01', compute);
    expect(computed).toBe(6);
  });

  it('a blank nationality is VN: the file pass (cell as written) and the store pass (VN default) share', () => {
    const memo = new PersonFindingsMemo();
    let computed = 0;
    const compute = (): [] => {
      computed++;
      return [];
    };
    const a: PersonInput = { idType: 'CCCD', idNumber: '1', fullName: 'ab', nationality: '', phone: null };
    memo.findings(a, TODAY, compute);
    memo.findings({ ...a, nationality: 'VN' }, TODAY, compute);
    memo.findings({ ...a, nationality: ' VN ' }, TODAY, compute);
    expect(computed).toBe(1);
    memo.findings({ ...a, nationality: 'US' }, TODAY, compute);
    memo.findings({ ...a, nationality: 'vn' }, TODAY, compute);
    expect(computed).toBe(3);
  });

  it('still answers every person right past the people it keeps for one id number', () => {
    const memo = new PersonFindingsMemo();
    const names = ['An', 'Nguyễn Văn An', 'Trần Bình', 'Lê 2', 'Phạm Thị Cúc', 'Đỗ', 'Hà Nội 3', 'Võ Văn Tư', 'Ngô Thị Lan', 'Bùi Xuân Phái 4', 'Hồ'];
    for (const round of [1, 2]) {
      for (const fullName of names) {
        const p: PersonInput = { idType: 'CCCD', idNumber: '079190000001', fullName, dob: '1990-01-02', sex: round === 1 ? 'M' : 'Q' };
        expect(validateRecord(p, {}, { today: TODAY, otherDoses: [], personMemo: memo })).toEqual(validateRecord(p, {}, { today: TODAY, otherDoses: [] }));
      }
    }
  });

  it('hands out a copy: a caller adding to its list changes no later answer', () => {
    const memo = new PersonFindingsMemo();
    const p: PersonInput = { idType: 'CCCD', idNumber: '079190000001', fullName: 'Nguyễn Văn An', dob: '1990-01-02', sex: 'X' };
    const first = validateRecord(p, {}, { today: TODAY, otherDoses: [], personMemo: memo });
    first.push(first[0]!);
    expect(validateRecord(p, {}, { today: TODAY, otherDoses: [], personMemo: memo })).toEqual(validateRecord(p, {}, { today: TODAY, otherDoses: [] }));
  });
});
