/**
 * parseDayFirstDate reads the common dd/mm/yyyy by character code before its regex. The regex
 * reading (with a Date-based day check) is the oracle: the same answer for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIsoDate, parseDayFirstDate, parsePartialDate } from '../../../shared/domain/dates.js';

const DAY_FIRST = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;

function oracle(text: string): string | null {
  const t = text.trim();
  if (isValidIsoDate(t)) return t;
  const m = DAY_FIRST.exec(t);
  if (m === null) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  const real = year >= 1 && month >= 1 && month <= 12 && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real ? `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null;
}

const ch = fc.constantFrom(...'0123456789/.-: x\u0663\uff10'.split(''), '0', '1', '2', '3', '/');
const pad2 = (n: number) => String(n).padStart(2, '0');
const text = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom('/', '.', '-'), fc.constantFrom('/', '.', '-', ' / ', '')).map(
    ([d, m, y, a, b]) => `${pad2(d)}${a}${pad2(m)}${b}${String(y).padStart(4, '0')}`,
  ),
  fc.array(ch, { minLength: 8, maxLength: 12 }).map((a) => a.join('')),
  fc.string({ maxLength: 12 }),
);

describe('day-first dates by character code', () => {
  it('answers as the regex reading for any text', () => {
    fc.assert(fc.property(text, fc.constantFrom('', ' '), (t, around) => {
      expect(parseDayFirstDate(`${around}${t}${around}`)).toBe(oracle(`${around}${t}${around}`));
    }), { numRuns: 5000 });
  });

  it('reads leap days and refuses impossible ones', () => {
    expect(parseDayFirstDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDayFirstDate('29/02/2023')).toBeNull();
    expect(parseDayFirstDate('31.12.1999')).toBe('1999-12-31');
    expect(parseDayFirstDate('00-01-2021')).toBeNull();
    expect(parseDayFirstDate('01/13/2021')).toBeNull();
    expect(parsePartialDate('05/1990')).toBe('1990-05');
  });
});
