/**
 * Passport eligibility (DESIGN §1, §3): only people who completed the primary series of one of the
 * licensed vaccines get a certificate. Every dose can still be signed; this only decides issuance,
 * and the station shows it per person.
 */
import { StationError } from '../errors.js';
import { MAX_DOSE_NUMBER } from './doseValidation.js';
import { vaccineByCode } from './vaccines.js';

export interface DoseSummary {
  vaccine: string;
  doseNumber: number;
  vaccinationDate: string;
}

export type EligibilityCode = 'ELIGIBLE' | 'NO_DOSES' | 'PRIMARY_INCOMPLETE';

export interface Eligibility<D extends DoseSummary = DoseSummary> {
  eligible: boolean;
  code: EligibilityCode;
  reason_vi: string;
  reason_en: string;
  primaryComplete: boolean;
  /** The dose a certificate is issued for: the latest by date (then dose number). */
  latestDose: D | null;
  /** Doses still missing from the primary series (0 when complete). */
  dosesMissing: number;
}

function isPrimary(d: DoseSummary): boolean {
  const v = vaccineByCode(d.vaccine);
  return v !== undefined && d.doseNumber <= v.primaryDoses;
}

function byDateThenNumber(a: DoseSummary, b: DoseSummary): number {
  if (a.vaccinationDate !== b.vaccinationDate) return a.vaccinationDate < b.vaccinationDate ? -1 : 1;
  return a.doseNumber - b.doseNumber;
}

/**
 * Primary series complete when the person's doses reach the primary series of the vaccine of their
 * latest primary dose: the highest dose number recorded is at least that vaccine's primary doses.
 * Mixed schedules therefore count (AstraZeneca 1 then Pfizer 2 = complete; Abdala 1, Abdala 2,
 * Pfizer 3 = complete, three doses reach Abdala's three). A booster (dose number above its
 * vaccine's primary doses) with no primary dose recorded here implies the primary series was given
 * elsewhere. Doses of vaccines outside the catalog are ignored. No waiting period after the last
 * dose is applied: DESIGN asks none, and the certificate records the date.
 */
export function eligibility<D extends DoseSummary>(doses: readonly D[]): Eligibility<D> {
  const known = doses
    .filter((d) => vaccineByCode(d.vaccine) !== undefined && Number.isInteger(d.doseNumber) && d.doseNumber >= 1)
    .sort(byDateThenNumber);
  const latestDose = known[known.length - 1] ?? null;
  if (latestDose === null) {
    return { eligible: false, code: 'NO_DOSES', primaryComplete: false, latestDose: null, dosesMissing: 0,
      reason_vi: 'Chưa có mũi tiêm nào của vắc xin trong danh mục.', reason_en: 'No dose of a catalog vaccine is recorded.' };
  }
  const maxDose = Math.max(...known.map((d) => d.doseNumber));
  const latestPrimary = known.filter(isPrimary).pop();
  const required = latestPrimary === undefined ? 0 : (vaccineByCode(latestPrimary.vaccine)?.primaryDoses ?? 0);
  if (maxDose >= required) {
    const name = vaccineByCode((latestPrimary ?? latestDose).vaccine)?.name ?? '';
    return { eligible: true, code: 'ELIGIBLE', primaryComplete: true, latestDose, dosesMissing: 0,
      reason_vi: latestPrimary === undefined
        ? `Đã tiêm mũi nhắc lại (mũi ${latestDose.doseNumber}): mũi cơ bản đã tiêm nơi khác.`
        : `Đã hoàn thành liều cơ bản (${required} mũi, ${name}).`,
      reason_en: latestPrimary === undefined
        ? `Booster dose recorded (dose ${latestDose.doseNumber}): the primary series was given elsewhere.`
        : `Primary series complete (${required} doses, ${name}).` };
  }
  const missing = required - maxDose;
  const name = vaccineByCode(latestPrimary?.vaccine ?? '')?.name ?? '';
  return { eligible: false, code: 'PRIMARY_INCOMPLETE', primaryComplete: false, latestDose, dosesMissing: missing,
    reason_vi: `Chưa hoàn thành liều cơ bản: ${name} cần ${required} mũi, mới có ${maxDose}.`,
    reason_en: `Primary series not complete: ${name} needs ${required} doses, ${maxDose} recorded.` };
}

/**
 * The DCC `dn`/`sd` pair (EU DCC guidelines): within the primary series `sd` is the series length
 * (1/2, 2/2, 3/3 for Abdala, 1/1 for Janssen); a booster has `sd` = `dn` (3/3, and 2/2 for a
 * Janssen booster), the EU convention that marks it complete.
 */
export function dnSd(vaccine: string, doseNumber: number): { dn: number; sd: number } {
  const v = vaccineByCode(vaccine);
  if (v === undefined) {
    throw new StationError('VACCINE_UNKNOWN', `Vắc xin "${vaccine}" không có trong danh mục.`, `Vaccine "${vaccine}" is not in the catalog.`);
  }
  if (!Number.isInteger(doseNumber) || doseNumber < 1 || doseNumber > MAX_DOSE_NUMBER) {
    throw new StationError('DOSE_NUMBER_INVALID', `Mũi tiêm thứ ${doseNumber} không hợp lệ (1–9).`, `Dose number ${doseNumber} is not valid (1–9).`);
  }
  return { dn: doseNumber, sd: Math.max(doseNumber, v.primaryDoses) };
}
