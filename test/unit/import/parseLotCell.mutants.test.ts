// Cases a hand mutation probe of parseLotCell.ts (session 27) found no test for: a phone number
// of every mobile prefix in the lot cell is refused, not stored as the lot printed on a passport;
// a lot that only starts like a phone number is no phone; and a day after a dash before a slash
// expiry is not cut off silently as the end of the lot.
import { describe, expect, it } from 'vitest';
import { isPhoneNumber, parseLot } from '../../../electron/core/import/parseLotCell.js';

describe('a phone number in the lot cell', () => {
  it.each(['0312345678', '0512345678', '0712345678', '0812345678', '0912345678', '+84812345678', '84 812 345 678', '0812.345.678'])('"%s" is a phone, an error', (text) => {
    expect(isPhoneNumber(text)).toBe(true);
    expect(parseLot(text).findings.map((f) => f.code)).toEqual(['IMPORT_LOT_IS_PHONE']);
  });

  it.each(['09123456789', '0912345678A', '0912345678/2021', '0412345678', '0112345678'])('"%s" is no phone', (text) => {
    expect(isPhoneNumber(text)).toBe(false);
    expect(parseLot(text).findings.map((f) => f.code)).not.toContain('IMPORT_LOT_IS_PHONE');
  });
});

describe('a day after a dash, then a slash and the expiry', () => {
  it('is not taken silently as the end of the lot', () => {
    // "FF1234-30 / 11-2021": the lot FF1234 expiring 30/11/2021 as much as a lot "FF1234-30".
    expect(parseLot('FF1234-30 / 11-2021').lot).not.toBe('FF1234-30');
  });
});
