// A list with a row per dose whose template numbers each person's dose rows ahead: the person
// merged over three rows, "Mũi 1", "Mũi 2", "Mũi 3" in the dose column, and the doses not given
// yet left blank. Each such row was three FIELD_REQUIRED errors (probe of session 23, t20_blocks);
// it is a row the template left, skipped with a note. A dose row with its date or vaccine, or a
// row with the person written on it, is still read and checked.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Số điện thoại', 'Mũi thứ', 'Tên vắc xin', 'Số lô', 'Ngày tiêm'];
const AN = [1, 'Nguyễn Văn An', '15/03/1985', 'Nam', '001085012345', '0912345678'];
const BINH = [2, 'Trần Thị Bình', '02/11/1990', 'Nữ', '079190001234', '0987654321'];
const NOBODY = [null, null, null, null, null, null];

/** row → [status, field:code …] for every record. */
const byRow = (p: ImportPreview): Record<number, string[]> => Object.fromEntries(p.records.map((r) => [r.row, [r.status, ...r.findings.map((f) => `${f.field}:${f.code}`)]]));
const skipped = (p: ImportPreview): number[] => p.findings.filter((f) => f.code === 'IMPORT_ROW_SKIPPED').map((f) => f.row);

/** Person cells merged over rows `from`..`to` (Excel rows), columns A–F. */
const mergedOver = (from: number, to: number): string[] => [...'ABCDEF'].map((c) => `${c}${from}:${c}${to}`);

describe('a dose row a template numbered ahead and no one filled', () => {
  it('under a person merged over the block: skipped, one note each naming the dose and the person', async () => {
    const path = tmp.file('blocks.xlsx');
    const rows: XlsxCell[][] = [
      HEADER,
      [...AN, 'Mũi 1', 'AstraZeneca', 'NJ0342', '20/07/2021'],
      [...NOBODY, 'Mũi 2', 'AstraZeneca', 'NJ0343', '20/09/2021'],
      [...NOBODY, 'Mũi 3', null, null, null],
      [...BINH, 'Mũi 1', 'Vero Cell', '202107A1', '21/08/2021'],
      [...NOBODY, 'Mũi 2', null, null, null],
      [...NOBODY, 'Mũi 3', null, null, null],
    ];
    await writeXlsx(path, [{ name: 'DS', rows, merges: [...mergedOver(2, 4), ...mergedOver(5, 7)] }]);
    const p = await previewImport(path, { now });
    expect(byRow(p)).toEqual({ 2: ['ready'], 3: ['ready'], 5: ['ready'] });
    expect(skipped(p)).toEqual([4, 6, 7]);
    const note = p.findings.find((f) => f.row === 4)!;
    expect(note.severity).toBe('warning');
    expect(note.message_vi).toContain('Dòng 4 (Nguyễn Văn An) chỉ ghi mũi tiêm thứ "Mũi 3"');
    expect(note.message_en).toContain('Row 4 (Nguyễn Văn An) holds only the dose number "Mũi 3"');
  });

  it('in a CSV, where the merged person is in the block\'s first row only: skipped too', async () => {
    const path = tmp.file('blocks.csv');
    const s = (cells: (string | number | null)[]): string[] => cells.map((c) => (c === null ? '' : String(c)));
    writeDelimited(path, [
      HEADER,
      s([...AN, 'Mũi 1', 'AstraZeneca', 'NJ0342', '20/07/2021']),
      s([...NOBODY, 'Mũi 2', null, null, null]),
      s([...NOBODY, 'Mũi 3', null, null, null]),
    ]);
    const p = await previewImport(path, { now });
    expect(byRow(p)).toEqual({ 2: ['ready'] });
    expect(skipped(p)).toEqual([3, 4]);
  });

  it('is still read when its date, vaccine or lot is filled, or when the person is written on it', async () => {
    const path = tmp.file('not-slots.xlsx');
    const rows: XlsxCell[][] = [
      HEADER,
      [...AN, 'Mũi 1', 'AstraZeneca', 'NJ0342', '20/07/2021'],
      // A dose given, its vaccine and lot not written: an error to fix, not a slot.
      [...NOBODY, 'Mũi 2', null, null, '20/09/2021'],
      [...NOBODY, 'Mũi 3', 'Pfizer', null, null],
      // The person typed on the row (no merge): a dose recorded without its details.
      [...BINH, 'Mũi 1', null, null, null],
    ];
    await writeXlsx(path, [{ name: 'DS', rows, merges: mergedOver(2, 4) }]);
    const p = await previewImport(path, { now });
    expect(byRow(p)).toEqual({
      2: ['ready'],
      3: ['error', 'vaccine:FIELD_REQUIRED', 'lot:FIELD_REQUIRED'],
      4: ['error', 'lot:FIELD_REQUIRED', 'vaccinationDate:FIELD_REQUIRED'],
      5: ['error', 'vaccine:FIELD_REQUIRED', 'lot:FIELD_REQUIRED', 'vaccinationDate:FIELD_REQUIRED'],
    });
    expect(skipped(p)).toEqual([]);
  });
});
