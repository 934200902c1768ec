// The entry form's text ↔ the contract: dd/mm/yyyy dates (partial birth dates too), what cannot be
// read goes to the core as typed (so the core names the problem), the name split previewed.
import { describe, expect, it } from 'vitest';
import { EMPTY_DOSE, EMPTY_PERSON, formsFromRecord, isBlankPerson, namePreview, nextEntry, toDoseInput, toPersonInput } from '../../../renderer/src/screens/entry/entryModel.js';
import { PersonInputSchema, DoseInputSchema } from '../../../shared/rpc/schemas.js';

describe('entry form model', () => {
  it('turns day-first dates into ISO and keeps partial birth dates', () => {
    const p = toPersonInput({ ...EMPTY_PERSON, idNumber: ' 079090001234 ', fullName: 'Nguyễn Văn An', dob: '1/5/1990', sex: 'M' });
    expect(p).toMatchObject({ idNumber: '079090001234', dob: '1990-05-01', sex: 'M', nationality: 'VN', phone: null });
    expect(toPersonInput({ ...EMPTY_PERSON, dob: '05/1990' }).dob).toBe('1990-05');
    expect(toPersonInput({ ...EMPTY_PERSON, dob: '1990' }).dob).toBe('1990');
    expect(toDoseInput({ ...EMPTY_DOSE, vaccine: 'PFIZER', lot: 'FK1', doseNumber: '2', vaccinationDate: '01.09.2021' })).toEqual({
      vaccine: 'PFIZER', lot: 'FK1', doseNumber: 2, vaccinationDate: '2021-09-01',
    });
  });

  it('sends what it cannot read as typed, always within the contract', () => {
    const p = toPersonInput({ ...EMPTY_PERSON, dob: '31/02/1990 and more text', fullName: 'x'.repeat(500) });
    const d = toDoseInput({ ...EMPTY_DOSE, doseNumber: 'two', vaccinationDate: 'yesterday!!' });
    expect(d.doseNumber).toBe(0);
    expect(d.vaccinationDate).toBe('yesterday!');
    expect(PersonInputSchema.safeParse(p).success).toBe(true);
    expect(DoseInputSchema.safeParse(d).success).toBe(true);
  });

  it('sends the name split only when the user edited it', () => {
    expect(toPersonInput({ ...EMPTY_PERSON, fullName: 'Tôn Nữ Thị Hà' })).not.toHaveProperty('familyName');
    expect(toPersonInput({ ...EMPTY_PERSON, fullName: 'Tôn Nữ Thị Hà', splitEdited: true, familyName: 'Tôn Nữ', givenName: 'Thị Hà' })).toMatchObject({ familyName: 'Tôn Nữ', givenName: 'Thị Hà' });
  });

  it('previews the split and the ICAO transliteration while typing', () => {
    expect(namePreview({ ...EMPTY_PERSON, fullName: 'Đặng  Thị Ánh' })).toEqual({ familyName: 'Đặng', givenName: 'Thị Ánh', fnt: 'DANG', gnt: 'THI<ANH' });
    expect(namePreview({ ...EMPTY_PERSON, fullName: 'x', splitEdited: true, familyName: 'Tôn Nữ', givenName: 'Hà' })).toMatchObject({ fnt: 'TON<NU', gnt: 'HA' });
    // What the core stores: a foreigner's family name in capitals last is the family name.
    expect(namePreview({ ...EMPTY_PERSON, nationality: 'DE', fullName: 'Anna Maria SCHMIDT' })).toEqual({ familyName: 'SCHMIDT', givenName: 'Anna Maria', fnt: 'SCHMIDT', gnt: 'ANNA<MARIA' });
    expect(namePreview({ ...EMPTY_PERSON, fullName: 'Nguyễn Thị HOA' })).toMatchObject({ familyName: 'Nguyễn', givenName: 'Thị HOA' });
  });

  it('starts the next person fresh but keeps the id type and nationality', () => {
    const next = nextEntry({ ...EMPTY_PERSON, idType: 'PASSPORT', nationality: 'KR', idNumber: 'M123', fullName: 'Kim' });
    expect(next).toEqual({ ...EMPTY_PERSON, idType: 'PASSPORT', nationality: 'KR' });
    expect(isBlankPerson(next)).toBe(true);
  });

  it('fills the form back from a stored record, dates as dd/mm/yyyy', () => {
    const forms = formsFromRecord({
      person: { id: 'p', idType: 'CCCD', idNumber: '079090001234', fullName: 'Tôn Nữ Thị Hà', familyName: 'Tôn Nữ', givenName: 'Thị Hà', fnt: 'TON<NU', gnt: 'THI<HA', dob: '1990-05', sex: 'F', nationality: 'VN', phone: null, identityStatus: 'unverified', identityCheckedAt: null },
      record: { id: 'r', personId: 'p', vaccine: 'MODERNA', lot: 'M1', doseNumber: 2, vaccinationDate: '2021-10-01', facilityCode: '79001', createdAt: '', updatedAt: '', state: 'signed', findings: [], supersedes: null, supersedeReason: null },
    });
    expect(forms.person).toMatchObject({ dob: '05/1990', splitEdited: true, phone: '' });
    expect(forms.dose).toEqual({ vaccine: 'MODERNA', lot: 'M1', doseNumber: '2', vaccinationDate: '01/10/2021' });
  });
});
