// A person's name and date of birth as a clinic meets them, and what the passport (the DCC) then
// carries: whatever validation lets through as ready must make a payload the DCC schema accepts,
// and the name on it must be the person's, in the parts the certificate gives them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDccSchema } from '../../../shared/dcc/schema.js';
import { buildVaccinationPayload } from '../../../shared/domain/dccPayload.js';
import { resolveNames } from '../../../shared/domain/personValidation.js';
import type { DoseRecord, Person, PersonInput } from '../../../shared/domain/types.js';
import { makeUvci } from '../../../shared/domain/uvci.js';
import { validatePerson } from '../../../shared/domain/validation.js';

const today = '2022-06-01';
const base: PersonInput = { idType: 'PASSPORT', idNumber: 'C1234567', fullName: 'Nguyễn Văn An', dob: '1990-05-17', sex: 'M', nationality: 'VN', phone: null };
const janssen: DoseRecord = {
  id: 'r-1', personId: 'p-1', vaccine: 'JANSSEN', lot: 'XD123456', doseNumber: 1, vaccinationDate: '2022-03-01', facilityCode: '79001',
  createdAt: 't', updatedAt: 't', state: 'ready', findings: [], supersedes: null, supersedeReason: null,
};
const uvci = makeUvci('0190A3D4F2C47E5B8A6D');
const codes = (p: PersonInput) => validatePerson(p, { today }).map((f) => f.code);
const errors = (p: PersonInput) => validatePerson(p, { today }).filter((f) => f.severity === 'error').map((f) => f.code);

/** The person as the store keeps it: the split and transliteration resolved. */
function stored(p: PersonInput): Person {
  const n = resolveNames(p);
  return {
    id: 'p-1', idType: 'PASSPORT', idNumber: p.idNumber ?? '', fullName: n.fullName, familyName: n.familyName, givenName: n.givenName,
    fnt: n.fnt, gnt: n.gnt, dob: (p.dob ?? '').trim(), sex: 'M', nationality: p.nationality ?? 'VN', phone: null,
    identityStatus: 'unverified', identityCheckedAt: null,
  };
}

describe('a date of birth the DCC cannot hold is refused, not signed', () => {
  it('before 1900 (the schema: years 19xx and 20xx), though under 130 years old', () => {
    for (const dob of ['1899', '1899-12', '1899-12-01', '1895-02-28']) {
      expect(errors({ ...base, dob })).toEqual(['DOB_BEFORE_1900']);
    }
    const [f] = validatePerson({ ...base, dob: '1899-12-01' }, { today });
    expect(f).toMatchObject({ field: 'dob', severity: 'error' });
    expect(f!.message_vi).toContain('1900');
    expect(f!.message_en).toContain('1900');
    expect(codes({ ...base, dob: '1900' })).toEqual([]);
    expect(errors({ ...base, dob: '1900-01-01' })).toEqual([]);
  });

  it('property: any date of birth validation lets through makes a payload the DCC schema accepts', () => {
    const partialDob = fc.tuple(fc.integer({ min: 1880, max: 2022 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 2 }))
      .map(([y, m, d, parts]) => [String(y), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, parts + 1).join('-'));
    fc.assert(fc.property(partialDob, (dob) => {
      const p = { ...base, dob };
      if (errors(p).length > 0) return;
      expect(checkDccSchema(buildVaccinationPayload(stored(p), janssen, [janssen], uvci))).toEqual([]);
    }), { numRuns: 400 });
  });
});
