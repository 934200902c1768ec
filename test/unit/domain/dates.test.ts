import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, ageInYears, daysBetween, excelSerialToIso, formatDayFirst, isValidIsoDate, isValidPartialDate, parseDayFirstDate, parsePartialDate,
  partialDateBounds, vietnamDay, vietnamTime,
} from '../../../shared/domain/dates.js';

describe('ISO dates', () => {
  it.each([
    ['2021-03-08', true], ['2020-02-29', true], ['2000-02-29', true], ['2021-02-29', false], ['1900-02-29', false], ['2021-02-30', false],
    ['2021-04-31', false], ['2021-12-31', true], ['2021-13-01', false], ['2021-00-10', false], ['2021-01-00', false], ['2021-1-5', false],
    ['21-01-05', false], ['2021-01-05T00:00', false], ['', false], ['0000-01-01', false],
  ])('isValidIsoDate(%j) = %s', (s, ok) => {
    expect(isValidIsoDate(s)).toBe(ok);
  });

  it.each([
    ['1990', true], ['1990-05', true], ['1990-05-17', true], ['1990-13', false], ['1990-00', false], ['1990-02-30', false], ['199', false],
    ['1990-5', false], ['1990-05-', false], ['', false],
  ])('isValidPartialDate(%j) = %s', (s, ok) => {
    expect(isValidPartialDate(s)).toBe(ok);
  });

  it('partial dates span the days they may mean', () => {
    expect(partialDateBounds('1990')).toEqual({ earliest: '1990-01-01', latest: '1990-12-31' });
    expect(partialDateBounds('2000-02')).toEqual({ earliest: '2000-02-01', latest: '2000-02-29' });
    expect(partialDateBounds('1990-05-17')).toEqual({ earliest: '1990-05-17', latest: '1990-05-17' });
    expect(partialDateBounds('1990-02-30')).toBeNull();
  });

  it('daysBetween counts calendar days, signed, across leap days', () => {
    expect(daysBetween('2021-03-08', '2021-04-05')).toBe(28);
    expect(daysBetween('2021-04-05', '2021-03-08')).toBe(-28);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2021-02-28', '2021-03-01')).toBe(1);
    expect(daysBetween('2021-02-30', '2021-03-01')).toBeNaN();
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: -5000, max: 5000 }), (n, k) => {
      const a = addDays('1800-01-01', n);
      if (a === null) return false;
      const b = addDays(a, k);
      return b !== null && isValidIsoDate(b) && daysBetween(a, b) === k;
    }));
  });

  it('ageInYears counts birthdays', () => {
    expect(ageInYears('1990-05-17', '2021-05-16')).toBe(30);
    expect(ageInYears('1990-05-17', '2021-05-17')).toBe(31);
    expect(ageInYears('2000-02-29', '2021-02-28')).toBe(20);
  });
});

describe('parseDayFirstDate: Vietnamese day-first text', () => {
  it.each([
    ['15/07/2021', '2021-07-15'], ['5/3/2021', '2021-03-05'], ['05-03-2021', '2021-03-05'], ['05.03.2021', '2021-03-05'],
    [' 8/3/2021 ', '2021-03-08'], ['29/02/2020', '2020-02-29'], ['2021-07-15', '2021-07-15'],
    ['29/02/2021', null], ['31/04/2021', null], ['13/13/2021', null], ['15/07/21', null], ['07/15/2021', null], ['', null], ['abc', null],
    ['2021/07/15', null],
  ])('%j → %j', (text, iso) => {
    expect(parseDayFirstDate(text)).toBe(iso);
  });

  it('reads back every date it formats', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
      const iso = addDays('1900-01-01', n);
      return iso !== null && parseDayFirstDate(formatDayFirst(iso)) === iso;
    }));
  });

  it('parsePartialDate also takes a month and year, or a year alone', () => {
    expect(parsePartialDate('05/1990')).toBe('1990-05');
    expect(parsePartialDate('1990')).toBe('1990');
    expect(parsePartialDate('1990-05')).toBe('1990-05');
    expect(parsePartialDate('17/05/1990')).toBe('1990-05-17');
    expect(parsePartialDate('13/1990')).toBeNull();
    expect(parsePartialDate('19')).toBeNull();
  });

  it('formatDayFirst shows dd/mm/yyyy, mm/yyyy or yyyy', () => {
    expect(formatDayFirst('2021-07-15')).toBe('15/07/2021');
    expect(formatDayFirst('1990-05')).toBe('05/1990');
    expect(formatDayFirst('1990')).toBe('1990');
    expect(formatDayFirst('garbage')).toBe('garbage');
  });
});

describe('excelSerialToIso (1900 date system)', () => {
  it.each([
    [1, '1900-01-01'], [31, '1900-01-31'], [59, '1900-02-28'], [60, null], [61, '1900-03-01'], [44197, '2021-01-01'],
    [44263, '2021-03-08'], [44392.75, '2021-07-15'], [2958465, '9999-12-31'], [2958466, null], [0, null], [-1, null], [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%d → %j', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it('agrees with a reference computation from 1899-12-30 for every serial after the Lotus leap day', () => {
    const base = Date.UTC(1899, 11, 30);
    fc.assert(fc.property(fc.integer({ min: 61, max: 2_958_465 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (n, frac) => {
      const reference = new Date(base + n * 86_400_000).toISOString().slice(0, 10);
      return excelSerialToIso(n + frac) === reference;
    }), { numRuns: 2000 });
  });
});

describe('Viet Nam time (UTC+7 all year, whatever zone the PC is in)', () => {
  it('the clinic day turns at 17:00 UTC', () => {
    expect(vietnamDay(new Date('2026-03-01T16:59:59.999Z'))).toBe('2026-03-01');
    expect(vietnamDay(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(vietnamDay(new Date('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
  });

  it('shows an instant as hh:mm dd/mm/yyyy (UTC+7), and other text as it is', () => {
    expect(vietnamTime('2026-12-31T17:30:00Z')).toBe('00:30 01/01/2027 (UTC+7)');
    expect(vietnamTime('2026-06-15T08:05:00+07:00')).toBe('08:05 15/06/2026 (UTC+7)');
    expect(vietnamTime('not a time')).toBe('not a time');
  });
});
