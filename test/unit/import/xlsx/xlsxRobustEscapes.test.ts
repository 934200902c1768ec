// Excel's `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a CR pasted from Word into a
// name or an id is stored as `_x000D_`, and a literal `_x000D_` as `_x005F_x000D_`. The reader gives
// the text Excel shows, in shared strings, inline strings and formula string results alike.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeXstring } from '../../../../electron/core/import/xlsx/sharedStrings.js';
import { makeTempDir, writeRawXlsx } from '../../../fixtures/clinicFiles.js';
import { readAllSheets } from './readAllSheets.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/**
 * UTF-16 code units XML 1.0 cannot carry (controls but tab and LF, U+FFFE/U+FFFF, lone
 * surrogates), and CR, which Excel escapes in element text too (MS-OI29500 2.1.1747).
 */
const UNCARRIED = '[\\x00-\\x08\\x0B-\\x1F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
// An underscore is escaped when the ENCODED text after it reads `xHHHH_`: a character escaped
// right after four hex digits starts with `_` too (`_x0041` then U+0001 is `_x005F_x0041_x0001_`).
const TO_ESCAPE = new RegExp(`_(?=x[0-9A-Fa-f]{4}(?:_|${UNCARRIED}))|${UNCARRIED}`, 'g');

/** A string as Excel stores it in an ST_Xstring (upper-case digits as Excel writes, or lower). */
function excelEscape(s: string, lowerCase = false): string {
  return s.replace(TO_ESCAPE, (ch) => {
    const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
    return `_x${lowerCase ? hex : hex.toUpperCase()}_`;
  });
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Strings made of what escapes are made of, so look-alikes and near misses come up often. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('_', 'x', 'X', '0', '5', 'F', 'f', 'D', 'd', '9', 'G', '\r', '\n', '\t', '\x01', '\x1F', '\uFFFE', '\uD83D', '\uDE00', '😀', 'ạ', 'Đ', '&', '<', ' '),
    fc.constantFrom('_x000D_', '_x005F_', '_x005f_', '_x0041', 'x000D_', '_x00', '0D_'),
  ),
  maxLength: 16,
});
const anyString = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: 'binary-ascii', maxLength: 24 }));

describe('decodeXstring', () => {
  it('decodes what Excel writes for characters XML cannot carry, and the escaped underscore', () => {
    expect(decodeXstring('Nguyễn Văn An_x000D_')).toBe('Nguyễn Văn An\r');
    expect(decodeXstring('079082000101_x000D_')).toBe('079082000101\r');
    expect(decodeXstring('Trần_x0009_Thị Hà')).toBe('Trần\tThị Hà');
    expect(decodeXstring('_x005F_x000D_')).toBe('_x000D_');
    expect(decodeXstring('_x005f_x000D_')).toBe('_x000D_');
    expect(decodeXstring('_x005F__x005F_x0041_')).toBe('__x0041_');
    expect(decodeXstring('_xD83D__xDE00_')).toBe('😀');
  });

  it('reads the four digits in either case, and only the exact `_xHHHH_` shape', () => {
    expect(decodeXstring('a_x000d_b_x001f_')).toBe('a\rb\x1F');
    expect(decodeXstring('_X000D_')).toBe('_X000D_');
    expect(decodeXstring('_x00D_ _x0000D_ _x000G_ x000D_ _x000D')).toBe('_x00D_ _x0000D_ _x000G_ x000D_ _x000D');
    expect(decodeXstring('so_lo_x')).toBe('so_lo_x');
  });

  it('gives back any string Excel encoded (fast-check)', () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (s, lower) => {
        expect(decodeXstring(excelEscape(s, lower))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * One row: a marker (so the row is never blank), the text as a shared string, an inline string,
 * a formula's cached string result, and inline and shared rich text split in two runs at `cut`.
 */
function writeEscaped(path: string, s: string, cut: number, lowerCase: boolean): void {
  const enc = (t: string): string => xmlText(excelEscape(t, lowerCase));
  const [a, b] = [s.slice(0, cut), s.slice(cut)];
  const runs = `<r><t xml:space="preserve">${enc(a)}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${enc(b)}</t></r>`;
  const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t xml:space="preserve">${enc(s)}</t></si><si>${runs}<rPh sb="0" eb="1"><t>_x000D_</t></rPh></si></sst>`;
  writeRawXlsx(
    path,
    `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c><c r="B1" t="s"><v>0</v></c>` +
      `<c r="C1" t="inlineStr"><is><t xml:space="preserve">${enc(s)}</t></is></c>` +
      `<c r="D1" t="str"><f>B1</f><v xml:space="preserve">${enc(s)}</v></c>` +
      `<c r="E1" t="inlineStr"><is>${runs}</is></c><c r="F1" t="s"><v>1</v></c></row></sheetData>`,
    { extraEntries: [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sst, 'utf8') }] },
  );
}

describe('escaped text read from a workbook', () => {
  it('reads a name and an id pasted from Word with their CR, not with `_x000D_`', async () => {
    const path = tmp.file('pasted.xlsx');
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t xml:space="preserve">Nguyễn Văn An_x000D_\n</t></si><si><t>079082000101_x000D_</t></si><si><t>_x005F_x000D_</t></si></sst>`;
    writeRawXlsx(
      path,
      '<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c>' +
        '<c r="E2" t="inlineStr"><is><t>Trần_x0009_Thị Hà</t></is></c><c r="F2" t="str"><f>B2</f><v>Nguyễn Văn An_x000D_</v></c></row></sheetData>',
      { extraEntries: [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sst, 'utf8') }] },
    );
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows).toEqual([{ row: 2, cells: [null, 'Nguyễn Văn An\r\n', '079082000101\r', '_x000D_', 'Trần\tThị Hà', 'Nguyễn Văn An\r'] }]);
  });

  it('reads the text Excel shows in shared strings, inline strings, formula results and rich runs', async () => {
    const path = tmp.file('escapes.xlsx');
    writeEscaped(path, 'Nguyễn Văn An_x000D_\r\n', 8, false);
    const [sheet] = await readAllSheets(path);
    const shown = 'Nguyễn Văn An_x000D_\r\n';
    expect(sheet!.rows).toEqual([{ row: 1, cells: ['k', shown, shown, shown, shown, shown] }]);
  });

  it('decodes each rich-text run on its own: two runs never join into an escape neither holds', async () => {
    const path = tmp.file('runs.xlsx');
    const runs = '<r><t>_x00</t></r><r><t>0D_</t></r>';
    writeRawXlsx(path, `<sheetData><row r="1"><c r="A1" t="inlineStr"><is>${runs}</is></c><c r="B1" t="s"><v>0</v></c></row></sheetData>`, {
      extraEntries: [{ name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst><si>${runs}</si></sst>`, 'utf8') }],
    });
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows).toEqual([{ row: 1, cells: ['_x000D_', '_x000D_'] }]);
  });

  it('leaves escape look-alikes in numbers, error codes and shared-string indexes alone', async () => {
    const path = tmp.file('other-types.xlsx');
    writeRawXlsx(path, '<sheetData><row r="1"><c r="A1" t="e"><v>#N/A_x000D_</v></c><c r="B1" t="str"><f>A1</f><v>_x0031_</v></c></row></sheetData>');
    const [sheet] = await readAllSheets(path);
    // An error code is what Excel wrote, not text (it never escapes one); a str result is text.
    expect(sheet!.rows).toEqual([{ row: 1, cells: [{ error: '#N/A_x000D_' }, '1'] }]);
  });

  it('gives back any non-blank string Excel encoded, wherever the cell keeps its text (fast-check)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        // Blank text at a row's end ("\r", spaces) is no cell: it widens no row (xlsxRobustEmptyRows).
        anyString.filter((s) => s.trim().length > 0),
        fc.nat(),
        fc.boolean(),
        async (s, cutAt, lowerCase) => {
          const path = tmp.file(`escaped-${n++}.xlsx`);
          writeEscaped(path, s, cutAt % (s.length + 1), lowerCase);
          const [sheet] = await readAllSheets(path);
          expect(sheet!.rows).toEqual([{ row: 1, cells: ['k', s, s, s, s, s] }]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
