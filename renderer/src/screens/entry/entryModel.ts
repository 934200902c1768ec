/**
 * The entry form's text fields ↔ the contract's PersonInput / DoseInput. Dates are typed
 * dd/mm/yyyy (a date of birth may be mm/yyyy or yyyy); what cannot be read is sent as typed so
 * the core's validation names the problem in both languages instead of the form guessing.
 */
import { formatDayFirst, parseDayFirstDate, parsePartialDate } from '../../../../shared/domain/dates.js';
import { defaultSplit, transliterate } from '../../../../shared/domain/names.js';
import type { ParamsOf, ResultOf } from '../../../../shared/rpc/contract.js';

export type PersonWire = ParamsOf<'records.validate'>['person'];
export type DoseWire = ParamsOf<'records.validate'>['dose'];
export type IdType = PersonWire['idType'];
export type Sex = PersonWire['sex'];

export interface PersonForm {
  idType: IdType;
  idNumber: string;
  fullName: string;
  /** Only used when `splitEdited`: otherwise the split is derived from the full name. */
  familyName: string;
  givenName: string;
  splitEdited: boolean;
  dob: string;
  sex: Sex | '';
  nationality: string;
  phone: string;
}

export interface DoseForm {
  vaccine: string;
  lot: string;
  doseNumber: string;
  vaccinationDate: string;
}

export const EMPTY_PERSON: PersonForm = {
  idType: 'CCCD',
  idNumber: '',
  fullName: '',
  familyName: '',
  givenName: '',
  splitEdited: false,
  dob: '',
  sex: '',
  nationality: 'VN',
  phone: '',
};

export const EMPTY_DOSE: DoseForm = { vaccine: '', lot: '', doseNumber: '1', vaccinationDate: '' };

const cut = (s: string, max: number) => s.trim().slice(0, max);

export function toPersonInput(f: PersonForm): PersonWire {
  const person: PersonWire = {
    idType: f.idType,
    idNumber: cut(f.idNumber, 32),
    fullName: cut(f.fullName, 200),
    dob: parsePartialDate(f.dob) ?? cut(f.dob, 10),
    // Validation needs some sex to run; an unchosen one is held back at save (see missingSex).
    sex: f.sex === '' ? 'X' : f.sex,
    nationality: cut(f.nationality, 2).toUpperCase(),
    phone: f.phone.trim() === '' ? null : cut(f.phone, 32),
  };
  if (f.splitEdited) {
    person.familyName = cut(f.familyName, 100);
    person.givenName = cut(f.givenName, 150);
  }
  return person;
}

export function toDoseInput(f: DoseForm): DoseWire {
  const n = Number(f.doseNumber.trim());
  return {
    vaccine: cut(f.vaccine, 40),
    lot: cut(f.lot, 64),
    doseNumber: Number.isInteger(n) && n >= 0 && n <= 99 ? n : 0,
    vaccinationDate: parseDayFirstDate(f.vaccinationDate) ?? cut(f.vaccinationDate, 10),
  };
}

/** The split and ICAO transliteration shown while typing, before the core has answered. */
export function namePreview(f: PersonForm): { familyName: string; givenName: string; fnt: string; gnt: string } {
  // The core's own default (a foreigner's family name in capitals last is read so), not a guess of ours.
  const split = f.splitEdited ? { familyName: f.familyName, givenName: f.givenName } : defaultSplit(f.fullName, f.nationality);
  return { familyName: split.familyName, givenName: split.givenName, fnt: transliterate(split.familyName), gnt: transliterate(split.givenName) };
}

export function isBlankPerson(f: PersonForm): boolean {
  return f.idNumber.trim() === '' && f.fullName.trim() === '' && f.dob.trim() === '';
}

/** Form fields from a stored record (edit and correct). */
export function formsFromRecord(r: Pick<ResultOf<'records.get'>, 'person' | 'record'>): { person: PersonForm; dose: DoseForm } {
  const { person, record } = r;
  const derived = defaultSplit(person.fullName, person.nationality);
  return {
    person: {
      idType: person.idType,
      idNumber: person.idNumber,
      fullName: person.fullName,
      familyName: person.familyName,
      givenName: person.givenName,
      splitEdited: derived.familyName !== person.familyName || derived.givenName !== person.givenName,
      dob: formatDayFirst(person.dob),
      sex: person.sex,
      nationality: person.nationality,
      phone: person.phone ?? '',
    },
    dose: {
      vaccine: record.vaccine,
      lot: record.lot,
      doseNumber: String(record.doseNumber),
      vaccinationDate: formatDayFirst(record.vaccinationDate),
    },
  };
}

/** After a save in "new record" mode: a fresh person, the same dose details (sticky). */
export function nextEntry(person: PersonForm): PersonForm {
  return { ...EMPTY_PERSON, idType: person.idType, nationality: person.nationality };
}
