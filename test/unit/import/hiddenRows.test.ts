// A list filtered in Excel keeps the rows the filter hides, and they were imported without a
// word: a clinic that filtered to today's session imported the whole list. They are still read
// (the file holds them), and one note says which (previewImport.ts hiddenRowsNote).
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const rows = [
  STANDARD_HEADER,
  ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021'],
  ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AB5678', '2', '21/10/2021'],
  ['2', 'Trần Thị Bình', '02/11/1990', 'Nữ', '001190012345', '0987654321', 'Pfizer', 'FK5618', '1', '05/08/2021'],
];
describe('rows hidden in the workbook (a filtered list)', () => {
  it('are imported like the others, and said in one note on the header row naming them', async () => {
    const path = tmp.file('filtered.xlsx');
    const more = Array.from({ length: 6 }, (_, i) => [String(i + 3), `Lê Văn ${'ABCDEF'[i]}`, '02/11/1990', 'Nam', `00109001234${i}`, '0987654321', 'Pfizer', 'FK5618', '1', '05/08/2021']);
    await writeXlsx(path, [{ name: 'DS', rows: [...rows, ...more], hiddenRows: [3, 5, 6, 7, 8, 9, 10] }]);
    const preview = await previewImport(path, { now });
    expect(preview.rows).toBe(9);
    const note = preview.findings.filter((f) => f.code === 'IMPORT_HIDDEN_ROWS');
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ row: 1, severity: 'warning' });
    expect(note[0]!.message_en).toBe('7 data rows are hidden in the workbook (a filter, or hidden rows): rows 3, 5, 6, 7, 8 and 2 more. They are read and imported like the others; to leave them out, delete them from the file.');
    expect(note[0]!.message_vi).toContain('7 dòng dữ liệu đang bị ẩn trong bảng tính');
    // Nothing hidden: no note.
    const plain = tmp.file('unfiltered.xlsx');
    await writeXlsx(plain, [{ name: 'DS', rows }]);
    expect((await previewImport(plain, { now })).findings.map((f) => f.code)).not.toContain('IMPORT_HIDDEN_ROWS');
  });
});
