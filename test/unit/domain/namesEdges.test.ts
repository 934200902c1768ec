// Session 26, a mutation probe of session 25's names: each case fails for one change to names.ts
// or personValidation.ts that left the tests of session 25 green, and each is a name that would be
// signed wrong, or a record the platform would refuse with its whole batch.
import { describe, expect, it } from 'vitest';
import { resolveNames } from '../../../shared/domain/personValidation.js';
import type { PersonInput } from '../../../shared/domain/types.js';
import { validatePerson } from '../../../shared/domain/validation.js';

const today = '2022-06-01';
const base: PersonInput = { idType: 'PASSPORT', idNumber: 'C1234567', fullName: 'Nguyễn Văn An', dob: '1990-05-17', sex: 'M', nationality: 'VN', phone: null };
const split = (fullName: string, nationality: string) => {
  const n = resolveNames({ ...base, fullName, nationality });
  return [n.familyName, n.givenName];
};

describe('the family name read from capitals at the end', () => {
  it('is not read for a name with no nationality written: a Vietnamese "Nguyễn Thị HOA" keeps its order', () => {
    expect(split('Nguyễn Thị HOA', '')).toEqual(['Nguyễn', 'Thị HOA']);
    expect(split('Nguyễn Thị HOA', '  ')).toEqual(['Nguyễn', 'Thị HOA']);
  });

  it('is not read after a word in capitals before the given names: "KIM Min JUN" is family first', () => {
    expect(split('KIM Min JUN', 'KR')).toEqual(['KIM', 'Min JUN']);
  });
});

describe('a full name one past what the signed record holds', () => {
  it('is refused at 201 characters, as it is at 250', () => {
    const fullName = `Nguyễn Văn An ${'x'.repeat(187)}`;
    expect(fullName.length).toBe(201);
    const findings = validatePerson({ ...base, fullName, familyName: 'Nguyễn', givenName: 'Văn An' }, { today });
    expect(findings.map((f) => [f.field, f.code, f.severity])).toContainEqual(['fullName', 'NAME_TOO_LONG', 'error']);
  });
});
