import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCES } from '../../../shared/domain/cccdProvinces.js';
import { checkIdNumber, decodeCccd, normalizeIdNumber } from '../../../shared/domain/identity.js';

const codes = (f: { code: string }[]) => f.map((x) => x.code);
const man1990 = { dob: '1990-05-17', sex: 'M' };

describe('CCCD structure (Circular 07/2016/TT-BCA)', () => {
  it('knows the 63 province codes, all in 001–096 with the real gaps', () => {
    const list = Object.keys(CCCD_PROVINCES);
    expect(list).toHaveLength(63);
    expect(list.every((c) => /^0\d\d$/.test(c) && Number(c) >= 1 && Number(c) <= 96)).toBe(true);
    expect(CCCD_PROVINCES['001']).toBe('Hà Nội');
    expect(CCCD_PROVINCES['079']).toBe('Hồ Chí Minh');
    expect(CCCD_PROVINCES['096']).toBe('Cà Mau');
    expect(CCCD_PROVINCES['003']).toBeUndefined();
  });

  it('decodes province, century, sex and year digits', () => {
    expect(decodeCccd('079303012345')).toEqual({ provinceCode: '079', provinceName: 'Hồ Chí Minh', centuryStart: 2000, sex: 'F', yearDigits: 3 });
    expect(decodeCccd('001890012345')?.centuryStart).toBe(2300);
    expect(decodeCccd('00109001234')).toBeNull();
  });

  it.each([
    ['001090012345', { dob: '1990-05-17', sex: 'M' }, []],
    ['001190012345', { dob: '1990-05-17', sex: 'F' }, []],
    ['079203012345', { dob: '2003-01-02', sex: 'M' }, []],
    ['096305123456', { dob: '2005', sex: 'F' }, []],
    ['001090012345', { dob: '1990-05', sex: 'X' }, []],
    ['001090012345', { dob: '', sex: '' }, []],
    // province out of the list or out of range
    ['003090012345', man1990, ['CCCD_PROVINCE_UNKNOWN']],
    ['000090012345', man1990, ['CCCD_PROVINCE_UNKNOWN']],
    ['097090012345', man1990, ['CCCD_PROVINCE_UNKNOWN']],
    ['999090012345', man1990, ['CCCD_PROVINCE_UNKNOWN']],
    // century digit against the year of birth
    ['001290012345', man1990, ['CCCD_CENTURY_MISMATCH']],
    ['001003012345', { dob: '2003-01-02', sex: 'M' }, ['CCCD_CENTURY_MISMATCH']],
    ['001490012345', man1990, ['CCCD_CENTURY_MISMATCH']],
    ['001890012345', { dob: '1890', sex: 'M' }, ['CCCD_CENTURY_MISMATCH']],
    // sex digit against the sex
    ['001090012345', { dob: '1990-05-17', sex: 'F' }, ['CCCD_SEX_MISMATCH']],
    ['001190012345', man1990, ['CCCD_SEX_MISMATCH']],
    ['079303012345', { dob: '2003', sex: 'M' }, ['CCCD_SEX_MISMATCH']],
    // year digits
    ['001091012345', man1990, ['CCCD_YEAR_MISMATCH']],
    ['001009012345', man1990, ['CCCD_YEAR_MISMATCH']],
    // several at once
    ['003391012345', man1990, ['CCCD_PROVINCE_UNKNOWN', 'CCCD_CENTURY_MISMATCH', 'CCCD_YEAR_MISMATCH', 'CCCD_SEX_MISMATCH']],
    // length and characters
    ['00109001234', man1990, ['CCCD_LENGTH']],
    ['0010900123456', man1990, ['CCCD_LENGTH']],
    ['001090012', man1990, ['CCCD_LENGTH']],
    ['00109001234A', man1990, ['CCCD_NOT_DIGITS']],
    ['001 090 012345', man1990, ['CCCD_NOT_DIGITS']],
    ['００１０９００１２３４５', man1990, ['CCCD_NOT_DIGITS']],
    ['', man1990, ['FIELD_REQUIRED']],
  ])('CCCD %j with %j → %j', (idNumber, person, expected) => {
    expect(codes(checkIdNumber('CCCD', idNumber, person))).toEqual(expected);
  });

  it('every finding is bilingual, on the idNumber field, and an error', () => {
    for (const f of checkIdNumber('CCCD', '003391012345', man1990)) {
      expect(f.field).toBe('idNumber');
      expect(f.severity).toBe('error');
      expect(f.message_vi).toMatch(/CCCD/);
      expect(f.message_en).toMatch(/CCCD/);
      expect(f.message_vi).not.toBe(f.message_en);
    }
  });
});

describe('CMND and passport', () => {
  it.each([
    ['CMND', '123456789', 'VN', []],
    ['CMND', '012345678', 'VN', []],
    ['CMND', '001090012345', 'VN', ['CMND_12_DIGITS']],
    ['CMND', '12345678', 'VN', ['CMND_FORMAT']],
    ['CMND', '1234567890', 'VN', ['CMND_FORMAT']],
    ['CMND', '12345678A', 'VN', ['CMND_FORMAT']],
    ['PASSPORT', 'C1234567', 'VN', []],
    ['PASSPORT', 'B1234567', 'VN', []],
    ['PASSPORT', 'N1234567', 'VN', []],
    ['PASSPORT', 'C123456', 'VN', ['PASSPORT_FORMAT_VN']],
    ['PASSPORT', 'c1234567', 'VN', ['PASSPORT_FORMAT_VN']],
    ['PASSPORT', '12345678', 'VN', ['PASSPORT_FORMAT_VN']],
    ['PASSPORT', 'CC1234567', 'VN', ['PASSPORT_FORMAT_VN']],
    ['PASSPORT', 'C12345678', 'VN', ['PASSPORT_FORMAT_VN']],
    ['PASSPORT', '12AB34567', 'FR', []],
    ['PASSPORT', 'X1234', 'US', []],
    ['PASSPORT', 'AB12', 'US', ['PASSPORT_FORMAT']],
    ['PASSPORT', 'A'.repeat(21), 'US', ['PASSPORT_FORMAT']],
    ['PASSPORT', 'AB-12345', 'US', ['PASSPORT_FORMAT']],
    ['CMT', '123456789', 'VN', ['ID_TYPE_INVALID']],
  ])('%s %j (%s) → %j', (idType, idNumber, nationality, expected) => {
    expect(codes(checkIdNumber(idType, idNumber, { ...man1990, nationality }))).toEqual(expected);
  });

  it('a passport without a nationality is read as Vietnamese', () => {
    expect(codes(checkIdNumber('PASSPORT', '12AB34567', man1990))).toEqual(['PASSPORT_FORMAT_VN']);
  });

  it('the 12-digit CMND is a warning, the others errors', () => {
    expect(checkIdNumber('CMND', '001090012345', man1990)[0]?.severity).toBe('warning');
    expect(checkIdNumber('CMND', '1', man1990)[0]?.severity).toBe('error');
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['001 090 012 345', '001090012345'], ['001.090.012.345', '001090012345'], ['c1234567', 'C1234567'], [' C-1234567 ', 'C1234567'],
    ['００１０９００１２３４５', '001090012345'],
    // Pasted from Zalo or a web page (probe 18): invisible characters around and inside.
    ['\u200b079\u00a0085\u200b001234\u2060', '079085001234'], ['\ufeff\u200e079085001234\u200f', '079085001234'],
  ])('%j → %j', (raw, canonical) => {
    expect(normalizeIdNumber(raw)).toBe(canonical);
  });
});
