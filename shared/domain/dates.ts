/**
 * Calendar dates as ISO text. Full dates `YYYY-MM-DD`; dates of birth may be partial (`YYYY-MM`,
 * `YYYY`), as the EU DCC schema 1.3 allows. Day-first text (dd/mm/yyyy, the Vietnamese order) and
 * Excel serial numbers come in from imports. All arithmetic is on UTC days: no time zone can move a
 * date.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY_MS = 86_400_000;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
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

/** `YYYY-MM-DD` naming a real day (no 2021-02-30, 2023-02-29 or month 13). */
export function isValidIsoDate(s: string): boolean {
  const m = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, each part valid. */
export function isValidPartialDate(s: string): boolean {
  const m = typeof s === 'string' ? PARTIAL_DATE.exec(s) : null;
  if (m === null) return false;
  const year = Number(m[1]);
  if (year < 1) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  return m[3] === undefined || isValidYmd(year, month, Number(m[3]));
}

/** The first and last day a partial date can mean: `1990` → 1990-01-01 … 1990-12-31. */
export function partialDateBounds(s: string): { earliest: string; latest: string } | null {
  if (!isValidPartialDate(s)) return null;
  const [y, m, d] = s.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return { earliest: toIso(y, 1, 1), latest: toIso(y, 12, 31) };
  if (d === undefined) return { earliest: toIso(y, m, 1), latest: toIso(y, m, daysInMonth(y, m)) };
  return { earliest: s, latest: s };
}

function utcDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (m === null || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return Number.NaN;
  const t = new Date(0);
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(t.getTime() / DAY_MS);
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
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const DAY_FIRST = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;

/**
 * Day-first text as Vietnamese forms and spreadsheets write it: `dd/mm/yyyy`, `d/m/yyyy`, with `/`,
 * `-` or `.`; an ISO `yyyy-mm-dd` passes through. Two-digit years are refused (is 21 1921 or
 * 2021?), and so is anything that is not a real day. Returns ISO or null.
 */
export function parseDayFirstDate(text: string): string | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  if (isValidIsoDate(t)) return t;
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
