/**
 * The station's domain model (DESIGN §3). Plain data: the database, the RPC contract, the
 * import and the platform simulator all speak these shapes.
 */

/** CCCD: 12-digit citizen id card; CMND: the older 9-digit id card; PASSPORT: any passport. */
export type IdType = 'CCCD' | 'CMND' | 'PASSPORT';
export const ID_TYPES: readonly IdType[] = ['CCCD', 'CMND', 'PASSPORT'];

/** M / F as printed on the id card; X when unknown or not stated. */
export type Sex = 'M' | 'F' | 'X';

/** Step 1 of DESIGN §1: the check against the national population database. */
export type IdentityStatus = 'unverified' | 'verified' | 'mismatch' | 'not_found';

/**
 * A date of birth as the person's papers give it: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only
 * that much is known (EU DCC schema 1.3 allows the same partial forms).
 */
export type PartialDate = string;

/** An ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Person {
  id: string;
  idType: IdType;
  idNumber: string;
  /** Full name as typed, NFC-normalised, whitespace folded. */
  fullName: string;
  /** First word of the full name by default (Vietnamese order: family name first); editable. */
  familyName: string;
  givenName: string;
  /** ICAO 9303 transliterations, `^[A-Z<]*$`. */
  fnt: string;
  gnt: string;
  dob: PartialDate;
  sex: Sex;
  /** ISO 3166-1 alpha-2, default VN. */
  nationality: string;
  phone: string | null;
  identityStatus: IdentityStatus;
  identityCheckedAt: string | null;
}

/** The queue states of DESIGN §4. */
export type RecordState =
  | 'draft'
  | 'ready'
  | 'signed'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'issued'
  | 'superseded';

export const RECORD_STATES: readonly RecordState[] = [
  'draft',
  'ready',
  'signed',
  'submitted',
  'accepted',
  'rejected',
  'issued',
  'superseded',
];

export type Severity = 'error' | 'warning';

/** One validation result. Errors block signing; warnings need an explicit confirm. */
export interface Finding {
  field: string;
  code: string;
  severity: Severity;
  message_vi: string;
  message_en: string;
}

/** The unit of the queue: one dose given to one person at this facility. */
export interface DoseRecord {
  /** UUIDv7, made at creation, never reused. */
  id: string;
  personId: string;
  /** A code of the vaccine catalog (shared/domain/vaccines.ts). */
  vaccine: string;
  lot: string;
  doseNumber: number;
  vaccinationDate: IsoDate;
  facilityCode: string;
  createdAt: string;
  updatedAt: string;
  state: RecordState;
  findings: Finding[];
  supersedes: string | null;
  supersedeReason: string | null;
}

/**
 * The editable fields of a Person as a form or an import row gives them: any may be missing or
 * empty, and the enumerations may hold anything typed (validation says what is wrong). Empty
 * familyName/givenName/fnt/gnt are derived from fullName.
 */
export interface PersonInput {
  /** Set when the person is already stored (excluded from the duplicate-person check). */
  id?: string;
  idType?: string;
  idNumber?: string;
  fullName?: string;
  familyName?: string;
  givenName?: string;
  fnt?: string;
  gnt?: string;
  dob?: string;
  sex?: string;
  nationality?: string;
  phone?: string | null;
}

/** The editable fields of a DoseRecord, as typed or imported. */
export interface DoseInput {
  /** Set when the record is already stored (excluded from the duplicate-dose checks). */
  id?: string;
  /** A catalog code (shared/domain/vaccines.ts); importers resolve spellings with findVaccine. */
  vaccine?: string;
  lot?: string;
  /** A number, or its text from an import cell. */
  doseNumber?: number | string | null;
  vaccinationDate?: string;
  /**
   * The facility code the record is stamped with (the setting of the day it was saved). Not typed
   * by the clerk, but signed: checked so a code past the signed record's limit is an error here,
   * not a record held back at every signing.
   */
  facilityCode?: string;
}
