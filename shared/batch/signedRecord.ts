/**
 * The record as the facility signs it (DESIGN §5): the fields are defined here, once, and both
 * the station and the platform (simulator) encode and decode them with these functions. The leaf
 * of the batch's Merkle tree is the hash of exactly these deterministic CBOR bytes, which is why
 * the upload carries the bytes themselves rather than a re-encodable structure.
 */
import { z } from 'zod';
import { StationError } from '../errors.js';
import type { DoseRecord, Person } from '../domain/types.js';

export const SIGNED_RECORD_VERSION = 1;
/** A correction's reason as signed: the station words its own additions to fit (recordEdit.ts). */
export const SIGNED_REASON_MAX = 500;

const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const SignedRecordSchema = z
  .object({
    v: z.literal(SIGNED_RECORD_VERSION),
    id: z.string().min(1).max(64),
    person: z
      .object({
        idType: z.enum(['CCCD', 'CMND', 'PASSPORT']),
        idNumber: z.string().min(1).max(32),
        fullName: z.string().min(1).max(200),
        familyName: z.string().max(100),
        givenName: z.string().max(150),
        fnt: z.string().regex(/^[A-Z<]*$/).max(80),
        gnt: z.string().regex(/^[A-Z<]*$/).max(80),
        dob: date,
        sex: z.enum(['M', 'F', 'X']),
        nationality: z.string().length(2),
        phone: z.string().max(32).optional(),
      })
      .strict(),
    vaccine: z.string().min(1).max(40),
    /** EU codes as the catalog had them when the facility signed: what the passport will say. */
    mp: z.string().max(80),
    ma: z.string().max(80),
    vp: z.string().max(80),
    lot: z.string().max(64),
    dose: z.number().int().min(1).max(99),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    facility: z.string().min(1).max(40),
    supersedes: z.string().min(1).max(64).optional(),
    reason: z.string().max(SIGNED_REASON_MAX).optional(),
  })
  .strict();
export type SignedRecord = z.infer<typeof SignedRecordSchema>;

/** The EU codes of a vaccine, looked up by the caller in the catalog at signing time. */
export interface VaccineCodes {
  mp: string;
  ma: string;
  vp: string;
}

export function toSignedRecord(person: Person, record: DoseRecord, codes: VaccineCodes): SignedRecord {
  const signed: SignedRecord = {
    v: SIGNED_RECORD_VERSION,
    id: record.id,
    person: {
      idType: person.idType,
      idNumber: person.idNumber,
      fullName: person.fullName,
      familyName: person.familyName,
      givenName: person.givenName,
      fnt: person.fnt,
      gnt: person.gnt,
      dob: person.dob,
      sex: person.sex,
      nationality: person.nationality,
    },
    vaccine: record.vaccine,
    mp: codes.mp,
    ma: codes.ma,
    vp: codes.vp,
    lot: record.lot,
    dose: record.doseNumber,
    date: record.vaccinationDate,
    facility: record.facilityCode,
  };
  if (person.phone) signed.person.phone = person.phone;
  if (record.supersedes) signed.supersedes = record.supersedes;
  if (record.supersedeReason) signed.reason = record.supersedeReason;
  return signed;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MRZ = /^[A-Z<]*$/;
const ID_TYPES: ReadonlySet<unknown> = new Set(['CCCD', 'CMND', 'PASSPORT']);
const SEXES: ReadonlySet<unknown> = new Set(['M', 'F', 'X']);
const RECORD_KEYS: ReadonlySet<string> = new Set(['v', 'id', 'person', 'vaccine', 'mp', 'ma', 'vp', 'lot', 'dose', 'date', 'facility', 'supersedes', 'reason']);
const PERSON_KEYS: ReadonlySet<string> = new Set(['idType', 'idNumber', 'fullName', 'familyName', 'givenName', 'fnt', 'gnt', 'dob', 'sex', 'nationality', 'phone']);

function str(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

/** A plain decoded object with no key outside `allowed` (strict). */
function plainWithin(v: unknown, allowed: ReadonlySet<string>): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k of Object.keys(v)) if (!allowed.has(k)) return false;
  return true;
}

function fastPerson(p: unknown): SignedRecord['person'] | null {
  if (!plainWithin(p, PERSON_KEYS)) return null;
  const { idType, idNumber, fullName, familyName, givenName, fnt, gnt, dob, sex, nationality } = p;
  if (!ID_TYPES.has(idType) || !str(idNumber, 1, 32) || !str(fullName, 1, 200) || !str(familyName, 0, 100) || !str(givenName, 0, 150)) return null;
  if (!str(fnt, 0, 80) || !MRZ.test(fnt) || !str(gnt, 0, 80) || !MRZ.test(gnt) || !str(dob, 0, 10) || !DATE.test(dob)) return null;
  if (!SEXES.has(sex) || !str(nationality, 2, 2)) return null;
  const person: SignedRecord['person'] = {
    idType: idType as SignedRecord['person']['idType'], idNumber, fullName, familyName, givenName, fnt, gnt, dob,
    sex: sex as SignedRecord['person']['sex'], nationality,
  };
  if (Object.hasOwn(p, 'phone')) {
    if (!str(p.phone, 0, 32)) return null;
    person.phone = p.phone;
  }
  return person;
}

/**
 * The schema's checks written out by hand: the platform parses every record of every upload, and
 * zod cost as much as decoding the CBOR. It accepts only what the schema accepts (the test checks
 * both agree on valid and mutated records) and builds the same object, keys in the schema's
 * order; whatever it does not accept (null) goes to the schema, which decides and words the refusal.
 */
export function signedRecordFrom(v: unknown): SignedRecord | null {
  if (!plainWithin(v, RECORD_KEYS)) return null;
  const { id, vaccine, mp, ma, vp, lot, dose, date, facility } = v;
  if (v.v !== SIGNED_RECORD_VERSION || !str(id, 1, 64) || !str(vaccine, 1, 40) || !str(mp, 0, 80) || !str(ma, 0, 80) || !str(vp, 0, 80)) return null;
  if (!str(lot, 0, 64) || typeof dose !== 'number' || !Number.isSafeInteger(dose) || dose < 1 || dose > 99) return null;
  if (!str(date, 10, 10) || !FULL_DATE.test(date) || !str(facility, 1, 40)) return null;
  const person = fastPerson(v.person);
  if (!person) return null;
  const record: SignedRecord = { v: SIGNED_RECORD_VERSION, id, person, vaccine, mp, ma, vp, lot, dose, date, facility };
  if (Object.hasOwn(v, 'supersedes')) {
    if (!str(v.supersedes, 1, 64)) return null;
    record.supersedes = v.supersedes;
  }
  if (Object.hasOwn(v, 'reason')) {
    if (!str(v.reason, 0, SIGNED_REASON_MAX)) return null;
    record.reason = v.reason;
  }
  return record;
}

/** Checks the decoded shape; the caller decodes the CBOR (shared/cbor). */
export function parseSignedRecord(value: unknown): SignedRecord {
  const fast = signedRecordFrom(value);
  if (fast) return fast;
  const parsed = SignedRecordSchema.safeParse(value);
  if (!parsed.success) {
    throw new StationError(
      'RECORD_FORMAT_INVALID',
      'Bản ghi đã ký không đúng định dạng',
      'Signed record is not in the expected format',
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
