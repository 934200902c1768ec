// A report's signature block ends the list even without a totals row: "Người lập biểu … Giám
// đốc", "(Ký, ghi rõ họ tên)", the signers' names, the place-and-date line. Before, every one of
// these rows was a record with errors (no id, "Giám đốc" read as a vaccine) in the preview and in
// the failed-rows export. Records written after such a row still make it no footer.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { classifyRow } from '../../../electron/core/import/rowKinds.js';
import { findHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import type { CellValue } from '../../../electron/core/import/sheetData.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

const importedRows = (p: ImportPreview): number[] => p.records.map((r) => r.row);
const notes = (p: ImportPreview): [number, string][] =>
  p.findings.filter((f) => !p.records.some((r) => r.row === f.row)).map((f) => [f.row, f.code]);

const doses = makeDoses(10, 21);
const rowsFrom = (from: number, to: number): string[][] => doses.slice(from, to).map((d, i) => standardRow(d, from + i + 1));
const width = STANDARD_HEADER.length;
/** A row of the standard layout with texts at the given columns (0-based), the rest empty. */
const at = (cells: Record<number, string>): string[] => Array.from({ length: width }, (_, i) => cells[i] ?? '');

/** Signature blocks as Vietnamese reports write them, each under 4 records and no total. */
const BLOCKS: Record<string, string[][]> = {
  'who signs, the instruction, the names': [
    at({ 1: 'Người lập biểu', 6: 'Giám đốc' }),
    at({ 1: '(Ký, ghi rõ họ tên)', 6: '(Ký tên, đóng dấu)' }),
    at({}),
    at({ 1: 'Nguyễn Thị Lan', 6: 'Trần Văn Nam' }),
  ],
  'the place-and-date line first': [
    at({ 6: 'TP. Hồ Chí Minh, ngày 30 tháng 11 năm 2021' }),
    at({ 1: 'NGƯỜI LẬP BẢNG', 8: 'TRƯỞNG TRẠM Y TẾ' }),
    at({ 1: 'Lê Thị Hoa', 8: 'Phạm Văn Bình' }),
  ],
  'a blank date line, a deputy director': [
    at({ 6: 'Ngày ..... tháng ..... năm 20....' }),
    at({ 1: 'Người báo cáo', 6: 'KT. GIÁM ĐỐC'.replace('KT. ', '') }),
    at({ 6: 'PHÓ GIÁM ĐỐC' }),
  ],
  'without diacritics (a Windows-1258 file read as Latin)': [
    at({ 1: 'Nguoi lap bieu', 6: 'Giam doc' }),
    at({ 1: '(Ky, ghi ro ho ten)' }),
  ],
  'in English': [
    at({ 1: 'Prepared by', 6: 'Approved by' }),
    at({ 1: 'Signature:' }),
  ],
};

describe('a signature block with no totals row above it', () => {
  for (const [label, block] of Object.entries(BLOCKS)) {
    it(`ends the list: ${label}`, async () => {
      const path = tmp.file(`sig-${label.replace(/\W+/g, '-')}.csv`);
      writeDelimited(path, [STANDARD_HEADER, ...rowsFrom(0, 4), ...block]);
      const preview = await previewImport(path, { now });
      expect(importedRows(preview)).toEqual([2, 3, 4, 5]);
      expect(preview).toMatchObject({ rows: 4, errors: 0 });
      expect(notes(preview)).toEqual([]);
    });
  }

  it('ends the list in a workbook too, under a two-level header with merged cells', async () => {
    const path = tmp.file('sig.xlsx');
    await writeXlsx(path, [{
      name: 'T11',
      rows: [
        ['BÁO CÁO DANH SÁCH TIÊM VẮC XIN PHÒNG COVID-19'], // 1
        STANDARD_HEADER, // 2
        ...rowsFrom(0, 5), // 3-7
        [null, 'Người lập biểu', null, null, null, null, 'Giám đốc'], // 8
        [null, '(Ký, ghi rõ họ tên)', null, null, null, null, '(Ký, ghi rõ họ tên)'], // 9
        [], // 10
        [null, 'Nguyễn Thị Lan', null, null, null, null, 'Trần Văn Nam'], // 11
      ] as XlsxCell[][],
      merges: ['A1:J1'],
    }]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([3, 4, 5, 6, 7]);
    expect(preview).toMatchObject({ rows: 5, errors: 0 });
  });

  it('says which row with an id number it left out after the block, and why', async () => {
    const path = tmp.file('sig-then-id.csv');
    // A note under the signatures with something in the id column: not a record, but not silently gone.
    writeDelimited(path, [STANDARD_HEADER, ...rowsFrom(0, 4), at({ 1: 'Người lập biểu', 6: 'Trưởng trạm' }), at({ 1: 'Ghi chú', 4: 'đã đối chiếu' })]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3, 4, 5]);
    expect(notes(preview)).toEqual([[7, 'IMPORT_ROW_AFTER_TOTAL']]);
    const note = preview.findings.at(-1)!;
    expect(note.message_vi).toBe('Dòng 7 nằm sau phần ký tên cuối danh sách (dòng 6) nên không được nhập.');
    expect(note.message_en).toBe('Row 7 comes after the signature block that ends the list (row 6) and is not imported.');
  });

  it('is no end when a record follows it: the record is imported, and the row that looked like signatures is reported, not dropped', async () => {
    const path = tmp.file('sig-then-record.csv');
    writeDelimited(path, [STANDARD_HEADER, ...rowsFrom(0, 4), at({ 1: 'Người lập biểu', 6: 'Trưởng trạm' }), ...rowsFrom(4, 5)]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(preview.records.find((r) => r.row === 6)!.status).toBe('error');
    expect(preview.records.find((r) => r.row === 7)!.input.person.idNumber).toBe(doses[4]!.person.cccd);
  });

  it('names the real signature block in a footer note, not a date-line heading records followed (session 21 review)', async () => {
    const path = tmp.file('heading-then-footer.csv');
    writeDelimited(path, [
      STANDARD_HEADER, // 1
      at({ 1: 'Ngày 12 tháng 11 năm 2021' }), // 2: a heading, records follow
      ...rowsFrom(0, 3), // 3-5
      at({ 1: 'Người lập biểu', 6: 'Giám đốc' }), // 6: the real end
      at({ 1: 'Ghi chú', 4: 'đã đối chiếu' }), // 7
    ]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([3, 4, 5]);
    expect(preview.findings.find((f) => f.row === 7)!.message_en).toBe('Row 7 comes after the signature block that ends the list (row 6) and is not imported.');
  });

  it('is no end when records follow it: a day heading worded as a date line is a heading, and every record is imported', async () => {
    const path = tmp.file('date-line-heading.csv');
    writeDelimited(path, [
      STANDARD_HEADER, // 1
      at({ 1: 'Ngày 12 tháng 11 năm 2021' }), // 2
      ...rowsFrom(0, 3), // 3-5
      at({ 1: 'Ngày 13 tháng 11 năm 2021' }), // 6
      ...rowsFrom(3, 6), // 7-9
      at({ 1: 'Người lập biểu' }), // 10: the real end
    ]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([3, 4, 5, 7, 8, 9]);
    expect(notes(preview)).toEqual([[2, 'IMPORT_ROW_SKIPPED'], [6, 'IMPORT_ROW_SKIPPED']]);
    expect(preview.findings.find((f) => f.row === 6)!.message_en).toBe('Row 6 is a section heading ("Ngày 13 tháng 11 năm 2021"), not a dose: skipped.');
  });

  it('takes a signer\'s words in a record for a record: a row with an id, or a name and dates, is data', async () => {
    const [a, b] = rowsFrom(0, 2);
    const signedNote = [...a!, 'Ký tên xác nhận'];
    const noId = [...b!.slice(0, 4), '', ...b!.slice(5), 'Người lập biểu đã kiểm tra'];
    const path = tmp.file('signer-words-in-records.csv');
    writeDelimited(path, [[...STANDARD_HEADER, 'Ghi chú'], signedNote, noId]);
    const preview = await previewImport(path, { now });
    expect(importedRows(preview)).toEqual([2, 3]);
    expect(preview.records[1]!.findings.map((f) => f.code)).toContain('FIELD_REQUIRED');
  });

  it('never takes a person named like a title for one: "Trương Trâm", "Giám" are names', () => {
    const header = STANDARD_HEADER.map((h): CellValue => h);
    const mapping = findHeaderRow([{ row: 1, cells: header }])!;
    const row = (cells: string[]) => ({ row: 2, cells: cells as CellValue[] });
    // A record missing its id and dates: nothing but a name. It is reported, never dropped as a footer.
    for (const name of ['Trương Trâm', 'Truong Tram', 'Giám Thị Ký', 'Kỳ Tên']) {
      expect(classifyRow(row(at({ 1: name })), mapping), name).toBe('data');
    }
    expect(classifyRow(row(at({ 1: 'Trưởng trạm' })), mapping)).toBe('signature');
    expect(classifyRow(row(at({ 1: 'Trưởng trạm' })), mapping, { signatures: false })).toBe('data');
  });
});
