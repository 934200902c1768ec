// The verify screen's holder line: the name as written, each part falling back to its
// transliteration when absent or empty (the schema requires only fnt).
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../../renderer/src/i18n/translate.js';
import { holderOf } from '../../../shared/dcc/holderView.js';
import { holderText } from '../../../renderer/src/screens/verify/holder.js';

describe('holderOf', () => {
  it('shows the name as written, and each part\'s transliteration when it is absent or empty', () => {
    expect(holderOf({ nam: { fn: 'Nguyễn', gn: 'Bảo Duy', fnt: 'NGUYEN', gnt: 'BAO<DUY' }, dob: '1990-05-04' })).toEqual({ name: 'Nguyễn Bảo Duy', dob: '04/05/1990' });
    expect(holderOf({ nam: { fn: '', gn: 'Bảo Duy', fnt: 'NGUYEN' }, dob: '1990' })?.name).toBe('NGUYEN Bảo Duy');
    expect(holderOf({ nam: { fnt: 'NGUYEN', gnt: 'BAO<DUY' }, dob: '' })?.name).toBe('NGUYEN BAO DUY');
    expect(holderOf({ nam: { fn: 'Nguyễn', gn: '' } })?.name).toBe('Nguyễn');
  });

  it('says an unknown date of birth (dob "") in words, never "born " with nothing after it', () => {
    const t = (lang: 'vi' | 'en'): Translate => (key, vars) => translate(lang, key, vars);
    expect(holderText({ nam: { fnt: 'NGUYEN' }, dob: '' }, t('en'))).toBe('Holder: NGUYEN, date of birth unknown');
    expect(holderText({ nam: { fnt: 'NGUYEN' }, dob: '' }, t('vi'))).toBe('Người mang: NGUYEN, không rõ ngày sinh');
    expect(holderText({ nam: { fnt: 'NGUYEN' }, dob: '1990-05' }, t('en'))).toBe('Holder: NGUYEN, born in 05/1990');
    expect(holderText({ nam: { fnt: 'NGUYEN' }, dob: '1990' }, t('vi'))).toBe('Người mang: NGUYEN, sinh năm 1990');
  });

  it('is null for a payload without a name object', () => {
    for (const payload of [null, 'x', {}, { nam: null }]) expect(holderOf(payload)).toBeNull();
  });
});
