import { describe, expect, it } from 'vitest';
import { dnSd, eligibility, type DoseSummary } from '../../../shared/domain/eligibility.js';
import { StationError } from '../../../shared/errors.js';

const d = (vaccine: string, doseNumber: number, vaccinationDate: string): DoseSummary => ({ vaccine, doseNumber, vaccinationDate });

describe('eligibility: primary series of the vaccine of the latest primary dose', () => {
  it.each<[string, DoseSummary[], boolean, string, number]>([
    ['no doses', [], false, 'NO_DOSES', 0],
    ['only doses of vaccines outside the catalog', [d('SINOVAC', 1, '2021-07-01'), d('SINOVAC', 2, '2021-08-01')], false, 'NO_DOSES', 0],
    ['AstraZeneca 1 of 2', [d('ASTRAZENECA', 1, '2021-07-01')], false, 'PRIMARY_INCOMPLETE', 1],
    ['AstraZeneca 2 of 2', [d('ASTRAZENECA', 1, '2021-07-01'), d('ASTRAZENECA', 2, '2021-08-01')], true, 'ELIGIBLE', 0],
    ['mixed: AstraZeneca then Pfizer', [d('ASTRAZENECA', 1, '2021-07-01'), d('PFIZER', 2, '2021-08-01')], true, 'ELIGIBLE', 0],
    ['mixed: Vero Cell then AstraZeneca', [d('VERO_CELL', 1, '2021-07-01'), d('ASTRAZENECA', 2, '2021-08-01')], true, 'ELIGIBLE', 0],
    ['second dose recorded here, first given elsewhere', [d('MODERNA', 2, '2021-08-01')], true, 'ELIGIBLE', 0],
    ['Janssen: one dose is the whole series', [d('JANSSEN', 1, '2021-07-01')], true, 'ELIGIBLE', 0],
    ['Abdala 1', [d('ABDALA', 1, '2021-09-01')], false, 'PRIMARY_INCOMPLETE', 2],
    ['Abdala 2 of 3', [d('ABDALA', 1, '2021-09-01'), d('ABDALA', 2, '2021-09-15')], false, 'PRIMARY_INCOMPLETE', 1],
    ['Abdala 3 of 3', [d('ABDALA', 1, '2021-09-01'), d('ABDALA', 2, '2021-09-15'), d('ABDALA', 3, '2021-10-01')], true, 'ELIGIBLE', 0],
    ['Pfizer 1 then Abdala 2: Abdala needs 3', [d('PFIZER', 1, '2021-09-01'), d('ABDALA', 2, '2021-10-01')], false, 'PRIMARY_INCOMPLETE', 1],
    ['Abdala 1, 2 then Pfizer 3: three doses reach Abdala’s three', [d('ABDALA', 1, '2021-09-01'), d('ABDALA', 2, '2021-09-15'), d('PFIZER', 3, '2021-12-01')], true, 'ELIGIBLE', 0],
    ['Pfizer 1 then Janssen 1: Janssen completes', [d('PFIZER', 1, '2021-07-01'), d('JANSSEN', 1, '2021-09-01')], true, 'ELIGIBLE', 0],
    ['booster only: the primary series was given elsewhere', [d('PFIZER', 3, '2022-01-10')], true, 'ELIGIBLE', 0],
    ['AZ 1, AZ 2, Pfizer booster', [d('ASTRAZENECA', 1, '2021-07-01'), d('ASTRAZENECA', 2, '2021-08-01'), d('PFIZER', 3, '2022-01-10')], true, 'ELIGIBLE', 0],
  ])('%s', (_name, doses, eligible, code, missing) => {
    const e = eligibility(doses);
    expect(e.eligible).toBe(eligible);
    expect(e.primaryComplete).toBe(eligible);
    expect(e.code).toBe(code);
    expect(e.dosesMissing).toBe(missing);
    expect(e.reason_vi.length).toBeGreaterThan(0);
    expect(e.reason_en.length).toBeGreaterThan(0);
  });

  it('the latest dose is the one the certificate is for, whatever the input order', () => {
    const doses = [d('PFIZER', 3, '2022-01-10'), d('ASTRAZENECA', 1, '2021-07-01'), d('ASTRAZENECA', 2, '2021-08-01')];
    expect(eligibility(doses).latestDose).toBe(doses[0]);
    expect(eligibility([]).latestDose).toBeNull();
  });

  it('returns the caller’s own dose objects (with their ids)', () => {
    const doses = [{ ...d('JANSSEN', 1, '2021-07-01'), id: 'rec-9' }];
    expect(eligibility(doses).latestDose?.id).toBe('rec-9');
  });

  it('says in both languages how many doses are missing', () => {
    const e = eligibility([d('ABDALA', 1, '2021-09-01')]);
    expect(e.reason_vi).toContain('3');
    expect(e.reason_en).toContain('Abdala needs 3 doses, 1 recorded');
  });
});

describe('eligibility: the latest dose', () => {
  it('is the latest by date, then by dose number, whatever order the doses come in', () => {
    const two = [d('PFIZER', 1, '2021-08-01'), d('PFIZER', 2, '2021-08-01')];
    expect(eligibility(two).latestDose?.doseNumber).toBe(2);
    expect(eligibility([...two].reverse()).latestDose?.doseNumber).toBe(2);
    // The same tie decides whose primary series counts: Pfizer 2 (2 doses) completes, not Abdala 1 (3).
    const mixed = [d('PFIZER', 2, '2021-09-01'), d('ABDALA', 1, '2021-09-01')];
    expect(eligibility(mixed)).toMatchObject({ eligible: true, latestDose: { vaccine: 'PFIZER' } });
  });
});

describe('dnSd: the DCC dose pair', () => {
  it.each<[string, number, number, number]>([
    ['ASTRAZENECA', 1, 1, 2], ['ASTRAZENECA', 2, 2, 2], ['PFIZER', 3, 3, 3], ['MODERNA', 4, 4, 4],
    ['ABDALA', 1, 1, 3], ['ABDALA', 3, 3, 3], ['ABDALA', 4, 4, 4],
    ['JANSSEN', 1, 1, 1], ['JANSSEN', 2, 2, 2],
    ['VERO_CELL', 2, 2, 2], ['SPUTNIK_V', 1, 1, 2], ['HAYAT_VAX', 3, 3, 3],
  ])('%s dose %d → %d/%d', (vaccine, doseNumber, dn, sd) => {
    expect(dnSd(vaccine, doseNumber)).toEqual({ dn, sd });
  });

  it('refuses an unknown vaccine or a dose number outside 1–9 with a coded error', () => {
    expect(() => dnSd('SINOVAC', 1)).toThrow(StationError);
    expect(() => dnSd('PFIZER', 0)).toThrow(/1–9/);
    expect(() => dnSd('PFIZER', 10)).toThrow(StationError);
    expect(() => dnSd('PFIZER', 1.5)).toThrow(StationError);
  });
});
