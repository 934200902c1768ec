/**
 * The store prepares each person of an import once (PreparedPeople): a row repeating a person's
 * fields gets the PreparedPerson of the row before it. It must answer what preparePerson answers
 * for every row, whatever the rows, and no row edited after it was prepared may change an answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PreparedPeople, preparePerson } from '../../../electron/core/store/recordInput.js';
import type { PersonInput } from '../../../shared/domain/types.js';

const person: fc.Arbitrary<PersonInput> = fc.record(
  {
    idType: fc.constantFrom('CCCD', 'cccd ', 'CMND', ''),
    idNumber: fc.constantFrom('079190000001', '079 190 000 001', '123456789'),
    fullName: fc.constantFrom('Nguyễn Văn An', ' nguyễn  văn an ', 'Trần Thị Bình', ''),
    familyName: fc.constantFrom('Nguyễn', ''),
    givenName: fc.constantFrom('Văn An', ''),
    fnt: fc.constantFrom('NGUYEN', ''),
    gnt: fc.constantFrom('VAN<AN', ''),
    dob: fc.constantFrom('1990-01-02', '1990'),
    sex: fc.constantFrom('M', 'f', ''),
    nationality: fc.constantFrom('VN', 'us', ''),
    phone: fc.constantFrom('0912345678', '+84 912 345 678', null),
    id: fc.constantFrom('p1', 'p2'),
  },
  { requiredKeys: ['idNumber', 'fullName'] },
);

describe('PreparedPeople', () => {
  it('prepares every row as preparePerson does, repeated people included', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 40 }), (rows) => {
        const people = new PreparedPeople();
        for (const raw of rows) expect(people.prepare({ ...raw })).toEqual(preparePerson(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('answers a row edited after it was prepared by its new fields', () => {
    const people = new PreparedPeople();
    const raw: PersonInput = { idType: 'CCCD', idNumber: '079190000001', fullName: 'Nguyễn Văn An', dob: '1990-01-02', sex: 'M' };
    const first = people.prepare(raw);
    expect(people.prepare({ ...raw })).toBe(first);
    raw.fullName = 'Trần Thị Bình';
    expect(people.prepare(raw)).toEqual(preparePerson(raw));
    expect(people.prepare(raw).fullName).toBe('Trần Thị Bình');
  });

  it('prepares a missing person as preparePerson does', () => {
    expect(new PreparedPeople().prepare(undefined)).toEqual(preparePerson(undefined));
  });
});
