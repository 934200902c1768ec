// test/fixtures/records.ts: realistic, deterministic, valid, and fast enough for the 1M benchmark.
import { describe, expect, it } from 'vitest';
import { decodeCccd } from '../../../shared/domain/identity.js';
import { validateRecord } from '../../../shared/domain/validation.js';
import { createRecordGenerator, generateRecords } from '../../fixtures/records.js';

describe('the record generator', () => {
  it('gives the same records for the same seed and others for another seed', () => {
    expect(generateRecords(50, { seed: 7 })).toEqual(generateRecords(50, { seed: 7 }));
    expect(generateRecords(50, { seed: 8 })).not.toEqual(generateRecords(50, { seed: 7 }));
  });

  it('makes records the station accepts as they are: no finding at all, doses in order for each person', () => {
    const records = generateRecords(3000, { seed: 1 });
    const byPerson = new Map<string, { id: string; doseNumber: number; vaccinationDate: string; vaccine: string }[]>();
    records.forEach((r, i) => {
      const others = byPerson.get(r.person.idNumber) ?? [];
      expect(validateRecord(r.person, r.dose, { today: '2023-01-15', otherDoses: others })).toEqual([]);
      byPerson.set(r.person.idNumber, [...others, { id: String(i), doseNumber: r.dose.doseNumber, vaccinationDate: r.dose.vaccinationDate, vaccine: r.dose.vaccine }]);
    });
  });

  it('gives CCCD numbers whose province, century, sex and year digits match the person, unique per person', () => {
    const people = new Map<string, string>();
    for (const { person } of generateRecords(5000, { seed: 2 })) {
      const seen = people.get(person.idNumber);
      expect(seen === undefined || seen === person.fullName + person.dob).toBe(true);
      people.set(person.idNumber, person.fullName + person.dob);
      if (person.idType !== 'CCCD') continue;
      const info = decodeCccd(person.idNumber)!;
      expect(info.provinceName).toBeDefined();
      expect(info.sex).toBe(person.sex);
      expect(info.yearDigits).toBe(Number(person.dob.slice(2, 4)));
      expect(info.centuryStart).toBe(Math.floor(Number(person.dob.slice(0, 4)) / 100) * 100);
    }
  });

  it('looks Vietnamese: diacritics, Nguyễn the most common family name, mobile phones', () => {
    const records = generateRecords(4000, { seed: 3 });
    const families = new Map<string, number>();
    for (const r of records) families.set(r.person.fullName.split(' ')[0]!, (families.get(r.person.fullName.split(' ')[0]!) ?? 0) + 1);
    expect([...families.entries()].sort((a, b) => b[1] - a[1])[0]![0]).toBe('Nguyễn');
    expect(records.some((r) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(r.person.fullName))).toBe(true);
    expect(records.filter((r) => r.person.phone !== null).every((r) => /^0[35789]\d{8}$/.test(r.person.phone!))).toBe(true);
  });

  it('streams 200k records in well under a second per 100k (1M for the benchmark)', () => {
    const start = performance.now();
    let n = 0;
    for (const r of createRecordGenerator({ seed: 4 }).stream(200_000)) n += r.dose.doseNumber > 0 ? 1 : 0;
    expect(n).toBe(200_000);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
