// The rows of a clinic sheet that are not records: column numbers under the header, group
// headings between blocks, totals. Each is recognised for what it is, and a record never is one.
import { afterAll, describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import { classifyRow, type RowKind } from '../../../electron/core/import/rowKinds.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { CellValue } from '../../../electron/core/import/sheetData.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

/** row → [status, codes...] for every record, and nothing else. */
function byRow(p: ImportPreview): Record<number, string[]> {
  return Object.fromEntries(p.records.map((r) => [r.row, [r.status, ...r.findings.map((f) => `${f.field}:${f.code}`)]]));
}
/** The findings that stand for no record: [row, code]. */
const notes = (p: ImportPreview): [number, string][] => p.findings.filter((f) => !p.records.some((r) => r.row === f.row)).map((f) => [f.row, f.code]);

const doses = makeDoses(2, 3); // two people, two doses each
const rows = doses.map((d, i) => standardRow(d, i + 1));

describe('the row of column numbers official forms put under the header', () => {
  it.each([
    ['"(1)" … "(10)" as text', STANDARD_HEADER.map((_, i) => `(${i + 1})`)],
    ['1 … 10 as numbers', STANDARD_HEADER.map((_, i) => i + 1)],
  ])('%s: not a record, and nothing to report', async (_name, numbers) => {
    const path = tmp.file(`numbers-${typeof numbers[0]}.xlsx`);
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, numbers, ...rows] }]);
    const preview = await previewImport(path, { now });
    expect(byRow(preview)).toEqual({ 3: ['ready'], 4: ['ready'], 5: ['ready'], 6: ['ready'] });
    expect(preview.findings).toEqual([]);
  });

  it.each([false, true])('in columns formatted as dates (the numbers are date cells to Excel; 1904 system: %s): not a record', async (date1904) => {
    // Probe of session 23 (t14_doses_wide): 7, 10, 13 under "Ngày tiêm" were 07/01/1900 … and the
    // row a person with 18 findings.
    const path = tmp.file(`numbers-dated-${date1904}.xlsx`);
    const numbers = STANDARD_HEADER.map((_, i) => i + 1);
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, numbers, ...rows], numFmts: { 2: 'dd/mm/yyyy', 9: 'dd/mm/yyyy' } }], { date1904 });
    const preview = await previewImport(path, { now });
    expect(byRow(preview)).toEqual({ 3: ['ready'], 4: ['ready'], 5: ['ready'], 6: ['ready'] });
    expect(preview.findings).toEqual([]);
  });

  it('counts from where the table starts, under a two-row header, and again after a page break', async () => {
    // The table starts in column B; the vaccination block is merged over four columns of row 2.
    const top: XlsxCell[] = [null, 'STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD/CMND/Hộ chiếu', 'Số điện thoại', 'Thông tin tiêm chủng', null, null, null];
    const sub: XlsxCell[] = [null, null, null, null, null, null, null, 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];
    const numbers: XlsxCell[] = [null, ...STANDARD_HEADER.map((_, i) => `(${i + 1})`)];
    const shifted = (r: string[]): XlsxCell[] => [null, ...r];
    const path = tmp.file('numbers-two-row-header.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [top, sub, numbers, shifted(rows[0]!), shifted(rows[1]!), [null, ...STANDARD_HEADER], numbers, shifted(rows[2]!), shifted(rows[3]!)],
      merges: ['B1:B2', 'C1:C2', 'D1:D2', 'E1:E2', 'F1:F2', 'G1:G2', 'H1:K1'],
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.headerRow).toBe(2);
    expect(byRow(preview)).toEqual({ 4: ['ready'], 5: ['ready'], 8: ['ready'], 9: ['ready'] });
    expect(preview.findings).toEqual([]);
  });
});

describe('group headings between blocks', () => {
  it('skips a heading merged across the table, typed in one cell, or numbered in the first column, and says so', async () => {
    const path = tmp.file('sections.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        STANDARD_HEADER, // 1
        ['I. Thôn Đông'], // 2, merged A:J
        rows[0]!, // 3
        [null, 'Tổ 5'], // 4, one cell, not merged
        rows[1]!, // 5
        ['II', 'Thôn Tây'], // 6, "Thôn Tây" merged B:J
        rows[2]!, // 7
        [null, 'Nguyễn Văn An'], // 8: a name and nothing else is a record with errors, not a heading
        rows[3]!, // 9
      ],
      merges: ['A2:J2', 'B6:J6'],
    }]);
    const preview = await previewImport(path, { now });
    expect(Object.keys(byRow(preview)).map(Number)).toEqual([3, 5, 7, 8, 9]);
    expect(byRow(preview)[8]![0]).toBe('error');
    expect(preview).toMatchObject({ rows: 5, ready: 4, errors: 1 });
    expect(notes(preview)).toEqual([[2, 'IMPORT_ROW_SKIPPED'], [4, 'IMPORT_ROW_SKIPPED'], [6, 'IMPORT_ROW_SKIPPED']]);
    const heading = preview.findings.find((f) => f.row === 6)!;
    expect(heading.message_vi).toBe('Dòng 6 là dòng tiêu đề nhóm ("II Thôn Tây"), không phải một mũi tiêm: bỏ qua.');
    expect(heading.message_en).toBe('Row 6 is a section heading ("II Thôn Tây"), not a dose: skipped.');
  });

  it('csv: a heading in the name column with the other cells empty', async () => {
    const path = tmp.file('sections.csv');
    const empty = (text: string): string[] => ['', text, '', '', '', '', '', '', '', ''];
    writeDelimited(path, [STANDARD_HEADER, empty('1. Thôn Đông'), rows[0]!, rows[1]!, empty('Xóm Chùa'), rows[2]!]);
    const preview = await previewImport(path, { now });
    expect(Object.keys(byRow(preview)).map(Number)).toEqual([3, 4, 6]);
    expect(notes(preview)).toEqual([[2, 'IMPORT_ROW_SKIPPED'], [5, 'IMPORT_ROW_SKIPPED']]);
  });
});

describe('classifyRow', () => {
  const mapping = findHeaderRow([{ row: 1, cells: STANDARD_HEADER }])!;
  const record = standardRow(doses[0]!, 1);
  const across = (text: string): string[] => STANDARD_HEADER.map(() => text);
  const withName = (name: string): CellValue[] => [null, name, ...record.slice(2)];
  const cases: [string, CellValue[], RowKind][] = [
    ['a record', record, 'data'],
    ['a record without a row number whose surname is Tống', withName('Tống Sơn Hải'), 'data'],
    ['a record whose name starts with Công', withName('Công Tằng Tôn Nữ Mai'), 'data'],
    ['a name and nothing else', [null, 'Nguyễn Văn An'], 'data'],
    ['a lot and nothing else', [null, null, null, null, null, null, null, 'AB-1234'], 'data'],
    ['a date merged across the table', across('01/07/2021'), 'data'],
    ['"Tổng cộng" and a count', ['Tổng cộng', null, null, null, null, null, 6], 'total'],
    ['"TỔNG CỘNG" in NFD', ['TỔNG CỘNG'.normalize('NFD')], 'total'],
    ['"Tong cong: 33" without diacritics', ['Tong cong: 33'], 'total'],
    ['"Cộng thôn Đông" and a count', ['Cộng thôn Đông', null, null, null, null, null, '3 người'], 'total'],
    ['a subtotal with a long count merged over the id column', across('Tổng số thôn Đông: 120000 người'), 'total'],
    ['"Grand total"', ['Grand total', null, null, null, null, 33], 'total'],
    ['"Sub-total" in the row-number column only', ['Sub-total'], 'total'],
    ['"Totally" is no total', ['Totally wrong', 'x'], 'data'],
    ['"Tổng cộng" beside a real id number', ['Tổng cộng', null, null, null, '079085000100'], 'data'],
    ['a numbered heading merged across', across('I. Thôn Đông'), 'section'],
    ['"Tổ 5" in one cell', [null, 'Tổ 5'], 'section'],
    ['a roman numeral and a heading', ['II', 'Thôn Tây', 'Thôn Tây', 'Thôn Tây'], 'section'],
    // The place-and-date line opens the signature block; were records to follow, it is a heading (signatureFooter.test.ts).
    ['the report date merged across', across('Bắc Ninh, ngày 31 tháng 7 năm 2021'), 'signature'],
    ['who signs, beside whom', [null, 'Người lập biểu', null, null, null, null, null, null, 'Trưởng trạm'], 'signature'],
    ['column numbers in brackets', STANDARD_HEADER.map((_, i) => `(${i + 1})`), 'columnNumbers'],
    ['column numbers as numbers', STANDARD_HEADER.map((_, i) => i + 1), 'columnNumbers'],
    ['numbers that are not the columns\' own', STANDARD_HEADER.map((_, i) => i + 2).reverse(), 'data'],
    // A column number in a date-formatted cell: serial 3 as this reader counts it (1900-01-02) or as Excel shows it (1900-01-03).
    ['column numbers, one a date cell as read', STANDARD_HEADER.map((_, i): CellValue => (i === 2 ? { date: '1900-01-02' } : i + 1)), 'columnNumbers'],
    ['column numbers, one a date cell as Excel shows it', STANDARD_HEADER.map((_, i): CellValue => (i === 2 ? { date: '1900-01-03' } : i + 1)), 'columnNumbers'],
    ['column numbers, one a date cell of a 1904 workbook', STANDARD_HEADER.map((_, i): CellValue => (i === 2 ? { date: '1904-01-04' } : i + 1)), 'columnNumbers'],
    ['column numbers with a date that is not its column\'s', STANDARD_HEADER.map((_, i): CellValue => (i === 2 ? { date: '1900-01-09' } : i + 1)), 'data'],
    ['column numbers with a real date', STANDARD_HEADER.map((_, i): CellValue => (i === 2 ? { date: '2021-07-01' } : i + 1)), 'data'],
    ['the header again', STANDARD_HEADER, 'header'],
    ['a note outside the imported columns', ['1', null, null, null, null, null, null, null, null, null, 'ghi chú'], 'blank'],
  ];
  it.each(cases)('%s', (_name, cells, kind) => {
    expect(classifyRow({ row: 9, cells }, mapping)).toBe(kind);
  });
});
