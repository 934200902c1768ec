// DCC payload checks: eu-dcc-schema 1.3.x structure plus EU value-set membership, with every
// code the Vietnamese catalog (DESIGN §3) and older Vietnamese certificates use.
import { describe, expect, it } from 'vitest';
import { checkDccSchema, validateDccPayload } from '../../../shared/dcc/schema.js';
import { inValueSet } from '../../../shared/dcc/valuesets.js';

const base = () => ({
  ver: '1.3.0',
  nam: { fn: 'Lê', fnt: 'LE', gn: 'Thị Hồng', gnt: 'THI<HONG' },
  dob: '1975-02-28',
  v: [
    {
      tg: '840539006',
      vp: '1119349007',
      mp: 'EU/1/20/1507',
      ma: 'ORG-100031184',
      dn: 3,
      sd: 3,
      dt: '2022-01-15',
      co: 'VN',
      is: 'Bộ Y tế Việt Nam',
      ci: 'URN:UVCI:01:VN:ABC#X',
    },
  ],
});
const paths = (p: unknown) => validateDccPayload(p).map((f) => `${f.code} ${f.path}`);

describe('DCC payload schema', () => {
  it('accepts a valid vaccination payload, partial and empty dob included', () => {
    expect(validateDccPayload(base())).toEqual([]);
    for (const dob of ['1983-10', '1983', '']) expect(paths({ ...base(), dob })).toEqual([]);
  });

  it('rejects dob outside 1900–2099 or in another format', () => {
    for (const dob of ['1815-08-24', '10/10/1983', '1983-1-1', 19831010]) expect(paths({ ...base(), dob })).toEqual(['SCHEMA_INVALID dob']);
  });

  it('requires exactly one of v / t / r, with one entry from 1.3.0 on', () => {
    const { v, ...none } = base();
    expect(paths(none)).toEqual(['SCHEMA_INVALID v']);
    expect(paths({ ...base(), r: [] })).toContain('SCHEMA_INVALID v/r');
    expect(paths({ ...base(), v: [] })).toEqual(['SCHEMA_INVALID v']);
    expect(paths({ ...base(), v: [...v, ...v] })).toEqual(['SCHEMA_INVALID v']);
    expect(paths({ ...base(), ver: '1.2.1', v: [...v, ...v] })).toEqual([]);
    // Each says the rule of its version: one entry from 1.3.0, at least one before.
    const message = (payload: unknown) => validateDccPayload(payload).map((f) => f.message_en);
    expect(message({ ...base(), v: [] })).toEqual([expect.stringMatching(/must hold exactly one entry/)]);
    expect(message({ ...base(), ver: '1.2.1', v: [] })).toEqual([expect.stringMatching(/must hold at least one entry/)]);
  });

  it('checks names: fnt required (before 1.3.2), ICAO characters, 80 characters at most', () => {
    expect(paths({ ...base(), nam: { fn: 'Lê' } })).toEqual(['SCHEMA_INVALID nam.fnt']);
    expect(paths({ ...base(), ver: '1.3.2', nam: { gnt: 'HONG' } })).toEqual([]);
    expect(paths({ ...base(), nam: { fnt: 'LÊ' } })).toEqual(['SCHEMA_INVALID nam.fnt']);
    expect(paths({ ...base(), nam: { fnt: 'A'.repeat(81), fn: 'x'.repeat(81) } })).toEqual(['SCHEMA_INVALID nam.fn', 'SCHEMA_INVALID nam.fnt']);
    expect(paths({ ...base(), ver: '1.3' })).toEqual(['SCHEMA_INVALID ver']);
  });

  it('checks every required vaccination field, its type and range', () => {
    const entry = base().v[0]!;
    for (const key of Object.keys(entry)) {
      const { [key as keyof typeof entry]: _, ...rest } = entry;
      expect(checkDccSchema({ ...base(), v: [rest] }).map((f) => f.path)).toEqual([`v[0].${key}`]);
    }
    const bad = { ...entry, dn: 0, sd: 10, dt: '2021-02-30', ci: 'x'.repeat(81), co: 'vn' };
    expect(checkDccSchema({ ...base(), v: [bad] }).map((f) => f.path)).toEqual(['v[0].co', 'v[0].ci', 'v[0].dn', 'v[0].sd', 'v[0].dt']);
    expect(checkDccSchema({ ...base(), v: [{ ...entry, dn: 1.5 }] }).map((f) => f.path)).toEqual(['v[0].dn']);
  });

  it('checks test and recovery entries', () => {
    const { v: _, ...person } = base();
    const t = { tg: '840539006', tt: 'LP217198-3', ma: '1232', sc: '2021-08-01T10:00:00+07:00', tr: '260415000', co: 'VN', is: 'BYT', ci: 'URN:UVCI:01:VN:T1' };
    expect(paths({ ...person, t: [t] })).toEqual([]);
    expect(paths({ ...person, t: [{ ...t, sc: '2021-08-01 10:00' }] })).toEqual(['SCHEMA_INVALID t[0].sc']);
    expect(paths({ ...person, t: [{ ...t, tr: 'positive', ma: '99999' }] })).toEqual(['TEST_DEVICE_UNLISTED t[0].ma', 'VALUESET_UNKNOWN t[0].tr']);
    const r = { tg: '840539006', fr: '2021-07-01', df: '2021-07-12', du: '2021-12-28', co: 'VN', is: 'BYT', ci: 'URN:UVCI:01:VN:R1' };
    expect(paths({ ...person, r: [r] })).toEqual([]);
    expect(paths({ ...person, r: [{ ...r, du: '2021-13-01' }] })).toEqual(['SCHEMA_INVALID r[0].du']);
  });

  it('never throws on non-objects', () => {
    for (const p of [null, 42, 'x', [], new Map()]) expect(paths(p)).toEqual(['SCHEMA_INVALID ']);
  });

  it('reports bilingual messages', () => {
    const [f] = validateDccPayload({ ...base(), dob: '1815' });
    expect(f!.message_vi).toContain('dob');
    expect(f!.message_en).toContain('must be a date of birth');
  });
});

describe('EU value sets', () => {
  it('hold every code of the Vietnamese catalog and the legacy vp codes', () => {
    const mp = ['EU/1/21/1529', 'Sputnik-V', 'BBIBP-CorV', 'EU/1/20/1528', 'EU/1/20/1507', 'EU/1/20/1525', 'Hayat-Vax', 'Abdala'];
    const ma = ['ORG-100001699', 'Gamaleya-Research-Institute', 'ORG-100020693', 'ORG-100030215', 'ORG-100031184', 'ORG-100001417', 'ORG-100023050', 'CIGB'];
    const vp = ['29061000087103', '1157024006', '1119349007', '28531000087107', 'J07BX03', '1119305005'];
    for (const c of mp) expect(inValueSet('vaccine-medicinal-product', c), c).toBe(true);
    for (const c of ma) expect(inValueSet('vaccine-mah-manf', c), c).toBe(true);
    for (const c of vp) expect(inValueSet('vaccine-prophylaxis', c), c).toBe(true);
    expect(inValueSet('country-2-codes', 'VN')).toBe(true);
    expect(inValueSet('disease-agent-targeted', '840539006')).toBe(true);
  });

  it('flag codes outside the sets with VALUESET_UNKNOWN and the field path', () => {
    const v = [{ ...base().v[0]!, tg: '1234', vp: 'X', mp: 'Y', ma: 'Z', co: 'XX' }];
    expect(paths({ ...base(), v })).toEqual([
      'VALUESET_UNKNOWN v[0].tg',
      'VALUESET_UNKNOWN v[0].vp',
      'VALUESET_UNKNOWN v[0].mp',
      'VALUESET_UNKNOWN v[0].ma',
      'VALUESET_UNKNOWN v[0].co',
    ]);
  });
});
