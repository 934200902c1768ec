import { afterAll, describe, expect, it } from 'vitest';
import { denseNote, makeDoses, makeTempDir, writeLargeClinicXlsx, writeRawXlsx, writeXlsx } from '../../fixtures/clinicFiles.js';
import { readAllSheets } from './xlsx/readAllSheets.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());


describe('readXlsxSheets (our streaming reader; cases first found in exceljs)', () => {
  it('keeps Vietnamese letters whole across 16 KB inflate chunks (exceljs #2063)', async () => {
    // Unpatched exceljs 4.4.0 corrupts 2 (inline strings) and 9 (shared strings) rows of this file.
    const doses = makeDoses(1000, 7);
    for (const sharedStrings of [true, false]) {
      const path = tmp.file(`big-${sharedStrings}.xlsx`);
      await writeLargeClinicXlsx(path, doses, { sharedStrings, notes: true });
      const [sheet] = await readAllSheets(path);
      const data = sheet!.rows.slice(1);
      expect(data).toHaveLength(doses.length);
      expect(data.map((r) => r.cells[1])).toEqual(doses.map((d) => d.person.fullName));
      expect(data.map((r) => r.cells[10])).toEqual(doses.map((_, i) => denseNote(i)));
    }
  });

  it('fills merged ranges from their top-left cell', async () => {
    const path = tmp.file('merged.xlsx');
    await writeXlsx(path, [{
      name: 'Tiêm chủng',
      rows: [
        ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19'],
        ['STT', 'Họ và tên', 'Thông tin tiêm', null],
        [null, null, 'Tên vắc xin', 'Ngày tiêm'],
        ['1', 'Nguyễn Văn An', 'Pfizer', '01/07/2021'],
        [null, null, 'Pfizer', '01/08/2021'],
      ],
      merges: ['A1:D1', 'A2:A3', 'B2:B3', 'C2:D2', 'A4:A5', 'B4:B5'],
    }]);
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows.map((r) => r.cells)).toEqual([
      ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19', 'DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19', 'DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19', 'DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19'],
      ['STT', 'Họ và tên', 'Thông tin tiêm', 'Thông tin tiêm'],
      ['STT', 'Họ và tên', 'Tên vắc xin', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', 'Pfizer', '01/07/2021'],
      ['1', 'Nguyễn Văn An', 'Pfizer', '01/08/2021'],
    ]);
  });

  it('joins every run of inline rich text, also where an element straddles two chunks', async () => {
    const path = tmp.file('inline-rich.xlsx');
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const r = i + 1;
      return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><r><t xml:space="preserve">Trần Thị </t></r><r><rPr><b/></rPr><t>Hương ${r}</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c><c r="B${r}" t="inlineStr"><is><t>${denseNote(i)}</t></is></c></row>`;
    });
    writeRawXlsx(path, `<sheetData>${rows.join('')}</sheetData>`);
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows).toHaveLength(3000);
    expect(sheet!.rows.map((r) => r.cells)).toEqual(Array.from({ length: 3000 }, (_, i) => [`Trần Thị Hương ${i + 1}`, denseNote(i)]));
  });

  it('reads cached formula results, falsy ones included, and error cells', async () => {
    const path = tmp.file('formulas.xlsx');
    writeRawXlsx(
      path,
      '<sheetData><row r="1">' +
        '<c r="A1"><f>B1-B1</f><v>0</v></c>' +
        '<c r="B1" t="str"><f>IF(C1,"x","")</f><v></v></c>' +
        '<c r="C1" t="b"><f>1=2</f><v>0</v></c>' +
        '<c r="D1"><f>1/0</f><v>#DIV/0!</v></c>' +
        '<c r="E1" t="e"><v>#REF!</v></c>' +
        '<c r="F1"><f>TODAY()</f></c>' +
        '<c r="G1" t="str"><f>"Nguyễn"&amp;" An"</f><v>Nguyễn An</v></c>' +
        // LibreOffice writes a formula's error result typed: named as Excel shows it, not #ERROR.
        '<c r="H1" t="e"><f aca="false">VLOOKUP("Modena",$J$1:$J$2,1,0)</f><v>#N/A</v></c>' +
        '<c r="I1"><f>1+"x"</f><v>oops</v></c>' +
        '</row></sheetData>',
    );
    const [sheet] = await readAllSheets(path);
    // A boolean result (C1) is FALSE, as Excel shows it and as the same cell without its formula reads.
    expect(sheet!.rows[0]!.cells).toEqual([0, '', false, { error: '#DIV/0!' }, { error: '#REF!' }, { error: '#NO_CACHED_VALUE' }, 'Nguyễn An', { error: '#N/A' }, { error: '#ERROR' }]);
  });
});
