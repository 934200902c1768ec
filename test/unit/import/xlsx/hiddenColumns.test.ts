// Clinics keep helper columns and hide them: an unaccented copy of the name for an old system
// ("Họ tên": NGUYEN VAN AN), the appointment date under "Ngày tiêm" beside the real "Ngày tiêm
// chủng". The reader took no notice of `<col hidden>`, and the leftmost of two columns naming a
// field won: unaccented names and appointment dates were imported. A visible column now wins over
// a hidden one, and a hidden column that is the only one for its field is read, and said.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../../electron/core/import/previewImport.js';
import { inlineSheetData, makeTempDir, writeRawXlsx } from '../../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const HEADER = ['STT', 'Họ tên', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm', 'Ngày tiêm chủng'];
const ROWS = [
  HEADER,
  ['1', 'NGUYEN VAN AN', 'Nguyễn Văn An', '15/03/1985', 'Nam', '001085012345', 'Pfizer', 'FF2587', '1', '18/07/2021', '20/07/2021'],
  ['2', 'TRAN THI BINH', 'Trần Thị Bình', '02/11/1990', 'Nữ', '079190001234', 'AstraZeneca', 'NJ0342', '2', '19/08/2021', '21/08/2021'],
];

const write = (name: string, cols: string, rows: string[][] = ROWS): string => {
  const path = tmp.file(name);
  writeRawXlsx(path, `<cols>${cols}</cols>${inlineSheetData(rows)}`);
  return path;
};

describe('columns hidden in the workbook', () => {
  it('lose a tie to a visible column naming the same field, and the note says the one left out is hidden', async () => {
    // B (Excel: width 0, hidden) and J (LibreOffice: hidden="true") are the helper columns.
    const path = write('helpers.xlsx', '<col min="2" max="2" width="0" hidden="1" customWidth="1"/><col min="10" max="10" width="12" hidden="true"/>');
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.input.person.fullName, r.input.dose.vaccinationDate])).toEqual([
      ['Nguyễn Văn An', '2021-07-20'],
      ['Trần Thị Bình', '2021-08-21'],
    ]);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD');
    expect(notes.map((f) => f.message_en)).toEqual([
      'Columns C ("Họ và tên") and B ("Họ tên") could both be the full name: only column C is imported (as column B is hidden in the workbook), the other is ignored.',
      'Columns K ("Ngày tiêm chủng") and J ("Ngày tiêm") could both be the vaccination date: only column K is imported (as column J is hidden in the workbook), the other is ignored.',
    ]);
    expect(notes[0]!.message_vi).toContain('vì cột B đang bị ẩn trong bảng tính');
    // The hidden columns left out are no hidden columns read.
    expect(p.findings.map((f) => f.code)).not.toContain('IMPORT_HIDDEN_COLUMNS');
  });

  it('are still the first of two when both are visible, or both hidden', async () => {
    const path = write('both-hidden.xlsx', '<col min="2" max="3" hidden="1"/>');
    const p = await previewImport(path, { now });
    expect(p.records[0]!.input.person.fullName).toBe('NGUYEN VAN AN');
    expect(p.findings.find((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD')!.message_en).toContain('the first of them');
  });

  it('are read when the only column for their field, with one note naming them', async () => {
    // The list without the helper columns; the CCCD column (E) hidden, and every column past the list too (as Excel writes "hide the rest").
    const rows = ROWS.map((r) => [r[0]!, ...r.slice(2, 9), r[10]!]);
    const path = write('only-hidden.xlsx', '<col min="5" max="5" hidden="1"/><col min="12" max="16384" hidden="1"/>', rows);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => r.input.person.idNumber)).toEqual(['001085012345', '079190001234']);
    const note = p.findings.filter((f) => f.code === 'IMPORT_HIDDEN_COLUMNS');
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ row: 1, severity: 'warning' });
    expect(note[0]!.message_en).toBe('Column E ("Số CCCD") as the id number is hidden in the workbook, but read and imported. Unhide it to check; to leave it out, delete it from the file.');
    expect(note[0]!.message_vi).toContain('đang bị ẩn trong bảng tính nhưng vẫn được đọc');
    // A sheet note: said once, not on each record.
    expect(p.records.every((r) => r.findings.every((f) => f.code !== 'IMPORT_HIDDEN_COLUMNS'))).toBe(true);
  });
});
