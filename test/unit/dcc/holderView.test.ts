// The holder of a certificate (fields 1 and 2 of the 11, DESIGN §3) as both the verify screen and
// `station dcc decode|verify` show it: one reading of `nam` and `dob` in shared/.
import { describe, expect, it } from 'vitest';
import { holderLines, holderOf } from '../../../shared/dcc/holderView.js';

describe('holderOf', () => {
  it('shows a transliteration readably: "<" separates the words of a name part (ICAO 9303)', () => {
    expect(holderOf({ nam: { fnt: 'NGUYEN', gnt: 'BAO<DUY' }, dob: '1990-05-04' })?.name).toBe('NGUYEN BAO DUY');
    expect(holderOf({ nam: { fnt: 'DE<<LA<CRUZ', gnt: 'ANA<' }, dob: '1990' })?.name).toBe('DE LA CRUZ ANA');
  });

  // Session 25, a mutation probe: reading a blank fn as written left the tests green.
  it('takes a name part\'s transliteration where the part as written is absent, empty or blank', () => {
    expect(holderOf({ nam: { fn: ' ', gn: 'Bảo Duy', fnt: 'NGUYEN', gnt: 'BAO<DUY' }, dob: '1990' })?.name).toBe('NGUYEN Bảo Duy');
    expect(holderOf({ nam: { fn: '', fnt: 'NGUYEN', gnt: 'BAO<DUY' }, dob: '1990' })?.name).toBe('NGUYEN BAO DUY');
    expect(holderOf({ nam: { fn: 'Nguyễn', fnt: 'NGUYEN' }, dob: '1990' })?.name).toBe('Nguyễn');
  });

  it('formats a full, a partial and an empty date of birth', () => {
    const dob = (d: string) => holderOf({ nam: { fnt: 'A' }, dob: d })?.dob;
    expect(dob('1990-05-04')).toBe('04/05/1990');
    expect(dob('1990-05')).toBe('05/1990');
    expect(dob('1990')).toBe('1990');
    expect(dob('')).toBe('');
  });

  it('gives the CLI its two labelled lines, Vietnamese first, an empty date of birth said as unknown', () => {
    expect(holderLines({ nam: { fn: 'Nguyễn', gn: 'Bảo Duy', fnt: 'NGUYEN', gnt: 'BAO<DUY' }, dob: '1990-05' })).toEqual([
      'Họ và tên / Full name: Nguyễn Bảo Duy',
      'Ngày sinh / Date of birth: 05/1990',
    ]);
    expect(holderLines({ nam: { fnt: 'NGUYEN' }, dob: '' })).toEqual(['Họ và tên / Full name: NGUYEN', 'Ngày sinh / Date of birth: không rõ / unknown']);
    expect(holderLines({ v: [] })).toEqual([]);
  });
});
