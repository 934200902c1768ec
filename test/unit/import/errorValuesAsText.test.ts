// Excel saves a formula's error result into a CSV as its text ("#N/A", "#REF!"): such a cell is
// read as the xlsx reader reads the error cell itself, in every field, and a name that holds one,
// or TRUE/FALSE (a comparison's result), is no name to sign into a certificate.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { EXCEL_ERROR_VALUES } from '../../../electron/core/import/rowFindings.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

// STANDARD_HEADER: STT, name, dob, sex, id, phone, vaccine, lot, dose, date.
const ROW = ['1', 'Nguyễn Văn An', '12/05/1985', 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AZ1234', '1', '01/07/2021'];
const FIELDS: [number, string][] = [[1, 'fullName'], [2, 'dob'], [4, 'idNumber'], [5, 'phone'], [6, 'vaccine'], [7, 'lot'], [9, 'vaccinationDate']];
const withCell = <T>(column: number, value: T): (string | T)[] => ROW.map((c, i) => (i === column ? value : c));
const found = (preview: Awaited<ReturnType<typeof previewImport>>) => preview.records.map((r) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}:${f.code}`));

describe('a text cell that is exactly an Excel error value', () => {
  it('is the same error, on the same field, as the xlsx error cell, in every field', async () => {
    const csv = tmp.file('errors.csv');
    writeDelimited(csv, [STANDARD_HEADER, ...FIELDS.map(([column]) => withCell(column, '#N/A'))]);
    const xlsx = tmp.file('errors.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows: [STANDARD_HEADER, ...FIELDS.map(([column]) => withCell<XlsxCell>(column, { error: '#N/A' }))] }]);
    const fromCsv = found(await previewImport(csv, { now }));
    expect(fromCsv).toEqual(found(await previewImport(xlsx, { now })));
    expect(fromCsv.map((f) => f[0])).toEqual(FIELDS.map(([, field]) => `${field}:IMPORT_CELL_ERROR`));
  });

  it('is read so for every error value Excel writes, in any case and with spaces around', async () => {
    const values = [...EXCEL_ERROR_VALUES];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...values), fc.boolean(), fc.constantFrom('', ' '), async (value, lower, pad) => {
        const csv = tmp.file('one.csv');
        writeDelimited(csv, [STANDARD_HEADER, withCell(7, `${pad}${lower ? value.toLowerCase() : value}${pad}`)]);
        const [record] = (await previewImport(csv, { now })).records;
        expect(record!.status).toBe('error');
        expect(record!.findings.find((f) => f.code === 'IMPORT_CELL_ERROR')?.message_en).toContain(value);
      }),
      { numRuns: 25 },
    );
  });
});

describe('a name a formula gave', () => {
  it.each([
    ['an error inside it', 'Nguyễn Văn #REF!', 'IMPORT_CELL_ERROR', '#REF!'],
    ['two errors', '#REF! #REF!', 'IMPORT_CELL_ERROR', '#REF!'],
    ['FALSE', 'FALSE', 'IMPORT_NAME_NOT_A_NAME', '"FALSE"'],
    ['TRUE', 'TRUE', 'IMPORT_NAME_NOT_A_NAME', '"TRUE"'],
    ['a number', '0', 'IMPORT_NAME_NOT_A_NAME', '"0"'],
  ])('%s is an error, the only one on the name', async (_what, name, code, quoted) => {
    const csv = tmp.file('name.csv');
    writeDelimited(csv, [STANDARD_HEADER, withCell(1, name)]);
    const [record] = (await previewImport(csv, { now })).records;
    expect(record!.status).toBe('error');
    const nameFindings = record!.findings.filter((f) => ['fullName', 'familyName', 'givenName', 'fnt', 'gnt'].includes(f.field));
    expect(nameFindings.map((f) => `${f.code}:${f.severity}`)).toEqual([`${code}:error`]);
    expect(nameFindings[0]!.message_en).toContain(quoted);
  });

  it('a boolean cell of an xlsx name column is the same error as its CSV text', async () => {
    const xlsx = tmp.file('bool.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows: [STANDARD_HEADER, withCell<XlsxCell>(1, false)] }]);
    expect(found(await previewImport(xlsx, { now }))).toEqual([['fullName:IMPORT_NAME_NOT_A_NAME']]);
  });

  it('names with a "#" that is no error value, and real names, are left alone', async () => {
    const csv = tmp.file('fine.csv');
    // The lot row is the person's dose 2. It was a second dose 1, skipped as a repeat and so never
    // validated (now both rows would be IMPORT_DUPLICATE_OTHER_LOT): "#" is no character of a lot,
    // the domain's rule, but the cell is no error value.
    const secondDose = withCell(7, 'NA#123').map((c, i) => (i === 8 ? '2' : i === 9 ? '01/10/2021' : c));
    writeDelimited(csv, [STANDARD_HEADER, withCell(1, 'Nguyễn Văn An'), secondDose]);
    expect(found(await previewImport(csv, { now }))).toEqual([[], ['lot:LOT_INVALID_CHARACTERS']]);
  });
});
