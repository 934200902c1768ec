// A clerk who selects text inside a cell and strikes it (Ctrl+5 in the cell's edit mode) strikes
// runs of rich text, not the cell's style: the reader read no run's font, so a row struck that way
// was stored ready to sign, and a lot "FF1234" struck beside its correction "FF1235" was read as
// two lots. A cell whose runs are all struck is a struck cell, as a struck style is; the struck
// part of a cell is crossed out: read without it, said with a warning.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeRawXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'];
const row = (i: number): string[] => [String(i + 1), NAMES[i]!, '15/03/1985', i % 2 === 0 ? 'Nam' : 'Nữ', `001${i % 2 === 0 ? '0' : '1'}8501234${i}`, '0912345678', 'Pfizer', 'FF2587', '1', '20/07/2021'];
const struck = (text: string): ExcelJS.CellRichTextValue => ({ richText: [{ text, font: { strike: true } }] });

describe('rich text struck inside a cell', () => {
  it('struck in every cell of a row, is a struck row; a part struck is left out, said', async () => {
    const path = tmp.file('runs.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(STANDARD_HEADER);
    for (let i = 0; i < NAMES.length; i++) ws.addRow(row(i));
    // Row 3: every value's text struck in the cell.
    for (let c = 1; c <= STANDARD_HEADER.length; c++) ws.getCell(3, c).value = struck(String(ws.getCell(3, c).value));
    // Row 4: the old lot struck, the correction after it.
    ws.getCell(4, 8).value = { richText: [{ text: 'FF1234', font: { strike: true } }, { text: ' FF1235' }] };
    await wb.xlsx.writeFile(path);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.row, r.status, r.input.dose.lot, r.findings.map((f) => f.code)])).toEqual([
      [2, 'ready', 'FF2587', []],
      [3, 'error', 'FF2587', ['IMPORT_ROW_STRUCK']],
      [4, 'warning', 'FF1235', ['IMPORT_CELL_TEXT_STRUCK']],
    ]);
    const said = p.records[2]!.findings[0]!;
    expect(said.field).toBe('lot');
    expect(said.message_en).toBe('The cell "Số lô" has "FF1234" struck through in it: read without it, as "FF1235". Check it.');
    expect(said.message_vi).toBe('Ô "Số lô" có chữ "FF1234" bị gạch ngang: đã đọc bỏ phần đó, thành "FF1235". Hãy kiểm tra lại.');
  });
});

// Generators (SheetJS, openpyxl's rich text, hospital exports) write rich text inline in the
// cell, `t="inlineStr"` with `<is><r>…</r></is>`, not in the shared strings: its runs' strike
// was not read, so "FF1234" struck beside "FF1235" was the lot "FF1234 FF1235", and a row struck
// that way was stored ready to sign.
describe('inline rich text struck inside a cell', () => {
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number): string => String.fromCharCode(65 + i);
  const plain = (r: number, c: number, v: string): string => `<c r="${col(c)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const runs = (r: number, c: number, parts: [string, boolean][]): string =>
    `<c r="${col(c)}${r}" t="inlineStr"><is>${parts.map(([t, s]) => `<r>${s ? '<rPr><strike/><sz val="11"/></rPr>' : '<rPr><sz val="11"/></rPr>'}<t xml:space="preserve">${esc(t)}</t></r>`).join('')}</is></c>`;

  it('struck in every cell of a row, is a struck row; a part struck is left out, said', async () => {
    const path = tmp.file('inline-runs.xlsx');
    const rows = [STANDARD_HEADER, row(0), row(1), row(2)];
    const xml = rows
      .map((cells, i) => {
        const r = i + 1;
        return `<row r="${r}">${cells
          .map((v, c) => (r === 3 ? runs(r, c, [[v, true]]) : r === 4 && c === 7 ? runs(r, c, [['FF1234', true], [' FF1235', false]]) : plain(r, c, v)))
          .join('')}</row>`;
      })
      .join('');
    writeRawXlsx(path, `<sheetData>${xml}</sheetData>`);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.row, r.status, r.input.dose.lot, r.findings.map((f) => f.code)])).toEqual([
      [2, 'ready', 'FF2587', []],
      [3, 'error', 'FF2587', ['IMPORT_ROW_STRUCK']],
      [4, 'warning', 'FF1235', ['IMPORT_CELL_TEXT_STRUCK']],
    ]);
    expect(p.records[2]!.findings[0]!.message_en).toBe('The cell "Số lô" has "FF1234" struck through in it: read without it, as "FF1235". Check it.');
  });
});
