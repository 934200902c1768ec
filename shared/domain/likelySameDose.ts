/**
 * The same dose under two id numbers. A person recorded under their CMND and then, in a later
 * list, under their new CCCD (or with the same name, date of birth and phone under any other
 * number) is two people to the queue: the natural key (id number + dose + vaccine + date) cannot
 * see that the second list's dose 1 is the first list's, and both would be signed and sent — two
 * certificates of one injection. The person findings say the two are probably one; this says the
 * dose itself is already recorded, as an error when the lot is the same too (nothing to confirm:
 * signing it would sign the same injection twice), a warning when the lot differs (the same day's
 * dose of a namesake stays possible).
 */
import { datesOfBirthAgree, formatDayFirst } from './dates.js';
import { normalizeLot, parseDoseNumber } from './doseValidation.js';
import { error, warning } from './findings.js';
import { normalizeIdNumber } from './identity.js';
import { foldForSearch, normalizeName } from './names.js';
import type { DoseInput, Finding, PersonInput } from './types.js';
import { fileRow, type OtherDose, type OtherPerson } from './validationContext.js';
import { vaccineByCode } from './vaccines.js';

function sameLot(a: string, b: string): boolean {
  return a === '' || b === '' || a.toUpperCase() === b.toUpperCase();
}

/** The dose of `others` (people under another id number, with their doses) this input repeats. */
export function likelySameDoseFindings(d: DoseInput, p: PersonInput, others: readonly OtherPerson[] | undefined, ownSheet?: string): Finding[] {
  if (others === undefined || others.length === 0) return [];
  // Only people whose doses the caller read: most rows have none to compare.
  if (!others.some((o) => o.doses !== undefined && o.doses.length > 0)) return [];
  const n = parseDoseNumber(d.doseNumber);
  const date = (d.vaccinationDate ?? '').trim();
  const vaccine = (d.vaccine ?? '').trim().toUpperCase();
  if (!Number.isInteger(n) || date === '' || vaccine === '') return [];
  const lot = normalizeLot(d.lot ?? '');
  const idNumber = normalizeIdNumber(p.idNumber ?? '');
  const name = foldForSearch(normalizeName(p.fullName ?? ''));
  const dob = (p.dob ?? '').trim();
  const out: Finding[] = [];
  for (const other of others) {
    if (other.doses === undefined || (p.id !== undefined && other.id === p.id)) continue;
    // Under another number, with the same name and date of birth: the person a likely duplicate names.
    if (normalizeIdNumber(other.idNumber) === idNumber || foldForSearch(other.fullName) !== name || !datesOfBirthAgree(other.dob, dob)) continue;
    let same: OtherDose | undefined;
    for (const o of other.doses) {
      if (o.state === 'superseded' || o.doseNumber !== n || o.vaccinationDate !== date || o.vaccine !== vaccine) continue;
      if (same === undefined || (!sameLot(same.lot ?? '', lot) && sameLot(o.lot ?? '', lot))) same = o;
    }
    if (same === undefined) continue;
    out.push(sameDoseFinding(n, vaccine, date, lot, same, other, ownSheet));
  }
  return out;
}

function sameDoseFinding(n: number, vaccine: string, date: string, lot: string, same: OtherDose, other: OtherPerson, ownSheet: string | undefined): Finding {
  const v = vaccineByCode(vaccine);
  // The name clinics write ("AstraZeneca (Vaxzevria)"), in both languages.
  const vaccineVi = v ? v.nameEn : vaccine;
  const vaccineEn = vaccineVi;
  const whoVi = `${other.fullName}, sinh ${formatDayFirst(other.dob)}, ${other.idType} ${other.idNumber}`;
  const whoEn = `${other.fullName}, born ${formatDayFirst(other.dob)}, ${other.idType} ${other.idNumber}`;
  const [whereVi, whereEn] = same.row !== undefined
    ? ((w): [string, string] => [w.vi, w.en])(fileRow(same.row, same.sheet ?? other.sheet, ownSheet))
    : [`bản ghi ${same.id}, người mã ${other.id}`, `record ${same.id}, person id ${other.id}`];
  const storedLot = same.lot ?? '';
  if (sameLot(storedLot, lot)) {
    const lotText = storedLot !== '' ? storedLot : lot;
    const lotVi = lotText !== '' ? `, lô ${lotText}` : '';
    const lotEn = lotText !== '' ? `, lot ${lotText}` : '';
    return error('row', 'DOSE_RECORDED_UNDER_OTHER_ID',
      `Mũi ${n} ${vaccineVi} ngày ${formatDayFirst(date)}${lotVi} đã được ghi cho ${whoVi} (${whereVi}): cùng họ tên, ngày sinh, nhiều khả năng là cùng một người với số giấy tờ khác. Không ghi mũi này lần thứ hai (sẽ thành hai chứng nhận cho một mũi tiêm); nếu đúng là một người, hãy gộp hai người; nếu là hai người khác nhau, hãy kiểm tra lại số lô và ngày tiêm.`,
      `Dose ${n} of ${vaccineEn} on ${formatDayFirst(date)}${lotEn} is already recorded for ${whoEn} (${whereEn}): the same name and date of birth, most likely the same person under another id number. This dose is not recorded a second time (that would be two certificates of one injection); if they are one person, merge the two; if they are two people, check the lot and the date.`);
  }
  return warning('row', 'DOSE_RECORDED_UNDER_OTHER_ID',
    `Mũi ${n} ${vaccineVi} ngày ${formatDayFirst(date)} đã được ghi cho ${whoVi} (${whereVi}, lô ${storedLot}), cùng họ tên và ngày sinh, nhưng dòng này ghi lô ${lot}: nếu là cùng một người thì mũi này đã có, đừng ghi lại.`,
    `Dose ${n} of ${vaccineEn} on ${formatDayFirst(date)} is already recorded for ${whoEn} (${whereEn}, lot ${storedLot}), the same name and date of birth, but this row says lot ${lot}: if they are one person, the dose is already recorded; do not record it again.`);
}
