/** The rules of DESIGN §3 that concern the person. */
import { StationError } from '../errors.js';
import { isCountryCode } from './countries.js';
import { ageInYears, datesOfBirthAgree, formatDayFirst, isValidIsoDate, partialDateBounds } from './dates.js';
import { asText, error, isBlank, required, warning } from './findings.js';
import { checkIdNumber, normalizeIdNumber } from './identity.js';
import { defaultSplit, foldForSearch, normalizeName, sameName, transliterate, transliterationCut, TRANSLITERATION_MAX } from './names.js';
import type { Finding, PersonInput } from './types.js';
import { fileRow, type OtherPerson, type PersonValidationContext } from './validationContext.js';
import { COUNTRY_VN } from './vaccines.js';

const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

/** EU DCC schema 1.3: fn/gn at most 80 characters. */
const NAME_PART_MAX = 80;
/**
 * The signed record's `fullName` (shared/batch/signedRecord.ts, max 200): a longer one (a typed
 * split beside a full name with more in it) was signed, and the platform refused the whole batch.
 */
const FULL_NAME_MAX = 200;
/** Oldest plausible age: past it the date of birth is a typing error. */
export const MAX_AGE_YEARS = 130;
/**
 * The DCC schema's `dob` pattern (1.3.x: `^((19|20)\d\d(-\d\d){0,2}){0,1}$`) holds years 1900–2099
 * only. A year before it (under 130 years old until 2030) was signed, accepted and issued, and the
 * certificate then failed its own schema: the station would not store it, and its pull stopped there.
 */
const DCC_FIRST_BIRTH_YEAR = 1900;

export function assertToday(today: string): void {
  if (!isValidIsoDate(today)) {
    throw new StationError('VALIDATION_CLOCK_INVALID', `Ngày hiện tại không hợp lệ: ${String(today)}.`,
      `Today's date is not a valid date: ${String(today)}.`);
  }
}

/**
 * The name parts validation and the certificate use: typed ones, else derived from the full name
 * (defaultSplit: `familyLast` when a foreigner's family name was read from the capitals at the end).
 */
export function resolveNames(p: PersonInput): {
  fullName: string; familyName: string; givenName: string; fnt: string; gnt: string; splitTyped: boolean; familyLast: boolean;
} {
  const fullName = normalizeName(p.fullName ?? '');
  const splitTyped = !isBlank(p.familyName) || !isBlank(p.givenName);
  const split = splitTyped
    ? { familyName: normalizeName(p.familyName ?? ''), givenName: normalizeName(p.givenName ?? ''), familyLast: false }
    : defaultSplit(fullName, p.nationality);
  return {
    fullName,
    familyName: split.familyName,
    givenName: split.givenName,
    fnt: isBlank(p.fnt) ? transliterate(split.familyName) : (p.fnt ?? '').trim(),
    gnt: isBlank(p.gnt) ? transliterate(split.givenName) : (p.gnt ?? '').trim(),
    splitTyped,
    familyLast: split.familyLast,
  };
}

function transliterationFindings(field: 'fnt' | 'gnt', typed: boolean, value: string, namePart: string): Finding[] {
  if (typed && (!/^[A-Z<]*$/.test(value) || value.length > TRANSLITERATION_MAX)) {
    return [error(field, 'NAME_TRANSLITERATION_INVALID',
      'Tên phiên âm chỉ gồm chữ A–Z in hoa và dấu <, tối đa 80 ký tự.',
      'The transliterated name has only capital letters A–Z and <, at most 80 characters.')];
  }
  if (value === '' && namePart !== '') {
    // The schema requires fnt; gnt may be absent, but a given name without one prints badly.
    const make = field === 'fnt' ? error : warning;
    return [make(field, 'NAME_TRANSLITERATION_EMPTY',
      `Không phiên âm được "${namePart}" sang chữ Latinh: hãy nhập tên phiên âm.`,
      `"${namePart}" has no Latin transliteration: enter the transliterated name.`)];
  }
  // Derived and cut: the passport would carry a name cut mid-word with nothing said. A part past
  // 80 itself is NAME_TOO_LONG already; the cut is said for a part that fits and grows (Ü → UE).
  const cut = typed || namePart.length > NAME_PART_MAX ? null : transliterationCut(namePart);
  if (cut !== null) {
    return [warning(field, 'NAME_TRANSLITERATION_CUT',
      `Tên phiên âm của "${namePart}" dài ${cut.whole.length} ký tự, quá ${TRANSLITERATION_MAX} ký tự chứng nhận ghi được: chứng nhận sẽ ghi ${cut.kept}, mất phần "${cut.dropped}". Hãy nhập tên phiên âm như dòng đọc máy trên hộ chiếu, hoặc xác nhận để ghi tên bị cắt.`,
      `The transliteration of "${namePart}" is ${cut.whole.length} characters long, past the ${TRANSLITERATION_MAX} the certificate holds: it would carry ${cut.kept}, without "${cut.dropped}". Type the transliterated name as the passport's machine-readable line writes it, or confirm to sign the cut name.`)];
  }
  if (typed && value !== transliterate(namePart)) {
    return [warning(field, 'NAME_TRANSLITERATION_MISMATCH',
      `Tên phiên âm ${value} khác với ${transliterate(namePart)} (tự động từ "${namePart}").`,
      `The transliteration ${value} differs from ${transliterate(namePart)} (derived from "${namePart}").`)];
  }
  return [];
}

/**
 * A name never has "?": beside a letter, letters were lost to a code page ("Nguy?n V?n ?n", text
 * pasted from a damaged file); alone, a part of the name is not known ("Nguyễn Văn ?"). Either
 * would be signed into a certificate as it is, so either is an error, not a warning to confirm.
 * (The import says the same with its file's own advice: import/lostLetters.ts.)
 */
function questionMarkName(name: string): Finding | null {
  if (!name.includes('?')) return null;
  if (!/\p{L}\?|\?\p{L}/u.test(name)) {
    return error('fullName', 'NAME_NOT_KNOWN',
      `Họ tên "${name}" có dấu "?" cho phần chưa biết: hãy ghi đủ họ tên thật của người được tiêm.`,
      `The name "${name}" has "?" for a part not known: write the person's full, real name.`);
  }
  return error('fullName', 'NAME_LETTERS_LOST',
    `Họ tên "${name}" có dấu "?" thay cho chữ cái bị mất (văn bản dán từ tệp lỗi bảng mã?): hãy gõ lại họ tên có dấu.`,
    `The name "${name}" has "?" where letters were lost (text pasted from a file with the wrong character set?): type the name again with its accents.`);
}

/**
 * Letters of another script than Latin ("Zhang Wei 张伟", "Иван"): the certificate's name fields
 * and their ICAO transliteration (fnt/gnt, A–Z only) cannot hold them — transliterate drops them
 * without a word, so "张伟" would vanish from what is signed. An error naming the characters.
 */
/**
 * ʼ (U+02BC) and ʻ (U+02BB) are letters of no script (Common), typed for the apostrophe of "H'Bla"
 * by some keyboards: an apostrophe, which the transliteration drops, not another script.
 */
const APOSTROPHE_LETTERS = 'ʼʻ';

function otherScriptFinding(name: string): Finding | null {
  // Most names are ASCII or Vietnamese: no regex per character unless a letter is past Latin's blocks.
  if (!/[^\u0000-\u024f\u1e00-\u1eff\u0300-\u036f]/u.test(name)) return null;
  const other = [...new Set([...name].filter((c) => /\p{L}/u.test(c) && !/\p{Script=Latin}/u.test(c) && !APOSTROPHE_LETTERS.includes(c)))].join('');
  if (other === '') return null;
  return error('fullName', 'NAME_NOT_LATIN_SCRIPT',
    `Họ tên có chữ không thuộc bảng chữ cái Latinh (${other}): chứng nhận và tên phiên âm chỉ ghi được chữ Latinh. Hãy ghi họ tên bằng chữ Latinh như trên hộ chiếu hoặc giấy tờ.`,
    `The name has letters outside the Latin script (${other}): the certificate and its transliterated name hold Latin letters only. Write the name in Latin letters, as on the passport or id paper.`);
}

/**
 * A name typed all in lower case ("nguyễn văn long"): stored as typed, and the certificate's fn/gn
 * print it so, beside an id paper that writes it in capitals. Said, with the name as it is written,
 * so the clerk types it again or confirms; not changed here (a name is stored as typed). Capitals
 * are how the CCCD and the passport print a name: nothing to say about them.
 */
function lowerCaseName(fullName: string, familyName: string, givenName: string): Finding | null {
  if (!/\p{Ll}/u.test(fullName) || /\p{Lu}/u.test(`${fullName}${familyName}${givenName}`)) return null;
  const written = fullName.split(' ').map(cap).join(' ');
  return warning('fullName', 'NAME_LOWER_CASE',
    `Họ tên "${fullName}" viết toàn chữ thường: chứng nhận sẽ in đúng như vậy. Hãy viết hoa chữ cái đầu (ví dụ "${written}") như trên giấy tờ, hoặc xác nhận.`,
    `The name "${fullName}" is all in lower case: the certificate will print it so. Capitalise it (e.g. "${written}") as on the id paper, or confirm.`);
}

function nameFindings(p: PersonInput): Finding[] {
  if (isBlank(p.fullName)) return [required('fullName', 'họ và tên', 'The full name')];
  const n = resolveNames(p);
  const out: Finding[] = [];
  const unknown = questionMarkName(n.fullName);
  const script = unknown === null ? otherScriptFinding(`${n.fullName} ${n.familyName} ${n.givenName}`) : null;
  if (unknown !== null) out.push(unknown);
  else if (script !== null) out.push(script);
  else if (/[^\p{L}\p{M} '’.-]/u.test(n.fullName)) {
    out.push(warning('fullName', 'NAME_UNUSUAL_CHARACTERS', 'Họ tên có chữ số hoặc ký hiệu lạ: hãy kiểm tra.',
      'The name contains digits or unusual symbols: please check.'));
  }
  const lower = unknown === null && script === null ? lowerCaseName(n.fullName, n.familyName, n.givenName) : null;
  if (lower !== null) out.push(lower);
  if (n.familyLast) {
    out.push(warning('familyName', 'NAME_FAMILY_LAST',
      `Họ tên "${n.fullName}" viết họ in hoa ở cuối như trên hộ chiếu: chứng nhận ghi họ là ${n.familyName}, tên là ${n.givenName}. Hãy kiểm tra lại (sửa họ và tên riêng nếu khác).`,
      `The name "${n.fullName}" has the family name in capitals last, as passports write it: the certificate gives family name ${n.familyName}, given names ${n.givenName}. Check it (type the family and given names if they differ).`));
  }
  if (n.familyName === '') {
    out.push(error('familyName', 'NAME_SPLIT_EMPTY', 'Họ (phần đầu của họ tên) bị trống.', 'The family name is empty.'));
  } else if (n.givenName === '') {
    out.push(warning('givenName', 'NAME_GIVEN_EMPTY', 'Tên (phần sau họ) bị trống: hãy kiểm tra cách tách họ tên.',
      'The given name is empty: check how the name is split.'));
  }
  // Either order: a foreigner's full name is typed as the passport writes it, given names first.
  if (n.splitTyped && normalizeName(`${n.familyName} ${n.givenName}`) !== n.fullName && normalizeName(`${n.givenName} ${n.familyName}`) !== n.fullName) {
    out.push(warning('familyName', 'NAME_SPLIT_MISMATCH', 'Họ và tên đã tách không ghép lại thành họ tên đầy đủ.',
      'The family and given names do not join back into the full name.'));
  }
  if (n.fullName.length > FULL_NAME_MAX) {
    out.push(error('fullName', 'NAME_TOO_LONG',
      `Họ tên đầy đủ dài ${n.fullName.length} ký tự, quá ${FULL_NAME_MAX} ký tự bản ghi ký gửi được: hãy ghi họ tên như trên giấy tờ, không kèm ghi chú.`,
      `The full name is ${n.fullName.length} characters long, past the ${FULL_NAME_MAX} a signed record holds: write the name as on the id paper, without notes.`));
  }
  if (n.familyName.length > NAME_PART_MAX || n.givenName.length > NAME_PART_MAX) {
    const family = n.familyName.length > NAME_PART_MAX;
    const length = family ? n.familyName.length : n.givenName.length;
    out.push(error(family ? 'familyName' : 'givenName', 'NAME_TOO_LONG',
      `${family ? 'Họ' : 'Tên (phần sau họ)'} dài ${length} ký tự, quá ${NAME_PART_MAX} ký tự chứng nhận ghi được: hãy ghi như trên hộ chiếu hoặc giấy tờ (có thể tách lại họ và tên).`,
      `The ${family ? 'family name is' : 'given names are'} ${length} characters long, past the ${NAME_PART_MAX} the certificate holds: write it as the passport or id paper does (the split may be typed).`));
  }
  out.push(...transliterationFindings('fnt', !isBlank(p.fnt), n.fnt, n.familyName));
  out.push(...transliterationFindings('gnt', !isBlank(p.gnt), n.gnt, n.givenName));
  return out;
}

function dobFindings(dob: string | undefined, today: string): Finding[] {
  if (isBlank(dob)) return [required('dob', 'ngày sinh', 'The date of birth')];
  const bounds = partialDateBounds((dob ?? '').trim());
  if (bounds === null) {
    // Said in the form's terms (dd/mm/yyyy), and that a two-digit year is not guessed.
    return [error('dob', 'DOB_INVALID', 'Ngày sinh không hợp lệ: hãy ghi ngày/tháng/năm (dd/mm/yyyy, năm đủ 4 chữ số), hoặc tháng/năm, hoặc chỉ năm sinh.',
      'The date of birth is not a valid date: write day/month/year (dd/mm/yyyy, a 4-digit year), or month/year, or the year alone.')];
  }
  if (bounds.earliest > today) {
    return [error('dob', 'DOB_FUTURE', 'Ngày sinh ở tương lai.', 'The date of birth is in the future.')];
  }
  if (ageInYears(bounds.latest, today) > MAX_AGE_YEARS) {
    return [error('dob', 'DOB_IMPLAUSIBLE', `Tuổi trên ${MAX_AGE_YEARS}: hãy kiểm tra ngày sinh.`,
      `Older than ${MAX_AGE_YEARS} years: check the date of birth.`)];
  }
  const year = Number(bounds.earliest.slice(0, 4));
  if (year < DCC_FIRST_BIRTH_YEAR) {
    return [error('dob', 'DOB_BEFORE_1900',
      `Năm sinh ${year} trước năm ${DCC_FIRST_BIRTH_YEAR}: chứng nhận tiêm chủng (EU DCC) chỉ ghi được năm sinh từ ${DCC_FIRST_BIRTH_YEAR} đến 2099, và người sinh năm ${year} đã hơn ${Number(today.slice(0, 4)) - year - 1} tuổi. Hãy kiểm tra ngày sinh.`,
      `Year of birth ${year} is before ${DCC_FIRST_BIRTH_YEAR}: the vaccination certificate (EU DCC) holds years of birth from ${DCC_FIRST_BIRTH_YEAR} to 2099 only, and a person born in ${year} is over ${Number(today.slice(0, 4)) - year - 1}. Check the date of birth.`)];
  }
  return [];
}

/** Phones compared for the duplicate check: separators removed, +84/84 written as 0. */
export function canonicalPhone(phone: string | null | undefined): string {
  if (typeof phone !== 'string') return '';
  // Digits only, not starting with 84: nothing below changes it (the common, stored form).
  if (isDigits(phone) && !phone.startsWith('84')) return phone;
  const digits = phone.replace(/[\s.\-()]/g, '');
  return digits.replace(/^(?:\+84|84)(?=\d{9,10}$)/, '0');
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * The signed record's `phone` (shared/batch/signedRecord.ts, max 32), measured as the store keeps
 * it (canonicalPhone: separators dropped). Past it the platform refuses the whole batch
 * (RECORD_FORMAT_INVALID) with every record in it; a warning the clerk confirmed let it through.
 */
export const PHONE_MAX = 32;

/** Mobile 0 + 9 digits (03/05/07/08/09), landline 0 + 2x + 8 digits, +84 in place of the 0; or E.164. */
function phoneFindings(phone: string | null | undefined): Finding[] {
  if (isBlank(phone)) return [];
  const stored = canonicalPhone(phone);
  if (stored.length > PHONE_MAX) {
    return [error('phone', 'PHONE_TOO_LONG',
      `Số điện thoại dài ${stored.length} ký tự (không kể dấu cách, chấm, gạch ngang, ngoặc), quá ${PHONE_MAX} ký tự bản ghi ký gửi được: hãy ghi một số điện thoại, không kèm ghi chú.`,
      `The phone number is ${stored.length} characters long (spaces, dots, dashes and brackets not counted), past the ${PHONE_MAX} a signed record holds: write one phone number, without notes.`)];
  }
  const raw = (phone ?? '').replace(/[\s.\-()]/g, '');
  const vn = /^(?:0|\+84|84)(?:[35789]\d{8}|2\d{9})$/.test(raw);
  const foreign = /^\+[1-9]\d{6,14}$/.test(raw) && !raw.startsWith('+84');
  if (vn || foreign) return [];
  return [warning('phone', 'PHONE_FORMAT', 'Số điện thoại không đúng dạng Việt Nam (0 + 9 chữ số, hoặc +84).',
    'The phone number is not in Vietnamese format (0 + 9 digits, or +84).')];
}

/**
 * Two id numbers a slip of the hand apart: the same length, and one character different or two
 * neighbours swapped (a length slip is already its own finding: the CCCD has 12 digits).
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (++diffs > 2) return false;
    if (first < 0) first = i;
  }
  if (diffs === 1) return true;
  return a[first] === b[first + 1] && a[first + 1] === b[first];
}

/**
 * A 9-digit CMND and a 12-digit CCCD: the two papers one Vietnamese citizen holds one after the
 * other (the CCCD replaced the CMND from 2016, and lists kept from 2021 have both), so the same
 * name and date of birth under them is most likely one person who changed papers.
 */
export function cmndAndCccd(typeA: string, numberA: string, typeB: string, numberB: string): boolean {
  const cmnd = (t: string, n: string) => t === 'CMND' && n.length === 9;
  const cccd = (t: string, n: string) => t === 'CCCD' && n.length === 12;
  return (cmnd(typeA, numberA) && cccd(typeB, numberB)) || (cccd(typeA, numberA) && cmnd(typeB, numberB));
}

/** What a likely duplicate under a CMND and a CCCD says: the paper was changed, which way. */
function papersChanged(p: PersonInput, idNumber: string, other: OtherPerson): { vi: string; en: string } {
  if ((p.idType ?? '').trim() === 'CCCD') {
    return {
      vi: `thường là cùng một người đã đổi CMND ${other.idNumber} sang CCCD ${idNumber}`,
      en: `usually one person who changed CMND ${other.idNumber} for CCCD ${idNumber}`,
    };
  }
  return {
    vi: `thường là cùng một người: CMND ${idNumber} là giấy cũ trước CCCD ${other.idNumber}`,
    en: `usually one person: CMND ${idNumber} is the paper held before CCCD ${other.idNumber}`,
  };
}

function duplicatePersonFindings(p: PersonInput, ctx: PersonValidationContext): Finding[] {
  // Nobody to compare with (a new person): skip normalising the person's name, id and phone.
  if (ctx.otherPeople === undefined || ctx.otherPeople.length === 0) return [];
  const rawId = p.idNumber ?? '';
  const idNumber = normalizeIdNumber(rawId);
  const fullName = normalizeName(p.fullName ?? '');
  const name = foldForSearch(fullName);
  const dob = (p.dob ?? '').trim();
  const phone = canonicalPhone(p.phone);
  const out: Finding[] = [];
  for (const other of ctx.otherPeople ?? []) {
    if (p.id !== undefined && other.id === p.id) continue;
    // The same text normalises and folds to the same: the other dose of this person in an import
    // (the usual candidate) is compared without normalising its id or folding its name again.
    const sameId = idNumber !== '' && (other.idNumber === rawId || normalizeIdNumber(other.idNumber) === idNumber);
    // A year of birth and a whole date in that year can be one person (datesOfBirthAgree).
    const samePerson = name !== '' && datesOfBirthAgree(other.dob, dob) && (other.fullName === fullName || foldForSearch(other.fullName) === name || sameName(other.fullName, fullName));
    // Only read beside the same person (each branch that reads it asks for samePerson first).
    const samePhone = samePerson && phone !== '' && canonicalPhone(other.phone) === phone;
    // Another row of the file, with its sheet when it is on another one.
    const inFile = other.row === undefined ? undefined : fileRow(other.row, other.sheet, ctx.sheet);
    const InFile = inFile === undefined ? undefined : { vi: cap(inFile.vi), en: cap(inFile.en) };
    if (sameId && !samePerson && inFile !== undefined) {
      out.push(warning('idNumber', 'DUPLICATE_PERSON_ID_CONFLICT',
        `Số giấy tờ ${idNumber} cũng có ở ${inFile.vi}, cho người khác: ${other.fullName}, sinh ${formatDayFirst(other.dob)}. Có thể nhập nhầm số hoặc nhầm người.`,
        `Id number ${idNumber} is also on ${inFile.en}, for another person: ${other.fullName}, born ${formatDayFirst(other.dob)}. The number or the person may be wrong.`));
    } else if (sameId && !samePerson) {
      out.push(warning('idNumber', 'DUPLICATE_PERSON_ID_CONFLICT',
        `Số giấy tờ ${idNumber} đã được ghi cho người khác: ${other.fullName}, sinh ${formatDayFirst(other.dob)} (mã ${other.id}). Có thể nhập nhầm số hoặc nhầm người.`,
        `Id number ${idNumber} is already recorded for another person: ${other.fullName}, born ${formatDayFirst(other.dob)} (id ${other.id}). The number or the person may be wrong.`));
    } else if (
      !sameId && samePerson && cmndAndCccd((p.idType ?? '').trim(), idNumber, other.idType, normalizeIdNumber(other.idNumber)) &&
      // The same whole date of birth, or the same phone: a year of birth alone many namesakes share.
      ((isValidIsoDate(dob) && other.dob === dob) || samePhone)
    ) {
      const changed = papersChanged(p, idNumber, other);
      const [whoVi, whoEn] = InFile !== undefined
        ? [`${InFile.vi} có`, `${InFile.en} has`]
        : [`Đã có`, `There is already`];
      out.push(warning('idNumber', 'DUPLICATE_PERSON_LIKELY',
        `${whoVi} người cùng họ tên, ngày sinh${samePhone ? ', số điện thoại' : ''} với ${other.idType} ${other.idNumber}${other.row === undefined ? ` (mã ${other.id})` : ''}: ${changed.vi}. Nếu đúng vậy, hãy gộp hai người thay vì ghi lại các mũi đã có.`,
        `${whoEn} a person with the same name, date of birth${samePhone ? ', phone' : ''} under ${other.idType} ${other.idNumber}${other.row === undefined ? ` (id ${other.id})` : ''}: ${changed.en}. If so, merge the two people rather than record their doses again.`));
    } else if (!sameId && samePhone && InFile !== undefined) {
      out.push(warning('fullName', 'DUPLICATE_PERSON_LIKELY',
        `${InFile.vi} có người cùng họ tên, ngày sinh và số điện thoại nhưng số giấy tờ khác (${other.idType} ${other.idNumber}): có thể là cùng một người.`,
        `${InFile.en} has a person with the same name, date of birth and phone but another id number (${other.idType} ${other.idNumber}): probably the same person.`));
    } else if (!sameId && samePhone) {
      out.push(warning('fullName', 'DUPLICATE_PERSON_LIKELY',
        `Đã có người cùng họ tên, ngày sinh và số điện thoại nhưng số giấy tờ khác (${other.idType} ${other.idNumber}, mã ${other.id}): có thể là cùng một người.`,
        `A person with the same name, date of birth and phone but another id number exists (${other.idType} ${other.idNumber}, id ${other.id}): probably the same person.`));
    } else if (!sameId && samePerson && other.idType === p.idType && oneSlipApart(idNumber, normalizeIdNumber(other.idNumber))) {
      // No phone to tell, but the numbers differ by one digit or two swapped: a typing slip.
      const where = InFile !== undefined
        ? { vi: `${InFile.vi} có`, en: `${InFile.en} has` }
        : { vi: `Đã có`, en: `There is already` };
      out.push(warning('idNumber', 'DUPLICATE_PERSON_LIKELY',
        `${where.vi} người cùng họ tên và ngày sinh với số giấy tờ chỉ khác một chữ số (${other.idNumber}${other.row === undefined ? `, mã ${other.id}` : ''}): có thể gõ nhầm số, cùng một người.`,
        `${where.en} a person with the same name and date of birth whose id number differs by one digit (${other.idNumber}${other.row === undefined ? `, id ${other.id}` : ''}): probably the same person, the number mistyped.`));
    }
  }
  return out;
}

/** The input with every field as text (see asText): the rules below can trust the types. */
export function cleanPersonInput(p: PersonInput): PersonInput {
  // Written out rather than looped over a key list: one object shape, built in one go (validation
  // cleans every record twice, person then dose).
  const out: PersonInput = {
    idType: asText(p.idType),
    idNumber: asText(p.idNumber),
    fullName: asText(p.fullName),
    familyName: asText(p.familyName),
    givenName: asText(p.givenName),
    fnt: asText(p.fnt),
    gnt: asText(p.gnt),
    dob: asText(p.dob),
    sex: asText(p.sex),
    nationality: asText(p.nationality),
    phone: p.phone === null || p.phone === undefined ? null : asText(p.phone),
  };
  if (typeof p.id === 'string') out.id = p.id;
  return out;
}

/** The findings that depend on the person alone (a cleaned input): everything but the duplicates. */
function ownFindings(p: PersonInput, today: string): Finding[] {
  const out: Finding[] = [];
  const nationality = isBlank(p.nationality) ? COUNTRY_VN : (p.nationality ?? '').trim();
  if (isBlank(p.idType)) out.push(required('idType', 'loại giấy tờ', 'The id type'));
  else if (isBlank(p.idNumber)) out.push(required('idNumber', 'số giấy tờ', 'The id number'));
  else out.push(...checkIdNumber((p.idType ?? '').trim(), (p.idNumber ?? '').trim(), { dob: (p.dob ?? '').trim(), sex: p.sex ?? '', nationality }));
  out.push(...nameFindings(p));
  out.push(...dobFindings(p.dob, today));
  if (isBlank(p.sex)) out.push(required('sex', 'giới tính', 'The sex'));
  else if (!['M', 'F', 'X'].includes(p.sex ?? '')) {
    out.push(error('sex', 'SEX_INVALID', 'Giới tính phải là M (nam), F (nữ) hoặc X (không rõ).', 'Sex must be M, F or X.'));
  }
  if (!isCountryCode(nationality)) {
    out.push(error('nationality', 'NATIONALITY_INVALID', `Quốc tịch "${nationality}" không phải mã ISO 3166 hai chữ cái (ví dụ VN).`,
      `Nationality "${nationality}" is not an ISO 3166 two-letter code (e.g. VN).`));
  }
  out.push(...phoneFindings(p.phone));
  return out;
}

/** Every finding about the person; an empty list means ready. */
export function validatePerson(input: PersonInput, ctx: PersonValidationContext): Finding[] {
  assertToday(ctx.today);
  const p = cleanPersonInput(input);
  const out = ctx.personMemo ? ctx.personMemo.findings(p, ctx.today, ownFindings) : ownFindings(p, ctx.today);
  const duplicates = duplicatePersonFindings(p, ctx);
  for (const f of duplicates) out.push(f);
  return out;
}
