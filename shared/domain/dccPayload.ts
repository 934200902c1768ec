/**
 * The EU DCC JSON (schema 1.3.0) of a vaccination certificate, built from a person and the dose it
 * is issued for. The QR payload stays EU-standard: nationality is not in it (DESIGN §3, field 3).
 */
import { StationError } from '../errors.js';
import { dnSd, eligibility } from './eligibility.js';
import { resolveNames } from './personValidation.js';
import type { DoseRecord, Person } from './types.js';
import { checkUvci } from './uvci.js';
import { COUNTRY_VN, DISEASE_COVID19, vaccineByCode } from './vaccines.js';

export const DCC_SCHEMA_VERSION = '1.3.0';
/** `v[0].is` (DESIGN §6): the certificate issuer. */
export const DCC_ISSUER = 'Ministry of Health of Viet Nam';

export interface DccName {
  fn?: string;
  fnt: string;
  gn?: string;
  gnt?: string;
}

export interface DccVaccination {
  tg: string;
  vp: string;
  mp: string;
  ma: string;
  dn: number;
  sd: number;
  dt: string;
  co: string;
  is: string;
  ci: string;
}

export interface DccPayload {
  ver: string;
  nam: DccName;
  dob: string;
  v: [DccVaccination];
}

/** The latest of a person's live doses (by date, then dose number); superseded ones never count. */
export function latestDose<D extends Pick<DoseRecord, 'vaccinationDate' | 'doseNumber' | 'state'>>(doses: readonly D[]): D | undefined {
  return doses
    .filter((d) => d.state !== 'superseded')
    .reduce<D | undefined>((best, d) => {
      if (best === undefined) return d;
      if (d.vaccinationDate !== best.vaccinationDate) return d.vaccinationDate > best.vaccinationDate ? d : best;
      return d.doseNumber > best.doseNumber ? d : best;
    }, undefined);
}

function refuse(code: string, vi: string, en: string, details?: unknown): never {
  throw new StationError(code, vi, en, details);
}

/**
 * The payload for `dose`. Refused with a StationError when the dose is not the person's latest,
 * when their primary series is not complete (nobody else is eligible, DESIGN §1), when the vaccine
 * is not in the catalog, or when `uvci` is not a valid UVCI.
 */
export function buildVaccinationPayload(person: Person, dose: DoseRecord, allDoses: readonly DoseRecord[], uvci: string): DccPayload {
  const vaccine = vaccineByCode(dose.vaccine)
    ?? refuse('VACCINE_UNKNOWN', `Vắc xin "${dose.vaccine}" không có trong danh mục.`, `Vaccine "${dose.vaccine}" is not in the catalog.`);
  const live = allDoses.some((d) => d.id === dose.id) ? allDoses : [...allDoses, dose];
  const latest = latestDose(live);
  if (latest !== undefined && latest.id !== dose.id) {
    refuse('DCC_NOT_LATEST_DOSE', 'Chứng nhận được cấp cho mũi tiêm gần nhất của người này.',
      "A certificate is issued for the person's latest dose.", { latest: latest.id });
  }
  const status = eligibility(live.filter((d) => d.state !== 'superseded'));
  if (!status.eligible) refuse('DCC_NOT_ELIGIBLE', status.reason_vi, status.reason_en);
  const check = checkUvci(uvci);
  if (!check.valid) refuse(check.code ?? 'UVCI_FORMAT', `Mã chứng nhận không hợp lệ: ${uvci}.`, `Invalid certificate id: ${uvci}.`);
  const names = resolveNames(person);
  const nam: DccName = { fn: names.familyName, fnt: names.fnt };
  if (names.givenName !== '') nam.gn = names.givenName;
  if (names.gnt !== '') nam.gnt = names.gnt;
  const { dn, sd } = dnSd(vaccine.code, dose.doseNumber);
  return {
    ver: DCC_SCHEMA_VERSION,
    nam,
    dob: person.dob,
    v: [{
      tg: DISEASE_COVID19, vp: vaccine.vp, mp: vaccine.mp, ma: vaccine.ma, dn, sd,
      dt: dose.vaccinationDate, co: COUNTRY_VN, is: DCC_ISSUER, ci: uvci,
    }],
  };
}
