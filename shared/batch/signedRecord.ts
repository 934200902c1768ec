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
    reason: z.string().max(500).optional(),
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

/** Checks the decoded shape; the caller decodes the CBOR (shared/cbor). */
export function parseSignedRecord(value: unknown): SignedRecord {
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
