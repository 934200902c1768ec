// A probe of session 23 found these refusals said too little on the screen and the CLI: which
// sheet names the workbook has, which limit a file passed, what was wrong in a damaged sheet were
// only in the details (`--json`). Each now says it in both languages.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { StationError } from '../../../shared/errors.js';
import { inlineSheetData, makeTempDir, STANDARD_HEADER, writeRawXlsx, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const ROW = ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '001085012345', 'Pfizer', 'FF2587', '1', '20/07/2021'];

async function refusal(path: string, options: Parameters<typeof previewImport>[1] = {}): Promise<StationError> {
  const err = await previewImport(path, { now, ...options }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StationError);
  return err as StationError;
}

describe('refusals that say what the details held', () => {
  it('a sheet asked for that is not there names the sheets the workbook has', async () => {
    const path = tmp.file('months.xlsx');
    await writeXlsx(path, [{ name: 'Tháng 10', rows: [STANDARD_HEADER, ROW] }, { name: 'Tháng 11', rows: [STANDARD_HEADER, ROW] }]);
    const err = await refusal(path, { sheet: 'Tháng 13' });
    expect(err.code).toBe('IMPORT_SHEET_NOT_FOUND');
    expect(err.messageEn).toBe('The workbook has no worksheet with this name. Asked for: "Tháng 13"; the workbook\'s sheets: "Tháng 10", "Tháng 11".');
    expect(err.messageVi).toContain('các trang của tệp: "Tháng 10", "Tháng 11"');
  });

  it('too many rows says how many are allowed', async () => {
    const path = tmp.file('rows.csv');
    writeFileSync(path, [STANDARD_HEADER, ROW, ROW, ROW].map((r) => r.join(',')).join('\r\n'));
    const err = await refusal(path, { limits: { maxRows: 2 } });
    expect(err.code).toBe('IMPORT_TOO_LARGE');
    expect(err.messageEn).toContain('The file has more than 2 rows of data: split the list into several files.');
    expect(err.messageVi).toContain('Tệp có hơn 2 dòng dữ liệu');
  });

  it('too many bytes says the size and the limit', async () => {
    const path = tmp.file('bytes.csv');
    writeFileSync(path, [STANDARD_HEADER, ROW].map((r) => r.join(',')).join('\r\n'));
    const err = await refusal(path, { limits: { maxBytes: 100 } });
    expect(err.code).toBe('IMPORT_TOO_LARGE');
    expect(err.messageEn).toMatch(/^The file is too large to import\. The file is .+, over the limit of .+: split the list into several files\.$/);
  });

  it('too many cells in a sheet says which sheet, and the usual cause', async () => {
    const path = tmp.file('cells.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, ROW, ROW] }]);
    const err = await refusal(path, { limits: { maxCells: 12 } });
    expect(err.code).toBe('IMPORT_TOO_LARGE');
    expect(err.messageEn).toContain('Sheet "DS" has more than 12 cells. If the list is not that large, the sheet may have formatting or formulas filled to its very end');
  });

  it('a damaged sheet says what to do and what was wrong', async () => {
    const path = tmp.file('entity.xlsx');
    writeRawXlsx(path, inlineSheetData([STANDARD_HEADER, ROW]).replace('Nguyễn Văn An', 'Nguyễn&nbsp;Văn An'));
    const err = await refusal(path);
    expect(err.code).toBe('IMPORT_CORRUPT_XLSX');
    expect(err.messageEn).toMatch(/^The Excel file is damaged: its sheet content cannot be read\. Open it in Excel \(Excel offers to repair it\), save it again and import it again\. \(Technical detail: .*nbsp.*\.\)$/);
    expect(err.messageVi).toContain('(Chi tiết kỹ thuật, tiếng Anh:');
  });
});
