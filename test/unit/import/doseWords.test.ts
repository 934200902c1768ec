// Session 22: dose cells in words and a clinic's shorthand. "Mũi thứ II", "Mũi số một", "Mũi
// đầu", "Một" were unreadable; "NL1" and "TC2" (nhắc lại 1, tăng cường 2) were unreadable where
// "Nhắc lại lần 1" was numbered from the person's earlier doses.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { boosterCell, doseMarker } from '../../../electron/core/import/doseMarker.js';
import { matchHeader } from '../../../electron/core/import/headerAliases.js';
import { parseDoseNumber } from '../../../electron/core/import/parseTextCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('a dose number in words', () => {
  it('reads a number word, "đầu" or a Roman numeral after the word for a dose, and a few words alone', () => {
    for (const [text, dose] of [
      ['Mũi thứ II', 2],
      ['Mũi số một', 1],
      ['Mũi đầu', 1],
      ['Mũi đầu tiên', 1],
      ['Lần đầu', 1],
      ['Mũi bốn', 4],
      ['MŨI SỐ HAI', 2],
      ['Liều thứ III', 3],
      ['Mũi ba', 3],
      ['Một', 1],
      ['hai', 2],
      ['Bốn', 4],
    ] as const) {
      expect(parseDoseNumber(text), text).toBe(dose);
    }
    // Words that are something else in the wrong column, and words that are no number: as written.
    // "Ba" folds as "Bà" does; "Lần sau" is "next time"; an ordinal needs "thứ" ("Mũi thứ sáu").
    for (const text of ['Năm', 'Sáu', 'Nam', 'Ba', 'Bà', 'Lần sau', 'Mũi sau', 'Mũi cuối', 'Đầu', 'Mũi x', 'Tiêm']) expect(parseDoseNumber(text), text).toBe(text);
    expect(parseDoseNumber('Mũi thứ sáu')).toBe(6);
  });
});

describe('"NL1", "TC2": a booster in a clinic\'s shorthand', () => {
  it('is a booster with its number, as "Nhắc lại lần 1" is; "Ngày TC" stays the vaccination date', () => {
    for (const [text, said] of [
      ['NL1', 1],
      ['NL 2', 2],
      ['Mũi NL1', 1],
      ['TC1', 1],
      ['tc 2', 2],
    ] as const) {
      expect(boosterCell(text), text).toEqual({ said });
    }
    expect(boosterCell('NL1')).toEqual(boosterCell('Nhắc lại lần 1'));
    for (const text of ['NL', 'TC', 'Ngày TC', 'NLTC', 'Ngày TC 1']) expect(boosterCell(text), text).toBeNull();
    // In a header "TC" is tiêm chủng: "Ngày TC 1" is no booster's column.
    expect(matchHeader('Ngày TC')?.field).toBe('vaccinationDate');
    for (const header of ['Ngày TC 1', 'Vắc xin TC 2', 'Ngày TC 2021']) expect(doseMarker(header)?.mark ?? {}, header).not.toHaveProperty('booster');
  });

  it('is numbered from the person\'s earlier doses in the file', async () => {
    const kim = ['Kim Min Jun', '12/03/1985', 'Nam', 'M1234567', '0912345678'];
    const row = (n: number, doseText: string, date: string) => [String(n), ...kim, 'Pfizer', 'AB1234', doseText, date];
    const path = tmp.file('shorthand.csv');
    writeFileSync(path, [STANDARD_HEADER, row(1, 'Mũi một', '29/07/2021'), row(2, 'Mũi thứ II', '26/08/2021'), row(3, 'NL1', '10/03/2022')].map((r) => r.join(',')).join('\r\n'));
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.row, r.input.dose.doseNumber, r.findings.filter((f) => f.field === 'doseNumber').map((f) => f.code).join()])).toEqual([
      [2, 1, ''],
      [3, 2, ''],
      [4, 3, 'IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
    ]);
  });
});
