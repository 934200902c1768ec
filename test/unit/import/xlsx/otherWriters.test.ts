// Workbooks as other generators write them (xlsxwriter, openpyxl, tools that spell part names in
// other cases or write UTF-16 parts), and shared strings a damaged file lost: what a probe with
// those writers found read wrong or refused with the wrong reason.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../../electron/core/import/previewImport.js';
import { inlineSheetData, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeRawXlsx, writeZip } from '../../../fixtures/clinicFiles.js';
import { readAllSheets } from './readAllSheets.js';
import { refusalOf } from './refusalOf.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const formulaRow = '<sheetData><row r="1">' +
  // xlsxwriter's placeholder result of a text formula, and of a number formula.
  '<c r="A1"><f>UPPER("pf5837")</f><v>0</v></c>' +
  '<c r="B1"><f>DATE(2021,8,16)</f><v>0</v></c>' +
  // openpyxl: the formula and an empty value element.
  '<c r="C1"><f>DATE(2021,6,26)</f><v></v></c>' +
  // Results a writer did store: kept.
  '<c r="D1" t="str"><f>UPPER("fk1234")</f><v>FK1234</v></c>' +
  '<c r="E1"><f>1+1</f><v>2</v></c>' +
  // An empty text result, as Excel writes it.
  '<c r="F1" t="str"><f>IF(1,"","x")</f><v></v></c>' +
  '<c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
  '</row></sheetData>';

describe('formulas written without their results', () => {
  it('an empty value element is a formula without a result, not an Excel error', async () => {
    const path = tmp.file('openpyxl.xlsx');
    writeRawXlsx(path, formulaRow);
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows[0]!.cells).toEqual([0, 0, { error: '#NO_CACHED_VALUE' }, 'FK1234', 2, '', { error: '#DIV/0!' }]);
  });

  it('in a workbook that asks to be calculated on open, a stored 0 or nothing is no result; an empty text result is one', async () => {
    const path = tmp.file('xlsxwriter.xlsx');
    writeRawXlsx(path, formulaRow, { workbookTail: '<calcPr calcId="124519" fullCalcOnLoad="1"/>' });
    const [sheet] = await readAllSheets(path);
    const none = { error: '#NO_CACHED_VALUE' };
    expect(sheet!.rows[0]!.cells).toEqual([none, none, none, 'FK1234', 2, '', { error: '#DIV/0!' }]);
    // Values that are not formulas are what they are, 0 included.
    writeRawXlsx(path, '<sheetData><row r="1"><c r="A1"><v>0</v></c><c r="B1" t="inlineStr"><is><t>0</t></is></c></row></sheetData>', { workbookTail: '<calcPr fullCalcOnLoad="true"/>' });
    expect((await readAllSheets(path))[0]!.rows[0]!.cells).toEqual([0, '0']);
  });

  it('an optional phone =IF(K2="","",K2) whose result is "" is blank, also in a workbook to be calculated on open', async () => {
    // exceljs with fullCalcOnLoad writes the results too: the "" of an empty phone is `t="str"`
    // with an empty `<v>`. It was IMPORT_FORMULA_NO_VALUE, an error, on a phone nobody gave.
    const doses = makeDoses(2, 7);
    const rows = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
    const phone = STANDARD_HEADER.findIndex((h) => /điện thoại/i.test(h));
    const ref = `${String.fromCharCode(65 + phone)}2`;
    const xml = inlineSheetData(rows).replace(new RegExp(`<c r="${ref}" t="inlineStr"><is><t>[^<]*</t></is></c>`), `<c r="${ref}" t="str"><f>IF(K2="","",K2)</f><v></v></c>`);
    for (const [name, tail] of [['calc-on-load.xlsx', '<calcPr fullCalcOnLoad="1"/>'], ['saved.xlsx', '']] as const) {
      const path = tmp.file(name);
      writeRawXlsx(path, xml, { workbookTail: tail });
      const preview = await previewImport(path, { now });
      expect(preview.records.map((r) => r.input.person.phone ?? null), name).toEqual([null, ...doses.slice(1).map((d) => d.person.phone)]);
      expect(preview.records.flatMap((r) => r.findings.map((f) => f.code)), name).not.toContain('IMPORT_FORMULA_NO_VALUE');
    }
  });

  it('an empty value element of a number, a shared string, a boolean or an error cell is a blank cell', async () => {
    // A number read from nothing was #NUM! (IMPORT_CELL_ERROR on an optional phone), a shared
    // string index read from nothing refused the whole file as damaged, a boolean was TRUE.
    const path = tmp.file('empty-values.xlsx');
    const sst = `<sst xmlns="${MAIN}"><si><t>x</t></si></sst>`;
    writeRawXlsx(path, '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v></v></c><c r="C1" t="s"><v></v></c><c r="D1" t="s"><v/></c><c r="E1" t="b"><v></v></c><c r="F1" t="e"><v/></c><c r="G1" s="0" t="n"><v/></c><c r="H1" t="s"><v>0</v></c></row></sheetData>', {
      extraEntries: [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sst, 'utf8') }],
    });
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows[0]!.cells).toEqual([1, null, null, null, null, null, null, 'x']);
    // In a list: the optional phone is blank, the row ready.
    const doses = makeDoses(2, 9);
    const rows = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
    const phone = STANDARD_HEADER.findIndex((h) => /điện thoại/i.test(h));
    const ref = `${String.fromCharCode(65 + phone)}2`;
    for (const empty of [`<c r="${ref}"><v></v></c>`, `<c r="${ref}" t="s"><v/></c>`]) {
      const list = tmp.file('empty-phone.xlsx');
      writeRawXlsx(list, inlineSheetData(rows).replace(new RegExp(`<c r="${ref}" t="inlineStr"><is><t>[^<]*</t></is></c>`), empty), {
        extraEntries: [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sst, 'utf8') }],
      });
      const preview = await previewImport(list, { now });
      expect(preview.records[0]!.input.person.phone ?? null, empty).toBeNull();
      expect(preview.records[0]!.findings.map((f) => f.code), empty).toEqual([]);
    }
  });

  it('a lot and a phone by formula in an xlsxwriter list ask for the file to be saved again, and no "0" is ever ready', async () => {
    const doses = makeDoses(3, 5);
    const rows = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
    const lot = STANDARD_HEADER.findIndex((h) => /lô/i.test(h));
    const phone = STANDARD_HEADER.findIndex((h) => /điện thoại/i.test(h));
    expect(lot).toBeGreaterThan(-1);
    expect(phone).toBeGreaterThan(-1);
    // The list as inline strings, then the lot and phone cells replaced by formulas with xlsxwriter's 0.
    const col = (i: number): string => String.fromCharCode(65 + i);
    let xml = inlineSheetData(rows);
    for (let r = 2; r <= rows.length; r++) {
      for (const c of [lot, phone]) {
        const ref = `${col(c)}${r}`;
        xml = xml.replace(new RegExp(`<c r="${ref}" t="inlineStr"><is><t>[^<]*</t></is></c>`), `<c r="${ref}"><f>UPPER("x")</f><v>0</v></c>`);
      }
    }
    const path = tmp.file('xlsxwriter-list.xlsx');
    writeRawXlsx(path, xml, { workbookTail: '<calcPr fullCalcOnLoad="1"/>' });
    const preview = await previewImport(path, { now });
    expect(preview.rows).toBe(doses.length);
    expect(preview.ready).toBe(0);
    for (const record of preview.records) {
      expect(record.status).toBe('error');
      expect(record.findings.filter((f) => f.code === 'IMPORT_FORMULA_NO_VALUE').map((f) => f.field).sort()).toEqual(['lot', 'phone']);
    }
  });
});

/** A one-sheet workbook whose zip entries are named by `name` from the names its relationships give. */
function casedWorkbook(path: string, name: (part: string) => string): void {
  writeZip(path, [
    { name: name('xl/workbook.xml'), data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="DS" sheetId="1" r:id="r1"/></sheets></workbook>` },
    {
      name: name('xl/_rels/workbook.xml.rels'),
      data: `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: name('xl/sharedStrings.xml'), data: `<sst xmlns="${MAIN}"><si><t>Họ và tên</t></si><si><t>Nguyễn Văn An</t></si></sst>` },
    { name: name('xl/worksheets/sheet1.xml'), data: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>` },
  ]);
}

describe('part names compare without case, as the package format says', () => {
  it('reads parts whose zip names differ in case from their relationship targets', async () => {
    const spellings: [string, (part: string) => string][] = [
      ['SharedStrings', (p) => p.replace('sharedStrings', 'SharedStrings')],
      ['Sheet1', (p) => p.replace('sheet1', 'Sheet1')],
      ['Workbook', (p) => p.replace('xl/workbook.xml', 'xl/Workbook.xml')],
      ['upper case', (p) => p.toUpperCase()],
    ];
    for (const [label, name] of spellings) {
      const path = tmp.file(`cased-${label}.xlsx`);
      casedWorkbook(path, name);
      const sheets = await readAllSheets(path);
      expect(sheets.map((s) => s.rows.map((r) => r.cells)), label).toEqual([[['Họ và tên'], ['Nguyễn Văn An']]]);
      const preview = await refusalOf(() => previewImport(path, { now }));
      // The sheet is read: what stops it is the missing columns of a one-column list.
      expect(preview.code, label).toBe('IMPORT_NO_HEADER');
    }
  });
});

describe('XML parts in UTF-16', () => {
  it('reads parts written in UTF-16, little or big endian, with or without a byte order mark', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${MAIN}">${inlineSheetData([['Họ và tên', 'Ngày tiêm'], ['Nguyễn Thị Ánh', 'Đã tiêm']])}</worksheet>`;
    const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
    const encodings: [string, Buffer][] = [
      ['LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')])],
      ['LE without BOM', Buffer.from(sheet, 'utf16le')],
      ['BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(sheet)])],
      ['BE without BOM', utf16be(sheet)],
    ];
    for (const [label, bytes] of encodings) {
      const path = tmp.file(`utf16-${label}.xlsx`);
      writeZip(path, [
        { name: 'xl/workbook.xml', data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="DS" sheetId="1" r:id="r1"/></sheets></workbook>` },
        { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
        { name: 'xl/worksheets/sheet1.xml', data: bytes },
      ]);
      const [read] = await readAllSheets(path);
      expect(read!.rows.map((r) => r.cells), label).toEqual([['Họ và tên', 'Ngày tiêm'], ['Nguyễn Thị Ánh', 'Đã tiêm']]);
    }
  });
});

describe('shared strings a damaged file lost', () => {
  it('an index past the shared strings, or shared strings with no part, is a damaged file, not a blank cell', async () => {
    const sheetData = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData>';
    const sst = (count: number): Uint8Array => Buffer.from(`<sst xmlns="${MAIN}">${'<si><t>Số điện thoại</t></si>'.repeat(count)}</sst>`, 'utf8');
    // writeRawXlsx's rels name only the sheet: the shared strings are found by their usual name.
    const whole = tmp.file('sst-whole.xlsx');
    writeRawXlsx(whole, sheetData, { extraEntries: [{ name: 'xl/sharedStrings.xml', data: sst(2) }] });
    expect((await readAllSheets(whole))[0]!.rows[0]!.cells).toEqual(['Số điện thoại', 'Số điện thoại']);

    const short = tmp.file('sst-short.xlsx');
    writeRawXlsx(short, sheetData, { extraEntries: [{ name: 'xl/sharedStrings.xml', data: sst(1) }] });
    const e1 = await refusalOf(() => readAllSheets(short));
    expect(e1.code).toBe('IMPORT_CORRUPT_XLSX');
    expect(String((e1.details as { reason: string }).reason)).toContain('past the 1 shared strings');

    const none = tmp.file('sst-none.xlsx');
    writeRawXlsx(none, sheetData);
    const e2 = await refusalOf(() => readAllSheets(none));
    expect(e2.code).toBe('IMPORT_CORRUPT_XLSX');
    expect(String((e2.details as { reason: string }).reason)).toContain('shared strings part is missing');
  });
});
