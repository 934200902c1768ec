// An id typed as a number in a column formatted "000000000000" shows its leading zero in Excel
// and LibreOffice: the user never lost it. It was read as the bare number, "restored" and warned
// about on every row (IMPORT_ID_LEADING_ZERO_RESTORED: "Excel dropped its leading zeros"). Such a
// cell is now the text shown (xlsx/workbookParts.ts zeroPadStyles, worksheetRows.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const row = (n: number, cccd: number, phone: number): (string | number)[] => [n, 'Nguyễn Văn An', '15/03/1985', 'Nam', cccd, phone, 'AstraZeneca', 'AB1234', 1, '29/07/2021'];

describe('numbers shown with leading zeros by their format', () => {
  it('are read as the text shown: ids and phones whole, without the restored-zeros warning', async () => {
    const path = tmp.file('zero-formats.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, row(1, 79085001234, 912345678), row(2, 1085001235, 912345679)], numFmts: { 4: '000000000000', 5: '0000000000' } }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.input.person.idNumber, r.input.person.phone, r.findings.map((f) => f.code).join()])).toEqual([
      [2, 'ready', '079085001234', '0912345678', ''],
      [3, 'ready', '001085001235', '0912345679', ''],
    ]);
  });

  it('restore two zeros at most: a 9-digit CMND typed in the CCCD column stays a CMND', async () => {
    const path = tmp.file('cmnd-in-zero-format.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, row(1, 272345678, 912345678)], numFmts: { 4: '000000000000' } }]);
    const [r] = (await previewImport(path, { now })).records;
    expect([r!.input.person.idType, r!.input.person.idNumber]).toEqual(['CMND', '272345678']);
  });

  it('leave an id in a scientific format its number: only a lot shown so is taken for a lost one', async () => {
    const path = tmp.file('id-scientific.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, row(1, 79085001234, 912345678)], numFmts: { 4: '0.00E+00', 5: '0.00E+00' } }]);
    const [r] = (await previewImport(path, { now })).records;
    expect([r!.input.person.idNumber, r!.input.person.phone, r!.findings.map((f) => f.code)]).toEqual(['079085001234', '0912345678', ['IMPORT_ID_LEADING_ZERO_RESTORED']]);
  });

  it('leave numbers in other formats as numbers: the zeros a plain number lost are still restored and said', async () => {
    const path = tmp.file('plain-and-short-formats.xlsx');
    // "0" and "00000" (five zeros) are no id's width: the cell stays a number.
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, row(1, 79085001234, 912345678)], numFmts: { 4: '00000', 8: '0' } }]);
    const preview = await previewImport(path, { now });
    const [r] = preview.records;
    expect([r!.input.person.idNumber, r!.input.dose.doseNumber, r!.findings.map((f) => f.code)]).toEqual(['079085001234', 1, ['IMPORT_ID_LEADING_ZERO_RESTORED']]);
  });
});
