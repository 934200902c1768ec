// A list with a row per dose whose dose column says "Nhắc lại" or "Booster" instead of a number
// was refused row by row. The number is what the DCC signs (dn) and part of the record's identity,
// so it is read from the same person's earlier doses in the file, and said; without one, the row
// asks for it. Also the shorthands "M1", "M2" and a date written after "ngày".
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { boosterCell } from '../../../electron/core/import/doseMarker.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

function csv(name: string, rows: string[][]): string {
  const path = tmp.file(name);
  writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'));
  return path;
}

const person = {
  kim: ['Kim Min Jun', '12/03/1985', 'Nam', 'M1234567', '0912345678'],
  lee: ['Lee Ji Won', '02/04/1990', 'Nữ', 'M7654321', '0912345679'],
  park: ['Park Ha Na', '05/06/1975', 'Nữ', 'M2345678', '0912345670'],
  choi: ['Choi Woo Sik', '07/08/1980', 'Nam', 'M3456789', '0912345671'],
};
const dose = (n: number, who: string[], vaccine: string, lot: string, doseText: string, date: string) => [String(n), ...who, vaccine, lot, doseText, date];

describe('a booster without its number in the dose column', () => {
  it('is numbered after the person\'s earlier doses in the file, in date order, and said', async () => {
    const path = csv('boosters.csv', [
      dose(1, person.kim, 'AstraZeneca', 'AB1234', '1', '29/07/2021'),
      // The second booster's row comes first in the file: the order is the dates', not the rows'.
      dose(2, person.kim, 'Moderna', 'MD0001', 'Nhắc lại', '10/07/2022'),
      dose(3, person.kim, 'AstraZeneca', 'AB1235', '2', '26/08/2021'),
      dose(4, person.kim, 'Pfizer', 'PF0001', 'Mũi nhắc lại', '10/01/2022'),
      dose(5, person.lee, 'Pfizer', 'PF0002', 'M1', '01/08/2021'),
      dose(6, person.lee, 'Pfizer', 'PF0003', 'Booster 2', '01/09/2022'),
      dose(7, person.park, 'Pfizer', 'PF0004', 'Booster', '01/09/2022'),
      dose(8, person.choi, 'Pfizer', 'PF0005', 'Tăng cường', '01/09/2021'),
      dose(9, person.choi, 'Pfizer', 'PF0006', '1', 'ngày 16/10/2021'),
    ]);
    const preview = await previewImport(path, { now });
    const got = preview.records.map((r) => [r.row, r.input.dose.doseNumber, r.input.dose.vaccinationDate, r.findings.filter((f) => f.field === 'doseNumber').map((f) => f.code).join()]);
    expect(got).toEqual([
      [2, 1, '2021-07-29', ''],
      [3, 4, '2022-07-10', 'IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
      [4, 2, '2021-08-26', ''],
      [5, 3, '2022-01-10', 'IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
      [6, 1, '2021-08-01', ''],
      // "Booster 2": the second booster after dose 1.
      [7, 3, '2022-09-01', 'IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
      // No earlier dose of this person in the file: the number is asked for.
      [8, 'Booster', '2022-09-01', 'IMPORT_DOSE_BOOSTER_UNNUMBERED'],
      // The only numbered dose comes after the booster: nothing before it to count from.
      [9, 'Tăng cường', '2021-09-01', 'IMPORT_DOSE_BOOSTER_UNNUMBERED'],
      [10, 1, '2021-10-16', ''],
    ]);
    const said = preview.records[1]!.findings.find((f) => f.code === 'IMPORT_DOSE_NUMBER_FROM_BOOSTER')!;
    expect(said.severity).toBe('warning');
    expect(said.message_en).toContain('read as dose 4, booster 2 after this person\'s dose 2 on row 4');
    expect(said.message_vi).toContain('mũi 4, mũi nhắc lại thứ 2 sau mũi 2 của người này ở dòng 4');
    const asked = preview.records[6]!.findings.find((f) => f.code === 'IMPORT_DOSE_BOOSTER_UNNUMBERED')!;
    expect(asked.severity).toBe('error');
    expect(asked.message_en).toContain('"Booster" is a booster');
    expect(preview.records[6]!.status).toBe('error');
    expect(preview.records[1]!.status).toBe('warning');
  });

  it('a dose\'s own number beside a booster\'s words is that dose; other text is no booster', () => {
    expect(boosterCell('Nhắc lại')).toEqual({ said: null });
    expect(boosterCell('Mũi tăng cường lần 2')).toEqual({ said: 2 });
    expect(boosterCell('BOOSTER')).toEqual({ said: null });
    expect(boosterCell('Mũi 3 (nhắc lại)')).toBeNull();
    expect(boosterCell('Nhắc lại 16/7')).toBeNull();
    expect(boosterCell('Pfizer')).toBeNull();
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
      const b = boosterCell(text);
      expect(b === null || b.said === null || (Number.isInteger(b.said) && b.said >= 1)).toBe(true);
    }));
  });
});
