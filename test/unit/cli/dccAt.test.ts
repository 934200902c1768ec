// `station dcc verify --at`: a time without an offset is the clinic's wall clock, Viet Nam time
// (UTC+7), whatever zone the PC or the process is in; Z and +hh:mm are honoured (probe 16, F7).
import { describe, expect, it } from 'vitest';
import { parseAt } from '../../../electron/cli/commands/dcc.js';
import { UsageError } from '../../../electron/cli/context.js';

describe('dcc verify --at', () => {
  it('reads a date-time without an offset as Viet Nam time', () => {
    expect(parseAt('2027-11-24T12:00').toISOString()).toBe('2027-11-24T05:00:00.000Z');
    expect(parseAt('2027-11-24T12:00:30.5').toISOString()).toBe('2027-11-24T05:00:30.500Z');
  });

  it('reads a date alone as 00:00 that day in Viet Nam', () => {
    expect(parseAt('2024-02-29').toISOString()).toBe('2024-02-28T17:00:00.000Z');
  });

  it('honours Z and an explicit offset', () => {
    expect(parseAt('2027-11-24T12:00Z').toISOString()).toBe('2027-11-24T12:00:00.000Z');
    expect(parseAt('2027-11-24T12:00+07:00').toISOString()).toBe('2027-11-24T05:00:00.000Z');
    expect(parseAt('2027-11-24T12:00-0800').toISOString()).toBe('2027-11-24T20:00:00.000Z');
  });

  it('refuses what is not ISO-8601, saying in both languages that no offset means Viet Nam time', () => {
    expect(() => parseAt('yesterday')).toThrow(UsageError);
    expect(() => parseAt('2027-02-30T12:00')).toThrow(UsageError);
    expect(() => parseAt('24/11/2027')).toThrow(/Viet Nam time, UTC\+7/);
  });
});
