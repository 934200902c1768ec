/**
 * Why the platform would refuse a signed record, as findings a clerk can act on: the field, its
 * length and the limit, in Vietnamese then English. The platform refuses the whole batch for one
 * such record (RECORD_FORMAT_INVALID), so the station checks each record's bytes before it signs
 * them and holds back the ones that would fail (electron/core/signing/heldBack.ts) — a record
 * validation passed under an older build, or a limit validation does not know.
 */
import { error } from '../domain/findings.js';
import type { Finding } from '../domain/types.js';
import { SignedRecordSchema } from './signedRecord.js';

export const SIGNED_RECORD_INVALID = 'SIGNED_RECORD_INVALID';

/** The signed record's keys as the form names them: [finding field, vi, en]. */
const LABELS: Readonly<Record<string, readonly [string, string, string]>> = {
  'person.idType': ['idType', 'loại giấy tờ', 'id type'],
  'person.idNumber': ['idNumber', 'số giấy tờ', 'id number'],
  'person.fullName': ['fullName', 'họ tên', 'full name'],
  'person.familyName': ['familyName', 'họ', 'family name'],
  'person.givenName': ['givenName', 'tên (phần sau họ)', 'given names'],
  'person.fnt': ['fnt', 'họ phiên âm', 'transliterated family name'],
  'person.gnt': ['gnt', 'tên phiên âm', 'transliterated given names'],
  'person.dob': ['dob', 'ngày sinh', 'date of birth'],
  'person.sex': ['sex', 'giới tính', 'sex'],
  'person.nationality': ['nationality', 'quốc tịch', 'nationality'],
  'person.phone': ['phone', 'số điện thoại', 'phone'],
  vaccine: ['vaccine', 'vắc xin', 'vaccine'],
  lot: ['lot', 'số lô', 'lot number'],
  dose: ['doseNumber', 'mũi tiêm thứ mấy', 'dose number'],
  date: ['vaccinationDate', 'ngày tiêm', 'vaccination date'],
  facility: ['facility', 'mã cơ sở', 'facility code'],
  reason: ['reason', 'lý do đính chính', 'correction reason'],
};

interface Issue {
  path: PropertyKey[];
  code: string;
  maximum?: unknown;
  minimum?: unknown;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const k of path) at = typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[k] : undefined;
  return at;
}

function problem(value: unknown, issue: Issue): Finding {
  const key = issue.path.map(String).join('.');
  const [field, vi, en] = LABELS[key] ?? [key || 'record', key || 'bản ghi', key || 'record'];
  const v = valueAt(value, issue.path);
  const length = typeof v === 'string' ? v.length : null;
  const head = {
    vi: `Hồ sơ này chưa được ký: hệ thống quốc gia sẽ từ chối cả lô vì nó.`,
    en: `This record was held back from signing: the national platform would refuse the whole batch for it.`,
  };
  if (issue.code === 'too_big' && length !== null) {
    return error(field, SIGNED_RECORD_INVALID,
      `${head.vi} Trường ${vi} dài ${length} ký tự, quá ${String(issue.maximum)} ký tự bản ghi ký gửi được: hãy sửa lại.`,
      `${head.en} The ${en} is ${length} characters long, past the ${String(issue.maximum)} a signed record holds: correct it.`);
  }
  if (issue.code === 'too_small' && length !== null) {
    return error(field, SIGNED_RECORD_INVALID, `${head.vi} Trường ${vi} bị trống.`, `${head.en} The ${en} is empty.`);
  }
  return error(field, SIGNED_RECORD_INVALID,
    `${head.vi} Trường ${vi} không đúng định dạng bản ghi ký gửi (${issue.code}): hãy sửa lại.`,
    `${head.en} The ${en} is not in the signed record's format (${issue.code}): correct it.`);
}

/** The findings for a decoded signed record the schema refuses (at most one per field), or none. */
export function signedRecordProblems(value: unknown): Finding[] {
  const parsed = SignedRecordSchema.safeParse(value);
  if (parsed.success) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues as Issue[]) {
    const f = problem(value, issue);
    if (seen.has(f.field)) continue;
    seen.add(f.field);
    out.push(f);
  }
  return out;
}
