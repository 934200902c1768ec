// A day-first list opened in Excel or LibreOffice set to a month-first language (English (United
// States)) keeps "15/03/1985" as text (there is no month 15) and makes "05/08/2021" the date cell
// 8 May. Saved as xlsx, half its dates were silently wrong: the date cells were trusted. A sheet
// whose text dates show day first and whose date cells all have a day that could be a month has
// them read swapped back, each with a warning (dateOrder.ts swappedDateCells).
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
/** The date cell a month-first spreadsheet made of the day-first text "dd/mm/yyyy". */
const misread = (dayFirst: string): Date => {
  const [d, m, y] = dayFirst.split('/').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, d - 1, m));
};
/**
 * The format a month-first spreadsheet gives the date cells it makes of typed text: built-in 14,
 * the computer's short date (exceljs writes "mm-dd-yy" as 14). A cell formatted "dd/mm/yyyy" was
 * made day first on purpose (the last test).
 */
const SHORT_DATE = 'mm-dd-yy';
/** A real date cell of that day. */
const real = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const row = (n: number, dob: XlsxCell, date: XlsxCell, cccd: string, dose = 1): XlsxCell[] => [n, `Nguyễn Văn ${'ABCDEFGH'[n]}`, dob, 'Nam', cccd, '0912345678', 'AstraZeneca', 'AB1234', dose, date];

function outcome(p: ImportPreview): string[][] {
  return p.records.map((r) => [String(r.row), r.status, String(r.input.person.dob), String(r.input.dose.vaccinationDate), ...r.findings.map((f) => `${f.field}:${f.code}`)]);
}

describe('date cells a month-first spreadsheet made of day-first text', () => {
  it('are read swapped back, with a warning naming the text date that shows the order', async () => {
    const path = tmp.file('en-us-opened.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        dateFormat: SHORT_DATE,
        rows: [
          STANDARD_HEADER,
          row(1, '15/03/1985', '29/07/2021', '079085000101'),
          row(2, misread('02/11/1990'), misread('05/08/2021'), '079090000102'),
          row(3, misread('07/01/2001'), misread('01/10/2021'), '079201000103'),
          row(4, '30/12/1960', misread('12/12/2021'), '079060000104'),
          row(5, '25/08/1995', '21/10/2021', '079095000105'),
          row(6, misread('09/09/1999'), '15/11/2021', '079099000106'),
          row(7, '20/06/2003', misread('03/03/2022'), '079203000107'),
        ],
      },
    ]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual([
      ['2', 'ready', '1985-03-15', '2021-07-29'],
      ['3', 'warning', '1990-11-02', '2021-08-05', 'dob:IMPORT_DATE_CELL_SWAPPED', 'vaccinationDate:IMPORT_DATE_CELL_SWAPPED'],
      ['4', 'warning', '2001-01-07', '2021-10-01', 'dob:IMPORT_DATE_CELL_SWAPPED', 'vaccinationDate:IMPORT_DATE_CELL_SWAPPED'],
      // 12/12 is the same day either way: nothing said.
      ['5', 'ready', '1960-12-30', '2021-12-12'],
      ['6', 'ready', '1995-08-25', '2021-10-21'],
      ['7', 'ready', '1999-09-09', '2021-11-15'],
      ['8', 'ready', '2003-06-20', '2022-03-03'],
    ]);
    const said = preview.records[1]!.findings[1]!;
    expect(said.message_en).toBe(
      'The vaccination date is the date cell 2021-05-08, but the file writes its dates day first (row 2: "29/07/2021"): its day and month were swapped when the file was opened on a computer set to month first. It is read as 2021-08-05; check it.',
    );
    expect(said.message_vi).toContain('Đã đọc là ngày 05/08/2021');
  });

  it('are trusted when one of them has a day over 12 (real date cells beside a few typed as text)', async () => {
    const path = tmp.file('real-cells.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        dateFormat: SHORT_DATE,
        rows: [STANDARD_HEADER, row(1, '15/03/1985', '29/07/2021', '079085000101'), row(2, real('1990-11-02'), real('2021-08-05'), '079090000102'), row(3, real('2001-01-07'), real('2021-10-25'), '079201000103'), row(4, real('1960-12-30'), real('2021-12-12'), '079060000104')],
      },
    ]);
    expect(outcome(await previewImport(path, { now })).map((r) => r.slice(0, 4))).toEqual([
      ['2', 'ready', '1985-03-15', '2021-07-29'],
      ['3', 'ready', '1990-11-02', '2021-08-05'],
      ['4', 'ready', '2001-01-07', '2021-10-25'],
      ['5', 'ready', '1960-12-30', '2021-12-12'],
    ]);
  });

  it('are trusted beside a text date that a month-first spreadsheet would have made a date ("3/4/1990")', async () => {
    const path = tmp.file('text-and-cells.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        dateFormat: SHORT_DATE,
        rows: [STANDARD_HEADER, row(1, '15/03/1985', '3/4/2021', '079085000101'), row(2, real('1990-11-02'), real('2021-08-05'), '079090000102'), row(3, real('2001-01-07'), real('2021-10-01'), '079201000103'), row(4, real('1960-12-03'), real('2021-12-12'), '079060000104')],
      },
    ]);
    expect(outcome(await previewImport(path, { now })).map((r) => r.slice(0, 4))).toEqual([
      ['2', 'ready', '1985-03-15', '2021-04-03'],
      ['3', 'ready', '1990-11-02', '2021-08-05'],
      ['4', 'ready', '2001-01-07', '2021-10-01'],
      ['5', 'ready', '1960-12-03', '2021-12-12'],
    ]);
  });

  it('are judged column by column: text dates of birth say nothing of a campaign\'s date cells', async () => {
    const path = tmp.file('campaign.xlsx');
    const campaign = (day: number): Date => new Date(Date.UTC(2021, 9, day));
    const dobs = ['15/03/1985', '20/11/1990', '25/01/2001', '30/12/1960', '16/08/1995'];
    // A man's CCCD for the year of birth: province, century, the year's two digits, a number.
    const cccd = (dob: string, i: number): string => `079${dob.startsWith('2', 6) ? 2 : 0}${dob.slice(8)}00010${i}`;
    await writeXlsx(path, [{ name: 'DS', dateFormat: SHORT_DATE, rows: [STANDARD_HEADER, ...dobs.map((dob, i) => row(i + 1, dob, campaign(i + 1), cccd(dob, i)))] }]);
    expect(outcome(await previewImport(path, { now })).map((r) => r.slice(1, 4))).toEqual(dobs.map((dob, i) => ['ready', `${dob.slice(6)}-${dob.slice(3, 5)}-${dob.slice(0, 2)}`, `2021-10-0${i + 1}`]));
  });

  it('are trusted beside one text date among many (a cell typed as text in a campaign\'s list)', async () => {
    const path = tmp.file('one-text.xlsx');
    const campaign = (day: number): Date => new Date(Date.UTC(2021, 9, day));
    const list = Array.from({ length: 9 }, (_, i) => row(i + 1, '15/03/1985', i === 8 ? '15/10/2021' : campaign(i + 1), `0790850001${String(i).padStart(2, '0')}`));
    await writeXlsx(path, [{ name: 'DS', dateFormat: SHORT_DATE, rows: [STANDARD_HEADER, ...list] }]);
    expect(outcome(await previewImport(path, { now })).map((r) => r[3])).toEqual([...Array.from({ length: 8 }, (_, i) => `2021-10-0${i + 1}`), '2021-10-15']);
  });

  it('are trusted when there are too few to tell, or no text date shows the order', async () => {
    const two = tmp.file('two-cells.xlsx');
    await writeXlsx(two, [{ name: 'DS', dateFormat: SHORT_DATE, rows: [STANDARD_HEADER, row(1, '15/03/1985', '29/07/2021', '079085000101'), row(2, '20/11/1990', misread('05/08/2021'), '079090000102'), row(3, '21/01/2001', misread('01/10/2021'), '079201000103')] }]);
    expect(outcome(await previewImport(two, { now })).map((r) => r[3])).toEqual(['2021-07-29', '2021-05-08', '2021-01-10']);
    const cellsOnly = tmp.file('cells-only.xlsx');
    await writeXlsx(cellsOnly, [{ name: 'DS', dateFormat: SHORT_DATE, rows: [STANDARD_HEADER, ...[1, 2, 3, 4].map((n) => row(n, misread('02/11/1990'), misread('05/08/2021'), `07909000010${n}`))] }]);
    expect(outcome(await previewImport(cellsOnly, { now })).map((r) => r[3])).toEqual(['2021-05-08', '2021-05-08', '2021-05-08', '2021-05-08']);
  });

  it('are trusted when their own format puts the day first ("dd/mm/yyyy"): a day-first list with later dates typed as text', async () => {
    // Date cells early in the month, formatted dd/mm/yyyy on purpose, and later dates pasted as
    // text: every sign of a swap but the format, which a month-first spreadsheet never gives.
    const rows = [
      STANDARD_HEADER,
      row(1, '15/03/1985', real('2021-09-01'), '079085000101'),
      row(2, '16/04/1985', real('2021-09-05'), '079085000102'),
      row(3, '17/05/1985', real('2021-09-10'), '079085000103'),
      row(4, '18/06/1985', '15/09/2021', '079085000104'),
      row(5, '19/07/1985', '20/09/2021', '079085000105'),
      row(6, '20/08/1985', '25/09/2021', '079085000106'),
    ];
    const dates = ['2021-09-01', '2021-09-05', '2021-09-10', '2021-09-15', '2021-09-20', '2021-09-25'];
    for (const format of ['dd/mm/yyyy', '[$-42A]dd/mm/yyyy', 'd-mmm-yy', 'DD/MM/YYYY']) {
      const path = tmp.file('day-first-cells.xlsx');
      await writeXlsx(path, [{ name: 'DS', dateFormat: format, rows }]);
      const preview = await previewImport(path, { now });
      expect(outcome(preview).map((r) => r.slice(1, 4).concat(r.slice(4).join())), format).toEqual(dates.map((d, i) => ['ready', `1985-0${i + 3}-${15 + i}`, d, '']));
    }
    // The same cells in the computer's short date: read as swapped (what the first test shows).
    const path = tmp.file('short-date-cells.xlsx');
    await writeXlsx(path, [{ name: 'DS', dateFormat: SHORT_DATE, rows }]);
    expect(outcome(await previewImport(path, { now })).map((r) => r[3])).toEqual(['2021-01-09', '2021-05-09', '2021-10-09', ...dates.slice(3)]);
  });
});
