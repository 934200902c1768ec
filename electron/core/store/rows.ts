/** Database rows and their domain shapes. Column lists live here so every query reads the same. */
import type { DoseRecord, Finding, IdentityStatus, IdType, Person, RecordState, Sex } from '../../../shared/domain/types.js';

export interface PersonRow {
  seq: number;
  id: string;
  id_type: IdType;
  id_number: string;
  full_name: string;
  family_name: string;
  given_name: string;
  fnt: string;
  gnt: string;
  name_folded: string;
  dob: string;
  sex: Sex;
  nationality: string;
  phone: string | null;
  identity_status: IdentityStatus;
  identity_checked_at: string | null;
  merged_into: string | null;
  merge_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecordRow {
  seq: number;
  id: string;
  person_id: string;
  vaccine: string;
  lot: string;
  dose_number: number;
  vaccination_date: string;
  facility_code: string;
  state: RecordState;
  findings: string;
  warnings_confirmed: 0 | 1;
  natural_key: string;
  source: 'form' | 'import' | 'correction' | 'api';
  import_run_id: string | null;
  supersedes: string | null;
  supersede_reason: string | null;
  platform_code: string | null;
  platform_message: string | null;
  created_at: string;
  updated_at: string;
}

export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    idType: r.id_type,
    idNumber: r.id_number,
    fullName: r.full_name,
    familyName: r.family_name,
    givenName: r.given_name,
    fnt: r.fnt,
    gnt: r.gnt,
    dob: r.dob,
    sex: r.sex,
    nationality: r.nationality,
    phone: r.phone,
    identityStatus: r.identity_status,
    identityCheckedAt: r.identity_checked_at,
  };
}

export function toRecord(r: RecordRow): DoseRecord {
  return {
    id: r.id,
    personId: r.person_id,
    vaccine: r.vaccine,
    lot: r.lot,
    doseNumber: r.dose_number,
    vaccinationDate: r.vaccination_date,
    facilityCode: r.facility_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    state: r.state,
    findings: JSON.parse(r.findings) as Finding[],
    supersedes: r.supersedes,
    supersedeReason: r.supersede_reason,
  };
}

/** The columns of people, prefixed `p_` so they can sit beside a record's in one joined row. */
export const PERSON_COLUMNS_AS_P = [
  'seq', 'id', 'id_type', 'id_number', 'full_name', 'family_name', 'given_name', 'fnt', 'gnt', 'name_folded', 'dob', 'sex',
  'nationality', 'phone', 'identity_status', 'identity_checked_at', 'merged_into', 'merge_reason', 'created_at', 'updated_at',
]
  .map((c) => `p.${c} AS p_${c}`)
  .join(', ');

/** Splits a joined `d.*, p.* AS p_*` row. */
export function splitJoined(row: Record<string, unknown>): { record: RecordRow; person: PersonRow } {
  const record: Record<string, unknown> = {};
  const person: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith('p_')) person[k.slice(2)] = v;
    else record[k] = v;
  }
  return { record: record as unknown as RecordRow, person: person as unknown as PersonRow };
}
