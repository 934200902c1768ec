/**
 * Structure of the identity document numbers (DESIGN §3): what can be checked without the national
 * population database. The database check itself (step 1 of DESIGN §1) is the platform's.
 */
import { CCCD_PROVINCES } from './cccdProvinces.js';
import { COUNTRY_VN } from './vaccines.js';
import { isValidPartialDate } from './dates.js';
import { error, required, warning } from './findings.js';
import { ID_TYPES, type Finding, type IdType } from './types.js';

export interface IdNumberPerson {
  dob: string;
  sex: string;
  /** ISO alpha-2; passports of VN nationality have the Vietnamese format. Default VN. */
  nationality?: string;
}

/** What a structurally valid CCCD number says about its holder. */
export interface CccdInfo {
  provinceCode: string;
  /** Undefined when digits 1–3 are not a province code. */
  provinceName: string | undefined;
  /** 1900, 2000, ... the first year of the birth century (digit 4). */
  centuryStart: number;
  sex: 'M' | 'F';
  /** Digits 5–6: the last two digits of the birth year. */
  yearDigits: number;
}

/**
 * Reads a 12-digit CCCD number; null when it is not 12 digits. Circular 07/2016/TT-BCA Art. 7:
 * digit 4 gives century and sex: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s,
 * 8/9 = 2300s (not 1800s: nobody born before 1900 has a code, so such a dob never matches).
 */
export function decodeCccd(idNumber: string): CccdInfo | null {
  if (!/^\d{12}$/.test(idNumber)) return null;
  const digit = Number(idNumber[3]);
  const provinceCode = idNumber.slice(0, 3);
  return {
    provinceCode,
    provinceName: CCCD_PROVINCES[provinceCode],
    centuryStart: 1900 + 100 * Math.floor(digit / 2),
    sex: digit % 2 === 0 ? 'M' : 'F',
    yearDigits: Number(idNumber.slice(4, 6)),
  };
}

/**
 * The canonical form of a typed id number: spaces, dots and hyphens removed (cards print groups,
 * spreadsheets add separators), letters upper-cased. Importers and forms store this form.
 * Invisible format characters go too (\p{Cf}: zero-width spaces, BOM, direction marks): a number
 * pasted from Zalo or a web page carries them, and was refused as "not only digits" (probe 18).
 */
export function normalizeIdNumber(raw: string): string {
  if (typeof raw !== 'string') return '';
  // Already canonical (ASCII digits and capitals: NFKC, the separators and upper-casing change
  // nothing): returned as is. An import normalises each number several times.
  if (isDigitsAndCapitals(raw)) return raw;
  return raw.normalize('NFKC').replace(/[\s.\-_\p{Cf}]/gu, '').toUpperCase();
}

function isDigitsAndCapitals(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

function cccdFindings(idNumber: string, person: IdNumberPerson): Finding[] {
  if (/[^0-9]/.test(idNumber)) {
    return [error('idNumber', 'CCCD_NOT_DIGITS', 'Số CCCD chỉ gồm chữ số.', 'A CCCD number has digits only.')];
  }
  const info = decodeCccd(idNumber);
  if (info === null) {
    return [error('idNumber', 'CCCD_LENGTH', `Số CCCD phải có đúng 12 chữ số (đang có ${idNumber.length}).`,
      `A CCCD number has exactly 12 digits (this one has ${idNumber.length}).`)];
  }
  const out: Finding[] = [];
  if (info.provinceName === undefined) {
    out.push(error('idNumber', 'CCCD_PROVINCE_UNKNOWN',
      `Ba chữ số đầu của số CCCD (${info.provinceCode}) không phải mã tỉnh/thành phố nào.`,
      `The first three digits of the CCCD number (${info.provinceCode}) are not a province code.`));
  }
  if (isValidPartialDate(person.dob)) {
    const year = Number(person.dob.slice(0, 4));
    const centuryStart = Math.floor(year / 100) * 100;
    if (centuryStart !== info.centuryStart) {
      out.push(error('idNumber', 'CCCD_CENTURY_MISMATCH',
        `Chữ số thứ 4 của số CCCD chỉ người sinh trong thế kỷ bắt đầu năm ${info.centuryStart}, nhưng năm sinh là ${year}.`,
        `Digit 4 of the CCCD number says born in the ${info.centuryStart}s, but the year of birth is ${year}.`));
    }
    if (year % 100 !== info.yearDigits) {
      const digits = String(info.yearDigits).padStart(2, '0');
      out.push(error('idNumber', 'CCCD_YEAR_MISMATCH',
        `Chữ số thứ 5–6 của số CCCD (${digits}) không khớp năm sinh ${year}.`,
        `Digits 5–6 of the CCCD number (${digits}) do not match the year of birth ${year}.`));
    }
  }
  if ((person.sex === 'M' || person.sex === 'F') && person.sex !== info.sex) {
    const [vi, en] = info.sex === 'M' ? ['nam', 'male'] : ['nữ', 'female'];
    out.push(error('idNumber', 'CCCD_SEX_MISMATCH',
      `Chữ số thứ 4 của số CCCD chỉ giới tính ${vi}, khác giới tính đã nhập.`,
      `Digit 4 of the CCCD number says ${en}, unlike the sex entered.`));
  }
  return out;
}

/**
 * CMND: the 9-digit card. Some provinces issued 12-digit CMNDs (2012–2016) with no published
 * structure to check: they are accepted with a warning that asks whether the card is a CCCD.
 */
function cmndFindings(idNumber: string): Finding[] {
  if (/^\d{9}$/.test(idNumber)) return [];
  if (/^\d{12}$/.test(idNumber)) {
    return [warning('idNumber', 'CMND_12_DIGITS',
      'CMND 12 số: nếu giấy tờ là thẻ CCCD, hãy chọn loại CCCD.',
      'A 12-digit CMND: if the card is a CCCD, choose CCCD as the id type.')];
  }
  return [error('idNumber', 'CMND_FORMAT', 'Số CMND phải có 9 chữ số.', 'A CMND number has 9 digits.')];
}

/** Vietnamese passports: one letter and 7 digits (B, C, N, ... series). Others: 5–20 letters/digits. */
function passportFindings(idNumber: string, nationality: string): Finding[] {
  if (nationality === COUNTRY_VN) {
    if (/^[A-Z]\d{7}$/.test(idNumber)) return [];
    return [error('idNumber', 'PASSPORT_FORMAT_VN',
      'Hộ chiếu Việt Nam có 1 chữ cái in hoa và 7 chữ số (ví dụ C1234567).',
      'A Vietnamese passport number is one capital letter and 7 digits (e.g. C1234567).')];
  }
  if (/^[A-Z0-9]{5,20}$/.test(idNumber)) return [];
  return [error('idNumber', 'PASSPORT_FORMAT',
    'Số hộ chiếu gồm 5–20 chữ cái in hoa hoặc chữ số.',
    'A passport number is 5–20 capital letters or digits.')];
}

/** Structure of the id number against its type and the person's date of birth and sex. */
export function checkIdNumber(idType: IdType | string, idNumber: string, person: IdNumberPerson): Finding[] {
  if (!(ID_TYPES as readonly string[]).includes(idType)) {
    return [error('idType', 'ID_TYPE_INVALID', 'Loại giấy tờ phải là CCCD, CMND hoặc hộ chiếu.',
      'The id type must be CCCD, CMND or PASSPORT.')];
  }
  if (typeof idNumber !== 'string' || idNumber.trim() === '') return [required('idNumber', 'số giấy tờ', 'The id number')];
  switch (idType as IdType) {
    case 'CCCD':
      return cccdFindings(idNumber, person);
    case 'CMND':
      return cmndFindings(idNumber);
    case 'PASSPORT':
      return passportFindings(idNumber, person.nationality === undefined || person.nationality === '' ? COUNTRY_VN : person.nationality);
  }
}
