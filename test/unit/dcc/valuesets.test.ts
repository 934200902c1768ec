// The station's copies of the EU value sets (shared/dcc/valuesets.ts): codes published after the
// first copies (2021-06 / 2022-01) are members, deprecated ones still are (a verifier reads
// certificates issued with them), and a certificate carrying a newer code passes the value-set
// step instead of failing as "not in the value set".
import { describe, expect, it } from 'vitest';
import { checkDccValueSets } from '../../../shared/dcc/valueSetCheck.js';
import { VALUE_SETS, inValueSet, valueSetDisplay } from '../../../shared/dcc/valuesets.js';

describe('EU value sets', () => {
  it('hold the vaccines and makers added upstream in 2022 (Valneva, VidPrevtyn Beta, Bimervax, Hipra)', () => {
    expect(valueSetDisplay('vaccine-medicinal-product', 'EU/1/21/1624')).toBe('COVID-19 Vaccine Valneva');
    expect(valueSetDisplay('vaccine-medicinal-product', 'EU/1/21/1580')).toBe('VidPrevtyn Beta');
    expect(valueSetDisplay('vaccine-medicinal-product', 'EU/1/22/1709')).toBe('Bimervax');
    expect(valueSetDisplay('vaccine-mah-manf', 'ORG-100036914')).toBe('Hipra Human Health S.L.');
  });

  it('keep the ids those replaced, marked deprecated', () => {
    for (const code of ['VLA2001', 'Vidprevtyn', 'NVX-CoV2373']) {
      expect(inValueSet('vaccine-medicinal-product', code)).toBe(true);
      expect(valueSetDisplay('vaccine-medicinal-product', code)).toMatch(/\(deprecated\)$/);
    }
  });

  it('name every rapid-test device of the 2021-07-15 list, the ones added since 2021-06-30 included', () => {
    const devices = VALUE_SETS['test-manf'].values;
    expect(devices.size).toBe(126);
    for (const [code, name] of devices) {
      expect(code).toMatch(/^\d+$/);
      expect(name.length, code).toBeGreaterThan(3);
    }
    expect(valueSetDisplay('test-manf', '2052')).toBe('SD BIOSENSOR Inc, STANDARD Q COVID-19 Ag Test Nasal');
    expect(valueSetDisplay('test-manf', '1232')).toBe('Abbott Rapid Diagnostics, Panbio COVID-19 Ag Rapid Test');
  });

  it('a certificate with a code added since passes the value-set step; an unknown one still does not', () => {
    const person = { ver: '1.3.0', nam: { fnt: 'GARCIA', gnt: 'ANA' }, dob: '1990-01-01' };
    const v = { tg: '840539006', vp: '1162643001', mp: 'EU/1/22/1709', ma: 'ORG-100036914', dn: 3, sd: 3, dt: '2022-12-01', co: 'ES', is: 'Ministerio de Sanidad', ci: 'URN:UVCI:01:ES:X' };
    expect(checkDccValueSets({ ...person, v: [v] })).toEqual([]);
    const t = { tg: '840539006', tt: 'LP217198-3', ma: '2228', sc: '2021-08-01T10:00:00Z', tr: '260415000', tc: 'Centro', co: 'ES', is: 'Ministerio de Sanidad', ci: 'URN:UVCI:01:ES:T' };
    expect(checkDccValueSets({ ...person, t: [t] })).toEqual([]);
    expect(checkDccValueSets({ ...person, t: [{ ...t, ma: '999999' }] }).map((f) => f.path)).toEqual(['t[0].ma']);
  });
});
