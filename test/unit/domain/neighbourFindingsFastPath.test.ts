/**
 * The checks of a dose against the person's other doses (duplicate number, same day, order,
 * interval) find the nearest earlier and later dose without a filtered, sorted list when there
 * is at most one candidate. The implementation it replaced is kept here as the oracle: the same
 * findings, in the same order, for every set of doses (ties on a date included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, isValidIsoDate } from '../../../shared/domain/dates.js';
import { error, warning } from '../../../shared/domain/findings.js';
import type { DoseInput, Finding } from '../../../shared/domain/types.js';
import { parseDoseNumber, validateDose, type OtherDose } from '../../../shared/domain/validation.js';
import { vaccineByCode } from '../../../shared/domain/vaccines.js';

// ---- the previous implementation, verbatim ----
function minInterval(first: string, second: string): number | null {
  return vaccineByCode(first)?.minIntervalDays ?? vaccineByCode(second)?.minIntervalDays ?? null;
}
function dmy(iso: string): string {
  return iso.split('-').reverse().join('/');
}
function oldNeighbourFindings(d: DoseInput, others: readonly OtherDose[]): Finding[] {
  const out: Finding[] = [];
  const n = parseDoseNumber(d.doseNumber);
  const date = (d.vaccinationDate ?? '').trim();
  const dateOk = isValidIsoDate(date);
  const numberOk = Number.isInteger(n) && n >= 1;
  const sameNumber = numberOk ? others.find((o) => o.doseNumber === n) : undefined;
  if (sameNumber !== undefined) {
    out.push(error('doseNumber', 'DOSE_DUPLICATE_NUMBER',
      `Mũi ${n} của người này đã được ghi (bản ghi ${sameNumber.id}, ngày ${dmy(sameNumber.vaccinationDate)}). Nếu cần sửa, hãy tạo bản ghi thay thế.`,
      `Dose ${n} of this person is already recorded (record ${sameNumber.id}, ${sameNumber.vaccinationDate}). To fix it, make a correcting record.`));
  }
  if (!dateOk) return out;
  const sameDate = others.find((o) => o.vaccinationDate === date);
  if (sameDate !== undefined) {
    out.push(error('vaccinationDate', 'DOSE_SAME_DATE',
      `Người này đã có một mũi tiêm cùng ngày ${dmy(date)} (bản ghi ${sameDate.id}, mũi ${sameDate.doseNumber}): hai mũi không tiêm cùng ngày.`,
      `This person already has a dose on ${date} (record ${sameDate.id}, dose ${sameDate.doseNumber}): two doses are not given on one day.`));
  }
  if (numberOk) {
    const outOfOrder = others.find((o) => (o.doseNumber < n && o.vaccinationDate > date) || (o.doseNumber > n && o.vaccinationDate < date));
    if (outOfOrder !== undefined) {
      out.push(warning('doseNumber', 'DOSE_ORDER_MISMATCH',
        `Thứ tự mũi không khớp ngày tiêm: mũi ${outOfOrder.doseNumber} ngày ${dmy(outOfOrder.vaccinationDate)}, mũi ${n} ngày ${dmy(date)}.`,
        `Dose numbers do not follow the dates: dose ${outOfOrder.doseNumber} on ${outOfOrder.vaccinationDate}, dose ${n} on ${date}.`));
    }
  }
  const earlier = others.filter((o) => o.vaccinationDate < date).sort((a, b) => (a.vaccinationDate < b.vaccinationDate ? 1 : -1))[0];
  const later = others.filter((o) => o.vaccinationDate > date).sort((a, b) => (a.vaccinationDate > b.vaccinationDate ? 1 : -1))[0];
  const pairs: [string, string, string, string][] = [];
  if (earlier !== undefined) pairs.push([earlier.vaccinationDate, earlier.vaccine, date, d.vaccine ?? '']);
  if (later !== undefined) pairs.push([date, d.vaccine ?? '', later.vaccinationDate, later.vaccine]);
  for (const [firstDate, firstVaccine, secondDate, secondVaccine] of pairs) {
    const min = minInterval(firstVaccine, secondVaccine);
    const gap = daysBetween(firstDate, secondDate);
    if (min !== null && gap < min) {
      out.push(warning('vaccinationDate', 'DOSE_INTERVAL_TOO_SHORT',
        `Khoảng cách giữa hai mũi (${dmy(firstDate)} và ${dmy(secondDate)}) là ${gap} ngày, ít hơn tối thiểu ${min} ngày.`,
        `The interval between doses (${firstDate} and ${secondDate}) is ${gap} days, less than the minimum of ${min} days.`));
      break;
    }
  }
  return out;
}
// ---- end of the previous implementation ----

const NEIGHBOUR_CODES = new Set(['DOSE_DUPLICATE_NUMBER', 'DOSE_SAME_DATE', 'DOSE_ORDER_MISMATCH', 'DOSE_INTERVAL_TOO_SHORT']);
// Few dates and vaccines with different intervals, so that ties, short and long gaps all occur.
const dates = fc.constantFrom('2021-07-01', '2021-07-10', '2021-07-20', '2021-08-15', '2021-12-01', '2021-02-30', 'x');
const vaccines = fc.constantFrom('PFIZER', 'MODERNA', 'ABDALA', 'JANSSEN', 'NOPE', '');
const other: fc.Arbitrary<OtherDose> = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  doseNumber: fc.integer({ min: 1, max: 4 }),
  vaccinationDate: dates,
  vaccine: vaccines,
});
const dose: fc.Arbitrary<DoseInput> = fc.record({
  vaccine: vaccines,
  lot: fc.constant('L1'),
  doseNumber: fc.constantFrom(1, 2, 3, '2', 0, 'x'),
  vaccinationDate: dates,
});

describe('neighbour findings without the filtered, sorted lists', () => {
  it('gives the findings of the implementation it replaced, in its order', () => {
    fc.assert(
      fc.property(dose, fc.array(other, { maxLength: 6 }), (d, others) => {
        const now = validateDose(d, { dob: '1990-01-01' }, { today: '2026-11-23', otherDoses: others }).filter((f) => NEIGHBOUR_CODES.has(f.code));
        expect(now).toEqual(oldNeighbourFindings({ ...d, vaccinationDate: String(d.vaccinationDate ?? '') }, others));
      }),
      { numRuns: 3000 },
    );
  });
});
