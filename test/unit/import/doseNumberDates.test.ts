// "1/2" typed as a dose number (dose 1 of 2) is a date to Excel and LibreOffice: 1 February (day
// first) or 2 January (month first) of the year it was typed, and a CSV saved from it holds
// "01/02/26". Every such row was refused with a date the user never wrote ("cannot be read from
// 2026-02-01"); the dose is read back with a warning (parseTextCells.ts doseTurnedDate).
import { afterAll, describe, expect, it } from 'vitest';
import { doseTurnedDate, excelScientific, lotTurnedByExcel, parseDoseNumber } from '../../../electron/core/import/parseTextCells.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const row = (n: number, dose: string | Date, date: string): (string | Date)[] => [String(n), 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AB1234', dose, date];

describe('a dose number the spreadsheet made a date', () => {
  it('is the smaller of day and month, whichever way the sheet read "1/2", with a warning naming the cell', () => {
    const cases: [Parameters<typeof doseTurnedDate>[0], number][] = [
      [{ date: '2026-02-01' }, 1],
      [{ date: '2026-01-02' }, 1],
      [{ date: '2026-02-02' }, 2],
      [{ date: '2026-03-02' }, 2],
      ['01/02/26', 1],
      ['2/3/2026', 2],
      ['3-3-26', 3],
    ];
    for (const [cell, dose] of cases) expect([cell, doseTurnedDate(cell)?.dose]).toEqual([cell, dose]);
    const said = doseTurnedDate({ date: '2026-02-01' })!.finding;
    expect(said).toMatchObject({ field: 'doseNumber', code: 'IMPORT_DOSE_NUMBER_WAS_DATE', severity: 'warning' });
    expect(said.message_en).toBe('The dose number cell "2026-02-01" is a date: Excel turns "1/2" (dose 1 of 2) into one. It is read as dose 1; check it, and format the column as Text.');
    expect(said.message_vi).toContain('Đã đọc là mũi 1');
  });

  it('leaves a real date, a plain number and other text to the dose parser', () => {
    // 5 August is no "dose 5 of 8": no series counts past 4.
    for (const cell of [{ date: '2021-07-29' }, { date: '2021-08-05' }, '05/08/2021', '29/07/2021', '10/11/21', 2, '2', 'Mũi 2', '1/2', null, undefined]) expect(doseTurnedDate(cell as never)).toBeNull();
  });

  it('reads "n/N" after the word for a dose, as typed text', () => {
    for (const [text, dose] of [['Mũi 1/2', 1], ['Mũi 2 / 2', 2], ['mũi thứ 2/3', 2], ['Liều 1/2', 1], ['Lần 2/2', 2], ['Dose 1/2', 1], ['Mũi 1/2'.normalize('NFD'), 1]] as const) {
      expect([text, parseDoseNumber(text)]).toEqual([text, dose]);
    }
    expect(parseDoseNumber('Mũi 3/2')).toBe('Mũi 3/2');
  });

  it('imports an xlsx whose dose cells are dates, and the CSV saved from it', async () => {
    const xlsx = tmp.file('dose-dates.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows: [STANDARD_HEADER, row(1, new Date(Date.UTC(2026, 1, 1)), '29/07/2021'), row(2, new Date(Date.UTC(2026, 1, 2)), '26/08/2021')] }]);
    const csv = tmp.file('dose-dates.csv');
    writeDelimited(csv, [STANDARD_HEADER, row(1, '01/02/26', '29/07/2021'), row(2, '02/02/26', '26/08/2021')] as string[][]);
    for (const path of [xlsx, csv]) {
      const preview = await previewImport(path, { now });
      expect(preview.records.map((r) => [r.row, r.status, r.input.dose.doseNumber, r.findings.map((f) => f.code).join()])).toEqual([
        [2, 'warning', 1, 'IMPORT_DOSE_NUMBER_WAS_DATE'],
        [3, 'warning', 2, 'IMPORT_DOSE_NUMBER_WAS_DATE'],
      ]);
    }
  });
});

describe('a lot the spreadsheet made a number in scientific notation', () => {
  it('is an error of the lot naming what the cell holds; other lots are left alone', async () => {
    expect(lotTurnedByExcel(2.1e102)?.code).toBe('IMPORT_LOT_WAS_NUMBER');
    expect(lotTurnedByExcel('2,10E+102')?.message_en).toBe(
      'The lot "2,10E+102" is a number in scientific notation: Excel turns a lot with an E in it ("21E0101") into one, and the lot is lost. Format the lot column as Text and type the lot again.',
    );
    for (const lot of ['21E0101', 'AB1234', 3002183, '3002183', 'FE2E', '1E', '05-2021', '1/2021', null]) expect(lotTurnedByExcel(lot as never)).toBeNull();
    // Typed "1/2021" in a General cell: a date cell.
    expect(lotTurnedByExcel({ date: '2021-01-01' })).toMatchObject({ field: 'lot', code: 'IMPORT_LOT_WAS_DATE', severity: 'error' });
    const path = tmp.file('lot-number.csv');
    const lotRow = (n: number, lot: string): string[] => [String(n), 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', lot, String(n), n === 1 ? '29/07/2021' : '26/08/2021'];
    writeDelimited(path, [STANDARD_HEADER, lotRow(1, '2.1E+102'), lotRow(2, '21E0102')]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()])).toEqual([
      [2, 'error', 'lot:IMPORT_LOT_WAS_NUMBER'],
      [3, 'ready', ''],
    ]);
  });

  it('in an xlsx: a number cell the spreadsheet shows in scientific notation ("1E5" typed), not a lot of digits', async () => {
    const path = tmp.file('lot-scientific.xlsx');
    const lotRow = (n: number, lot: number | string, date: string): (string | number)[] => [n, 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', lot, n, date];
    // The format is on number cells only: the second lot is text.
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, lotRow(1, 1e5, '29/07/2021'), lotRow(2, '3002183', '26/08/2021')], numFmts: { 7: '0.00E+00' } }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.dose.lot, r.findings.map((f) => f.code).join()])).toEqual([
      [2, '100000', 'IMPORT_LOT_WAS_NUMBER'],
      [3, '3002183', ''],
    ]);
    // Quoted as the user sees it.
    expect(preview.records[0]!.findings[0]!.message_en).toContain('The lot "1.00E+05" is a number in scientific notation');
    expect(excelScientific(2.1e102)).toBe('2.10E+102');
    expect(excelScientific(1e-5)).toBe('1.00E-05');
  });
});
