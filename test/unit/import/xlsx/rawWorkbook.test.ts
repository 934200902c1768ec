// A workbook as non-Excel writers make them (.NET's OpenXML SDK with `x:` prefixes, exporters
// writing inline strings, cells and rows without `r`), written part by part into a raw zip: what
// exceljs never writes, our reader must still read as Excel shows it.
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../../../electron/core/import/importLimits.js';
import { previewImport } from '../../../../electron/core/import/previewImport.js';
import { inlineSheetData, makeTempDir, writeRawXlsx, writeZip } from '../../../fixtures/clinicFiles.js';
import { readAllSheets } from './readAllSheets.js';
import { refusalOf } from './refusalOf.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';


const workbook = `<?xml version="1.0" encoding="utf-8"?>
<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}">
  <x:workbookPr date1904="1"/>
  <x:sheets>
    <x:sheet name="Hướng dẫn" sheetId="1" state="hidden" r:id="R1"/>
    <x:sheet r:id='R2' sheetId='2' name='Danh sách &amp; ghi ch&#250;'/>
  </x:sheets>
</x:workbook>`;

const rels = `<Relationships xmlns="${PKG}">
  <Relationship Id="R2" Type="${REL}/worksheet" Target="/xl/worksheets/data.xml"/>
  <Relationship Id="R1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="R3" Type="${REL}/sharedStrings" Target="strings.xml"/>
  <Relationship Id="R4" Type="${REL}/styles" Target="styles.xml"/>
</Relationships>`;

const styles = `<x:styleSheet xmlns:x="${MAIN}">
  <x:numFmts count="2"><x:numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><x:numFmt numFmtId="165" formatCode="0.00 &quot;ngày&quot;"/></x:numFmts>
  <x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>
  <x:cellXfs count="5"><x:xf numFmtId="14"/><x:xf numFmtId="14" applyNumberFormat="1"/><x:xf numFmtId="164"/><x:xf numFmtId="165"/><x:xf numFmtId="0"/></x:cellXfs>
</x:styleSheet>`;

// 0 plain; 1 rich runs with a phonetic guide; 2 plain with a phonetic guide; 3 character references; 4 empty.
const strings = `<x:sst xmlns:x="${MAIN}" count="5" uniqueCount="5">
  <x:si><x:t>Họ và tên</x:t></x:si>
  <x:si><x:r><x:t xml:space="preserve">Trần Thị </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>Hương</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ちゃん</x:t></x:rPh></x:si>
  <x:si><x:t>Lê Văn Cường</x:t><x:rPh sb="0" eb="2"><x:t>レ</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>
  <x:si><x:t>Ph&#7841;m &#x110;&#x1EE9;c &lt;Anh&gt;</x:t></x:si>
  <x:si><x:t/></x:si>
</x:sst>`;

const dataSheet = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>
  <x:row r="2"><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>Ngày tiêm</x:t></x:is></x:c><x:c r="E2" t="inlineStr"><x:is><x:r><x:t>Ghi </x:t></x:r><x:r><x:t>chú</x:t></x:r></x:is></x:c></x:row>
  <x:row><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>43000</x:v></x:c><x:c s="3"><x:v>2.5</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>A &amp; B &#7841;</x:t></x:is></x:c></x:row>
  <x:row r="5"><x:c r="A5" t="s"><x:v>2</x:v></x:c><x:c r="B5" s="2"><x:v>43001.75</x:v></x:c><x:c r="C5" s="4"><x:v>7</x:v></x:c><x:c r="D5" t="e"><x:v>#N/A</x:v></x:c></x:row>
  <x:row r="6"><x:c r="A6" t="s"><x:v>3</x:v></x:c><x:c r="B6" s="0"><x:v>43002</x:v></x:c><x:c r="C6" t="str"><x:f>A6</x:f><x:v>x</x:v></x:c><x:c r="D6" t="d"><x:v>1985-03-02T00:00:00</x:v></x:c><x:c r="E6" t="d"><x:v>1985-02-30</x:v></x:c></x:row>
  <x:row r="7"><x:c r="A7" t="s"><x:v>4</x:v></x:c></x:row>
  <x:row r="8"><x:c r="C8" t="s"><x:v>2</x:v></x:c></x:row>
  <x:row r="9"/>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="c8:d9"/></x:mergeCells></x:worksheet>`;

const serial1904 = (n: number): string => new Date(Date.UTC(1904, 0, 1) + Math.round(n * 86_400_000)).toISOString().slice(0, 10);

describe('a workbook from a .NET writer, in a raw zip', () => {
  it('reads prefixed parts, inline strings, cells and rows without r, rich and phonetic runs, styles and merges', async () => {
    const path = tmp.file('dotnet.xlsx');
    // The parts in an order no Excel writes: the data sheet first, the workbook last.
    writeZip(path, [
      { name: 'xl/worksheets/data.xml', data: dataSheet },
      { name: 'xl/worksheets/sheet1.xml', data: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Đọc kỹ</t></is></c></row></sheetData></worksheet>` },
      { name: 'xl/strings.xml', data: strings },
      { name: 'xl/styles.xml', data: styles, store: true },
      { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="r" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
      { name: 'xl/_rels/workbook.xml.rels', data: rels },
      { name: 'xl/workbook.xml', data: workbook },
    ]);
    const sheets = await readAllSheets(path);
    expect(sheets.map((s) => [s.name, s.tabIndex, s.hidden, s.date1904])).toEqual([
      ['Hướng dẫn', 0, true, true],
      ['Danh sách & ghi chú', 1, false, true],
    ]);
    expect(sheets[0]!.sheetNames).toEqual(['Hướng dẫn', 'Danh sách & ghi chú']);
    expect(sheets[0]!.rows).toEqual([{ row: 1, cells: ['Đọc kỹ'] }]);
    expect(sheets[1]!.rows).toEqual([
      { row: 2, cells: ['Họ và tên', 'Ngày tiêm', null, null, 'Ghi chú'] },
      // Style 3's format is quoted text around a number: not a date.
      { row: 3, cells: ['Trần Thị Hương', { date: serial1904(43000) }, 2.5, true, 'A & B ạ'] },
      // Style 2 is "dd/mm/yyyy;@": day first on purpose; style 1 is built-in 14, the computer's short date.
      { row: 5, cells: ['Lê Văn Cường', { date: serial1904(43001.75), dayFirst: true }, 7, { error: '#N/A' }] },
      // Style 0 is never a date, whatever its format (as exceljs read it).
      // ISO date cells (t="d"): the day they name; an impossible one is an error cell, not a year.
      { row: 6, cells: ['Phạm Đức <Anh>', 43002, 'x', { date: '1985-03-02' }, { error: '#DATE' }] },
      // An empty shared string is an empty cell: the row is blank.
      { row: 8, cells: [null, null, 'Lê Văn Cường', 'Lê Văn Cường'] },
    ]);
  });

  it('numbers a row without r by its cells\' references, so blank rows left out and merged cells stay where Excel shows them', async () => {
    // Rows 2 and 4 are not written; the person is merged over rows 6 and 7 (their second dose).
    // Numbered one after the other, the merge A6:B7 fell on the wrong rows and a dose was lost.
    const cell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const path = tmp.file('rows-without-r.xlsx');
    writeRawXlsx(
      path,
      '<sheetData>' +
        `<row>${cell('A1', 'DANH SÁCH')}</row>` +
        `<row>${cell('A3', 'Họ và tên')}${cell('B3', 'Số CCCD')}${cell('C3', 'Số lô')}</row>` +
        `<row>${cell('A5', 'Nguyễn Văn An')}${cell('B5', '001085012345')}${cell('C5', 'NJ0342')}</row>` +
        `<row>${cell('A6', 'Trần Thị Bình')}${cell('B6', '079190001234')}${cell('C6', '202107A1')}</row>` +
        `<row>${cell('C7', '202108B2')}</row>` +
        // No reference at all: after the row before, as ever.
        `<row><c t="inlineStr"><is><t>Lê Hoàng Cường</t></is></c></row>` +
        '</sheetData><mergeCells count="2"><mergeCell ref="A6:A7"/><mergeCell ref="B6:B7"/></mergeCells>',
    );
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows.map((r) => [r.row, ...r.cells])).toEqual([
      [1, 'DANH SÁCH'],
      [3, 'Họ và tên', 'Số CCCD', 'Số lô'],
      [5, 'Nguyễn Văn An', '001085012345', 'NJ0342'],
      [6, 'Trần Thị Bình', '079190001234', '202107A1'],
      [7, 'Trần Thị Bình', '079190001234', '202108B2'],
      [8, 'Lê Hoàng Cường'],
    ]);
  });

  it('reads only the sheets wanted, without needing the others to be sound', async () => {
    const path = tmp.file('skip.xlsx');
    writeZip(path, [
      { name: 'xl/workbook.xml', data: workbook },
      { name: 'xl/_rels/workbook.xml.rels', data: rels },
      { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row>' },
      { name: 'xl/worksheets/data.xml', data: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>` },
    ]);
    const sheets = await readAllSheets(path, (name) => name.startsWith('Danh'));
    expect(sheets.map((s) => [s.name, s.rows])).toEqual([['Danh sách & ghi chú', [{ row: 1, cells: [1] }]]]);
  });
});

describe('choosing the sheet in a workbook with a chart tab', () => {
  it('takes the first complete sheet after a chart tab, and never reads a damaged sheet after it', async () => {
    const { readSheet } = await import('../../../../electron/core/import/readSheet.js');
    const path = tmp.file('chart-first.xlsx');
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Ngày sinh</t></is></c><c r="C1" t="inlineStr"><is><t>Số CCCD</t></is></c><c r="D1" t="inlineStr"><is><t>Tên vắc xin</t></is></c><c r="E1" t="inlineStr"><is><t>Số lô</t></is></c><c r="F1" t="inlineStr"><is><t>Mũi tiêm thứ</t></is></c><c r="G1" t="inlineStr"><is><t>Ngày tiêm</t></is></c></row>';
    const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c r="B2" t="inlineStr"><is><t>01/02/1990</t></is></c><c r="C2" t="inlineStr"><is><t>079090000001</t></is></c><c r="D2" t="inlineStr"><is><t>Comirnaty</t></is></c><c r="E2" t="inlineStr"><is><t>FK1234</t></is></c><c r="F2"><v>1</v></c><c r="G2" t="inlineStr"><is><t>15/08/2021</t></is></c></row>';
    writeZip(path, [
      { name: 'xl/workbook.xml', data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Biểu đồ" sheetId="1" r:id="C1"/><sheet name="Danh sách" sheetId="2" r:id="D1"/><sheet name="Ghi chú" sheetId="3" r:id="N1"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="C1" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="D1" Type="${REL}/worksheet" Target="worksheets/data.xml"/><Relationship Id="N1" Type="${REL}/worksheet" Target="worksheets/notes.xml"/></Relationships>` },
      { name: 'xl/chartsheets/sheet1.xml', data: `<chartsheet xmlns="${MAIN}"/>` },
      { name: 'xl/worksheets/data.xml', data: `<worksheet xmlns="${MAIN}"><sheetData>${header}${row}</sheetData></worksheet>` },
      { name: 'xl/worksheets/notes.xml', data: '<worksheet><sheetData><row>' },
    ]);
    const chosen = await readSheet(path, { kind: 'xlsx', size: statSync(path).size, limits: DEFAULT_IMPORT_LIMITS });
    expect(chosen.data.sheet).toBe('Danh sách');
    expect(chosen.data.rows).toHaveLength(2);
  });
});

describe('a workbook part at another name than xl/workbook.xml', () => {
  const list = inlineSheetData([
    ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
    ['Nguyễn Văn An', '15/03/1985', '001085012345', 'Pfizer', 'FF2587', '1', '20/07/2021'],
  ]);
  const parts = (packageTarget: string): { name: string; data: string }[] => [
    { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${packageTarget}"/></Relationships>` },
    { name: 'xl/workbook2.xml', data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook2.xml.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: `<worksheet xmlns="${MAIN}">${list}</worksheet>` },
  ];
  const now = (): Date => new Date('2022-12-01T03:00:00Z');

  it('is read where the package\'s rels put it, not refused as no spreadsheet', async () => {
    for (const target of ['xl/workbook2.xml', '/xl/workbook2.xml']) {
      const path = tmp.file('workbook2.xlsx');
      writeZip(path, parts(target));
      const preview = await previewImport(path, { now });
      expect(preview.records.map((r) => [r.input.person.fullName, r.input.dose.vaccinationDate]), target).toEqual([['Nguyễn Văn An', '2021-07-20']]);
    }
  });

  it('is still no spreadsheet when the package\'s rels name no part in the zip', async () => {
    const path = tmp.file('workbook-nowhere.xlsx');
    writeZip(path, parts('xl/workbook3.xml'));
    expect((await refusalOf(() => previewImport(path, { now }))).code).toBe('IMPORT_NOT_SPREADSHEET');
  });
});
