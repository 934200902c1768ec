// A list whose person cells are merged over the person's dose rows imports from the xlsx (the
// merge is read), but a CSV saved from it keeps a merged cell's text in its first row only: the
// later dose rows had three "required" errors each and no word of why (mapRow.ts personBlank).
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const rows = [
  STANDARD_HEADER,
  ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021'],
  ['', '', '', '', '', '', 'AstraZeneca', 'AB5678', '2', '21/10/2021'],
  ['2', 'Trần Thị Bình', '02/11/1990', 'Nữ', '001190012345', '0987654321', 'Pfizer', 'FK5618', '1', '05/08/2021'],
];

describe('a dose row whose person cells are blank', () => {
  it('in a CSV: one error saying the person is missing and why that happens, not three "required"', async () => {
    const path = tmp.file('merged-person.csv');
    writeDelimited(path, rows);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()])).toEqual([
      [2, 'ready', ''],
      [3, 'error', 'fullName:IMPORT_PERSON_BLANK'],
      [4, 'ready', ''],
    ]);
    expect(preview.records[1]!.findings[0]!.message_en).toContain('with cells merged in Excel, a CSV does not keep merged cells');
    expect(preview.records[1]!.findings[0]!.message_vi).toContain('tệp CSV không giữ ô gộp');
  });

  it('in the xlsx with the cells merged: the person of the merge, as before', async () => {
    const path = tmp.file('merged-person.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows, merges: ['A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F2:F3'] }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.input.person.fullName])).toEqual([
      [2, 'ready', 'Nguyễn Văn An'],
      [3, 'ready', 'Nguyễn Văn An'],
      [4, 'ready', 'Trần Thị Bình'],
    ]);
  });

  it('is not said of a person whose cells hold an error (#N/A from a lookup): the errors are', async () => {
    const path = tmp.file('lookup-errors.xlsx');
    const na = { error: '#N/A' };
    await writeXlsx(path, [{ name: 'DS', rows: [rows[0]!, ['1', na, na, 'Nam', na, '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021']] }]);
    const preview = await previewImport(path, { now });
    const found = preview.records[0]!.findings.map((f) => `${f.field}:${f.code}`);
    expect(found).not.toContain('fullName:IMPORT_PERSON_BLANK');
    expect(found).toEqual(expect.arrayContaining(['fullName:IMPORT_CELL_ERROR', 'idNumber:IMPORT_CELL_ERROR', 'dob:IMPORT_CELL_ERROR']));
  });

  it('written "as above" (Như trên, ", 〃, nt): one error saying so, never the row above\'s person', async () => {
    const path = tmp.file('ditto.csv');
    const dose = (name: string, dob: string, id: string): string[] => ['', name, dob, dob, id, '', 'AstraZeneca', 'AB5678', '2', '21/10/2021'];
    writeDelimited(path, [rows[0]!, rows[1]!, dose('Như trên', '"', ''), dose('〃', '〃', '〃'), dose('nt', '', ''), dose('Nguyễn Văn Nt', '"', '')]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code).join()])).toEqual([
      [2, 'ready', ''],
      [3, 'error', 'IMPORT_PERSON_AS_ABOVE'],
      [4, 'error', 'IMPORT_PERSON_AS_ABOVE'],
      [5, 'error', 'IMPORT_PERSON_AS_ABOVE'],
      // A real name with a ditto mark for its date of birth: its own findings, not "as above".
      [6, 'error', expect.not.stringContaining('IMPORT_PERSON_AS_ABOVE')],
    ]);
    expect(preview.records[1]!.findings[0]!.message_en).toContain('This row says "as above" instead of the person');
  });
});
