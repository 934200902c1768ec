import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../../electron/core/import/importLimits.js';
import { readXlsxSheets, type XlsxSheet } from '../../../electron/core/import/readXlsxSheets.js';
import { denseNote, makeDoses, makeTempDir, writeLargeClinicXlsx, writeXlsx } from '../../fixtures/clinicFiles.js';
import { statSync } from 'node:fs';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

async function readAll(path: string): Promise<XlsxSheet[]> {
  const out: XlsxSheet[] = [];
  for await (const sheet of readXlsxSheets(path, { limits: DEFAULT_IMPORT_LIMITS, size: statSync(path).size })) out.push(sheet);
  return out;
}

describe('readXlsxSheets (exceljs streaming reader, patched)', () => {
  it('keeps Vietnamese letters whole across 16 KB inflate chunks (exceljs #2063)', async () => {
    // Unpatched exceljs 4.4.0 corrupts 2 (inline strings) and 9 (shared strings) rows of this file.
    const doses = makeDoses(1000, 7);
    for (const sharedStrings of [true, false]) {
      const path = tmp.file(`big-${sharedStrings}.xlsx`);
      await writeLargeClinicXlsx(path, doses, { sharedStrings, notes: true });
      const [sheet] = await readAll(path);
      const data = sheet!.rows.slice(1);
      expect(data).toHaveLength(doses.length);
      expect(data.map((r) => r.cells[1])).toEqual(doses.map((d) => d.person.fullName));
      expect(data.map((r) => r.cells[10])).toEqual(doses.map((_, i) => denseNote(i)));
    }
  });

  it('fills merged ranges from their top-left cell', async () => {
    const path = tmp.file('merged.xlsx');
    await writeXlsx(path, [{
      name: 'Tiêm chủng',
      rows: [
        ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19'],
        ['STT', 'Họ và tên', 'Thông tin tiêm', null],
        [null, null, 'Tên vắc xin', 'Ngày tiêm'],
        ['1', 'Nguyễn Văn An', 'Pfizer', '01/07/2021'],
        [null, null, 'Pfizer', '01/08/2021'],
      ],
      merges: ['A1:D1', 'A2:A3', 'B2:B3', 'C2:D2', 'A4:A5', 'B4:B5'],
    }]);
    const [sheet] = await readAll(path);
    expect(sheet!.rows.map((r) => r.cells)).toEqual([
      ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19', 'DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19', 'DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19', 'DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19'],
      ['STT', 'Họ và tên', 'Thông tin tiêm', 'Thông tin tiêm'],
      ['STT', 'Họ và tên', 'Tên vắc xin', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', 'Pfizer', '01/07/2021'],
      ['1', 'Nguyễn Văn An', 'Pfizer', '01/08/2021'],
    ]);
  });
});
