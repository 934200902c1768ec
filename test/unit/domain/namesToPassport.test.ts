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
import { SignedRecordSchema, toSignedRecord } from '../../../shared/batch/signedRecord.js';
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

describe('a foreigner’s name written as the passport writes it, the family name in capitals last', () => {
  const german: PersonInput = { ...base, idNumber: 'X1234567AB', fullName: 'Anna Maria SCHMIDT', nationality: 'DE' };

  it('is read family first for the certificate (not fn "Anna"), and said, as the import reads it', () => {
    const p = stored(german);
    expect([p.familyName, p.givenName, p.fnt, p.gnt]).toEqual(['SCHMIDT', 'Anna Maria', 'SCHMIDT', 'ANNA<MARIA']);
    expect(buildVaccinationPayload(p, janssen, [janssen], uvci).nam).toEqual({ fn: 'SCHMIDT', fnt: 'SCHMIDT', gn: 'Anna Maria', gnt: 'ANNA<MARIA' });
    const findings = validatePerson(german, { today });
    expect(findings.map((f) => [f.field, f.code, f.severity])).toEqual([['familyName', 'NAME_FAMILY_LAST', 'warning']]);
    expect(findings[0]!.message_vi).toContain('họ là SCHMIDT');
    expect(findings[0]!.message_en).toContain('family name SCHMIDT, given names Anna Maria');
  });

  it('a family name of several words, and one with its apostrophe or umlaut', () => {
    expect(resolveNames({ ...german, fullName: 'Anna Maria VAN DER BERG' })).toMatchObject({ familyName: 'VAN DER BERG', givenName: 'Anna Maria' });
    expect(resolveNames({ ...german, fullName: "Sean O'BRIEN" })).toMatchObject({ familyName: "O'BRIEN", givenName: 'Sean', fnt: 'OBRIEN' });
    expect(resolveNames({ ...german, fullName: 'Jürgen MÜLLER' })).toMatchObject({ familyName: 'MÜLLER', fnt: 'MUELLER', gnt: 'JUERGEN' });
  });

  it('not for a Vietnamese (a given name typed in capitals stays a given name), nor without capitals to tell, nor with a typed split', () => {
    expect(resolveNames({ ...base, fullName: 'Nguyễn Thị HOA' })).toMatchObject({ familyName: 'Nguyễn', givenName: 'Thị HOA' });
    expect(codes({ ...base, fullName: 'Nguyễn Thị HOA' })).toEqual([]);
    expect(resolveNames({ ...german, fullName: 'Anna Schmidt' })).toMatchObject({ familyName: 'Anna' });
    expect(resolveNames({ ...german, fullName: 'KIM Min Jun' })).toMatchObject({ familyName: 'KIM' });
    expect(resolveNames({ ...german, fullName: 'ANNA SCHMIDT' })).toMatchObject({ familyName: 'ANNA' });
    const typed = { ...german, familyName: 'SCHMIDT', givenName: 'Anna Maria' };
    expect(resolveNames(typed)).toMatchObject({ familyName: 'SCHMIDT', givenName: 'Anna Maria' });
    expect(codes(typed)).not.toContain('NAME_FAMILY_LAST');
  });
});

describe('an apostrophe typed as another character', () => {
  it('the apostrophe letters ʼ (U+02BC) and ʻ (U+02BB) are apostrophes, not another script', () => {
    for (const fullName of ['Ksor Hʼ Bla', 'Ksor Hʻ Bla', 'Ksor HʼBla']) {
      expect(codes({ ...base, fullName })).toEqual([]);
      expect(resolveNames({ ...base, fullName })).toMatchObject({ fnt: 'KSOR' });
    }
    expect(resolveNames({ ...base, fullName: 'Ksor HʼBla' }).gnt).toBe('HBLA');
  });

  it('an accent typed on its own (´ ` ¨) is dropped from the transliteration, not made a word break', () => {
    for (const fullName of ['Ksor H´Bla', 'Ksor H`Bla', 'Ksor H¨Bla']) {
      expect(resolveNames({ ...base, fullName }).gnt, fullName).toBe('HBLA');
      // Still said: the name has a sign no name has.
      expect(codes({ ...base, fullName })).toEqual(['NAME_UNUSUAL_CHARACTERS']);
    }
  });
});

describe('a name typed all in lower case or all in capitals', () => {
  it('lower case is stored as typed and said before it is signed: the certificate prints it so', () => {
    const findings = validatePerson({ ...base, fullName: 'nguyễn văn long' }, { today });
    expect(findings.map((f) => [f.field, f.code, f.severity])).toEqual([['fullName', 'NAME_LOWER_CASE', 'warning']]);
    expect(findings[0]!.message_vi).toContain('"Nguyễn Văn Long"');
    expect(findings[0]!.message_en).toContain('"Nguyễn Văn Long"');
    expect(resolveNames({ ...base, fullName: 'nguyễn văn long' })).toMatchObject({ familyName: 'nguyễn', fnt: 'NGUYEN', gnt: 'VAN<LONG' });
    expect(codes({ ...base, fullName: "ksor h'bla" })).toEqual(['NAME_LOWER_CASE']);
  });

  it('capitals, as the CCCD and the passport print a name, are the person’s name: nothing to say', () => {
    expect(codes({ ...base, fullName: 'NGUYỄN VĂN TÙNG' })).toEqual([]);
    expect(codes({ ...base, fullName: 'Nguyễn văn Long' })).toEqual([]);
  });
});

describe('a foreigner’s split typed from the passport', () => {
  it('the full name in the passport’s order (given names first) joins the typed parts: no NAME_SPLIT_MISMATCH', () => {
    const irish = { ...base, idNumber: 'X1234567AB', nationality: 'IE', fullName: "John Patrick O'Brien", familyName: "O'Brien", givenName: 'John Patrick' };
    expect(codes(irish)).toEqual([]);
    expect(codes({ ...irish, nationality: 'CH', fullName: 'Jean-Pierre Müller', familyName: 'Müller', givenName: 'Jean-Pierre' })).toEqual([]);
    // Parts that are not the name in either order are still said.
    expect(codes({ ...irish, givenName: 'John' })).toEqual(['NAME_SPLIT_MISMATCH']);
  });
});

describe('a name part longer than the certificate holds', () => {
  it('says which part, how long it is, and what to do', () => {
    const given = 'Thị Minh Khai Phương Thảo Ngọc Bích Hồng Nhung Thu Trang Thanh Tâm Kim Chi Lan Anh Hoa';
    const [f] = validatePerson({ ...base, fullName: `Nguyễn ${given}` }, { today }).filter((x) => x.code === 'NAME_TOO_LONG');
    expect(f).toMatchObject({ field: 'givenName', severity: 'error' });
    expect(f!.message_vi).toContain(`Tên (phần sau họ) dài ${given.length} ký tự`);
    expect(f!.message_en).toContain(`The given names are ${given.length} characters long`);
    const [g] = validatePerson({ ...base, fullName: 'x', familyName: 'F'.repeat(90), givenName: 'An' }, { today }).filter((x) => x.code === 'NAME_TOO_LONG');
    expect(g).toMatchObject({ field: 'familyName' });
    expect(g!.message_en).toContain('The family name is 90 characters long');
  });
});

describe('a transliteration longer than the certificate holds', () => {
  // Ü → UE, ß → SS: a name part within 80 characters can transliterate past the 80 of fnt/gnt,
  // and the passport then carries a cut name. Said, naming what is kept and what is lost.
  const given = 'Hans-Jürgen Björn Günther Jörg Lüder Märten Sönke Ülrich Gößmann Käthe Müller';
  const german = { ...base, idNumber: 'X1234567', nationality: 'DE', fullName: `Schmidt ${given}`, familyName: 'Schmidt', givenName: given };

  it('is a warning on gnt naming the cut, and the certificate still passes its schema', () => {
    expect(given.length).toBeLessThanOrEqual(80);
    const findings = validatePerson(german, { today });
    expect(findings.map((f) => [f.field, f.code, f.severity])).toEqual([['gnt', 'NAME_TRANSLITERATION_CUT', 'warning']]);
    const [cut] = findings;
    expect(cut!.message_vi).toContain('HANS<JUERGEN<BJOERN<GUENTHER<JOERG<LUEDER<MAERTEN<SOENKE<UELRICH<GOESSMANN<KAETH');
    expect(cut!.message_vi).toContain('"E<MUELLER"');
    expect(cut!.message_vi).toContain('89 ký tự');
    expect(cut!.message_en).toContain('89 characters');
    expect(cut!.message_en).toContain('"E<MUELLER"');
    const person = stored(german);
    expect(person.gnt).toBe('HANS<JUERGEN<BJOERN<GUENTHER<JOERG<LUEDER<MAERTEN<SOENKE<UELRICH<GOESSMANN<KAETH');
    expect(checkDccSchema(buildVaccinationPayload(person, janssen, [janssen], uvci))).toEqual([]);
  });

  it('is not said for a transliteration of exactly 80, nor when the clerk typed the passport\'s own', () => {
    expect(codes({ ...german, givenName: 'Ä'.repeat(40), fullName: `Schmidt ${'Ä'.repeat(40)}` })).toEqual([]);
    const typed = codes({ ...german, gnt: 'HANS<JUERGEN' });
    expect(typed).not.toContain('NAME_TRANSLITERATION_CUT');
  });
});

describe('one name written with its apostrophe or hyphen another way, in a file', () => {
  it('another row of the file with the same id number is the same person, not "another person"', () => {
    const row = (fullName: string) => ({ id: 'row-3', idType: 'PASSPORT' as const, idNumber: 'C1234567', fullName, dob: '1990-05-17', phone: null, row: 3 });
    const ksor = { ...base, fullName: 'Ksor H’Bla' };
    expect(validatePerson(ksor, { today, otherPeople: [row("Ksor H'Bla")] }).map((f) => f.code)).toEqual([]);
    expect(validatePerson({ ...base, fullName: "H'Hen Niê" }, { today, otherPeople: [row("H' Hen Niê")] }).map((f) => f.code)).toEqual([]);
    expect(validatePerson(ksor, { today, otherPeople: [row('Ksor H’Blăng')] }).map((f) => f.code)).toEqual(['DUPLICATE_PERSON_ID_CONFLICT']);
  });
});

describe('a full name longer than the signed record holds', () => {
  it('is refused before signing: one such record made the platform refuse its whole batch (RECORD_FORMAT_INVALID)', () => {
    const long = { ...base, fullName: `Nguyễn Văn An ${'Bé '.repeat(70)}An`, familyName: 'Nguyễn', givenName: 'Văn An' };
    const findings = validatePerson(long, { today });
    expect(findings.map((f) => [f.field, f.code, f.severity])).toContainEqual(['fullName', 'NAME_TOO_LONG', 'error']);
    expect(findings.find((f) => f.field === 'fullName')!.message_en).toContain(`${long.fullName.length} characters`);
    // 200 is what the signed record holds (shared/batch/signedRecord.ts): accepted by both.
    const at200 = { ...long, fullName: `Nguyễn Văn An ${'x'.repeat(186)}` };
    expect(at200.fullName.length).toBe(200);
    expect(errors(at200)).toEqual([]);
    const p = stored(at200);
    expect(SignedRecordSchema.safeParse(toSignedRecord(p, { ...janssen, personId: p.id }, { mp: 'EU/1/20/1525', ma: 'ORG-100001417', vp: 'J07BX03' })).success).toBe(true);
  });
});
