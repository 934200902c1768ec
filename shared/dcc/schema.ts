import { isValidPartialDate } from '../domain/dates.js';
import { MAX_CHECKED_ENTRIES, isPlainObject, type DccFinding } from './dccFinding.js';
import { checkDccValueSets } from './valueSetCheck.js';

/**
 * Structural checks of a DCC payload against eu-dcc-schema 1.3.x (DCC.combined-schema.json),
 * written out by hand so `shared/` needs no JSON-schema engine. Like the schema, unknown extra
 * fields are allowed; unlike plain JSON Schema, value-set membership is checked too (see
 * `validateDccPayload`), because the schema only annotates it with `valueset-uri`.
 */

const NAME_T = /^[A-Z<]*$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const DOB = /^((19|20)\d\d(-\d\d){0,2}){0,1}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 date-time as JSON-schema validators read `format: date-time`: a zone is required.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/;
const COUNTRY = /^[A-Z]{1,10}$/;
const MAX = 80;

class Findings {
  readonly list: DccFinding[] = [];
  add(path: string, vi: string, en: string): void {
    this.list.push({ path, code: 'SCHEMA_INVALID', severity: 'error', message_vi: `${path || 'payload'}: ${vi}`, message_en: `${path || 'payload'}: ${en}` });
  }
  warn(path: string, code: DccFinding['code'], vi: string, en: string): void {
    this.list.push({ path, code, severity: 'warning', message_vi: `${path}: ${vi}`, message_en: `${path}: ${en}` });
  }
}

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A pattern and what it asks for, in words: a user reads the finding, not the regular expression. */
interface Pattern {
  test: RegExp;
  vi: string;
  en: string;
}

const NAME_T_RULE: Pattern = { test: NAME_T, vi: 'chỉ được có chữ in hoa A–Z và dấu < (phiên âm theo ICAO 9303)', en: 'may hold only capital letters A–Z and < (ICAO 9303 transliteration)' };
const VERSION_RULE: Pattern = { test: VERSION, vi: 'phải là số phiên bản dạng 1.3.0', en: 'must be a version number such as 1.3.0' };
const DOB_RULE: Pattern = {
  test: DOB,
  vi: 'phải là ngày sinh dạng YYYY-MM-DD, YYYY-MM hoặc YYYY, năm từ 1900 đến 2099, hoặc để trống',
  en: 'must be a date of birth YYYY-MM-DD, YYYY-MM or YYYY, the year from 1900 to 2099, or empty',
};
const COUNTRY_RULE: Pattern = { test: COUNTRY, vi: 'phải là mã quốc gia bằng chữ in hoa, ví dụ VN', en: 'must be a country code in capital letters, e.g. VN' };

interface StringRule {
  required?: boolean;
  max?: number;
  pattern?: Pattern;
  format?: 'date' | 'date-time';
}

function checkString(f: Findings, obj: Record<string, unknown>, key: string, base: string, rule: StringRule): void {
  const path = base ? `${base}.${key}` : key;
  const value = obj[key];
  if (value === undefined) {
    if (rule.required) f.add(path, 'thiếu trường bắt buộc', 'required field is missing');
    return;
  }
  if (typeof value !== 'string') return f.add(path, 'phải là chuỗi ký tự', 'must be a string');
  if (rule.max !== undefined && [...value].length > rule.max) {
    f.add(path, `dài quá ${rule.max} ký tự`, `longer than ${rule.max} characters`);
  }
  if (rule.pattern && !rule.pattern.test.test(value)) f.add(path, rule.pattern.vi, rule.pattern.en);
  if (rule.format === 'date' && !isCalendarDate(value)) f.add(path, 'phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  if (rule.format === 'date-time') {
    const m = DATE_TIME.exec(value);
    if (!m || !isCalendarDate(m[1]!)) f.add(path, 'phải là thời điểm RFC 3339 có múi giờ', 'must be an RFC 3339 date-time with a zone');
  }
}

function checkDose(f: Findings, obj: Record<string, unknown>, key: string, base: string): void {
  const path = `${base}.${key}`;
  const value = obj[key];
  if (value === undefined) return f.add(path, 'thiếu trường bắt buộc', 'required field is missing');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 9) {
    f.add(path, 'phải là số nguyên từ 1 đến 9', 'must be an integer from 1 to 9');
  }
}

function checkCommon(f: Findings, e: Record<string, unknown>, base: string): void {
  checkString(f, e, 'tg', base, { required: true });
  checkString(f, e, 'co', base, { required: true, pattern: COUNTRY_RULE });
  checkString(f, e, 'is', base, { required: true, max: MAX });
  checkString(f, e, 'ci', base, { required: true, max: MAX });
}

function checkVaccination(f: Findings, e: Record<string, unknown>, base: string): void {
  checkCommon(f, e, base);
  for (const key of ['vp', 'mp', 'ma']) checkString(f, e, key, base, { required: true });
  checkDose(f, e, 'dn', base);
  checkDose(f, e, 'sd', base);
  checkString(f, e, 'dt', base, { required: true, format: 'date' });
}

function checkTest(f: Findings, e: Record<string, unknown>, base: string): void {
  checkCommon(f, e, base);
  checkString(f, e, 'tt', base, { required: true });
  checkString(f, e, 'nm', base, { max: MAX });
  checkString(f, e, 'ma', base, {});
  checkString(f, e, 'sc', base, { required: true, format: 'date-time' });
  checkString(f, e, 'tr', base, { required: true });
  // Optional since 1.3.0 (RAT tests done outside a testing centre).
  checkString(f, e, 'tc', base, { max: MAX });
}

function checkRecovery(f: Findings, e: Record<string, unknown>, base: string): void {
  checkCommon(f, e, base);
  for (const key of ['fr', 'df', 'du']) checkString(f, e, key, base, { required: true, format: 'date' });
}

function versionAtLeast(ver: unknown, major: number, minor: number, patch: number): boolean {
  if (typeof ver !== 'string' || !VERSION.test(ver)) return false;
  const [a, b, c] = ver.split('.').map(Number) as [number, number, number];
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

function checkName(f: Findings, nam: unknown, ver: unknown): void {
  if (nam === undefined) return f.add('nam', 'thiếu trường bắt buộc', 'required field is missing');
  if (!isPlainObject(nam)) return f.add('nam', 'phải là một đối tượng', 'must be an object');
  // 1.3.2 (Implementing Decision 2022/483) requires fnt or gnt; before it, fnt.
  if (versionAtLeast(ver, 1, 3, 2)) {
    if (nam.fnt === undefined && nam.gnt === undefined) f.add('nam.fnt', 'cần fnt hoặc gnt', 'fnt or gnt is required');
  } else if (nam.fnt === undefined) f.add('nam.fnt', 'thiếu trường bắt buộc', 'required field is missing');
  checkString(f, nam, 'fn', 'nam', { max: MAX });
  checkString(f, nam, 'gn', 'nam', { max: MAX });
  checkString(f, nam, 'fnt', 'nam', { max: MAX, pattern: NAME_T_RULE });
  checkString(f, nam, 'gnt', 'nam', { max: MAX, pattern: NAME_T_RULE });
}

const GROUPS = { v: checkVaccination, t: checkTest, r: checkRecovery } as const;

/** Structural findings only (`SCHEMA_INVALID`); empty when the payload fits the schema. */
export function checkDccSchema(payload: unknown): DccFinding[] {
  const f = new Findings();
  if (!isPlainObject(payload)) {
    f.add('', 'phải là một đối tượng JSON', 'must be a JSON object');
    return f.list;
  }
  checkString(f, payload, 'ver', '', { required: true, pattern: VERSION_RULE });
  checkName(f, payload.nam, payload.ver);
  checkString(f, payload, 'dob', '', { required: true, pattern: DOB_RULE });
  // The 1.3.0 pattern lets "1990-13" and "1990-02-30" through. No such day: a warning (the issuer
  // signed it; the schema accepts it), so that the verifier does not take it for the person's.
  const dob = payload.dob;
  if (typeof dob === 'string' && dob !== '' && DOB.test(dob) && !isValidPartialDate(dob)) {
    f.warn('dob', 'DOB_NOT_A_DATE', `ngày sinh "${dob}" không phải ngày có thật (tháng hoặc ngày không tồn tại)`, `the date of birth "${dob}" is not a real date (no such month or day)`);
  }
  const present = (['v', 't', 'r'] as const).filter((k) => payload[k] !== undefined);
  if (present.length !== 1) {
    f.add(present.join('/') || 'v', 'phải có đúng một nhóm v, t hoặc r', 'exactly one of v, t or r is required');
  }
  // maxItems 1 arrived with 1.3.0; earlier versions let one certificate list several doses.
  const maxEntries = versionAtLeast(payload.ver, 1, 3, 0) ? 1 : Infinity;
  for (const key of present) {
    const group = payload[key];
    if (!Array.isArray(group)) {
      f.add(key, 'phải là một mảng', 'must be an array');
      continue;
    }
    if (group.length < 1 || group.length > maxEntries) {
      // Before 1.3.0 only the lower bound holds: "exactly one" named a rule those versions lack.
      if (maxEntries === 1) f.add(key, 'phải có đúng một phần tử', 'must hold exactly one entry');
      else f.add(key, 'phải có ít nhất một phần tử', 'must hold at least one entry');
    }
    group.slice(0, MAX_CHECKED_ENTRIES).forEach((entry: unknown, i: number) => {
      const base = `${key}[${i}]`;
      if (!isPlainObject(entry)) return f.add(base, 'phải là một đối tượng', 'must be an object');
      GROUPS[key](f, entry, base);
    });
  }
  return f.list;
}

/** Structure and value sets together: what the `schema` step of a verification reports. */
export function validateDccPayload(payload: unknown): DccFinding[] {
  return [...checkDccSchema(payload), ...checkDccValueSets(payload)];
}
