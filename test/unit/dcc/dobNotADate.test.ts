// eu-dcc-schema 1.3.0 gives dob a pattern that lets "1990-13" and "1990-02-30" through (its
// `format: date` arrived later, and a partial date cannot carry it). No such day exists: the
// certificate stays valid (its issuer signed it so), with a warning that the date of birth shown
// is not a real date, for the verifier comparing it with the person's papers.
import { describe, expect, it } from 'vitest';
import { validateDccPayload } from '../../../shared/dcc/schema.js';

const base = {
  ver: '1.3.0',
  nam: { fnt: 'TRAN', gnt: 'BINH' },
  v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-10-01', co: 'VN', is: 'BYT', ci: 'URN:UVCI:01:VN:DOB1' }],
};
const findings = (dob: string) => validateDccPayload({ ...base, dob }).map((f) => `${f.severity} ${f.code} ${f.path}`);

describe('a date of birth the pattern allows but the calendar does not', () => {
  it('month 13 and 30 February are a warning on dob', () => {
    for (const dob of ['1990-13', '1990-02-30', '1990-00', '1990-04-31']) expect(findings(dob), dob).toEqual(['warning DOB_NOT_A_DATE dob']);
    const [f] = validateDccPayload({ ...base, dob: '1990-02-30' });
    expect(f!.message_en).toContain('"1990-02-30"');
    expect(f!.message_vi).toContain('không phải ngày có thật');
  });
  it('real full, partial and empty dates of birth are no finding', () => {
    for (const dob of ['1990-02-28', '2000-02-29', '1990-12', '1990', '']) expect(findings(dob), dob).toEqual([]);
  });
});
