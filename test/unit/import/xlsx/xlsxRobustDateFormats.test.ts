// Which number formats make a number a date. A format with backslash-escaped letters is literal
// text around a number (`0\ \m\ũ\i` is how Excel stores the format showing "2 mũi"): its dose
// number 2 must not become 1900-01-01. Every format that shows a date still does.
import { afterAll, describe, expect, it } from 'vitest';
import { dayFirstShown, isDateFormatCode, stylesHandler, type StylesInfo } from '../../../../electron/core/import/xlsx/workbookParts.js';
import { XmlScanner } from '../../../../electron/core/import/xlsx/xmlScanner.js';
import { makeTempDir, writeRawXlsx } from '../../../fixtures/clinicFiles.js';
import { readAllSheets } from './readAllSheets.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const xmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** styles.xml with one custom format per code (ids from 164) and one cellXfs entry per format id. */
function dateStyles(codes: readonly string[], formatIds: readonly number[]): boolean[] {
  const fmts = codes.map((c, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlAttr(c)}"/>`).join('');
  const xfs = formatIds.map((id) => `<xf numFmtId="${id}"/>`).join('');
  const into: StylesInfo = { dateStyles: [], zeroPadStyles: [], scientificStyles: [], partialDateStyles: [], dayFirstStyles: [] };
  const scanner = new XmlScanner(stylesHandler(into));
  scanner.push(`<styleSheet><numFmts>${fmts}</numFmts><cellXfs>${xfs}</cellXfs></styleSheet>`);
  scanner.end();
  return into.dateStyles;
}

/** Formats that show a date or a time, as clinics' workbooks carry them. */
const DATE_CODES = [
  'dd/mm/yyyy',
  '[$-42A]dd/mm/yyyy',
  'dd/mm/yyyy;@',
  'd-mmm-yy',
  '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy',
  '[$-F800]dddd, mmmm dd, yyyy',
  '[$-1010000]d/m/yyyy;@',
  'm/d/yyyy',
  'yyyy-mm-dd',
  'dd"/"mm"/"yyyy',
  'dd/mm/yyyy hh:mm',
  '[h]:mm:ss',
  'mm:ss.0',
  'h:mm AM/PM',
  // The escaped character is the separator; the codes around it are dates.
  'dd\\/mm\\/yyyy',
  'dd\\.mm\\.yyyy',
  'dd\\-mm\\-yyyy',
  'd\\ mmmm\\ yyyy',
  '"Ngày "dd" tháng "mm" năm "yyyy',
  '\\N\\g\\à\\y\\ dd/mm/yyyy',
  '[Red]dd/mm/yyyy',
  // LibreOffice writes the codes in capitals; Excel reads them without case.
  'DD/MM/YYYY',
  '[$-42A]DD/MM/YYYY;@',
  'D/M/YY',
  'DD\\.MM\\.YYYY',
  'YYYY',
  'MM/YYYY',
];

/** Formats that show a number with literal text: none is a date. */
const NUMBER_CODES = [
  '0\\ \\m\\ũ\\i',
  '0\\ \\n\\g\\à\\y',
  '0\\ \\d\\o\\s\\e',
  '"Mũi thứ "0',
  '0" ngày"',
  '0" mũi"',
  '#,##0\\ \\đ',
  '\\M\\ũ\\i\\ 0',
  '0\\ \\h',
  '0\\ \\s',
  '0\\ \\y',
  '#,##0\\ "ngày";[Red]\\-#,##0\\ "ngày"',
  '_-* #,##0\\ _₫_-;\\-* #,##0\\ _₫_-;_-* "-"??\\ _₫_-;_-@_-',
  '0_m',
  '0*d',
  '[Blue]0.00',
  '@',
  'General',
  '0.00E+00',
  '000000000000',
];

describe('isDateFormatCode', () => {
  it.each(DATE_CODES)('%s shows a date', (code) => {
    expect(isDateFormatCode(code)).toBe(true);
  });

  it.each(NUMBER_CODES)('%s shows a number', (code) => {
    expect(isDateFormatCode(code)).toBe(false);
  });
});

describe('dayFirstShown', () => {
  it('says a format puts the day first only when its day comes before its month, the weekday and minutes aside', () => {
    const cases: [string, boolean][] = [
      ['dd/mm/yyyy', true], ['[$-42A]dd/mm/yyyy;@', true], ['d-mmm-yy', true], ['DD/MM/YYYY', true], ['dd\\.mm\\.yyyy', true], ['hh:mm dd/mm/yyyy', true],
      ['"Ngày "dd" tháng "mm" năm "yyyy', true],
      ['m/d/yyyy', false], ['mm-dd-yy', false], ['yyyy-mm-dd', false], ['dddd, mmmm dd, yyyy', false], ['mm/yyyy', false], ['yyyy', false], ['h:mm dd', false],
    ];
    for (const [code, dayFirst] of cases) expect(dayFirstShown(code), code).toBe(dayFirst);
  });
});

describe('date styles from styles.xml', () => {
  it('makes the built-in date formats (14–22, 27–36, 45–47) and custom date codes dates, and nothing else', () => {
    const builtinDates = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47];
    const builtinNumbers = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48, 49];
    expect(dateStyles([], builtinDates)).toEqual(builtinDates.map(() => true));
    expect(dateStyles([], builtinNumbers)).toEqual(builtinNumbers.map(() => false));
    const codes = [...DATE_CODES, ...NUMBER_CODES];
    expect(dateStyles(codes, codes.map((_, i) => 164 + i))).toEqual(codes.map((c) => DATE_CODES.includes(c)));
  });

  it('reads a dose number 2 in an escaped "mũi" format as 2, and a date in an escaped-slash format as its date', async () => {
    const path = tmp.file('escaped-formats.xlsx');
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0\\ \\m\\ũ\\i"/><numFmt numFmtId="165" formatCode="dd\\/mm\\/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    writeRawXlsx(path, '<sheetData><row r="2"><c r="A2" s="1"><v>2</v></c><c r="B2" s="2"><v>44378</v></c></row></sheetData>', {
      extraEntries: [{ name: 'xl/styles.xml', data: Buffer.from(styles, 'utf8') }],
    });
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows).toEqual([{ row: 2, cells: [2, { date: '2021-07-01', dayFirst: true }] }]);
  });

  it('reads LibreOffice\'s capital codes as Excel does: "YYYY" shows a year and "MM/YYYY" a month, not a number or a whole date', async () => {
    // A year of birth 1990 kept as 1990-01-01 was stored as that day, and 05/1972 as 1 May, without a word.
    const path = tmp.file('libreoffice-formats.xlsx');
    const codes = ['DD/MM/YYYY', 'YYYY', 'MM/YYYY', '[$-42A]DD/MM/YYYY;@'];
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="4">${codes.map((c, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlAttr(c)}"/>`).join('')}</numFmts><cellXfs count="5"><xf numFmtId="0"/>${codes.map((_, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
    // 44397 = 2021-07-20, 32874 = 1990-01-01, 26420 = 1972-05-01.
    writeRawXlsx(path, '<sheetData><row r="2"><c r="A2" s="1"><v>44397</v></c><c r="B2" s="2"><v>32874</v></c><c r="C2" s="3"><v>26420</v></c><c r="D2" s="4"><v>44397</v></c></row></sheetData>', {
      extraEntries: [{ name: 'xl/styles.xml', data: Buffer.from(styles, 'utf8') }],
    });
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows).toEqual([{ row: 2, cells: [{ date: '2021-07-20', dayFirst: true }, { date: '1990-01-01', shows: 'year' }, { date: '1972-05-01', shows: 'month' }, { date: '2021-07-20', dayFirst: true }] }]);
  });
});
