/**
 * Calendar dates as ISO text. Full dates `YYYY-MM-DD`; dates of birth may be partial (`YYYY-MM`,
 * `YYYY`), as the EU DCC schema 1.3 allows. Day-first text (dd/mm/yyyy, the Vietnamese order) and
 * Excel serial numbers come in from imports. All arithmetic is on UTC days: no time zone can move a
 * date.
 */

const DAY_MS = 86_400_000;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidYmd(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function toIso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/*
 * The parsers below read the digits by character code instead of a regex, a split and Number():
 * an import checks several dates on every row, twice, and this was a fifth of validation's time.
 * They accept exactly what the patterns `^(\d{4})-(\d{2})-(\d{2})$` and
 * `^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$` accept (ASCII digits only, nothing before or after);
 * test/unit/domain/datesFastPath.test.ts compares them with the regex versions.
 */

/** The number written by the ASCII digits s[from..from+count), or -1 if one is not a digit. */
function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Year, month and day of `YYYY-MM-DD` text (any digits), or null when it is not that shape. */
function isoParts(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  return year < 0 || month < 0 || day < 0 ? null : [year, month, day];
}

/** `YYYY-MM-DD` naming a real day (no 2021-02-30, 2023-02-29 or month 13). */
export function isValidIsoDate(s: string): boolean {
  // isoParts without its array: validation asks this several times a row.
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  return year >= 0 && month >= 0 && day >= 0 && isValidYmd(year, month, day);
}

/** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, each part valid. */
export function isValidPartialDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  if (s.length === 10) return isValidIsoDate(s);
  if (s.length !== 4 && (s.length !== 7 || s.charCodeAt(4) !== 45)) return false;
  const year = digitsAt(s, 0, 4);
  if (year < 1) return false;
  if (s.length === 4) return true;
  const month = digitsAt(s, 5, 2);
  return month >= 1 && month <= 12;
}

/** The first and last day a partial date can mean: `1990` → 1990-01-01 … 1990-12-31. */
export function partialDateBounds(s: string): { earliest: string; latest: string } | null {
  if (!isValidPartialDate(s)) return null;
  if (s.length === 10) return { earliest: s, latest: s };
  // The year is four digits as written, so it is its own zero-padded form (toIso would give it back).
  if (s.length === 4) return { earliest: `${s}-01-01`, latest: `${s}-12-31` };
  return { earliest: `${s}-01`, latest: `${s}-${pad(daysInMonth(digitsAt(s, 0, 4), digitsAt(s, 5, 2)), 2)}` };
}

/**
 * Two dates of birth that can be the same day: equal, or one the year (or year and month) of the
 * other, "1985" and "1985-03-12". A list often has only the year of birth for a dose and the
 * whole date for the next: one person, written less or more exactly.
 */
export function datesOfBirthAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return isValidPartialDate(short) && isValidPartialDate(long) && long.startsWith(`${short}-`);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the days-from-civil count Date uses). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function utcDay(iso: string): number {
  const m = isoParts(iso);
  if (m === null || !isValidYmd(m[0], m[1], m[2])) return Number.NaN;
  return daysFromCivil(m[0], m[1], m[2]);
}

/** Whole days from `a` to `b` (negative when b is earlier); NaN when either is not a valid date. */
export function daysBetween(a: string, b: string): number {
  return utcDay(b) - utcDay(a);
}

/** The ISO date `days` after `iso` (null for an invalid date). */
export function addDays(iso: string, days: number): string | null {
  const day = utcDay(iso);
  if (Number.isNaN(day) || !Number.isInteger(days)) return null;
  const t = new Date((day + days) * DAY_MS);
  return toIso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole years between a date of birth (full date) and `on`, as birthdays count them. */
export function ageInYears(dob: string, on: string): number {
  if (!isValidIsoDate(dob) || !isValidIsoDate(on)) return Number.NaN;
  const [by, bm, bd] = isoParts(dob) as [number, number, number];
  const [y, m, d] = isoParts(on) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const DAY_FIRST = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;

/** `/`, `.` or `-`: DAY_FIRST's separators. */
function isDayFirstSeparator(c: number): boolean {
  return c === 0x2f || c === 0x2e || c === 0x2d;
}

/** The number the ASCII digits of s[from, to) write, or -1 when one is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Day-first text as Vietnamese forms and spreadsheets write it: `dd/mm/yyyy`, `d/m/yyyy`, with `/`,
 * `-` or `.`; an ISO `yyyy-mm-dd` passes through. Two-digit years are refused (is 21 1921 or
 * 2021?), and so is anything that is not a real day. Returns ISO or null.
 */
export function parseDayFirstDate(text: string): string | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  if (isValidIsoDate(t)) return t;
  // dd/mm/yyyy (or with . or -), what clinic sheets hold: read by character code, no match array.
  if (t.length === 10 && isDayFirstSeparator(t.charCodeAt(2)) && isDayFirstSeparator(t.charCodeAt(5))) {
    const day = digits(t, 0, 2);
    const month = digits(t, 3, 5);
    const year = digits(t, 6, 10);
    if (day >= 0 && month >= 0 && year >= 0) return isValidYmd(year, month, day) ? toIso(year, month, day) : null;
  }
  const m = DAY_FIRST.exec(t);
  if (m === null) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  return isValidYmd(year, month, day) ? toIso(year, month, day) : null;
}

const MONTH_YEAR = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/;

/**
 * A date of birth as imports give it: anything parseDayFirstDate reads, `mm/yyyy`, `yyyy-mm` or
 * `yyyy` alone (people whose papers give only the year). Returns a partial ISO date or null.
 */
export function parsePartialDate(text: string): string | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  const full = parseDayFirstDate(t);
  if (full !== null) return full;
  if (isValidPartialDate(t)) return t;
  const m = MONTH_YEAR.exec(t);
  if (m === null) return null;
  const month = Number(m[1]);
  const year = Number(m[2]);
  return year >= 1 && month >= 1 && month <= 12 ? `${pad(year, 4)}-${pad(month, 2)}` : null;
}

/** Excel's last serial date, 9999-12-31. */
const EXCEL_MAX_SERIAL = 2_958_465;

/**
 * An Excel serial date (1900 date system) as ISO. Serial 1 is 1900-01-01. Excel copies Lotus 1-2-3
 * in counting a 29 February 1900 that never existed: serial 60 is that day, so it gives null, and
 * every serial from 61 on is one more than the real day count. A fraction (the time of day) is
 * dropped. Serial 0 ("1900-01-00"), negatives, non-numbers and serials past 9999-12-31 give null.
 * (The 1904 system of old Mac workbooks is not handled: the importer must say which it read.)
 */
export function excelSerialToIso(serial: number): string | null {
  if (typeof serial !== 'number' || !Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > EXCEL_MAX_SERIAL || whole === 60) return null;
  const days = whole < 60 ? whole : whole - 1;
  return addDays('1899-12-31', days);
}

/** dd/mm/yyyy for display; a partial date shows as mm/yyyy or yyyy. Invalid text is returned as is. */
export function formatDayFirst(date: string): string {
  if (!isValidPartialDate(date)) return date;
  const [y, m, d] = date.split('-');
  if (m === undefined) return y ?? date;
  if (d === undefined) return `${m}/${y}`;
  return `${d}/${m}/${y}`;
}

/** Viet Nam is UTC+7 all year (no daylight saving), whatever zone the PC is set to. */
export const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The clinic's calendar day (yyyy-mm-dd) at an instant: "today" for validation. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as the clinic reads it, "hh:mm dd/mm/yyyy (UTC+7)"; text that is no time is returned as is. */
export function vietnamTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + VIETNAM_OFFSET_MS).toISOString();
  return `${s.slice(11, 16)} ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} (UTC+7)`;
}
