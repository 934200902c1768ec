// A year of birth typed into a column formatted as dates: Excel stores 1985 as serial 1985 and
// shows 07/06/1905. It was imported as born 1905-06-07, ready, without a word. It is now the year
// typed, with a warning that names the date the sheet shows; a real date in 1905 of a vaccination
// stays a date, and a date of birth that is a real date stays one.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { DAY_FIRST } from '../../../electron/core/import/dateOrder.js';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { partialDateShown } from '../../../electron/core/import/xlsx/workbookParts.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

// Passports: no CCCD to check the year against, so the date of birth is all there is.
const row = (n: number, name: string, dob: number | Date, passport: string): (string | number | Date)[] =>
  [n, name, dob, 'Nam', passport, '0912345678', 'AstraZeneca', 'AB1234', 1, '29/07/2021'];

describe('a year typed into a date-formatted birth-date cell', () => {
  it('is read as the year, with a warning naming the date the sheet shows', async () => {
    const path = tmp.file('year-in-date-cells.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [STANDARD_HEADER, row(1, 'Kim Min Jun', 1985, 'M1234567'), row(2, 'Lê Thị Vân', 1972, 'M7654321'), row(3, 'Park Ha Na', new Date('1990-04-02T00:00:00Z'), 'M2345678')],
      numFmts: { 2: 'dd/mm/yyyy' },
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.person.dob, r.findings.map((f) => f.code).join()])).toEqual([
      [2, '1985', 'IMPORT_DOB_YEAR_AS_DATE'],
      [3, '1972', 'IMPORT_DOB_YEAR_AS_DATE'],
      [4, '1990-04-02', ''],
    ]);
    const said = preview.records[0]!.findings[0]!;
    expect(said.message_en).toContain('shows 07/06/1905');
    expect(said.message_vi).toContain('năm 1985');
    expect(said.severity).toBe('warning');
  });

  it('leaves other dates alone: a vaccination date, a serial past this year, the 1904 system’s own days', () => {
    expect(parseDateCell({ date: '1905-06-07' }, 'vaccinationDate', false).value).toBe('1905-06-07');
    expect(parseDateCell({ date: '1905-10-01' }, 'dob', false, { ...DAY_FIRST, thisYear: 2022 }).value).toBe('1905-10-01');
    // Serial 2050 (1905-08-12) is no year of birth yet.
    expect(parseDateCell({ date: '1905-08-12' }, 'dob', false, { ...DAY_FIRST, thisYear: 2022 }).value).toBe('1905-08-12');
    // 1985 days after 1904-01-01 in a 1904-system workbook.
    expect(parseDateCell({ date: '1909-06-08' }, 'dob', true, { ...DAY_FIRST, thisYear: 2022 }).value).toBe('1909-06-08');
    expect(parseDateCell({ date: '1909-06-08' }, 'dob', false, { ...DAY_FIRST, thisYear: 2022 }).value).toBe('1909-06-08');
  });
});

describe('a date cell formatted to show only the year, or the month and year', () => {
  const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it('a date of birth is what the sheet shows when the hidden part is the first; a real hidden day is kept, and said', async () => {
    const path = tmp.file('year-formatted-dob.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [STANDARD_HEADER, row(1, 'Kim Min Jun', at('1972-01-01'), 'M1234567'), row(2, 'Lê Thị Vân', at('1968-05-14'), 'M7654321')],
      numFmts: { 2: 'yyyy' },
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.input.person.dob, r.findings.map((f) => f.code).join()])).toEqual([
      [2, '1972', ''],
      [3, '1968-05-14', 'IMPORT_DATE_CELL_SHOWS_LESS'],
    ]);
    const said = preview.records[1]!.findings[0]!;
    expect(said.message_en).toContain('shows only 1968 but holds the date 1968-05-14');
    expect(said.message_vi).toContain('chỉ hiện 1968');
    expect(said.severity).toBe('warning');
  });

  it('month and year ("mm/yyyy", Excel\'s built-in "mmm-yy"): a birth month; a vaccination date keeps the day the cell holds, said', async () => {
    for (const format of ['mm/yyyy', 'mmm-yy', '[$-42A]mmmm\\ yyyy;@']) {
      const path = tmp.file(`month-formatted-${format.length}.xlsx`);
      const dated = (n: number, dob: Date, shot: Date): (string | number | Date)[] => [...row(n, n === 1 ? 'Kim Min Jun' : 'Lê Thị Vân', dob, `M${1234560 + n}`).slice(0, 9), shot];
      await writeXlsx(path, [{
        name: 'DS',
        rows: [STANDARD_HEADER, dated(1, at('1980-03-01'), at('2021-07-29')), dated(2, at('1980-03-17'), at('2021-08-01'))],
        numFmts: { 2: format, 9: format },
      }]);
      const preview = await previewImport(path, { now });
      expect(preview.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate]), format).toEqual([['1980-03', '2021-07-29'], ['1980-03-17', '2021-08-01']]);
      expect(preview.records.map((r) => r.findings.map((f) => `${f.field}:${f.code}`).join()), format).toEqual([
        'vaccinationDate:IMPORT_DATE_CELL_SHOWS_LESS',
        'dob:IMPORT_DATE_CELL_SHOWS_LESS,vaccinationDate:IMPORT_DATE_CELL_SHOWS_LESS',
      ]);
      expect(preview.records[0]!.findings[0]!.message_en).toContain('shows only 07/2021');
    }
  });

  it('what a format shows: a day or a time makes it a full date; literal text is not a letter of the format', () => {
    const cases: [string, 'year' | 'month' | null][] = [
      ['yyyy', 'year'], ['yy', 'year'], ['"Năm "yyyy', 'year'], ['mm/yyyy', 'month'], ['mmm-yy', 'month'], ['[$-42A]mmmm\\ yyyy;@', 'month'],
      ['dd/mm/yyyy', null], ['d-mmm-yy', null], ['yyyy-mm-dd hh:mm', null], ['mm/yyyy h:mm', null], ['0', null], ['"day "yyyy', 'year'],
      // LibreOffice's capitals: the same codes.
      ['YYYY', 'year'], ['MM/YYYY', 'month'], ['DD/MM/YYYY', null], ['[$-42A]MMMM\\ YYYY;@', 'month'], ['HH:MM', null],
    ];
    for (const [code, shows] of cases) expect(partialDateShown(code), code).toBe(shows);
  });
});
