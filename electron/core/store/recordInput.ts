/**
 * A record as typed or imported, normalised into what is stored and what validation reads. The
 * raw input may hold anything (an import cell, a half-filled form): nothing here throws.
 */
import { ID_TYPES, type IdType, type Sex } from '../../../shared/domain/types.js';
import { canonicalPhone, foldForSearch, normalizeIdNumber, normalizeLot, normalizeName, resolveNames, type DoseInput, type PersonInput } from './domain.js';
import type { RecordInput } from './storeTypes.js';

export interface PreparedPerson {
  /** What validation reads: the same fields, normalised. */
  input: PersonInput;
  idType: string;
  idNumber: string;
  fullName: string;
  familyName: string;
  givenName: string;
  fnt: string;
  gnt: string;
  nameFolded: string;
  dob: string;
  sex: string;
  nationality: string;
  phone: string | null;
}

export interface PreparedDose {
  input: DoseInput;
  vaccine: string;
  lot: string;
  /** null when the input is not a whole number. */
  doseNumber: number | null;
  vaccinationDate: string;
  facilityCode: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

export function preparePerson(raw: PersonInput | undefined): PreparedPerson {
  const p = raw ?? {};
  const nationality = text(p.nationality).toUpperCase() || 'VN';
  const names = resolveNames({
    fullName: text(p.fullName),
    familyName: text(p.familyName),
    givenName: text(p.givenName),
    fnt: text(p.fnt),
    gnt: text(p.gnt),
    // A foreigner's "Anna Maria SCHMIDT" is split family last (defaultSplit), as validation reads it.
    nationality,
  });
  const idType = text(p.idType).toUpperCase();
  const idNumber = normalizeIdNumber(text(p.idNumber));
  const phone = canonicalPhone(text(p.phone)) || null;
  const dob = text(p.dob);
  const sex = text(p.sex).toUpperCase();
  const input: PersonInput = {
    idType,
    idNumber,
    fullName: names.fullName,
    dob,
    sex,
    nationality,
    phone,
  };
  // Typed parts are passed on as typed, so validation can check them; derived ones are left out.
  if (text(p.familyName) || text(p.givenName)) {
    input.familyName = normalizeName(text(p.familyName));
    input.givenName = normalizeName(text(p.givenName));
  }
  if (text(p.fnt)) input.fnt = text(p.fnt);
  if (text(p.gnt)) input.gnt = text(p.gnt);
  if (p.id !== undefined) input.id = p.id;
  // One object in its final shape (not a second one spread into it): one per person of an import.
  return {
    input,
    idType,
    idNumber,
    fullName: names.fullName,
    familyName: names.familyName,
    givenName: names.givenName,
    fnt: names.fnt,
    gnt: names.gnt,
    nameFolded: foldForSearch(names.fullName),
    dob,
    sex,
    nationality,
    phone,
  };
}

export function prepareDose(raw: (DoseInput & { facilityCode?: string }) | undefined, defaultFacility: string): PreparedDose {
  const d = raw ?? {};
  const dn = typeof d.doseNumber === 'number' ? d.doseNumber : /^\s*\d{1,3}\s*$/.test(text(d.doseNumber)) ? Number(text(d.doseNumber)) : NaN;
  const doseNumber = Number.isInteger(dn) ? dn : null;
  const vaccine = text(d.vaccine).toUpperCase();
  const lot = normalizeLot(text(d.lot));
  const vaccinationDate = text(d.vaccinationDate);
  const facilityCode = text(d.facilityCode) || defaultFacility;
  const input: DoseInput = { vaccine, lot, doseNumber: doseNumber ?? text(d.doseNumber), vaccinationDate, facilityCode };
  if (d.id !== undefined) input.id = d.id;
  // One object in its final shape (not a second one spread into it): one per row of an import.
  return { input, vaccine, lot, doseNumber, vaccinationDate, facilityCode };
}

export function prepareRecord(raw: RecordInput, defaultFacility: string, people?: PreparedPeople): { person: PreparedPerson; dose: PreparedDose } {
  return { person: people ? people.prepare(raw?.person) : preparePerson(raw?.person), dose: prepareDose(raw?.dose, defaultFacility) };
}

/** Every field preparePerson reads. */
const PERSON_FIELDS = ['idNumber', 'idType', 'fullName', 'dob', 'sex', 'phone', 'nationality', 'familyName', 'givenName', 'fnt', 'gnt', 'id'] as const;

/**
 * Object.is on every field of PERSON_FIELDS, written out: the list with a callback and keyed
 * reads cost more per row than preparing the person did (test/unit/import/preparedPeopleFields.test.ts
 * changes each field in turn).
 */
function sameFields(a: PersonInput, b: PersonInput): boolean {
  return (
    Object.is(a.idNumber, b.idNumber) && Object.is(a.idType, b.idType) && Object.is(a.fullName, b.fullName) && Object.is(a.dob, b.dob) &&
    Object.is(a.sex, b.sex) && Object.is(a.phone, b.phone) && Object.is(a.nationality, b.nationality) && Object.is(a.familyName, b.familyName) &&
    Object.is(a.givenName, b.givenName) && Object.is(a.fnt, b.fnt) && Object.is(a.gnt, b.gnt) && Object.is(a.id, b.id)
  );
}

/** People remembered per id number: past this (a file repeating one number), the rest are prepared anew. */
const MAX_PER_ID = 8;

/**
 * preparePerson for many rows, each person prepared once: an import's rows repeat a person once
 * per dose, with the same fields. A row whose every field is the same (Object.is) as one seen
 * before gets that row's PreparedPerson, which nothing changes after it is made.
 */
export class PreparedPeople {
  private readonly byId = new Map<unknown, { raw: PersonInput; prepared: PreparedPerson }[]>();

  prepare(raw: PersonInput | undefined): PreparedPerson {
    if (raw === undefined || raw === null || typeof raw !== 'object') return preparePerson(raw);
    let seen = this.byId.get(raw.idNumber);
    if (seen === undefined) {
      seen = [];
      this.byId.set(raw.idNumber, seen);
    }
    for (const s of seen) if (sameFields(s.raw, raw)) return s.prepared;
    const prepared = preparePerson(raw);
    // A copy of the fields as prepared: a caller changing its row afterwards changes no answer.
    const copy: PersonInput = {};
    for (const f of PERSON_FIELDS) if (f in raw) (copy as Record<string, unknown>)[f] = raw[f];
    if (seen.length < MAX_PER_ID) seen.push({ raw: copy, prepared });
    return prepared;
  }
}

/**
 * The import's idempotence key (an import of the same row twice writes nothing): id type, id
 * number, dose number, vaccine, vaccination date.
 */
export function naturalKey(person: Pick<PreparedPerson, 'idType' | 'idNumber'>, dose: Pick<PreparedDose, 'doseNumber' | 'vaccine' | 'vaccinationDate'>): string {
  return [person.idType, person.idNumber, dose.doseNumber ?? '', dose.vaccine, dose.vaccinationDate].join('|');
}

/** A list made once, not per row. */
const SEXES: readonly string[] = ['M', 'F', 'X'];

/** The fields that keep a row from being stored at all (isStorable), named in each language. */
export function unstorableFields(person: PreparedPerson, dose: PreparedDose): { vi: string; en: string }[] {
  const out: { vi: string; en: string }[] = [];
  if (!(ID_TYPES as readonly string[]).includes(person.idType)) out.push({ vi: 'loại giấy tờ', en: 'the id type' });
  if (person.idNumber === '') out.push({ vi: 'số giấy tờ', en: 'the id number' });
  if (person.fullName === '') out.push({ vi: 'họ tên', en: 'the name' });
  if (!SEXES.includes(person.sex)) out.push({ vi: 'giới tính', en: 'the sex' });
  if (dose.doseNumber === null) out.push({ vi: 'mũi tiêm', en: 'the dose number' });
  return out;
}

/**
 * Whether the row can be stored at all (as a draft, with its findings): the columns the queue
 * needs to find it again must hold something of the right kind.
 */
export function isStorable(person: PreparedPerson, dose: PreparedDose): person is PreparedPerson & { idType: IdType; sex: Sex } {
  return (
    (ID_TYPES as readonly string[]).includes(person.idType) &&
    person.idNumber !== '' &&
    person.fullName !== '' &&
    SEXES.includes(person.sex) &&
    dose.doseNumber !== null
  );
}
