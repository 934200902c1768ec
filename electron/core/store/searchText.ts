/**
 * What a clerk types or pastes into the records search box, read as the ways it finds people
 * (recordSearch.ts turns each reading into SQL):
 * - a number: an id number or phone prefix (digits), or a passport number prefix (letters and
 *   digits). Pasted with its label ("CCCD: 079…", "Số CCCD 079…", "SĐT: 0905 123 456", "Hộ chiếu
 *   C1234567", "HC: B1234567"), the label is dropped: the labels are the id and phone column
 *   headers the import knows (headerAliases.ts), plus a few only written before a number.
 * - a name (every word a prefix of a word of the name), with a date of birth after or before it
 *   ("Đức 1990", "Nguyễn Văn An 12/05/1990", "an 1990-05-12", "an 05/1990"): the date filters the
 *   people the name found. A date of birth stored less exactly (the year) agrees with a whole date
 *   typed, as for person matching (datesOfBirthAgree).
 * - a date of birth alone, or after its label ("12/05/1990", "Ngày sinh: 05/1990"): the people
 *   whose stored date starts with it. A bare year is not one: it stays an id or phone prefix.
 * - a row copied from a spreadsheet: its id number cell, else its phone cell, else its name cell
 *   (with the date of birth when the dose's date follows it).
 * Full-width characters (０９０５…, ＣＣＣＤ：, from an East Asian input method or a PDF) are read
 * as their ASCII forms first.
 *
 * A label word can also be a name: "Hồ Chiêu" folds to the header "hochieu", "Điền Thoại" to
 * "dienthoai". Their name-and-date reading ("Hồ Chiêu 1990") is kept beside the number reading.
 * A name with one id, phone or passport number beside it ("Đức 0977000222") finds the people of
 * that name with that number (numberAmong). A label with a number is read as the label only.
 * Labels pasted before their values inside a line ("CCCD 079… Nguyễn Văn An", "Nguyễn Văn An -
 * SĐT: 0905…", "Họ và tên: Nguyễn Văn An, Ngày sinh: 12/05/1990") are dropped (withoutLabels): the
 * id, phone, date-of-birth and name headers the import knows. The name, date and number left are
 * read together.
 */
import { foldHeader, HEADER_ALIASES } from '../import/headerAliases.js';
import { isValidIsoDate } from './domain.js';
import { searchWords } from './nameQuery.js';

/** A date of birth typed: stored dates starting with `prefix`, or equal to one of `coarser` (a year, a year and month). */
export interface TypedBirthDate {
  prefix: string;
  coarser: string[];
}

export interface NameReading {
  kind: 'name';
  words: string[];
  born: TypedBirthDate | null;
  /** A number typed with the name ("Đức 0977000222", "Nguyễn Văn An 079 090 001 234"): the people the name found whose id number or phone it starts. */
  number?: NumberReading;
}

/** A number: an id number or a phone (digits), or a passport number; `born`, a date of birth typed with it and no name. */
export type NumberReading = ({ kind: 'digits'; digits: string } | { kind: 'passport'; prefix: string }) & { born?: TypedBirthDate };

/** A date of birth typed alone ("12/05/1990", "Ngày sinh: 05/1990"): the people whose stored date starts with it. */
export interface BornReading {
  kind: 'born';
  born: TypedBirthDate;
}

export type SearchReading = NumberReading | NameReading | BornReading;

/** Written before a number, never a column header: "HC" and "Số HC" (hộ chiếu), "Passport". */
const NUMBER_ONLY_LABELS = ['hc', 'sohc', 'passport', 'sodienthoai', 'didong', 'zalo', 'sdtzalo'];
const LABELS: ReadonlySet<string> = new Set([...HEADER_ALIASES.idNumber, ...HEADER_ALIASES.phone, ...NUMBER_ONLY_LABELS]);

/** Whether folded text is a label, alone or with "số" after it ("CCCD số 079…"). */
function isLabel(folded: string): boolean {
  return LABELS.has(folded) || (folded.endsWith('so') && LABELS.has(folded.slice(0, -2)));
}

/** Full-width forms (U+FF01–FF5E) and the ideographic space, as ASCII. */
export function asciiWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Spaces, dots, dashes, brackets and format characters inside a number as pasted. */
export function compactNumber(text: string): string {
  return text.replace(/[\s.\-()\p{Cf}]/gu, '');
}

/** A number after its label: digits (an id or phone) or a passport number, else null. */
function numberReading(text: string): NumberReading | null {
  const compact = compactNumber(text);
  if (/^\+?\d+$/.test(compact)) return { kind: 'digits', digits: compact.replace(/^\+/, '') };
  if (/^[A-Za-z]{1,2}\d+$/.test(compact)) return { kind: 'passport', prefix: compact.toUpperCase() };
  return null;
}

/**
 * The number after a label, or null. The label ends where the number starts: at its first digit
 * (or a + before one), or at the letters a passport number starts with ("Hộ chiếu C1234567").
 */
function afterLabel(text: string): NumberReading | null {
  const start = /\+?\d/.exec(text);
  if (start === null || start.index === 0) return null;
  const before = text.slice(0, start.index);
  const letters = /[A-Za-z]{1,2}\s*$/.exec(before);
  const splits = letters !== null && letters.index > 0 ? [start.index, letters.index] : [start.index];
  for (const at of splits) {
    if (!isLabel(foldHeader(text.slice(0, at)))) continue;
    const reading = numberReading(text.slice(at));
    if (reading !== null) return reading;
  }
  return null;
}

const pad2 = (n: string) => n.padStart(2, '0');

/** A word typed as a date of birth: a year, a month and year, or a whole date (day first, or ISO). */
export function typedBirthDate(word: string): TypedBirthDate | null {
  const t = word.replace(/^[([]+|[)\],;]+$/g, '');
  const year = (y: string) => Number(y) >= 1900 && Number(y) <= 2099;
  let m = /^(\d{4})$/.exec(t);
  if (m !== null) return year(m[1] as string) ? { prefix: m[1] as string, coarser: [] } : null;
  const whole = (y: string, mo: string, d: string): TypedBirthDate | null => {
    const iso = `${y}-${pad2(mo)}-${pad2(d)}`;
    return year(y) && isValidIsoDate(iso) ? { prefix: iso, coarser: [y, iso.slice(0, 7)] } : null;
  };
  const month = (y: string, mo: string): TypedBirthDate | null =>
    year(y) && Number(mo) >= 1 && Number(mo) <= 12 ? { prefix: `${y}-${pad2(mo)}`, coarser: [y] } : null;
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)) !== null) return whole(m[3] as string, m[2] as string, m[1] as string);
  if ((m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t)) !== null) return whole(m[1] as string, m[2] as string, m[3] as string);
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(t)) !== null) return month(m[2] as string, m[1] as string);
  if ((m = /^(\d{4})[/.-](\d{1,2})$/.exec(t)) !== null) return month(m[1] as string, m[2] as string);
  return null;
}

/**
 * The words without those another word implies: each word is a prefix of a word of the name, and
 * one name word may answer several, so "ng" adds nothing to "nguyen", nor "an" to a second "an".
 * Dropping them finds the same people, and spares the full-text index a lookup each: a paste of
 * "a a a …" made 500 lookups of every word starting with a.
 */
export function unimplied(words: readonly string[]): string[] {
  const distinct = [...new Set(words)];
  // Sorted, the words a word starts come right after it: a pasted page of words costs n log n.
  const sorted = [...distinct].sort();
  const implied = new Set(sorted.filter((w, i) => sorted[i + 1]?.startsWith(w) === true));
  return distinct.filter((w) => !implied.has(w));
}

/** A part of a number as typed between spaces: digits, with a + or the dots, dashes and brackets of a paste. */
const NUMBER_PART = /^\+?[\d.\-()]*\d[\d.\-()]*$/;

/**
 * The one number typed with the name words (its parts side by side: "0905 123 456"), as the
 * name's filter; null when none, more than one, or when it is no id or phone (too short to be one).
 */
function numberAmong(parts: readonly string[]): { number: NumberReading; rest: string[] } | null {
  const at = parts.findIndex((p) => NUMBER_PART.test(p) || /^[A-Za-z]{1,2}\d{5,}$/.test(p));
  if (at < 0) return null;
  let end = at + 1;
  if (NUMBER_PART.test(parts[at] as string)) while (end < parts.length && NUMBER_PART.test(parts[end] as string)) end += 1;
  const rest = [...parts.slice(0, at), ...parts.slice(end)];
  if (rest.some((p) => /\d/.test(p))) return null;
  const number = numberReading(parts.slice(at, end).join(''));
  if (number === null || (number.kind === 'digits' && number.digits.length < 6)) return null;
  return { number, rest };
}

/** The date-of-birth headers the import knows ("Ngày sinh", "DOB", "Năm sinh"), as a label before a date; "NS", "SN" (sinh năm) written before one. */
const BORN_LABELS: ReadonlySet<string> = new Set([...HEADER_ALIASES.dob, ...HEADER_ALIASES.birthYear, 'ns', 'sn']);

/** The name headers the import knows ("Họ và tên", "Họ tên", "Full name"), as a label before a name. */
const NAME_LABELS: ReadonlySet<string> = new Set(HEADER_ALIASES.fullName);
/** "Họ:", "Tên:": a label only with its colon; without one "Họ" and "Tên" may be words of the name. */
const NAME_PART_LABELS: ReadonlySet<string> = new Set([...HEADER_ALIASES.familyName, ...HEADER_ALIASES.givenName]);
/** The most words a label runs to ("Số CMND / CCCD / Hộ chiếu", "Họ và tên người được tiêm"). */
const LABEL_PARTS = 6;

/** A part that is an id, phone or passport number (or its start), and no date of birth ("Hồ Chiêu 1990" is a name and a year). */
function isNumberPart(part: string): boolean {
  return (NUMBER_PART.test(part) || /^[A-Za-z]{1,2}\d{5,}$/.test(part)) && typedBirthDate(part) === null;
}

/** How many parts from `i` are a label before its value (a number, a date, a name), or 0. */
function labelAt(parts: readonly string[], i: number): number {
  for (let k = Math.min(LABEL_PARTS, parts.length - i - 1); k >= 1; k -= 1) {
    const label = foldHeader(parts.slice(i, i + k).join(''));
    const next = parts[i + k] as string;
    if (label === '') continue;
    if (isLabel(label) && isNumberPart(next)) return k;
    if (BORN_LABELS.has(label) && typedBirthDate(next) !== null) return k;
    const named = NAME_LABELS.has(label) || (NAME_PART_LABELS.has(label) && (parts[i + k - 1] as string).endsWith(':'));
    if (named && /\p{L}/u.test(next) && foldHeader(next) !== '') return k;
  }
  return 0;
}

/**
 * How a relative or a message names an elder: "Ông Nguyễn Văn An", "Bà Đỗ Thị Ánh", "Cụ …". Read
 * with its marks (no name starts with these words; "Ba", "Bá" and "Cù" do), and only before a name.
 */
const HONORIFICS: ReadonlySet<string> = new Set(['ông', 'bà', 'cụ']);

/**
 * The parts without the labels pasted before their values: "CCCD 079… Nguyễn Văn An", "Nguyễn Văn
 * An - SĐT: 0905…", "Họ và tên: Nguyễn Văn An, Ngày sinh: 12/05/1990" (a line of a form or a
 * message). Read as name words, a label found nobody (no name holds "cccd", "ho ten"). A label
 * word that is also a name ("Hồ Chiêu") is dropped only before a number that is no date; dropping
 * a word from a name only widens what it finds.
 */
function withoutLabels(parts: readonly string[]): string[] {
  const kept: string[] = [];
  const honorific = parts.length > 1 && HONORIFICS.has((parts[0] as string).normalize('NFC').toLowerCase());
  for (let i = honorific ? 1 : 0; i < parts.length; ) {
    const label = labelAt(parts, i);
    if (label > 0) i += label;
    else kept.push(parts[i++] as string);
  }
  return kept;
}

/**
 * A label or a word joined to its number by a colon or a slash ("SĐT:0905…", "cccd:079…",
 * "An/079…", typed without the space) as two parts, the colon kept on the first (a label); any
 * other part as it is. A passport number ("C1234567") has neither.
 */
function unglued(part: string): string[] {
  const m = /^(\p{L}[\p{L}\p{M}.]*)[:/](\+?\d[\d.\-()]*[,;]?)$/u.exec(part);
  return m === null ? [part] : [`${m[1] as string}:`, m[2] as string];
}

/** The name words, with the one date of birth among them (none, or more than one: null) and the one id or phone number. */
function nameReading(text: string): NameReading | NumberReading | null {
  // A comma or semicolon after a cell of a pasted line ("Nguyễn Văn An, 079…,") is no part of it.
  const parts = withoutLabels(text.split(/\s+/).flatMap(unglued).map((p) => p.replace(/[,;]+$/, '')).filter((p) => p !== ''));
  const dated = parts.map(typedBirthDate);
  const at = dated.findIndex((d) => d !== null);
  const one = at >= 0 && dated.findIndex((d, i) => i > at && d !== null) < 0;
  const born = one ? dated[at] ?? null : null;
  const undated = born === null ? parts : parts.filter((_, i) => i !== at);
  // A name with an id or phone number ("Đức 0977000222", a name and CCCD pasted from a list): the
  // people of that name with that number. Read as name words it found nobody (names hold no
  // digits), and a clerk told "not found" registers the person a second time (review of session 26).
  // A date of birth beside both filters them too.
  const numbered = numberAmong(undated);
  if (numbered !== null) {
    const words = unimplied(searchWords(numbered.rest.join(' ')));
    if (words.length > 0) return { kind: 'name', words, born, number: numbered.number };
    // A number and a date of birth, no name ("CCCD: 079…, NS: 12/05/1990"): the number's people born then.
    if (born !== null) return { ...numbered.number, born };
  }
  const words = unimplied(searchWords(undated.join(' ')));
  if (words.length === 0) return null;
  return { kind: 'name', words, born };
}

/**
 * A row copied from a spreadsheet (cells split by tabs): its id number cell (a 9-digit CMND, a
 * 12-digit CCCD, a passport number) names the person; failing one, a cell of 9 digits or more (a
 * phone). Null when it has none: the whole row is then read as words (a name and a date).
 */
function rowReading(text: string): NumberReading[] | null {
  if (!text.includes('\t')) return null;
  const numbers = text.split('\t').map((cell) => numberReading(cell.trim())).filter((r) => r !== null);
  const ids = numbers.filter((r) => (r.kind === 'digits' ? r.digits.length === 9 || r.digits.length === 12 : /^[A-Z]\d{7,8}$/.test(r.prefix)));
  const long = numbers.filter((r) => r.kind === 'digits' && r.digits.length >= 9);
  const chosen = ids.length > 0 ? ids : long;
  return chosen.length > 0 ? chosen : null;
}

/**
 * A date of birth typed alone, or after its label ("Ngày sinh: 12/05/1990", "NS 1990-05-12"); null
 * for anything else. A bare year is not one ("1990" stays an id or phone prefix): it would list
 * every person born that year.
 */
function bornAlone(text: string): BornReading | null {
  const parts = text.split(/\s+/);
  const last = parts[parts.length - 1] as string;
  if (/^\d{4}$/.test(last)) return null;
  if (parts.length > 1 && !BORN_LABELS.has(foldHeader(parts.slice(0, -1).join('')))) return null;
  const born = typedBirthDate(last);
  return born === null ? null : { kind: 'born', born };
}

/**
 * A row copied from a spreadsheet with no id or phone cell (a child's list, another clinic's
 * sheet): its first cell of two words or more, all letters (the name: the sex and vaccine cells are
 * one word, the lot and dates hold digits), with the date of birth when the row holds a later date
 * too (its first date, the dose's coming after it; one date alone may be either). Null when no cell
 * is a name.
 */
function rowName(text: string): NameReading | null {
  const cells = text.split(/\t|\r?\n/).map((cell) => cell.trim());
  const name = cells.find((cell) => /^[\p{L}\p{M}'’.\- ]+$/u.test(cell) && cell.split(/\s+/).length >= 2);
  if (name === undefined) return null;
  const words = unimplied(searchWords(name));
  if (words.length === 0) return null;
  const dates = cells.map(typedBirthDate).filter((d) => d !== null);
  const [first, later] = dates;
  const born = first !== undefined && dates.length >= 2 && later !== undefined && later.prefix > first.prefix ? first : null;
  return { kind: 'name', words, born };
}

/** The readings of a search text (none: it matches nothing). */
export function readSearchText(raw: string): SearchReading[] {
  const text = asciiWidth(raw).trim();
  if (text === '') return [];
  const row = rowReading(text);
  if (row !== null) return row;
  const rowNamed = text.includes('\t') ? rowName(text) : null;
  if (rowNamed !== null) return [rowNamed];
  // "12.05.1990" is also the digits 12051990 (dots are dropped from a pasted number): both are read.
  const born = bornAlone(text);
  const plain = numberReading(text);
  if (plain?.kind === 'digits') return born === null ? [plain] : [plain, born];
  if (born !== null) return [born];
  const readings: SearchReading[] = [];
  const labelled = afterLabel(text);
  const name = nameReading(text);
  if (labelled !== null) readings.push(labelled);
  if (name !== null && (labelled === null || (name.kind === 'name' && name.born !== null))) readings.push(name);
  // Letters and digits alone ("c765"): a name word, and a passport number prefix too.
  if (labelled === null && /^[A-Za-z0-9]+$/.test(compactNumber(text)) && name !== null) readings.push({ kind: 'passport', prefix: compactNumber(text).toUpperCase() });
  return readings;
}
