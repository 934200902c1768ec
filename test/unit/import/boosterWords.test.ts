// Probe 2 of clinic files: dose cells as clinics write boosters and primary doses. "Second
// booster" was read as the first booster (a wrong dose number, said only in a warning); "Nhắc 1",
// "1st booster", "Mũi 3 nhắc lại", "Mũi 2 cơ bản" were unreadable; "Nhắc lại lần 2" after a
// numbered booster was counted from it (dose 3 + 2 = 5).
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { boosterCell, doseMarker, sameMark } from '../../../electron/core/import/doseMarker.js';
import { parseDoseNumber } from '../../../electron/core/import/parseTextCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('booster words in a dose cell', () => {
  it('reads the booster\'s number written before it in English, and "nhắc" without "lại"', () => {
    for (const [text, said] of [
      ['Second booster', 2],
      ['2nd booster', 2],
      ['1st booster dose', 1],
      ['first booster', 1],
      ['Nhắc 1', 1],
      ['Mũi nhắc 2', 2],
      ['Mũi nhắc lần 1', 1],
      ['Tiêm nhắc', null],
      ['Nhắc lại lần 2', 2],
    ] as const) {
      expect(boosterCell(text), text).toEqual({ said });
    }
    // A reminder is no booster.
    expect(doseMarker('Ghi chú nhắc nhở')).toBeNull();
    // The same booster whether "nhắc" or "nhắc lại" (dose columns of a row per person); each keeps its own words.
    const short = doseMarker('Mũi nhắc 1')!.mark;
    const long = doseMarker('Mũi nhắc lại lần 1')!.mark;
    expect(sameMark(short, long)).toBe(true);
    expect([short, long]).toEqual([{ booster: 1, kind: 'nhaclai', words: 'Mũi nhắc 1' }, { booster: 1, kind: 'nhaclai', words: 'Mũi nhắc lại lần 1' }]);
  });

  it('a dose\'s own number beside booster or primary-series words is the number', () => {
    for (const [text, dose] of [
      ['Mũi 3 nhắc lại', 3],
      ['Mũi 2 cơ bản', 2],
      ['Mũi cơ bản 1', 1],
      ['Mũi 3 (nhắc lại)', 3],
      // The dose's number, then its booster's count (session 21 review: the comment said so, the code refused it).
      ['Mũi 4 tăng cường lần 2', 4],
      ['Mũi 4 nhắc lại lần 2', 4],
    ] as const) {
      expect(parseDoseNumber(text), text).toBe(dose);
    }
    // Two numbers in the cell are never taken apart by guess.
    for (const text of ['Nhắc lại lần 2', 'Mũi 1+2', 'Mũi 1 và 2', '1 2', 'Nhắc lại', 'Cơ bản']) expect(parseDoseNumber(text), text).toBe(text);
  });
});

describe('a booster numbered from the person\'s earlier doses', () => {
  const kim = ['Kim Min Jun', '12/03/1985', 'Nam', 'M1234567', '0912345678'];
  const lee = ['Lee Ji Won', '02/04/1990', 'Nữ', 'M7654321', '0912345679'];
  const row = (n: number, who: string[], vaccine: string, doseText: string, date: string) => [String(n), ...who, vaccine, 'AB1234', doseText, date];

  it('"Second booster" after two doses is dose 4; booster 2 after a dose that was a booster is asked for', async () => {
    const path = tmp.file('boosters.csv');
    const rows = [
      row(1, kim, 'AstraZeneca', '1', '29/07/2021'),
      row(2, kim, 'AstraZeneca', '2', '26/08/2021'),
      row(3, kim, 'Pfizer', 'Second booster', '10/07/2022'),
      row(4, lee, 'Janssen', '1', '01/08/2021'),
      row(5, lee, 'Pfizer', '2', '01/02/2022'),
      row(6, lee, 'Pfizer', 'Nhắc lại lần 2', '01/09/2022'),
    ];
    writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    const got = preview.records.map((r) => [r.row, r.input.dose.doseNumber, r.findings.filter((f) => f.field === 'doseNumber').map((f) => f.code).join()]);
    expect(got).toEqual([
      [2, 1, ''],
      [3, 2, ''],
      [4, 4, 'IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
      [5, 1, ''],
      [6, 2, ''],
      // Janssen's series is one dose: dose 2 was booster 1, and 2 + 2 would be a guess.
      [7, 'Nhắc lại lần 2', 'IMPORT_DOSE_BOOSTER_UNNUMBERED'],
    ]);
    expect(preview.records[5]!.findings.find((f) => f.field === 'doseNumber')!.message_vi).toBe(
      '"Nhắc lại lần 2" là mũi nhắc lại thứ 2 nhưng không ghi mũi thứ mấy, và mũi 2 của người này ở dòng 6 đã là một mũi nhắc lại: không biết đây là mũi thứ mấy. Hãy ghi số thứ tự của mũi.',
    );
  });
});
