/**
 * dates.ts reads digits by character code (an import checks several dates a row, twice). The
 * regex implementation it replaced is kept here as the oracle: same answers on every input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageInYears, daysBetween, isValidIsoDate, isValidPartialDate, partialDateBounds } from '../../../shared/domain/dates.js';

// ---- the previous implementation, verbatim ----
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY_MS = 86_400_000;
const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysInMonth = (year: number, month: number): number => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
const isValidYmd = (year: number, month: number, day: number): boolean => year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const toIso = (year: number, month: number, day: number): string => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
function oldIsValidIsoDate(s: string): boolean {
  const m = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}
function oldIsValidPartialDate(s: string): boolean {
  const m = typeof s === 'string' ? PARTIAL_DATE.exec(s) : null;
  if (m === null) return false;
  const year = Number(m[1]);
  if (year < 1) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  return m[3] === undefined || isValidYmd(year, month, Number(m[3]));
}
function oldPartialDateBounds(s: string): { earliest: string; latest: string } | null {
  if (!oldIsValidPartialDate(s)) return null;
  const [y, m, d] = s.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return { earliest: toIso(y, 1, 1), latest: toIso(y, 12, 31) };
  if (d === undefined) return { earliest: toIso(y, m, 1), latest: toIso(y, m, daysInMonth(y, m)) };
  return { earliest: s, latest: s };
}
function oldUtcDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (m === null || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return Number.NaN;
  const t = new Date(0);
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(t.getTime() / DAY_MS);
}
const oldDaysBetween = (a: string, b: string): number => oldUtcDay(b) - oldUtcDay(a);
function oldAddDays(iso: string, days: number): string | null {
  const day = oldUtcDay(iso);
  if (Number.isNaN(day) || !Number.isInteger(days)) return null;
  const t = new Date((day + days) * DAY_MS);
  return toIso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
function oldAgeInYears(dob: string, on: string): number {
  if (!oldIsValidIsoDate(dob) || !oldIsValidIsoDate(on)) return Number.NaN;
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
// ---- end of the previous implementation ----

const digit = fc.constantFrom(...'0123456789');
const nearDigit = fc.constantFrom(...'0123456789-/ x:٣０\n'.split(''), '1', '2', '0', '-');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));
/** Real dates, near misses (month 13, day 31 of a short month, 0000) and junk of date length. */
const dateLike = fc.oneof(
  fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(digits(4), digits(2)).map(([y, m]) => `${y}-${m}`),
  digits(4),
  fc.array(nearDigit, { minLength: 0, maxLength: 12 }).map((a) => a.join('')),
  fc.string({ maxLength: 12 }),
);

describe('dates without regexes', () => {
  it('validates, bounds and counts exactly as the regex implementation', () => {
    fc.assert(
      fc.property(dateLike, dateLike, fc.integer({ min: -40_000, max: 40_000 }), (a, b, n) => {
        expect(isValidIsoDate(a)).toBe(oldIsValidIsoDate(a));
        expect(isValidPartialDate(a)).toBe(oldIsValidPartialDate(a));
        expect(partialDateBounds(a)).toEqual(oldPartialDateBounds(a));
        expect(daysBetween(a, b)).toEqual(oldDaysBetween(a, b));
        expect(ageInYears(a, b)).toEqual(oldAgeInYears(a, b));
        expect(addDays(a, n)).toBe(oldAddDays(a, n));
      }),
      { numRuns: 20_000 },
    );
  });

  it('counts days like Date on every day of years 1-9999 at month edges', () => {
    for (let y = 1; y <= 9999; y += 1) {
      for (const [m, d] of [[1, 1], [2, 28], [3, 1], [12, 31]] as const) {
        const iso = toIso(y, m, d);
        expect(daysBetween('1970-01-01', iso)).toBe(oldUtcDay(iso) - oldUtcDay('1970-01-01'));
      }
    }
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
  });

  it('refuses what the patterns refused', () => {
    for (const s of ['2021-1-01', '2021-01-1', ' 2021-01-01', '2021-01-01\n', '２０２１-01-01', '0000', '0000-01', '1990-00', '1990-13', '1990-', '']) {
      expect(isValidPartialDate(s)).toBe(false);
    }
    expect(partialDateBounds('2024-02')).toEqual({ earliest: '2024-02-01', latest: '2024-02-29' });
    expect(partialDateBounds('0001')).toEqual({ earliest: '0001-01-01', latest: '0001-12-31' });
  });
});
