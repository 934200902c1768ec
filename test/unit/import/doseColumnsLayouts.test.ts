// The layouts of a row per person that a probe of generated clinic files found read wrong, each
// with what a clinic expects: a dose 1 written before the list had a column per dose, titles and
// notes above the header that only mention a dose, planned dates, a dose number column beside the
// doses, group labels centred by hand, boosters of several kinds, "Nam" | "Nữ" under the year of
// birth beside dose groups, a session's list of marks, "not given" in a dose's cell.
import { afterAll, describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import { classifyRow } from '../../../electron/core/import/rowKinds.js';
import { matchHeader } from '../../../electron/core/import/headerAliases.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { CellValue, SheetRow } from '../../../electron/core/import/sheetData.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const rowsOf = (...rows: CellValue[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));
/** dose → its own columns, as letters. */
function doseLetters(rows: SheetRow[]): Record<number, string> {
  const m = findHeaderRow(rows);
  if (!m) throw new Error('no header');
  return Object.fromEntries(m.doses.map((d) => [d.dose, [...d.own].sort((a, b) => a - b).map((c) => String.fromCharCode(65 + c)).join('')]));
}
/** Each record: row, dose number, date, vaccine, lot, status. */
const records = (p: ImportPreview): (string | number)[][] =>
  p.records.map((r) => [r.row, Number(r.input.dose.doseNumber), String(r.input.dose.vaccinationDate), String(r.input.dose.vaccine), String(r.input.dose.lot), r.status]);

const PERSON = ['Họ và tên', 'Ngày sinh', 'Số CCCD'];
const an = ['Nguyễn Văn An', '01/01/1960', '079060000100'];
const binh = ['Trần Thị Bích', '02/02/1967', '079167000101'];

describe('which columns are which dose', () => {
  it('a date column without a dose, beside doses that start later, is dose 1 (the list had it before its dose columns)', () => {
    expect(doseLetters(rowsOf([...PERSON, 'Ngày tiêm', 'Tên vắc xin', 'Số lô', 'Ngày tiêm mũi 2', 'Tên vắc xin mũi 2', 'Số lô mũi 2']))).toEqual({ 1: 'D', 2: 'GHI' });
    expect(doseLetters(rowsOf([...PERSON, 'Ngày tiêm', 'Tên vắc xin', 'Số lô', 'Mũi 2', 'Mũi 3']))).toEqual({ 1: 'D', 2: 'G', 3: 'H' });
    // Anywhere else it is the row's own dose, and the marked dates its history (a booster list keeps
    // the earlier doses' dates for the interval check): a row per dose, one record per row.
    for (const header of [
      [...PERSON, 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2', 'Mũi tiêm thứ', 'Ngày tiêm', 'Tên vắc xin', 'Số lô'],
      [...PERSON, 'Vắc xin mũi 1', 'Vắc xin mũi 2', 'Mũi tiêm thứ', 'Ngày tiêm', 'Tên vắc xin', 'Số lô'],
    ]) {
      const m = findHeaderRow(rowsOf(header))!;
      expect(m, header.join('|')).toMatchObject({ doses: [], missing: [], fields: { doseNumber: 5, vaccinationDate: 6 } });
    }
    // Without a dose number column such a list still has none: refused as before, never its history as its doses.
    for (const header of [
      [...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm', 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2'],
      [...PERSON, 'Ngày tiêm mũi 2', 'Ngày tiêm', 'Tên vắc xin', 'Số lô'],
    ]) {
      expect(findHeaderRow(rowsOf(header))?.missing, header.join('|')).toEqual(['doseNumber']);
    }
    // Beside dose columns that are only their labels, it is a session's day (below).
    expect(findHeaderRow(rowsOf([...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm', 'Mũi 1', 'Mũi 2']))!.doses.map((d) => d.markDate)).toEqual([5, 5]);
  });

  it('a title or a note right above the header that mentions a dose is no group label', () => {
    const header = [...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm'];
    for (const title of ['DANH SÁCH TIÊM NHẮC LẠI CHO NGƯỜI ĐÃ TIÊM ĐỦ MŨI 2', 'CHIẾN DỊCH TIÊM CHỦNG LẦN 2', 'CHUNG CƯ BLOCK M2', 'Lưu ý: người chưa tiêm mũi 1 thì để trống']) {
      expect(findHeaderRow(rowsOf([title], header))?.missing, title).toEqual(['doseNumber']);
    }
    // A short label is one: "Thông tin mũi 1" over its columns.
    expect(doseLetters(rowsOf([null, null, null, 'Thông tin mũi 1', null, null, 'Thông tin mũi 2'], [...PERSON, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô']))).toEqual({ 1: 'DEF', 2: 'GHI' });
  });

  it('a planned date or an appointment is no dose and no vaccination date', () => {
    for (const h of ['Ngày tiêm mũi 2 (dự kiến)', 'Ngày tiêm dự kiến mũi 2', 'Ngày hẹn tiêm mũi 2']) {
      expect(doseLetters(rowsOf([...PERSON, 'Vắc xin', 'Số lô', 'Ngày tiêm mũi 1', h])), h).toEqual({ 1: 'F' });
    }
    expect(matchHeader('Ngày tiêm dự kiến')).toBeNull();
    expect(matchHeader('Ngày tiêm')?.field).toBe('vaccinationDate');
  });

  it('a group label typed over the middle or the last column of its group, and a shared column after the last group', () => {
    const sub = [...PERSON, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô'];
    expect(doseLetters(rowsOf([null, null, null, null, 'Mũi 1', null, null, 'Mũi 2'], sub))).toEqual({ 1: 'DEF', 2: 'GHI' });
    expect(doseLetters(rowsOf([null, null, null, null, null, 'Mũi 1', null, null, 'Mũi 2'], sub))).toEqual({ 1: 'DEF', 2: 'GHI' });
    // A column beside the last group typed once: the last dose's (it cannot be told from a shared
    // one; read so, a dose without a vaccine is an error, never another dose's vaccine in silence).
    const beside = findHeaderRow(rowsOf([null, null, null, 'Mũi 1', null, 'Mũi 2'], [...PERSON, 'Ngày tiêm', 'Số lô', 'Ngày tiêm', 'Số lô', 'Tên vắc xin']))!;
    expect(beside.doses.map((d) => [d.dose, d.own, d.vaccine])).toEqual([
      [1, [3, 4], undefined],
      [2, [5, 6, 7], 7],
    ]);
    // Groups of different lengths keep their own columns ("Mũi 3" without a lot column).
    const differ = findHeaderRow(rowsOf([null, null, null, 'Mũi 1', null, null, 'Mũi 2', null, null, 'Mũi 3'], [...PERSON, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin']))!;
    expect(differ.doses.map((d) => [d.dose, d.own, d.lot])).toEqual([
      [1, [3, 4, 5], 5],
      [2, [6, 7, 8], 8],
      [3, [9, 10], undefined],
    ]);
    // "Loại" (a person's group) before the doses is no dose's column, merged labels or not.
    for (const above of [
      [null, null, null, null, 'Mũi 1', 'Mũi 1', 'Mũi 1', 'Mũi 2', 'Mũi 2', 'Mũi 2'],
      [null, null, null, null, 'Mũi 1', null, null, 'Mũi 2'],
    ]) {
      const m = findHeaderRow(rowsOf(above, [...PERSON, 'Loại', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô']))!;
      expect(m.doses.map((d) => [d.dose, d.own]), String(above[5])).toEqual([
        [1, [4, 5, 6]],
        [2, [7, 8, 9]],
      ]);
    }
  });

  it('the doses past the primary series each get their own number, in the header\'s order', () => {
    expect(doseLetters(rowsOf([...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi 1', 'Mũi 2', 'Mũi bổ sung', 'Mũi nhắc lại lần 1', 'Mũi nhắc lại lần 2']))).toEqual({ 1: 'F', 2: 'G', 3: 'H', 4: 'I', 5: 'J' });
    expect(doseLetters(rowsOf([...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi 1', 'Mũi 2', 'Mũi tăng cường', 'Mũi nhắc lại']))).toEqual({ 1: 'F', 2: 'G', 3: 'H', 4: 'I' });
    expect(doseLetters(rowsOf([...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi 1', 'Mũi 2', 'Mũi nhắc lại lần thứ nhất', 'Mũi nhắc lại lần thứ hai']))).toEqual({ 1: 'F', 2: 'G', 3: 'H', 4: 'I' });
  });

  it('the field over a dose\'s labels ("Ngày tiêm" over Mũi 1 | Mũi 2), and spellings of a dose\'s columns', () => {
    const doses = ['Mũi 1', 'Mũi 2', 'Mũi 1', 'Mũi 2', 'Mũi 1', 'Mũi 2'];
    for (const upper of [
      [...PERSON, 'Ngày tiêm', 'Ngày tiêm', 'Loại vắc xin', 'Loại vắc xin', 'Số lô', 'Số lô'],
      [...PERSON, 'Ngày tiêm', null, 'Loại vắc xin', null, 'Số lô', null],
    ]) {
      const m = findHeaderRow(rowsOf(upper, [null, null, null, ...doses]))!;
      expect(m.doses.map((d) => [d.dose, d.vaccinationDate, d.vaccine, d.lot])).toEqual([
        [1, 3, 5, 7],
        [2, 4, 6, 8],
      ]);
    }
    for (const [date, vaccine, lot] of [
      ['Ngày mũi 1', 'VX mũi 1', 'Lô mũi 1'],
      ['Tiêm mũi 1', 'Loại vắc xin mũi 1', 'Số lô mũi 1'],
      ['Thời gian tiêm mũi 1', 'Tên vắc xin mũi 1', 'Lot mũi 1'],
      ['Dose 1 date', 'Dose 1 vaccine', 'Dose 1 lot'],
      ['Date of dose 1', 'Vaccine dose 1', 'Lot dose 1'],
      ['Ngày tiêm liều 1', 'Vắc xin liều 1', 'Số lô liều 1'],
    ] as [string, string, string][]) {
      expect(findHeaderRow(rowsOf([...PERSON, date, vaccine, lot]))?.doses, date).toEqual([{ dose: 1, vaccinationDate: 3, vaccine: 4, lot: 5, own: [3, 4, 5] }]);
    }
    expect(doseLetters(rowsOf([...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi I', 'Mũi II', 'Mũi III']))).toEqual({ 1: 'F', 2: 'G', 3: 'H' });
  });

  it('"Nam" | "Nữ" under the year of birth beside dose groups, merged or not', () => {
    const lower = [null, null, 'Nam', 'Nữ', null, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô'];
    for (const upper of [
      ['STT', 'Họ và tên', 'Năm sinh', 'Năm sinh', 'Số CCCD', 'Mũi 1', 'Mũi 1', 'Mũi 1', 'Mũi 2', 'Mũi 2', 'Mũi 2'],
      ['STT', 'Họ và tên', 'Năm sinh', null, 'Số CCCD', 'Mũi 1', null, null, 'Mũi 2'],
    ]) {
      const m = findHeaderRow(rowsOf(upper, lower))!;
      expect(m).toMatchObject({ headerRow: 2, missing: [], splits: [{ field: 'birthYear', male: 2, female: 3 }] });
      expect(m.doses.map((d) => d.own)).toEqual([
        [5, 6, 7],
        [8, 9, 10],
      ]);
    }
    // The same split without dose groups and without merged cells: the "Nam" | "Nữ" row is the header.
    const old = findHeaderRow(rowsOf(['STT', 'Họ và tên', 'Năm sinh', null, 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'], [null, null, 'Nam', 'Nữ']))!;
    expect(old).toMatchObject({ headerRow: 2, splits: [{ field: 'birthYear', male: 2, female: 3 }], missing: [] });
  });
});

describe('what a row of such a list imports', () => {
  it('a session\'s list: the dose given marked with an x under its number, the day in the session\'s column', async () => {
    const path = tmp.file('session.xlsx');
    await writeXlsx(path, [
      {
        name: 'Buổi tiêm',
        rows: [
          [...PERSON, 'Ngày tiêm', 'Tên vắc xin', 'Số lô', 'Mũi 1', 'Mũi 2', 'Mũi 3'],
          [...an, '05/08/2021', 'AstraZeneca', 'NJ0001', 'x', null, null],
          [...binh, '05/08/2021', 'AstraZeneca', 'NJ0001', null, 'X', null],
        ],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(records(p)).toEqual([
      [2, 1, '2021-08-05', 'ASTRAZENECA', 'NJ0001', 'ready'],
      [3, 2, '2021-08-05', 'ASTRAZENECA', 'NJ0001', 'ready'],
    ]);
    expect(p.findings.find((f) => f.code === 'IMPORT_DOSE_COLUMNS')?.message_en).toContain('A dose\'s cell holding only a mark (x) takes its date from column D ("Ngày tiêm").');
  });

  it('"not given" in a dose\'s cell is no dose; a row with none is one error saying so', async () => {
    const path = tmp.file('not-given.csv');
    const header = [...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi 1', 'Mũi 2', 'Mũi 3'];
    const notGiven = ['-', '/', '0', 'Không', 'Chưa tiêm', 'F0 - hoãn', 'chưa'];
    const names = ['Nguyễn Văn An', 'Trần Văn Bình', 'Lê Văn Chính', 'Phạm Văn Dũng', 'Hoàng Văn Giang', 'Vũ Văn Hải', 'Đỗ Văn Khoa'];
    writeDelimited(path, [header, ...notGiven.map((x, i) => [names[i]!, '01/01/1960', `07906000010${i}`, 'Pfizer', 'FK1', '01/07/2021', '22/07/2021', x]), ['Lê Văn Cường', '1970', '079070000789', 'Pfizer', 'FK1', '', '-', 'Chưa tiêm']]);
    const p = await previewImport(path, { now });
    expect(p.records.filter((r) => r.input.dose.doseNumber === 3)).toEqual([]);
    expect(p.records.filter((r) => r.status === 'ready')).toHaveLength(2 * notGiven.length);
    expect(p.records.at(-1)).toMatchObject({ row: notGiven.length + 2, status: 'error', findings: [expect.objectContaining({ code: 'IMPORT_NO_DOSE' })] });
  });

  it('every finding about a dose says which, validation\'s too; the person\'s are the row\'s', async () => {
    const path = tmp.file('dose-findings.csv');
    writeDelimited(path, [
      [...PERSON, 'Ngày tiêm mũi 1', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 2', 'Vắc xin mũi 2', 'Số lô mũi 2'],
      [...binh, '01/07/2021', 'Vacxin ABC', 'NJ01', '01/01/2023', 'Pfizer', 'PF01'],
      ['Phạm Thị Dung', '31/02/1990', '079190000103', '01/07/2021', 'AstraZeneca', 'NJ01', '', '', ''],
    ]);
    const p = await previewImport(path, { now });
    const codes = p.records.map((r) => r.findings.map((f) => `${f.code}: ${f.message_en.slice(0, 7)}`));
    expect(codes).toEqual([['VACCINE_UNKNOWN: Dose 1:'], ['VACCINATION_DATE_FUTURE: Dose 2:'], [expect.stringMatching(/^IMPORT_DATE_IMPOSSIBLE: The dat/)]]);
    expect(p.records[0]!.findings[0]!.message_vi).toMatch(/^Mũi 1: /);
  });

  it('a session\'s marks as clinics type them, a dose\'s own number included, and "Mũi tiêm" merged over the doses', async () => {
    const path = tmp.file('session-marks.xlsx');
    const marks = ['√', '✔\ufe0f', '*', 'Đã tiêm', '2'];
    const names = ['Nguyễn Văn An', 'Trần Văn Bình', 'Lê Văn Chính', 'Phạm Văn Dũng', 'Hoàng Văn Giang'];
    await writeXlsx(path, [
      {
        name: 'Buổi tiêm',
        rows: [
          [...PERSON, 'Ngày tiêm', 'Tên vắc xin', 'Số lô', 'Mũi tiêm', 'Mũi tiêm', 'Mũi tiêm'],
          [...PERSON, 'Ngày tiêm', 'Tên vắc xin', 'Số lô', 'Mũi 1', 'Mũi 2', 'Mũi 3'],
          ...marks.map((m, i) => [names[i]!, '01/01/1960', `07906000010${i}`, '05/08/2021', 'AstraZeneca', 'NJ0001', null, m, null]),
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:E2', 'F1:F2', 'G1:I1'],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(records(p)).toEqual(marks.map((_, i) => [i + 3, 2, '2021-08-05', 'ASTRAZENECA', 'NJ0001', 'ready']));
  });

  it('captions over a row-per-dose list\'s columns ("Mũi 1" over the vaccine, "Mũi 2" over the lot) leave it a row per dose', () => {
    const m = findHeaderRow(rowsOf([null, null, null, 'Mũi 1', 'Mũi 2'], [...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm']))!;
    expect(m).toMatchObject({ doses: [], missing: [], fields: { vaccine: 3, lot: 4, doseNumber: 5, vaccinationDate: 6 } });
    // A count beside a dose ("Mũi 1: 45") is no label; a vaccine's name beside it is.
    expect(findHeaderRow(rowsOf([null, null, null, 'Mũi 1: 45', null, 'Mũi 2: 30'], [...PERSON, 'Ngày tiêm', 'Vắc xin', 'Ngày tiêm', 'Vắc xin']))?.missing).toEqual(['doseNumber']);
    for (const [one, two] of [
      ['Mũi 1 - Vero Cell Sinopharm', 'Mũi 2 - Vero Cell Sinopharm'],
      ['Mũi 1 vắc xin AstraZeneca', 'Mũi 2 vắc xin Pfizer'],
      ['Mũi 1 ngày 01/07', 'Mũi 2 ngày 20/09/2021'],
      ['Thông tin tiêm mũi 1', 'Thông tin tiêm mũi 2'],
    ] as [string, string][]) {
      expect(doseLetters(rowsOf([null, null, null, one, null, two], [...PERSON, 'Ngày tiêm', 'Số lô', 'Ngày tiêm', 'Số lô'])), one).toEqual({ 1: 'DE', 2: 'FG' });
    }
    // "LẦN 2" merged over the whole table is its title.
    const title = findHeaderRow(rowsOf(['LẦN 2', 'LẦN 2', 'LẦN 2', 'LẦN 2', 'LẦN 2', 'LẦN 2'], [...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm']))!;
    expect(title.missing).toEqual(['doseNumber']);
  });

  it('a "Nam" | "Nữ" split is written back with its sex, and such a header reads as the split again', async () => {
    const path = tmp.file('split-export.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          ['Họ và tên', 'Năm sinh', null, 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
          [null, 'Nam', 'Nữ'],
          ['Nguyễn Văn An', 1960, null, '079060000100', 'AstraZeneca', 'NJ0001', 1, '01/07/2021'],
          ['Trần Thị Bích', null, 1967, '079167000101', 'AstraZeneca', 'NJ0002', 1, '31/02/2021'],
        ],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(p.headerCells.slice(0, 3)).toEqual(['Họ và tên', 'Năm sinh (Nam)', 'Năm sinh (Nữ)']);
    const { exportFailedRows } = await import('../../../electron/core/import/exportFailedRows.js');
    const out = tmp.file('split-failed.xlsx');
    expect(await exportFailedRows(path, p, out)).toEqual({ rows: 1 });
    const again = await previewImport(out, { now });
    expect(again.records.map((r) => [r.input.person.dob, r.input.person.sex])).toEqual([['1967', 'F']]);
  });

  it('the template\'s example in the row number column without its accents, but never a code or a name', () => {
    const m = findHeaderRow(rowsOf(['STT', ...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm']))!;
    const rest = [...an, 'AstraZeneca', 'NJ0001', 1, '01/07/2021'];
    const kind = (first: string): string => classifyRow({ row: 2, cells: [first, ...rest] }, m);
    expect(['Mau', 'Vi du', 'VD1', 'Ví dụ 2', '(Mẫu)'].map(kind)).toEqual(['example', 'example', 'example', 'example', 'example']);
    expect(['VD01', 'MAU1', 'EG7', '12'].map(kind)).toEqual(['data', 'data', 'data', 'data']);
    // Without a row number column, "Mẫu" first is a one-word name; "Ví dụ" there is still the example.
    const noStt = findHeaderRow(rowsOf([...PERSON, 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm']))!;
    const rest2 = ['01/01/1960', '079060000100', 'AstraZeneca', 'NJ0001', 1, '01/07/2021'];
    expect(classifyRow({ row: 2, cells: ['Mẫu', ...rest2] }, noStt)).toBe('data');
    expect(classifyRow({ row: 2, cells: ['Ví dụ', ...rest2] }, noStt)).toBe('example');
  });
});
