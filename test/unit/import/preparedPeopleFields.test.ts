// store/recordInput.ts PreparedPeople: a row whose every person field is the same (Object.is) as
// a row seen before reuses that row's PreparedPerson; a row that differs in any one field is
// prepared anew. Each field preparePerson reads is changed in turn.
import { describe, expect, it } from 'vitest';
import { PreparedPeople, preparePerson } from '../../../electron/core/store/recordInput.js';
import type { PersonInput } from '../../../shared/domain/types.js';

const BASE: PersonInput = {
  idNumber: '079090001234', idType: 'CCCD', fullName: 'Nguyễn Văn An', dob: '1990-01-02', sex: 'M', phone: '0912345678', nationality: 'VN',
  familyName: 'Nguyễn', givenName: 'Văn An', fnt: 'NGUYEN', gnt: 'VAN<AN', id: 'p1',
};
const CHANGED: Required<PersonInput> = {
  idNumber: '079090001234 ', idType: 'CMND', fullName: 'Nguyễn Văn Ân', dob: '1990-01-03', sex: 'F', phone: '0912345679', nationality: 'LA',
  familyName: 'Trần', givenName: 'Văn', fnt: 'TRAN', gnt: 'VAN', id: 'p2',
};

describe('PreparedPeople', () => {
  it('reuses the prepared person for the same fields, and prepares anew when any one field differs', () => {
    const people = new PreparedPeople();
    const first = people.prepare({ ...BASE });
    expect(people.prepare({ ...BASE })).toBe(first);
    for (const field of Object.keys(CHANGED) as (keyof PersonInput)[]) {
      const row = { ...BASE, [field]: CHANGED[field] };
      const prepared = people.prepare(row);
      expect([field, prepared === first]).toEqual([field, false]);
      expect(prepared).toEqual(preparePerson(row));
    }
    // A field present on one row and absent on the other differs too.
    const { phone: _phone, ...withoutPhone } = BASE;
    expect(people.prepare(withoutPhone)).not.toBe(first);
    expect(people.prepare({ ...BASE, phone: null })).not.toBe(first);
  });
});
