// A dose whose number skips one the person has no record of (dose 4 after dose 2; "dose 3" after a
// single Janssen dose, whose first booster is dose 2) had no finding: a dose number typed or read
// one too high went to the certificate (dn/sd) as it was. It is a warning, not an error: the
// missing dose may have been given elsewhere and never recorded here. Only where the person's
// doses are known: a dose with no other dose of the person says nothing.
import { describe, expect, it } from 'vitest';
import { validateDose, type OtherDose } from '../../../shared/domain/validation.js';
import type { DoseInput } from '../../../shared/domain/types.js';

const today = '2023-01-15';
const person = { dob: '1985-03-12' };
const dose = (doseNumber: number, vaccine: string, vaccinationDate: string): DoseInput => ({ vaccine, lot: 'AB1234', doseNumber, vaccinationDate });
const other = (id: string, doseNumber: number, vaccine: string, vaccinationDate: string): OtherDose => ({ id, doseNumber, vaccine, vaccinationDate });
const gaps = (d: DoseInput, others: OtherDose[]) => validateDose(d, person, { today, otherDoses: others }).filter((f) => f.code === 'DOSE_NUMBER_GAP');

describe('a dose number past one the person has no record of', () => {
  it('dose 4 after dose 2: a warning naming dose 3, in both languages', () => {
    const [gap, ...more] = gaps(dose(4, 'PFIZER', '2022-07-10'), [other('a', 1, 'ASTRAZENECA', '2021-07-15'), other('b', 2, 'ASTRAZENECA', '2021-09-20')]);
    expect(more).toEqual([]);
    expect(gap).toMatchObject({ field: 'doseNumber', severity: 'warning' });
    expect(gap!.message_en).toBe(
      'This person has no dose 3 recorded: dose 4 comes after their dose 2 (2021-09-20). AstraZeneca (Vaxzevria) is a primary series of 2 doses: the first booster after it is dose 3. If dose 3 was given elsewhere, confirm it; otherwise check the dose number.',
    );
    expect(gap!.message_vi).toBe(
      'Người này chưa có mũi 3: mũi 4 đứng sau mũi 2 (20/09/2021). Vắc xin AstraZeneca (Vaxzevria) có 2 mũi cơ bản: mũi nhắc lại đầu tiên sau đó là mũi 3. Nếu mũi 3 đã tiêm ở nơi khác, hãy xác nhận; nếu không, hãy kiểm tra lại số mũi.',
    );
  });

  it('"dose 3" after a single Janssen dose: dose 2 is missing, and Janssen\'s one-dose series said', () => {
    const [gap] = gaps(dose(3, 'PFIZER', '2022-02-10'), [other('a', 1, 'JANSSEN', '2021-07-15')]);
    expect(gap!.message_en).toBe(
      'This person has no dose 2 recorded: dose 3 comes after their dose 1 (2021-07-15). Janssen (Jcovden) is a primary series of 1 dose: the first booster after it is dose 2. If dose 2 was given elsewhere, confirm it; otherwise check the dose number.',
    );
    expect(gap!.message_vi).toContain('Vắc xin Janssen (Jcovden) có 1 mũi cơ bản: mũi nhắc lại đầu tiên sau đó là mũi 2.');
    // Janssen and its first booster as dose 2: nothing to say.
    expect(gaps(dose(2, 'PFIZER', '2022-02-10'), [other('a', 1, 'JANSSEN', '2021-07-15')])).toEqual([]);
  });

  it('names every dose missing, and only the ones below the nearest lower dose recorded', () => {
    expect(gaps(dose(4, 'PFIZER', '2022-07-10'), [other('a', 1, 'PFIZER', '2021-07-15')])[0]!.message_en).toMatch(/^This person has no doses 2 and 3 recorded: dose 4 comes after their dose 1 /);
    expect(gaps(dose(5, 'PFIZER', '2022-07-10'), [other('a', 1, 'PFIZER', '2021-07-15')])[0]!.message_en).toMatch(/^This person has no doses 2, 3 and 4 recorded/);
    // Only later doses known: the ones below are missing (dose 1 of a person whose dose 3 is recorded).
    expect(gaps(dose(2, 'PFIZER', '2021-08-10'), [other('a', 3, 'PFIZER', '2022-02-10')])[0]!.message_en).toBe(
      'This person has no dose 1 recorded before dose 2. If dose 1 was given elsewhere, confirm it; otherwise check the dose number.',
    );
    // Dose 3 is recorded: dose 4 follows it, whatever else is missing (dose 3 says so itself).
    expect(gaps(dose(4, 'PFIZER', '2022-07-10'), [other('a', 1, 'PFIZER', '2021-07-15'), other('b', 3, 'PFIZER', '2022-02-10')])).toEqual([]);
  });

  it('says nothing without another dose of the person, for a dose 1, or for doses in sequence', () => {
    expect(gaps(dose(3, 'PFIZER', '2022-02-10'), [])).toEqual([]);
    expect(gaps(dose(1, 'PFIZER', '2021-07-15'), [other('a', 3, 'PFIZER', '2022-02-10')])).toEqual([]);
    expect(gaps(dose(3, 'PFIZER', '2022-02-10'), [other('a', 1, 'PFIZER', '2021-07-15'), other('b', 2, 'PFIZER', '2021-08-10')])).toEqual([]);
    // A superseded dose is no dose of the person.
    expect(gaps(dose(3, 'PFIZER', '2022-02-10'), [other('a', 1, 'PFIZER', '2021-07-15'), { ...other('b', 2, 'PFIZER', '2021-08-10'), state: 'superseded' }])).toHaveLength(1);
  });
});
