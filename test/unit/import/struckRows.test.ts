// Probe of session 24 (t16_strike_datiem.xlsx): a row a clerk struck through in Excel (Ctrl+5), a
// dose cancelled or entered by mistake, was read as any other row and stored ready to sign.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { isStruckRow } from '../../../electron/core/import/struckRows.js';
import { stylesHandler, type StylesInfo } from '../../../electron/core/import/xlsx/workbookParts.js';
import { XmlScanner } from '../../../electron/core/import/xlsx/xmlScanner.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'];
const row = (i: number): string[] => [String(i + 1), NAMES[i]!, '15/03/1985', i % 2 === 0 ? 'Nam' : 'Nữ', `001${i % 2 === 0 ? '0' : '1'}8501234${i}`, '0912345678', 'Pfizer', 'FF2587', '1', '20/07/2021'];

async function workbook(path: string, strike: (sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(STANDARD_HEADER);
  for (let i = 0; i < NAMES.length; i++) ws.addRow(row(i));
  strike(ws);
  await wb.xlsx.writeFile(path);
}

describe('a row struck through in the workbook', () => {
  it('is an error on its record, not confirmable; a cell struck beside its correction, or none, is not', async () => {
    const path = tmp.file('struck.xlsx');
    await workbook(path, (ws) => {
      // Row 3 crossed out whole (Ctrl+5 on the row's cells); row 5: its lot alone, corrected.
      for (let c = 1; c <= STANDARD_HEADER.length; c++) ws.getCell(3, c).font = { strike: true };
      ws.getCell(5, 8).font = { strike: true };
    });
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code)])).toEqual([
      [2, 'ready', []],
      [3, 'error', ['IMPORT_ROW_STRUCK']],
      [4, 'ready', []],
      [5, 'ready', []],
    ]);
    const finding = preview.records[1]!.findings[0]!;
    expect(finding.severity).toBe('error');
    expect(finding.message_en).toContain('struck through');
    expect(finding.message_vi).toContain('bị gạch ngang');
  });

  it('is most of its own values struck, two at least', () => {
    const cells = ['1', 'Nguyễn Văn An', '15/03/1985', null, 'Pfizer'];
    expect(isStruckRow({ row: 2, cells, struck: [0, 1, 2] })).toBe(true);
    expect(isStruckRow({ row: 2, cells, struck: [1, 2] })).toBe(false);
    expect(isStruckRow({ row: 2, cells: ['x', 'FF1234'], struck: [1] })).toBe(false);
    // The person merged over the row from above is the row above's, struck or not.
    expect(isStruckRow({ row: 3, cells, struck: [0, 4], mergedFromAbove: [1, 2] })).toBe(true);
  });

  // Session 25, a mutation probe: the bounds of "most" and "own", each of which could move unseen.
  it('counts only the row\'s values: blank cells (an empty phone, notes) neither dilute a struck row nor make one', () => {
    // Three of five values struck is the row; the same three of four values with blanks between.
    expect(isStruckRow({ row: 2, cells: ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', 'Pfizer'], struck: [0, 1, 2] })).toBe(true);
    expect(isStruckRow({ row: 2, cells: ['1', 'Nguyễn Văn An', '15/03/1985', null, '', null, null, 'Pfizer'], struck: [0, 1, 2] })).toBe(true);
    // Strikethrough put on empty cells beside one struck value is one struck value.
    expect(isStruckRow({ row: 2, cells: ['1', 'Nguyễn Văn An', null, null, 'FF1234'], struck: [2, 3, 4] })).toBe(false);
    // Exactly half is not most.
    expect(isStruckRow({ row: 2, cells: ['1', 'Nguyễn Văn An', '15/03/1985', 'Pfizer'], struck: [0, 1] })).toBe(false);
  });
});

describe('the styles part', () => {
  it('marks the cell styles whose font is struck: <strike/>, not val="0", not a conditional format\'s font', () => {
    const into: StylesInfo = { dateStyles: [], zeroPadStyles: [], scientificStyles: [], partialDateStyles: [], dayFirstStyles: [] };
    const scanner = new XmlScanner(stylesHandler(into));
    scanner.push(
      '<styleSheet><fonts count="4"><font><sz val="11"/></font><font><strike/><sz val="11"/></font><font><strike val="0"/></font><font><b/><strike val="1"/></font></fonts>' +
        '<cellXfs><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1"/><xf numFmtId="14" fontId="2"/><xf fontId="3"/><xf numFmtId="0"/></cellXfs>' +
        '<dxfs><dxf><font><strike/></font></dxf></dxfs></styleSheet>',
    );
    scanner.end();
    expect(into.strikeStyles).toEqual([false, true, false, true, false]);
  });
});
