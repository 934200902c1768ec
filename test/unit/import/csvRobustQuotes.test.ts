// A forgotten closing quote in a CSV is refused with the line it opens on (IMPORT_UNCLOSED_QUOTE),
// instead of the rows after it merging into one cell; cells Excel writes on several lines still read.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { formatDelimited, parseDelimited, SEPARATORS } from '../../../electron/core/import/parseDelimited.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

async function refusal(text: string): Promise<StationError> {
  const path = tmp.file(`quotes-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, text);
  try {
    await previewImport(path, { now });
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a refusal');
}

const doses = makeDoses(4, 21);
const lines = doses.map((d, i) => standardRow(d, i + 1).join(','));
const header = STANDARD_HEADER.join(',');
/** Row 2 of the list with a quote before the name and none after it. */
const unclosedRow2 = lines[0]!.replace(',', ',"');

describe('IMPORT_UNCLOSED_QUOTE', () => {
  it('refuses a quote left open to the end of the file, naming the line and cell it opens in', async () => {
    const e = await refusal([header, unclosedRow2, ...lines.slice(1)].join('\r\n'));
    expect(e).toMatchObject({ code: 'IMPORT_UNCLOSED_QUOTE', details: { kind: 'unclosed', row: 2, line: 2, column: 2 } });
    const name = doses[0]!.person.fullName;
    expect(e.messageVi).toContain(`Dấu ngoặc kép mở ở dòng 2 (ô thứ 2, bắt đầu bằng "${name},`);
    expect(e.messageEn).toContain(`The quote opened on line 2 (field 2, starting "${name},`);
  });

  it('refuses a quote that a later quote closes only after whole rows, naming both lines', async () => {
    const quotedLater = lines[3]!.replace(doses[3]!.person.fullName, `"${doses[3]!.person.fullName}, con"`);
    const e = await refusal([header, unclosedRow2, lines[1], lines[2], quotedLater].join('\n'));
    expect(e).toMatchObject({ code: 'IMPORT_UNCLOSED_QUOTE', details: { kind: 'rows-inside', row: 2, line: 2, column: 2, closeLine: 5 } });
    expect(e.messageEn).toContain('closes only on line 5');
  });

  it("refuses a note whose quote the next row's quoted address closes, naming the note's line (no row vanishes)", async () => {
    // Row 3's note opens a quote and never closes it: the quote before row 4's address closed it,
    // and row 4 was read as the rest of row 3's note ("a cell with a comma not in quotes").
    const table = [[...STANDARD_HEADER, 'Địa chỉ', 'Ghi chú'], ...doses.map((d, i) => [...standardRow(d, i + 1), `Số ${i + 1}, đường Lê Lợi`, ''])];
    const text = formatDelimited(table, ',').split('\r\n');
    text[2] = `${text[2]}"đã tiêm mũi 1 tại BV`;
    const e = await refusal(text.join('\r\n'));
    expect(e).toMatchObject({ code: 'IMPORT_UNCLOSED_QUOTE', details: { kind: 'rows-inside', row: 3, line: 3, column: STANDARD_HEADER.length + 2, closeLine: 4 } });
    expect(e.messageEn).toContain('The quote opened on line 3');
  });

  it('reads a note Excel wrote on three lines whose middle line has as many commas as a row', async () => {
    const path = tmp.file('note-commas.csv');
    const header = ['Họ tên', 'Ngày sinh', 'Số CCCD', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Mũi', 'Ghi chú'];
    const note = 'Tiền sử bệnh:\nhen, dị ứng, tăng huyết áp, đái tháo đường, suy thận, gout, viêm gan B, mỡ máu\nđã khám sàng lọc, đủ điều kiện tiêm';
    writeFileSync(path, formatDelimited([header, ['Nguyễn Văn An', '15/03/1985', '001085012345', 'AstraZeneca', 'NJ0342', '20/07/2021', '1', note], ['Trần Thị Bích Ngọc', '02/11/1990', '079190001234', 'Pfizer', 'FF2587', '05/08/2021', '2', '']], ',', '\n'));
    await expect(previewImport(path, { now })).resolves.toMatchObject({ rows: 2, ready: 2, errors: 0 });
  });

  it('counts an Excel "sep=" line in the line it names, as a text editor does', async () => {
    const e = await refusal(['sep=;', header.replaceAll(',', ';'), lines[0]!.replaceAll(',', ';').replace(';', ';"')].join('\r\n'));
    expect(e.details).toMatchObject({ row: 2, line: 3 });
  });

  it("says an unclosed quote whose cell grows past Excel's limit is an unclosed quote, not a file too large", async () => {
    // It was IMPORT_TOO_LARGE, "the file is too large to import", for a 60 KB file.
    const e = await refusal(`${header}\n1,"Nguyễn Văn An,${'x'.repeat(40_000)}\n2,Trần Thị Bích,01/02/1990\n`);
    expect(e).toMatchObject({ code: 'IMPORT_UNCLOSED_QUOTE', details: { kind: 'unclosed', row: 2, line: 2, column: 2 } });
  });

  it('ignores a lone quote that takes in only blank lines at the end (no row is lost)', async () => {
    const path = tmp.file('lone-quote.csv');
    writeFileSync(path, [header, ...lines, '"', '', ''].join('\r\n'));
    await expect(previewImport(path, { now })).resolves.toMatchObject({ rows: lines.length, errors: 0 });
  });

  it('still reads a file whose multi-line cells Excel quoted (an address on three lines, a note with a blank line)', async () => {
    const path = tmp.file('multiline.csv');
    const table = [
      [...STANDARD_HEADER, 'Địa chỉ', 'Ghi chú'],
      [...standardRow(doses[0]!, 1), 'Số 12, ngõ 3, Lê Lợi\r\nPhường Bến Nghé, Quận 1\r\nTP. Hồ Chí Minh', 'ho, sốt\r\n\r\nhẹn tiêm lại, 2 tuần'],
      [...standardRow(doses[1]!, 2), 'Thôn 2,\r\nxã An Phú,\r\nhuyện Củ Chi', ''],
      [...standardRow(doses[2]!, 3), '', '"khỏe"'],
    ];
    writeFileSync(path, formatDelimited(table, ',') + '\r\n');
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ rows: 3, ready: 3, errors: 0 });
    expect(preview.records.map((r) => r.input.person.fullName)).toEqual(doses.slice(0, 3).map((d) => d.person.fullName));
  });
});

const WIDTH = 8;
const word = fc.constantFrom('Nguyễn', 'Văn', 'An', '12/05/1985', '079085001234', 'AstraZeneca', 'AB1234', '1', 'Hà Nội', '');

describe('quotes in any clinic table (properties)', () => {
  it('never marks the cells a correct writer puts on several lines, whatever their lines hold, and reads them as written', () => {
    // Lines inside a cell may have as many separators as a row, or more (a note listing illnesses):
    // only a stray quote leaves text after a closing quote, and only then is a row looked for.
    const cell = (sep: string): fc.Arbitrary<string> =>
      fc
        .array(fc.string({ unit: fc.constantFrom('a', 'Đ', 'ễ', ' ', sep, sep, '"', '1'), maxLength: 16 }), { minLength: 1, maxLength: 4 })
        .chain((cellLines) => fc.constantFrom('\r\n', '\n').map((nl) => cellLines.join(nl)));
    fc.assert(
      fc.property(
        fc.constantFrom(...SEPARATORS).chain((sep) =>
          fc.tuple(fc.constant(sep), fc.array(fc.array(cell(sep), { minLength: WIDTH, maxLength: WIDTH }), { minLength: 1, maxLength: 6 })),
        ),
        ([sep, rows]) => {
          const table = [Array.from({ length: WIDTH }, (_, i) => `Cột ${i + 1}`), ...rows];
          const records = [...parseDelimited(formatDelimited(table, sep), sep)];
          expect(records.map((r) => r.fields)).toEqual(table);
          expect(records.filter((r) => r.quoteTrouble)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('marks a forgotten closing quote whenever the next quote is on a later row, at the line and cell it opens in', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEPARATORS),
        fc.array(fc.array(word, { minLength: WIDTH, maxLength: WIDTH }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.nat(),
        fc.nat({ max: WIDTH - 1 }),
        (sep, rows, quotedAddress, rowPick, column) => {
          // Some rows have an address Excel quoted (it holds the separator).
          const table = [
            Array.from({ length: WIDTH }, (_, i) => `Cột ${i + 1}`),
            ...rows.map((r, i) => (quotedAddress[i] ? [...r.slice(0, -1), `Số ${i}${sep} Lê Lợi`] : r)),
          ];
          const textLines = formatDelimited(table, sep, '\n').split('\n');
          const at = 1 + (rowPick % rows.length);
          if (textLines[at]!.includes('"')) return; // the quote goes into a row without an address
          const cells = textLines[at]!.split(sep);
          cells[column] = `"${cells[column]}`;
          textLines[at] = cells.join(sep);
          const text = textLines.join('\n');
          const opened = textLines.slice(0, at).join('\n').length + 1 + cells.slice(0, column).join(sep).length + (column > 0 ? 1 : 0);
          const closes = text.indexOf('"', opened + 1);
          const troubles = [...parseDelimited(text, sep)].flatMap((r) => (r.quoteTrouble ? [r.quoteTrouble] : []));
          // The row had no quote: the next one opens a later row's address, and that row, and any
          // between, are in the cell.
          expect(troubles[0]).toMatchObject({ kind: closes === -1 ? 'unclosed' : 'rows-inside', line: at + 1, column: column + 1 });
        },
      ),
      { numRuns: 500 },
    );
  });
});
