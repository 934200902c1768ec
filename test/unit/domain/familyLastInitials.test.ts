// Session 26: a foreigner's name written as passports and visas write it, with a middle initial
// ("John F KENNEDY", "Mary J. BLIGE"), was not read family last: the initial has no lower-case
// letter, so the name was split the Vietnamese way and the certificate carried the family name
// "John", with nothing said. Found by a mutant of familyInCapitalsLast (session 26's probe).
import { describe, expect, it } from 'vitest';
import { resolveNames } from '../../../shared/domain/personValidation.js';
import type { PersonInput } from '../../../shared/domain/types.js';
import { validatePerson } from '../../../shared/domain/validation.js';

const base: PersonInput = { idType: 'PASSPORT', idNumber: 'C1234567', fullName: 'x', dob: '1990-05-17', sex: 'M', nationality: 'US', phone: null };

describe('a foreigner\'s name with a middle initial and the family name in capitals last', () => {
  it('is read family last, and said', () => {
    for (const [fullName, family, given] of [
      ['John F KENNEDY', 'KENNEDY', 'John F'],
      ['Mary J. BLIGE', 'BLIGE', 'Mary J.'],
      ['Anna M. VAN DER BERG', 'VAN DER BERG', 'Anna M.'],
    ] as const) {
      const n = resolveNames({ ...base, fullName });
      expect([n.familyName, n.givenName, n.fnt], fullName).toEqual([family, given, family.replace(/ /g, '<')]);
      expect(validatePerson({ ...base, fullName }, { today: '2022-06-01' }).map((f) => f.code), fullName).toContain('NAME_FAMILY_LAST');
    }
  });

  it('initials alone before the capitals say nothing of the order ("J R SMITH"), nor does a word in capitals ("KIM Min JUN")', () => {
    expect(resolveNames({ ...base, fullName: 'J R SMITH' }).familyName).toBe('J');
    expect(resolveNames({ ...base, fullName: 'KIM Min JUN', nationality: 'KR' }).familyName).toBe('KIM');
  });
});
