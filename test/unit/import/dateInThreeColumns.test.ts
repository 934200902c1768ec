// Session 28: a register form's date of birth in three columns, "Ngày sinh" | "Tháng sinh" |
// "Năm sinh" (or "Ngày sinh" merged over "Ngày" | "Tháng" | "Năm"), was read from its first
// column alone: the day as a two-digit year. A person born on the 28th was stored born in 1928,
// ready to sign (a passport holder: no CCCD to say otherwise); on the 12th, in 2012.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const TAIL = ['Giới tính', 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'];
const row = (i: number, day: XlsxCell, month: XlsxCell, year: XlsxCell): XlsxCell[] =>
  [i, 'Nguyễn Văn An', day, month, year, 'Nam', `B${1234500 + i}`, 'Pfizer', 'FK1234', 1, '12/05/2021'];
const read = (p: ImportPreview) => p.records.map((r) => [r.input.person.dob, r.status, r.findings.map((f) => f.code)]);

describe('a date of birth in three columns: day, month, year', () => {
  it('"Ngày sinh" | "Tháng sinh" | "Năm sinh": each day of the month read as the day, numbers or text', async () => {
    const path = tmp.file('three-columns.xlsx');
    const rows: XlsxCell[][] = [['STT', 'Họ và tên', 'Ngày sinh', 'Tháng sinh', 'Năm sinh', ...TAIL]];
    for (let d = 1; d <= 31; d++) rows.push(d % 2 === 0 ? row(d, d, 3, 1985) : row(d, String(d).padStart(2, '0'), '03', '1985'));
    await writeXlsx(path, [{ name: 'DS', rows }]);
    const p = await previewImport(path, { now });
    expect(read(p)).toEqual(Array.from({ length: 31 }, (_, k) => [`1985-03-${String(k + 1).padStart(2, '0')}`, 'ready', []]));
  });

  it('"Ngày sinh" merged over "Ngày" | "Tháng" | "Năm": the same, the row under the header no record', async () => {
    const path = tmp.file('merged-three-columns.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        ['STT', 'Họ và tên', 'Ngày sinh', null, null, ...TAIL],
        [null, null, 'Ngày', 'Tháng', 'Năm', null, null, null, null, null, null],
        row(1, 28, 11, 1990),
        row(2, 5, 2, 1961),
      ],
      merges: ['A1:A2', 'B1:B2', 'C1:E1', 'F1:F2', 'G1:G2', 'H1:H2', 'I1:I2', 'J1:J2', 'K1:K2'],
    }]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => r.row)).toEqual([3, 4]);
    expect(read(p)).toEqual([['1990-11-28', 'ready', []], ['1961-02-05', 'ready', []]]);
    expect(p.findings.map((f) => f.code)).not.toContain('IMPORT_COLUMNS_SAME_FIELD');
  });

  it('the year alone, or the month and year, when the papers give no day; a day that is none an error quoting the cells', async () => {
    const path = tmp.file('three-columns-partial.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [['STT', 'Họ và tên', 'Ngày sinh', 'Tháng sinh', 'Năm sinh', ...TAIL], row(1, null, null, 1975), row(2, null, 7, 1975), row(3, 31, 2, 1985), row(4, 12, 3, 85)],
    }]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => r.input.person.dob)).toEqual(['1975', '1975-07', '', '']);
    const bad = p.records[2]!.findings.find((f) => f.field === 'dob')!;
    expect([bad.code, bad.severity]).toEqual(['IMPORT_DATE_PARTS_UNREADABLE', 'error']);
    expect(bad.message_vi).toBe('Ngày sinh ghi ở ba cột (ngày "31", tháng "2", năm "1985") không thành một ngày có thật: hãy ghi ngày, tháng bằng số và năm đủ bốn chữ số.');
    expect(bad.message_en).toBe('The date of birth written in three columns (day "31", month "2", year "1985") is no real day: write the day and month as numbers and the year with four digits.');
    expect(p.records[3]!.findings.map((f) => f.code)).toContain('IMPORT_DATE_PARTS_UNREADABLE');
  });

  it('"Ngày sinh" beside "Năm sinh" with no month column is a whole date, as before', async () => {
    const path = tmp.file('date-and-year.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [['STT', 'Họ và tên', 'Ngày sinh', 'Năm sinh', ...TAIL], [1, 'Nguyễn Văn An', '12/03/1985', 1985, 'Nam', 'B1234501', 'Pfizer', 'FK1234', 1, '12/05/2021']] }]);
    expect(read(await previewImport(path, { now }))).toEqual([['1985-03-12', 'ready', []]]);
  });
});

// The same form writes the vaccination date so: its day was read as a serial, 1900-01-12, an
// error saying the dose was given before the birth.
describe('a vaccination date in three columns', () => {
  const HEAD = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi thứ'];
  const dose = (i: number, day: XlsxCell, month: XlsxCell, year: XlsxCell): XlsxCell[] =>
    [i, ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'][i - 1]!, '12/03/1985', 'Nam', `B${1234500 + i}`, 'Pfizer', `FK${1233 + i}`, 1, day, month, year];
  const dates = (p: ImportPreview) => p.records.map((r) => [r.input.dose.vaccinationDate, r.findings.map((f) => `${f.field}:${f.code}`)]);

  it('"Ngày tiêm" | "Tháng tiêm" | "Năm tiêm": one date; a day that is none an error quoting the cells', async () => {
    const path = tmp.file('vaccination-three-columns.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [[...HEAD, 'Ngày tiêm', 'Tháng tiêm', 'Năm tiêm'], dose(1, 12, 5, 2021), dose(2, '28', '07', '2021'), dose(3, 31, 6, 2021)] }]);
    const p = await previewImport(path, { now });
    expect(dates(p)).toEqual([
      ['2021-05-12', []],
      ['2021-07-28', []],
      ['', ['vaccinationDate:IMPORT_DATE_PARTS_UNREADABLE']],
    ]);
    expect(p.records[2]!.findings[0]!.message_en).toBe(
      'The vaccination date written in three columns (day "31", month "6", year "2021") is no real day: write the day and month as numbers and the year with four digits.',
    );
  });

  it('"Ngày tiêm" merged over "Ngày" | "Tháng" | "Năm", beside a date of birth in three too', async () => {
    const path = tmp.file('both-merged.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        ['STT', 'Họ và tên', 'Ngày sinh', null, null, 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm', null, null],
        [null, null, 'Ngày', 'Tháng', 'Năm', null, null, null, null, 'Ngày', 'Tháng', 'Năm'],
        [1, 'Nguyễn Văn An', 28, 3, 1985, 'B1234501', 'Pfizer', 'FK1234', 1, 5, 8, 2021],
      ],
      merges: ['C1:E1', 'J1:L1'],
    }]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.row, r.input.person.dob, r.input.dose.vaccinationDate, r.status])).toEqual([[3, '1985-03-28', '2021-08-05', 'ready']]);
  });

  // Review of session 28: a report sheet keeps the whole date and, for its pivot tables, the
  // month and the year beside it ("Ngày tiêm" 12/05/2021 | "Tháng tiêm" 5 | "Năm tiêm" 2021). The
  // whole date was taken for a day and every row refused, IMPORT_DATE_PARTS_UNREADABLE; such a
  // file imported before the three columns were read.
  it('a whole date under "Ngày tiêm" / "Ngày sinh" beside month and year columns is read as the date', async () => {
    const path = tmp.file('whole-date-and-parts.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        ['STT', 'Họ và tên', 'Ngày sinh', 'Tháng sinh', 'Năm sinh', 'Giới tính', 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm', 'Tháng tiêm', 'Năm tiêm'],
        [1, 'Nguyễn Văn An', '28/03/1985', 3, 1985, 'Nam', 'B1234501', 'Pfizer', 'FK1234', 1, '12/05/2021', 5, 2021],
        [2, 'Trần Thị Bình', new Date(Date.UTC(1961, 1, 5)), 2, 1961, 'Nữ', 'B1234502', 'Pfizer', 'FK1235', 1, new Date(Date.UTC(2021, 7, 2)), 8, 2021],
      ],
    }]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate, r.status, r.findings.map((f) => f.code)])).toEqual([
      ['1985-03-28', '2021-05-12', 'ready', []],
      ['1961-02-05', '2021-08-02', 'ready', []],
    ]);
  });

  it('a whole date that its month or year column contradicts is an error naming the cells, never a guess', async () => {
    const path = tmp.file('whole-date-contradicted.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [[...HEAD, 'Ngày tiêm', 'Tháng tiêm', 'Năm tiêm'], dose(1, '12/05/2021', 6, 2021)] }]);
    const p = await previewImport(path, { now });
    expect(dates(p)).toEqual([['', ['vaccinationDate:IMPORT_DATE_PARTS_UNREADABLE']]]);
    expect(p.records[0]!.findings[0]!.message_en).toContain('(day "12/05/2021", month "6", year "2021")');
  });
});
