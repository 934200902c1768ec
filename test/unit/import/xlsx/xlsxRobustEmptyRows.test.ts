// Rows formatted down to the bottom of the sheet: a clinic's 3 rows followed by a million empty
// styled `<row s="1" customFormat="1"/>` elements are 3 rows, not a file too large to import. The
// row limit counts rows with a non-blank cell; how many `<row>` elements are read is still bounded
// (Excel's own sheet height), so a file of endless empty rows is refused, and the progress bar and
// cancel keep working through them.
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, EXCEL_MAX_ROWS, type ImportLimits } from '../../../../electron/core/import/importLimits.js';
import { previewImport } from '../../../../electron/core/import/previewImport.js';
import { readXlsxSheets, type ReadXlsxOptions, type XlsxSheet } from '../../../../electron/core/import/readXlsxSheets.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeRawXlsx } from '../../../fixtures/clinicFiles.js';
import { refusalOf } from './refusalOf.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const STYLES = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="49"/></cellXfs></styleSheet>`;
const column = (i: number): string => String.fromCharCode(65 + i);

function textRow(r: number, cells: readonly string[]): string {
  return `<row r="${r}">${cells.map((v, c) => `<c r="${column(c)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
}

/** Empty styled rows from row `from` on, as Excel writes a sheet formatted down to its last row. */
function emptyStyledRows(from: number, count: number): string {
  let xml = '';
  for (let r = from; r < from + count; r++) xml += `<row r="${r}" s="1" customFormat="1"/>`;
  return xml;
}

function writeSheet(path: string, rowsXml: string): void {
  writeRawXlsx(path, `<sheetData>${rowsXml}</sheetData>`, { extraEntries: [{ name: 'xl/styles.xml', data: Buffer.from(STYLES, 'utf8') }] });
}

async function read(path: string, limits: Partial<ImportLimits> = {}, more: Partial<ReadXlsxOptions> = {}): Promise<XlsxSheet> {
  const sheets: XlsxSheet[] = [];
  for await (const sheet of readXlsxSheets(path, { limits: { ...DEFAULT_IMPORT_LIMITS, ...limits }, size: statSync(path).size, ...more })) sheets.push(sheet);
  return sheets[0]!;
}

describe('the row limit counts rows with a non-blank cell', () => {
  it('reads 3 rows followed by thousands of empty styled rows under a row limit of 10', async () => {
    const path = tmp.file('three-then-empty.xlsx');
    writeSheet(path, textRow(1, ['a']) + textRow(2, ['b']) + textRow(3, ['c']) + emptyStyledRows(4, 5000));
    const sheet = await read(path, { maxRows: 10 });
    expect(sheet.rows.map((r) => [r.row, r.cells])).toEqual([[1, ['a']], [2, ['b']], [3, ['c']]]);
  });

  it('does not count rows whose cells are all empty or spaces', async () => {
    const path = tmp.file('blank-cells.xlsx');
    const blank = (r: number): string => `<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" t="inlineStr"><is><t xml:space="preserve">  </t></is></c><c r="C${r}" t="inlineStr"><is><t></t></is></c></row>`;
    let rows = '';
    for (let r = 1; r <= 20; r++) rows += r % 4 === 0 ? textRow(r, [`x${r}`]) : blank(r);
    writeSheet(path, rows);
    const sheet = await read(path, { maxRows: 5 });
    expect(sheet.rows.map((r) => r.row)).toEqual([4, 8, 12, 16, 20]);
  });

  it('still refuses one row more than the limit, blank rows between them or not', async () => {
    const path = tmp.file('eleven.xlsx');
    let rows = '';
    for (let i = 0; i < 11; i++) rows += textRow(i * 100 + 1, [`r${i}`]) + emptyStyledRows(i * 100 + 2, 99);
    writeSheet(path, rows);
    await expect(read(path, { maxRows: 11 })).resolves.toMatchObject({ rows: { length: 11 } });
    const e = await refusalOf(() => read(path, { maxRows: 10 }));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { maxRows: 10 } });
  });

  it('imports a clinic list formatted down to the last row of the sheet', async () => {
    const doses = makeDoses(2, 11).slice(0, 3);
    const rows = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
    const path = tmp.file('clinic-formatted-down.xlsx');
    writeSheet(path, rows.map((cells, i) => textRow(i + 1, cells)).join('') + emptyStyledRows(rows.length + 1, 3000));
    const preview = await previewImport(path, { now: () => new Date('2023-01-01T00:00:00Z'), limits: { maxRows: 100 } });
    expect(preview).toMatchObject({ format: 'xlsx', rows: 3 });
    expect(preview.records.map((r) => r.input.dose.vaccinationDate)).toEqual(doses.map((d) => d.date));
  });
});

describe('the bound on the <row> elements read', () => {
  it('is Excel’s sheet height by default: a sheet of 3 rows formatted to row 1,048,576 is read', async () => {
    expect(DEFAULT_IMPORT_LIMITS.maxRowElements).toBe(EXCEL_MAX_ROWS);
    const path = tmp.file('full-height.xlsx');
    // Rows without r follow the one before: the same rows as `r="4"` … `r="1048576"`, written fast.
    writeSheet(path, textRow(1, ['a']) + textRow(2, ['b']) + textRow(3, ['c']) + '<row s="1" customFormat="1"/>'.repeat(EXCEL_MAX_ROWS - 3));
    const sheet = await read(path);
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('refuses more <row> elements than the bound, even all empty', async () => {
    const path = tmp.file('endless-empty.xlsx');
    writeSheet(path, textRow(1, ['a']) + emptyStyledRows(2, 1000));
    await expect(read(path, { maxRowElements: 1001 })).resolves.toMatchObject({ rows: { length: 1 } });
    const e = await refusalOf(() => read(path, { maxRowElements: 1000 }));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { maxRowElements: 1000 } });
  });

  it('refuses rows that each reach the last column before they take the memory, and reads a clinic list under the same bound', async () => {
    const wide = tmp.file('wide.xlsx');
    let xml = textRow(1, ['Họ và tên', 'Số CCCD']);
    for (let r = 2; r <= 40; r++) xml += `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
    writeSheet(wide, xml);
    const e = await refusalOf(() => read(wide, { maxCells: 200_000 }));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { maxCells: 200_000 } });
    const list = tmp.file('narrow.xlsx');
    writeSheet(list, Array.from({ length: 5_000 }, (_, i) => textRow(i + 1, ['Nguyễn Văn An', '079085001234', '01/07/2021'])).join(''));
    await expect(read(list, { maxCells: 200_000 })).resolves.toMatchObject({ rows: { length: 5_000 } });
  });

  it('counts no blank text far right: a formula filled to column XFD whose result is "" widens no row', async () => {
    // =IF(…,"","") in XFD of each of 3,000 rows counted 49 million cells: "too large" for a small list.
    const path = tmp.file('xfd-strays.xlsx');
    let xml = textRow(1, ['Họ và tên', 'Số CCCD']);
    for (let r = 2; r <= 40; r++) {
      xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c r="B${r}" t="inlineStr"><is><t>079085001234</t></is></c>`;
      xml += `<c r="XFC${r}" t="inlineStr"><is><t xml:space="preserve">  </t></is></c><c r="XFD${r}" t="str"><f>IF(A${r}="","","")</f><v></v></c></row>`;
    }
    writeSheet(path, xml);
    const sheet = await read(path, { maxCells: 200_000 });
    expect(sheet.rows).toHaveLength(40);
    expect(sheet.rows.every((r) => r.cells.length === 2)).toBe(true);
    // A blank text before a value is kept where it is.
    const inner = tmp.file('inner-blank.xlsx');
    writeSheet(inner, `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="str"><f>""</f><v></v></c><c r="E1" t="inlineStr"><is><t>e</t></is></c><c r="G1" t="inlineStr"><is><t> </t></is></c></row>`);
    expect((await read(inner)).rows[0]!.cells).toEqual(['a', null, '', null, 'e']);
  });

  it('keeps reporting progress and honouring cancel while it reads empty rows', async () => {
    const path = tmp.file('progress.xlsx');
    writeSheet(path, textRow(1, ['a']) + emptyStyledRows(2, 9000));
    const reports: number[] = [];
    await read(path, { maxRows: 10 }, { onProgress: (done) => reports.push(done) });
    // One report every 2,000 <row> elements, blank ones included, and one at the end.
    expect(reports.length).toBeGreaterThanOrEqual(5);

    const controller = new AbortController();
    const e = await refusalOf(() => read(path, { maxRows: 10 }, { signal: controller.signal, onProgress: () => controller.abort() }));
    expect(e.code).toBe('IMPORT_CANCELLED');
  });
});
