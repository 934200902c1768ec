// A year of birth typed into a column formatted as dates: Excel stores 1985 as serial 1985 and
// shows 07/06/1905. It was imported as born 1905-06-07, ready, without a word. It is now the year
// typed, with a warning that names the date the sheet shows; a real date in 1905 of a vaccination
// stays a date, and a date of birth that is a real date stays one.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { DAY_FIRST } from '../../../electron/core/import/dateOrder.js';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
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
      rows: [STANDARD_HEADER, row(1, 'Kim Min Jun', 1985, 'M1234567'), row(2, 'Lee Ji Won', 1972, 'M7654321'), row(3, 'Park Ha Na', new Date('1990-04-02T00:00:00Z'), 'M2345678')],
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
