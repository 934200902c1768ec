// A list filtered in Excel keeps the rows the filter hides, and they were imported without a
// word: a clinic that filtered to today's session imported the whole list. They are still read
// (the file holds them), one note says which (previewImport.ts hiddenRowsNote), and since session
// 25 each of their records is a warning: a draft until confirmed, never signed unseen.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

// Five people with two doses each: Excel rows 2 to 11.
const rows = [STANDARD_HEADER, ...makeDoses(5, 12).map((d, i) => standardRow(d, i + 1))];

describe('rows hidden in the workbook (a filtered list)', () => {
  it('are read, each record a warning, and said in one note on the header row naming them', async () => {
    const path = tmp.file('filtered.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows, hiddenRows: [3, 5, 6, 7, 8, 9, 10] }]);
    const preview = await previewImport(path, { now });
    expect(preview.rows).toBe(10);
    const note = preview.findings.filter((f) => f.code === 'IMPORT_HIDDEN_ROWS');
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ row: 1, severity: 'warning' });
    expect(note[0]!.message_en).toBe('7 data rows are hidden in the workbook (a filter, hidden rows or a collapsed group): rows 3, 5–10. They are read, each with a warning: they go to the signing queue only once confirmed. To leave them out, delete them from the file.');
    expect(note[0]!.message_vi).toContain('7 dòng dữ liệu đang bị ẩn trong bảng tính');
    // Session 25: each hidden row's record is a warning, so none is signed unseen (a clerk who
    // filtered a system's export to "Đã tiêm" expects the rest only); the visible ones stay ready.
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code)])).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((row) => ([3, 5, 6, 7, 8, 9, 10].includes(row) ? [row, 'warning', ['IMPORT_ROW_HIDDEN']] : [row, 'ready', []])),
    );
    expect(preview.records[1]!.findings[0]!.message_vi).toContain('Dòng này đang bị ẩn trong bảng tính');
    // Nothing hidden: no note.
    const plain = tmp.file('unfiltered.xlsx');
    await writeXlsx(plain, [{ name: 'DS', rows }]);
    expect((await previewImport(plain, { now })).findings.map((f) => f.code)).not.toContain('IMPORT_HIDDEN_ROWS');
  });
});
