// A CSV that Excel saved from date cells shown d/m/yy holds "29/07/21": the century is gone from
// the file. Such dates were refused row by row ("write a four-digit year"); they are read now
// (parseDateCell.ts withFullYear): a vaccination date in this century, a year of birth in the
// century that does not put it after this year, with a warning when both centuries are possible.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { DAY_FIRST, type DateOrder } from '../../../electron/core/import/dateOrder.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const in2022: DateOrder = { ...DAY_FIRST, thisYear: 2022 };
const codes = (findings: readonly { code: string }[]): string[] => findings.map((f) => f.code);

/** Each row: [status, dob, vaccination date, field:code …]. */
function outcome(p: ImportPreview): Record<number, string[]> {
  return Object.fromEntries(p.records.map((r) => [r.row, [r.status, String(r.input.person.dob), String(r.input.dose.vaccinationDate), ...r.findings.map((f) => `${f.field}:${f.code}`)]]));
}

// Pfizer: a child born in 2010 had it at 11; AstraZeneca is for adults (DOSE_BELOW_LICENSED_AGE).
const person = (n: number, dob: string, date: string, cccd: string): string[] => [String(n), `Nguyễn Văn Thử ${'ABCDEFGH'[n]}`, dob, 'Nam', cccd, '0912345678', 'Pfizer', 'AB1234', '1', date];

describe('two-digit years, cell by cell', () => {
  it('reads a vaccination date in this century, with /, - or . and one or two digits for day and month', () => {
    const cells: [string, string][] = [['29/07/21', '2021-07-29'], ['1/2/22', '2022-02-01'], ['03-11-21', '2021-11-03'], ['3.11.21', '2021-11-03'], ['29/07/21 08:30', '2021-07-29']];
    for (const [text, iso] of cells) {
      const parsed = parseDateCell(text, 'vaccinationDate', false, in2022);
      expect([text, parsed.value, codes(parsed.findings)]).toEqual([text, iso, []]);
    }
  });

  it('reads a year of birth after this year in the last century, quietly', () => {
    const parsed = parseDateCell('15/03/45', 'dob', false, in2022);
    expect(parsed).toEqual({ value: '1945-03-15', findings: [] });
    expect(parseDateCell('31/12/23', 'dob', false, in2022).value).toBe('1923-12-31');
  });

  it('reads a year of birth that could be either century as this one, and says the other is possible', () => {
    const parsed = parseDateCell('10/03/10', 'dob', false, in2022);
    expect(parsed.value).toBe('2010-03-10');
    expect(codes(parsed.findings)).toEqual(['IMPORT_DATE_TWO_DIGIT_YEAR']);
    expect(parsed.findings[0]!.field).toBe('dob');
    expect(parsed.findings[0]!.severity).toBe('warning');
    expect(parsed.findings[0]!.message_en).toBe('The date of birth "10/03/10" has a two-digit year: it is read as 2010, but it could be 1910. Check it, and write the year with four digits.');
    expect(parsed.findings[0]!.message_vi).toBe('Ngày sinh "10/03/10" ghi năm bằng 2 chữ số: đã đọc là năm 2010, nhưng cũng có thể là năm 1910. Hãy kiểm tra lại và ghi năm đủ 4 chữ số.');
    // This year itself is still this century.
    expect(parseDateCell('01/01/22', 'dob', false, in2022).value).toBe('2022-01-01');
  });

  it('decides the century by the year of the import: the same cell is 2025 in 2026, 1925 in 2022', () => {
    expect(parseDateCell('5/6/25', 'dob', false, { ...DAY_FIRST, thisYear: 2026 }).value).toBe('2025-06-05');
    expect(parseDateCell('5/6/25', 'dob', false, in2022).value).toBe('1925-06-05');
  });

  it('keeps a date that cannot be impossible, naming the year in full, and a partial date of birth partial', () => {
    const feb = parseDateCell('30/02/21', 'vaccinationDate', false, in2022);
    expect(feb.value).toBe('30/02/21');
    expect(codes(feb.findings)).toEqual(['IMPORT_DATE_IMPOSSIBLE']);
    expect(feb.findings[0]!.message_en).toBe('The vaccination date "30/02/21" does not exist: 2021-02 has no day 30.');
    // The zeros said as the year (or month and year) only: IMPORT_DOB_ZEROS.
    expect(parseDateCell('00/00/85', 'dob', false, in2022)).toMatchObject({ value: '1985', findings: [{ code: 'IMPORT_DOB_ZEROS' }] });
    expect(parseDateCell('00/04/85', 'dob', false, in2022)).toMatchObject({ value: '1985-04', findings: [{ code: 'IMPORT_DOB_ZEROS' }] });
  });

  it('leaves three-digit years and other shapes unreadable', () => {
    for (const text of ['1/7/021', '1/7/2', '21/07']) expect(codes(parseDateCell(text, 'vaccinationDate', false, in2022).findings)).toEqual(['IMPORT_DATE_UNREADABLE']);
  });

  it('gives back any date written d/m/yy, as its century decides (fast-check)', () => {
    const day = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms - (ms % 86_400_000)));
    fc.assert(
      fc.property(day, fc.boolean(), fc.constantFrom('/', '-', '.'), fc.integer({ min: 2020, max: 2060 }), (d, padded, sep, thisYear) => {
        const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const two = (n: number): string => (padded ? String(n).padStart(2, '0') : String(n));
        const text = `${two(dd)}${sep}${two(m)}${sep}${String(y % 100).padStart(2, '0')}`;
        const iso = (year: number): string => `${year}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
        const order = { ...DAY_FIRST, thisYear };
        const later = 2000 + (y % 100);
        // A date that exists in its own century may not in the other (29 February).
        const vacc = parseDateCell(text, 'vaccinationDate', false, order);
        const dob = parseDateCell(text, 'dob', false, order);
        const vaccYear = later;
        const dobYear = later <= thisYear ? later : later - 100;
        for (const [parsed, year] of [[vacc, vaccYear], [dob, dobYear]] as const) {
          const real = new Date(Date.UTC(year, m - 1, dd)).getUTCMonth() === m - 1;
          if (real) expect(parsed.value).toBe(iso(year));
          else expect(codes(parsed.findings)).toContain('IMPORT_DATE_IMPOSSIBLE');
        }
        expect(codes(vacc.findings).includes('IMPORT_DATE_TWO_DIGIT_YEAR')).toBe(false);
        if (dob.value === iso(dobYear)) expect(codes(dob.findings)).toEqual(later <= thisYear ? ['IMPORT_DATE_TWO_DIGIT_YEAR'] : []);
      }),
      { numRuns: 400 },
    );
  });
});

describe('a year of birth in two digits alone ("85")', () => {
  it('is read as the year, text or number, by the same rule; a number under 100 is no serial date', () => {
    expect(parseDateCell('85', 'dob', false, in2022)).toEqual({ value: '1985', findings: [] });
    expect(parseDateCell(85, 'dob', false, in2022)).toEqual({ value: '1985', findings: [] });
    expect(parseDateCell('05', 'dob', false, in2022, undefined, '079210000101')).toEqual({ value: '2005', findings: [] });
    expect(parseDateCell(21, 'dob', false, in2022, undefined, '001022000111')).toEqual({ value: '1921', findings: [] });
    // A CCCD century that makes the person over 105 is not taken on trust (a mistyped 4th digit):
    // the rule without it, and its warning (validation then says the CCCD disagrees).
    expect(codes(parseDateCell(5, 'dob', false, in2022, undefined, '001022000111').findings)).toEqual(['IMPORT_DATE_TWO_DIGIT_YEAR']);
    const both = parseDateCell('05', 'dob', false, in2022);
    expect([both.value, codes(both.findings)]).toEqual(['2005', ['IMPORT_DATE_TWO_DIGIT_YEAR']]);
    // Not in a vaccination date: two digits are no date there.
    expect(codes(parseDateCell('21', 'vaccinationDate', false, in2022).findings)).toEqual(['IMPORT_DATE_UNREADABLE']);
  });

  it('takes no zeros for a year: 0 (a lookup of an empty cell), "00/00/00" and "00/00/0000" are errors', () => {
    for (const cell of [0, '0', '00/00/00', '00/00/0000']) {
      const parsed = parseDateCell(cell, 'dob', false, in2022);
      expect([cell, parsed.findings.map((f) => f.severity)]).toEqual([cell, ['error']]);
      expect(['IMPORT_DATE_UNREADABLE', 'IMPORT_DATE_IMPOSSIBLE']).toContain(parsed.findings[0]!.code);
    }
    expect(parseDateCell('00/00/85', 'dob', false, in2022)).toMatchObject({ value: '1985', findings: [{ code: 'IMPORT_DOB_ZEROS' }] });
  });

  it('imports a list whose "Năm sinh" column holds two digits', async () => {
    const path = tmp.file('nam-sinh-yy.csv');
    writeDelimited(path, [
      ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '85', 'Nam', '079085001234', 'Pfizer', 'FA1234', '1', '29/07/2021'],
      ['2', 'Lê Văn Cường', '05', 'Nam', '079205001236', 'Pfizer', 'FA1234', '1', '03/02/2022'],
    ]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual({ 2: ['ready', '1985', '2021-07-29'], 3: ['ready', '2005', '2022-02-03'] });
  });
});

describe('a CSV that Excel saved with d/m/yy dates', () => {
  it('imports every row: the century of a year of birth from the CCCD, else this one with a warning when both are possible', async () => {
    const path = tmp.file('dmyy.csv');
    const header = [...STANDARD_HEADER];
    header[4] = 'Số giấy tờ';
    writeDelimited(path, [
      header,
      person(1, '15/03/45', '29/07/21', '079045000100'),
      // CCCD digit 4: 2 = a man born in the 2000s, 0 = in the 1900s (a centenarian).
      person(2, '10/03/10', '03/02/22', '079210000101'),
      person(3, '10/05/22', '29/07/21', '001022000111'),
      person(4, '01/01/1990', '3/2/22', '079090000102'),
      // A passport: nothing says the century.
      person(5, '10/03/10', '03/02/22', 'C1234567'),
    ]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual({
      2: ['ready', '1945-03-15', '2021-07-29'],
      3: ['ready', '2010-03-10', '2022-02-03'],
      4: ['ready', '1922-05-10', '2021-07-29'],
      5: ['ready', '1990-01-01', '2022-02-03'],
      6: ['warning', '2010-03-10', '2022-02-03', 'dob:IMPORT_DATE_TWO_DIGIT_YEAR'],
    });
  });

  it('takes the CCCD\'s century only where it does not put the birth after this year', () => {
    expect(parseDateCell('10/05/22', 'dob', false, in2022, undefined, '001022000111')).toEqual({ value: '1922-05-10', findings: [] });
    expect(parseDateCell('10/05/12', 'dob', false, in2022, undefined, '079210000101')).toEqual({ value: '2012-05-10', findings: [] });
    // 2045 has not come: the rule without the CCCD (and validation says the CCCD disagrees).
    expect(parseDateCell('10/05/45', 'dob', false, in2022, undefined, '079210000101')).toEqual({ value: '1945-05-10', findings: [] });
  });

  it('on an English Windows (m/d/yy): the order is shown by the two-digit dates as by the others', async () => {
    const path = tmp.file('mdyy.csv');
    writeDelimited(path, [STANDARD_HEADER, person(1, '3/15/45', '7/29/21', '079045000100'), person(2, '10/3/80', '11/2/21', '079080000101')]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual({
      2: ['ready', '1945-03-15', '2021-07-29'],
      3: ['warning', '1980-10-03', '2021-11-02', 'dob:IMPORT_DATE_READ_MONTH_FIRST', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
    });
  });
});
