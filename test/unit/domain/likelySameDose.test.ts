// The same dose under two id numbers (likelySameDose.ts): which stored dose of a person under
// another number this input repeats, and whether signing it would sign one injection twice (an
// error) or may be a namesake's (a warning). Session 25's mutation probe found that dropping the
// lot rule, the superseded rule, or the name, date of birth or vaccine comparison left every test
// green; the cases below each fail for one of them.
import { describe, expect, it } from 'vitest';
import { likelySameDoseFindings } from '../../../shared/domain/likelySameDose.js';
import type { DoseInput, PersonInput } from '../../../shared/domain/types.js';
import type { OtherDose, OtherPerson } from '../../../shared/domain/validationContext.js';

const an: PersonInput = { fullName: 'Nguyễn Văn An', dob: '1985-03-15', idType: 'CCCD', idNumber: '001085012345' };
const dose: DoseInput = { vaccine: 'ASTRAZENECA', lot: 'NJ0342', doseNumber: 1, vaccinationDate: '2021-07-20' };
const stored = (over: Partial<OtherDose> = {}): OtherDose => ({ id: 'rec-1', doseNumber: 1, vaccinationDate: '2021-07-20', vaccine: 'ASTRAZENECA', lot: 'NJ0342', ...over });
const underCmnd = (doses: OtherDose[], over: Partial<OtherPerson> = {}): OtherPerson => ({
  id: 'person-1', idType: 'CMND', idNumber: '012345678', fullName: 'Nguyễn Văn An', dob: '1985-03-15', phone: '0912345678', doses, ...over,
});
const said = (d: DoseInput, others: OtherPerson[], p: PersonInput = an) => likelySameDoseFindings(d, p, others).map((f) => [f.code, f.severity]);

describe('the same dose recorded under another id number', () => {
  it('the same lot is an error; a lot missing on either side is no other lot, so an error too', () => {
    expect(said(dose, [underCmnd([stored()])])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'error']]);
    expect(said({ ...dose, lot: '' }, [underCmnd([stored()])])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'error']]);
    expect(said(dose, [underCmnd([stored({ lot: '' })])])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'error']]);
    expect(said({ ...dose, lot: 'nj0342' }, [underCmnd([stored()])])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'error']]);
  });

  it('another lot is a warning, unless another of the person\'s doses that day has the same lot', () => {
    expect(said(dose, [underCmnd([stored({ lot: 'NJ0999' })])])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'warning']]);
    const both = [stored({ id: 'rec-1', lot: 'NJ0999' }), stored({ id: 'rec-2', lot: 'NJ0342' })];
    const found = likelySameDoseFindings(dose, an, [underCmnd(both)]);
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0]!.message_en).toContain('record rec-2');
  });

  it('a superseded record, another dose number, date or vaccine is no repeat of this dose', () => {
    expect(said(dose, [underCmnd([stored({ state: 'superseded' })])])).toEqual([]);
    expect(said(dose, [underCmnd([stored({ doseNumber: 2 })])])).toEqual([]);
    expect(said(dose, [underCmnd([stored({ vaccinationDate: '2021-07-21' })])])).toEqual([]);
    expect(said(dose, [underCmnd([stored({ vaccine: 'PFIZER' })])])).toEqual([]);
  });

  it('only a person of the same name and date of birth under another number: not a namesake, not the same number, not the person itself', () => {
    expect(said(dose, [underCmnd([stored()], { fullName: 'Nguyễn Văn Bình' })])).toEqual([]);
    // The name is compared without its marks: a list typed without them names the same person.
    expect(said(dose, [underCmnd([stored()], { fullName: 'NGUYEN VAN AN' })])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'error']]);
    expect(said(dose, [underCmnd([stored()], { dob: '1985-03-16' })])).toEqual([]);
    // A year of birth agrees with the whole date it is the year of.
    expect(said(dose, [underCmnd([stored()], { dob: '1985' })])).toEqual([['DOSE_RECORDED_UNDER_OTHER_ID', 'error']]);
    expect(said(dose, [underCmnd([stored()], { idType: 'CCCD', idNumber: '001085012345' })])).toEqual([]);
    expect(said(dose, [underCmnd([stored()])], { ...an, id: 'person-1' })).toEqual([]);
  });
});
