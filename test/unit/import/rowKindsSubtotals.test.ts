// Subtotals and totals in clinic lists: a subtotal between blocks never ends the data, the total
// at the real end does, and every row left out is accounted for.
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { openTestStore } from '../db/storeHarness.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

/** The Excel row numbers of the records, and the notes that stand for no record: [row, code]. */
const importedRows = (p: ImportPreview): number[] => p.records.map((r) => r.row);
const notes = (p: ImportPreview): [number, string][] =>
  p.findings.filter((f) => !p.records.some((r) => r.row === f.row)).map((f) => [f.row, f.code]);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const doses = makeDoses(20, 7);
const rowsFrom = (from: number, to: number): string[][] => doses.slice(from, to).map((d, i) => standardRow(d, from + i + 1));

describe('a commune list in village blocks, each with its subtotal, and a grand total', () => {
  // Row numbers as Excel shows them.
  const sheet: XlsxCell[][] = [
    ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM CHỦNG THÁNG 7/2021'], // 1
    STANDARD_HEADER, // 2
    ['I. Thôn Đông'], // 3, merged across the table
    ...rowsFrom(0, 3), // 4-6
    ['Tổng số thôn Đông: 3 người'], // 7, merged across the table: its digit is in the id column too
    ['II. Thôn Tây'], // 8, merged
    ...rowsFrom(3, 33), // 9-38
    ['Cộng thôn Tây', null, null, null, null, null, '30 người'], // 39, not merged
    ['III', 'Thôn Bắc'], // 40, numbered in A, the name merged across B:J
    ...rowsFrom(33, 35), // 41-42
    ['Tổng cộng', null, null, null, null, null, '35 mũi'], // 43, A:F merged: the real end
    [null, 'Người lập biểu', null, null, null, null, null, null, 'Trưởng trạm'], // 44
    [null, '(Ký, ghi rõ họ tên)', null, null, null, null, null, null, '(Ký, ghi rõ họ tên)'], // 45
    ['Bắc Ninh, ngày 31 tháng 7 năm 2021'], // 46, merged
  ];
  const merges = ['A1:J1', 'A3:J3', 'A7:J7', 'A8:J8', 'B40:J40', 'A43:F43', 'A46:J46'];
  const doses35 = makeDoses(20, 7).slice(0, 35);

  it('imports every row of every block, and says once which rows it skipped', async () => {
    const path = tmp.file('villages.xlsx');
    await writeXlsx(path, [{ name: 'Tháng 7', rows: sheet, merges }]);
    const preview = await previewImport(path, { now });
    expect(preview.headerRow).toBe(2);
    expect(importedRows(preview)).toEqual([4, 5, 6, ...range(9, 38), 41, 42]);
    expect(preview).toMatchObject({ rows: 35, ready: 35, errors: 0 });
    expect(preview.records.map((r) => r.input.person.idNumber)).toEqual(doses35.map((d) => d.person.cccd));
    // The headings and the subtotals are notes, not error rows; the grand total and the footer after it say nothing.
    expect(notes(preview)).toEqual([[3, 'IMPORT_ROW_SKIPPED'], [7, 'IMPORT_ROW_SKIPPED'], [8, 'IMPORT_ROW_SKIPPED'], [39, 'IMPORT_ROW_SKIPPED'], [40, 'IMPORT_ROW_SKIPPED']]);
    expect(preview.findings).toHaveLength(5);
    const subtotal = preview.findings.find((f) => f.row === 7)!;
    expect(subtotal).toMatchObject({ field: 'row', severity: 'warning' });
    expect(subtotal.message_vi).toBe('Dòng 7 là dòng tổng ("Tổng số thôn Đông: 3 người"), không phải một mũi tiêm: bỏ qua.');
    expect(subtotal.message_en).toBe('Row 7 is a totals row ("Tổng số thôn Đông: 3 người"), not a dose: skipped.');
    expect(preview.findings.find((f) => f.row === 3)!.message_en).toBe('Row 3 is a section heading ("I. Thôn Đông"), not a dose: skipped.');
  });

  it('commits the rows after the subtotals', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const path = tmp.file('villages-commit.xlsx');
      await writeXlsx(path, [{ name: 'Tháng 7', rows: sheet, merges }]);
      const result = await commitImport(path, importStorePort(t.store), { now });
      expect(result).toMatchObject({ rows: 35, committed: 35, errors: 0 });
      expect(result.records.filter((r) => r.outcome === 'created').map((r) => r.row)).toEqual([4, 5, 6, ...range(9, 38), 41, 42]);
      // The commit's findings keep the sheet's notes as the preview gave them.
      const preview = await previewImport(path, { now });
      const notes = (findings: readonly { row: number; code: string }[]) => findings.filter((f) => f.code === 'IMPORT_ROW_SKIPPED').map((f) => f.row);
      expect(notes(preview.findings).length).toBeGreaterThan(0);
      expect(notes(result.findings)).toEqual(notes(preview.findings));
    } finally {
      t.close();
    }
  });
});

describe('csv: subtotals typed without diacritics, in the row-number column, and a surname that looks like one', () => {
  it('takes "Cong", "Tong so" and "TỔNG CỘNG" for totals but a person named Tống for a person', async () => {
    const blank = (first: string, count = ''): string[] => [first, '', '', '', '', '', count, '', '', ''];
    const tong = standardRow(doses[3]!, 4);
    tong[0] = ''; // no row number: the name is the first cell of the row
    tong[1] = 'Tống Sơn Hải';
    const rows = [
      STANDARD_HEADER, // 1
      ...rowsFrom(0, 3), // 2-4
      blank('Cong', '3'), // 5
      tong, // 6
      ...rowsFrom(4, 6), // 7-8
      blank('Tong so thon Tay: 3 nguoi'), // 9: only the row-number column holds it
      ...rowsFrom(6, 8), // 10-11
      blank('TỔNG CỘNG'.normalize('NFD'), '8'), // 12: the real end
      ['', 'Người lập biểu', '', '', '', '', '', '', 'Trưởng trạm', ''], // 13
    ];
    const path = tmp.file('unaccented.csv');
    writeDelimited(path, rows, { encoding: 'windows-1258', separator: ';' });
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3, 4, 6, 7, 8, 10, 11]);
    expect(preview.records[3]!.input.person.fullName).toBe('Tống Sơn Hải');
    expect(preview).toMatchObject({ rows: 8, errors: 0 });
    expect(notes(preview)).toEqual([[5, 'IMPORT_ROW_SKIPPED'], [9, 'IMPORT_ROW_SKIPPED']]);
  });
});

describe('the total at the real end', () => {
  it('leaves the footer out, and imports a dose written under the total rather than dropping it', async () => {
    const path = tmp.file('forgotten.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        STANDARD_HEADER, // 1
        ...rowsFrom(0, 4), // 2-5
        ['Tổng cộng', null, null, null, null, null, '4 mũi'], // 6
        rowsFrom(4, 5)[0]!, // 7: added after the total was typed
        [null, 'Người lập biểu', null, null, null, null, null, null, 'Trưởng trạm'], // 8
        [null, 'Nguyễn Thị Lan', null, null, null, null, null, null, 'Trần Văn Nam'], // 9: the signers' names
      ],
    }]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3, 4, 5, 7]);
    expect(notes(preview)).toEqual([[6, 'IMPORT_ROW_SKIPPED']]);
  });

  it('counts every row it leaves out after the total, past the ones it lists', async () => {
    // A notes table under the total: an id cell in every row, but not one row reads as a record.
    const notesTable = range(1, 25).map((i) => [null, `Ghi chú ${i}`, null, null, 'đã đối chiếu'] as XlsxCell[]);
    const path = tmp.file('notes-after-total.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, ...rowsFrom(0, 4), ['Tổng cộng', null, null, null, null, null, '4 mũi'], ...notesTable] }]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3, 4, 5]);
    // Rows 7-31: the first 20 one by one, then the other 5 in one note that says how many and which.
    expect(notes(preview)).toEqual([...range(7, 26).map((row): [number, string] => [row, 'IMPORT_ROW_AFTER_TOTAL']), [27, 'IMPORT_ROW_AFTER_TOTAL']]);
    const more = preview.findings.at(-1)!;
    expect(more.message_vi).toBe('Thêm 5 dòng nữa (từ dòng 27 đến dòng 31) có ô số giấy tờ nhưng nằm sau dòng tổng cộng (dòng 6) nên không được nhập.');
    expect(more.message_en).toBe('5 more rows (rows 27 to 31) have an id cell but come after the totals row (row 6) and are not imported.');
  });

  it('reads the rows after a subtotal with the sheet\'s date order: a month-first record without an id still follows it', async () => {
    // Saved by Excel on an English Windows: every date month first (7/15/2021). The row after the
    // village's subtotal has a name and two dates but no id number yet: a record (with its error),
    // so the subtotal is a subtotal and the row is not dropped as a footer.
    const mdy = (d: string): string => `${Number(d.slice(3, 5))}/${Number(d.slice(0, 2))}/${d.slice(6)}`;
    const monthFirst = rowsFrom(0, 3).map((r) => r.map((c, i) => (i === 2 || i === 9 ? mdy(c) : c)));
    const path = tmp.file('month-first-subtotal.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      ...monthFirst.slice(0, 2),
      ['Cộng thôn Đông', '', '', '', '', '', '2 mũi', '', '', ''],
      monthFirst[2]!,
      ['Cộng thôn Tây', '', '', '', '', '', '1 mũi', '', '', ''],
      ['4', 'Lê Văn Mới', '12/25/1980', 'Nam', '', '', '', '', '', '7/15/2021'],
      ['Tổng cộng', '', '', '', '', '', '4 mũi', '', '', ''],
    ]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3, 5, 7]);
    expect(preview.records[3]).toMatchObject({ status: 'error', input: { person: { dob: '1980-12-25' }, dose: { vaccinationDate: '2021-07-15' } } });
    expect(notes(preview)).toEqual([[4, 'IMPORT_ROW_SKIPPED'], [6, 'IMPORT_ROW_SKIPPED']]);
  });

  it('takes a signer\'s name under the vaccine column for no vaccine: the footer after the total is no record', async () => {
    const path = tmp.file('signers-under-vaccine.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      ...rowsFrom(0, 2),
      ['Tổng cộng', '', '', '', '', '', '2 mũi', '', '', ''],
      ['', 'Nguyễn Thị Lan', '', '', '', '', 'Trần Văn Nam', '', '', ''],
    ]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3]);
  });
});
