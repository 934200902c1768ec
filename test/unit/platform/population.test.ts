// The synthetic population database: Vietnamese people whose CCCD numbers pass the station's own
// structure rules, the same for the same seed; and how the identity lookup matches a query.
import { describe, expect, it } from 'vitest';
import { checkIdNumber, decodeCccd } from '../../../shared/domain/identity.js';
import { checkIdentity, personKey } from '../../platform/identityCheck.js';
import { PopulationFileSchema, cccdFor, generatePopulation, type PopulationPerson } from '../../platform/population.js';

describe('generatePopulation', () => {
  const people = generatePopulation(2024, 2000);

  it('is the same for the same seed and different for another', () => {
    expect(generatePopulation(2024, 50)).toEqual(people.slice(0, 50));
    expect(generatePopulation(2025, 50)).not.toEqual(people.slice(0, 50));
  });

  it('has unique ids, NFC names with Vietnamese diacritics, and valid dates of birth', () => {
    expect(new Set(people.map((p) => personKey(p.idType, p.idNumber))).size).toBe(people.length);
    for (const p of people) {
      expect(p.fullName).toBe(p.fullName.normalize('NFC'));
      expect(p.fullName.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(new Date(`${p.dob}T00:00:00Z`).toISOString().slice(0, 10)).toBe(p.dob);
    }
    expect(people.filter((p) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúý]/i.test(p.fullName)).length).toBeGreaterThan(1500);
    expect(people.filter((p) => p.fullName.startsWith('Nguyễn ')).length / people.length).toBeGreaterThan(0.3);
  });

  it('gives CCCD numbers whose province, century/sex and year digits match the person (station rules find no error)', () => {
    const cccd = people.filter((p) => p.idType === 'CCCD');
    expect(cccd.length).toBeGreaterThan(1500);
    for (const p of cccd) {
      const info = decodeCccd(p.idNumber)!;
      expect(info.provinceName).toBeDefined();
      expect(info.sex).toBe(p.sex);
      expect(info.centuryStart + info.yearDigits).toBe(Number(p.dob.slice(0, 4)));
    }
    for (const p of people) expect(checkIdNumber(p.idType, p.idNumber, p).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('has some people who still hold only the 9-digit CMND', () => {
    expect(people.some((p) => p.idType === 'CMND' && /^\d{9}$/.test(p.idNumber))).toBe(true);
  });

  it('builds a CCCD from its parts (Circular 07/2016: 2000s female = digit 3)', () => {
    expect(cccdFor('079', 2003, 'F', 42)).toBe('079303000042');
    expect(cccdFor('001', 1990, 'M', 123456)).toBe('001090123456');
  });

  it('reads a population file as an array or as {people}', () => {
    const one = { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-12' };
    expect(PopulationFileSchema.parse([one])).toEqual([{ ...one, sex: 'X' }]);
    expect(PopulationFileSchema.parse({ people: [one] })).toHaveLength(1);
    expect(PopulationFileSchema.safeParse({ people: [{ ...one, dob: '12/05/1990' }] }).success).toBe(false);
  });
});

describe('checkIdentity', () => {
  const held: PopulationPerson = { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-12', sex: 'M' };
  const lookup = (key: string) => (key === personKey(held.idType, held.idNumber) ? held : undefined);
  const q = { ref: 'r', idType: 'CCCD' as const, idNumber: held.idNumber, fullName: held.fullName, dob: held.dob };

  it('verifies the same person, whatever the spacing, case, Unicode form or id separators', () => {
    expect(checkIdentity({ ...q, fullName: ' NGUYỄN  văn an', idNumber: '079 090 001 234' }, lookup).status).toBe('verified');
    expect(checkIdentity({ ...q, fullName: 'Nguyễn Văn An'.normalize('NFD') }, lookup).status).toBe('verified');
  });

  it('keeps diacritics significant: the registry spells names exactly', () => {
    expect(checkIdentity({ ...q, fullName: 'Nguyen Van An' }, lookup)).toEqual({ ref: 'r', status: 'mismatch', mismatches: ['fullName'] });
  });

  it('lets a partial date of birth agree with the full one it starts, and nothing else', () => {
    expect(checkIdentity({ ...q, dob: '1990' }, lookup).status).toBe('verified');
    expect(checkIdentity({ ...q, dob: '1990-05' }, lookup).status).toBe('verified');
    expect(checkIdentity({ ...q, dob: '199' }, lookup).status).toBe('mismatch');
    expect(checkIdentity({ ...q, dob: '1990-06' }, lookup)).toMatchObject({ mismatches: ['dob'] });
    expect(checkIdentity({ ...q, dob: '', fullName: 'X' }, lookup)).toMatchObject({ mismatches: ['fullName', 'dob'] });
  });

  it('answers not_found for an unknown id, or the right number under another id type', () => {
    expect(checkIdentity({ ...q, idNumber: '079090009999' }, lookup).status).toBe('not_found');
    expect(checkIdentity({ ...q, idType: 'PASSPORT' }, lookup).status).toBe('not_found');
  });
});
