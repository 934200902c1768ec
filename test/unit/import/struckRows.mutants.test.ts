// Cases a hand mutation probe of struckRows.ts (session 27) found no test for: each part struck
// inside a cell of a row is said on its own field (a lot read without its struck part and a name
// read without a struck word are two things for the clerk to check, and saying only the last left
// the lot's change unsaid), and a part struck in a column no field reads is not said at all.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const row = (i: number, name: string): string[] => [String(i + 1), name, '15/03/1985', 'Nam', `00108501234${i}`, '0912345678', 'Pfizer', 'FF2587', '1', '20/07/2021'];

describe('parts struck inside the cells of a row', () => {
  it('are each said on their own field; a struck part of a column no field reads is not said', async () => {
    const path = tmp.file('two-struck-parts.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow([...STANDARD_HEADER, 'Cột tạm']);
    ws.addRow([...row(0, 'Nguyễn Văn An'), 'x']);
    ws.addRow([...row(1, 'Lê Văn Cường'), 'y']);
    // Row 2: the old lot struck before its correction, and a wrong word of the name struck.
    ws.getCell(2, 8).value = { richText: [{ text: 'FF1234', font: { strike: true } }, { text: ' FF1235' }] };
    ws.getCell(2, 2).value = { richText: [{ text: 'Nguyễn Văn ' }, { text: 'Anh', font: { strike: true } }, { text: ' An' }] };
    // Row 3: a part struck only in the column beside the list, which nothing reads.
    ws.getCell(3, 11).value = { richText: [{ text: 'cũ', font: { strike: true } }, { text: ' mới' }] };
    await wb.xlsx.writeFile(path);
    const p = await previewImport(path, { now });
    const struck = (r: number) => p.records.find((x) => x.row === r)!.findings.filter((f) => f.code === 'IMPORT_CELL_TEXT_STRUCK').map((f) => f.field).sort();
    expect(struck(2)).toEqual(['fullName', 'lot']);
    expect(p.records.find((x) => x.row === 2)!.input.dose.lot).toBe('FF1235');
    expect(struck(3)).toEqual([]);
  });
});
