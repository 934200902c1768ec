// Cases a hand mutation probe of signedRecordProblems.ts (session 27) found no test for: the
// finding of a record held back from signing names the form's own field (the screen puts it
// under that input), says how long the value is against the limit, and says a field once however
// many of the schema's checks it fails.
import { describe, expect, it } from 'vitest';
import { SIGNED_RECORD_INVALID, signedRecordProblems } from '../../../shared/batch/signedRecordProblems.js';
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';

const valid: SignedRecord = {
  v: 1,
  id: '01900000-0000-7000-8000-000000000001',
  person: {
    idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An',
    fnt: 'NGUYEN', gnt: 'VAN<AN', dob: '1990-05-12', sex: 'M', nationality: 'VN', phone: '0912345678',
  },
  vaccine: 'ASTRAZENECA', mp: 'EU/1/21/1529', ma: 'ORG-100001699', vp: 'J07BX03', lot: 'ABV1234', dose: 1, date: '2021-08-02', facility: '79001',
};

describe('a signed record the platform would refuse', () => {
  it('is valid as made here: no findings', () => {
    expect(signedRecordProblems(valid)).toEqual([]);
  });

  it.each([
    ['the family name', { ...valid, person: { ...valid.person, familyName: 'N'.repeat(101) } }, 'familyName', '101 characters long, past the 100'],
    ['the given names', { ...valid, person: { ...valid.person, givenName: 'V'.repeat(151) } }, 'givenName', '151 characters long, past the 150'],
    ['the lot', { ...valid, lot: 'A'.repeat(65) }, 'lot', '65 characters long, past the 64'],
    ['the id number', { ...valid, person: { ...valid.person, idNumber: '1'.repeat(33) } }, 'idNumber', '33 characters long, past the 32'],
  ])('%s too long is said on its own field, with its length and the limit', (_, record, field, said) => {
    const found = signedRecordProblems(record);
    expect(found.map((f) => [f.field, f.code, f.severity])).toEqual([[field, SIGNED_RECORD_INVALID, 'error']]);
    expect(found[0]!.message_en).toContain(said);
  });

  it('a dose number out of range is said on the dose number', () => {
    expect(signedRecordProblems({ ...valid, dose: 100 }).map((f) => f.field)).toEqual(['doseNumber']);
  });

  it('a field failing two checks is said once', () => {
    const found = signedRecordProblems({ ...valid, person: { ...valid.person, fnt: 'nguyen'.repeat(20) } });
    expect(found.map((f) => f.field)).toEqual(['fnt']);
  });
});
