// Property: whatever exceljs writes (the writer clinics' tools and our own exports use), our reader
// reads back as the import means it — cell by cell, the same values.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../electron/core/import/sheetData.js';
import { makeTempDir, writeXlsx, type XlsxCell } from '../../../fixtures/clinicFiles.js';
import { readAllSheets } from './readAllSheets.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());


const letters = fc.constantFrom('a', 'Z', 'ạ', 'Ư', 'ữ', 'Đ', '&', '<', '>', '"', "'", '1', '😀', '#');
const text = fc.tuple(letters, fc.string({ unit: fc.oneof(letters, fc.constant(' ')), maxLength: 12 }), letters).map(([a, b, c]) => a + b + c);
const day = fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2050, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000));
const number = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map((n) => (Object.is(n, -0) ? 0 : n));

/** A cell as exceljs writes it, and the value the import must read from it. */
const cellArb: fc.Arbitrary<[XlsxCell, CellValue]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<[XlsxCell, CellValue]>([null, null]) },
  { weight: 3, arbitrary: text.map((t): [XlsxCell, CellValue] => [t, t]) },
  { weight: 2, arbitrary: number.map((n): [XlsxCell, CellValue] => [n, n]) },
  fc.boolean().map((b): [XlsxCell, CellValue] => [b, b]),
  // Shown dd/mm/yyyy, as writeXlsx formats dates: day first on purpose (XlsxDateCell.dayFirst).
  day.map((d): [XlsxCell, CellValue] => [d, { date: d.toISOString().slice(0, 10), dayFirst: true } as CellValue]),
  number.map((n): [XlsxCell, CellValue] => [{ formula: 'A1*1', result: n }, n]),
  text.map((t): [XlsxCell, CellValue] => [{ formula: 'TRIM(A1)', result: t }, t]),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((runs): [XlsxCell, CellValue] => [{ richText: runs.map((r, i) => ({ text: r, font: { bold: i % 2 === 0 } })) }, runs.join('')]),
  text.map((t): [XlsxCell, CellValue] => [{ text: t, hyperlink: 'https://example.vn/' }, t]),
  fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!').map((e): [XlsxCell, CellValue] => [{ error: e }, { error: e }]),
);

describe('an exceljs-written workbook read back', () => {
  it('gives every cell the value written, row by row', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellArb, { maxLength: 7 }), { minLength: 1, maxLength: 12 }), fc.boolean(), async (grid, date1904) => {
        const path = tmp.file(`round-${n++}.xlsx`);
        await writeXlsx(path, [{ name: 'Ghi chú', rows: [['x']] }, { name: 'Danh sách', rows: grid.map((r) => r.map(([w]) => w)) }], { date1904 });
        const [, sheet] = await readAllSheets(path);
        const expected = grid
          .map((r, i) => {
            const cells = r.map(([, v]) => v);
            while (cells.length > 0 && cells.at(-1) === null) cells.pop();
            return { row: i + 1, cells };
          })
          .filter((r) => r.cells.length > 0);
        expect(sheet!.name).toBe('Danh sách');
        expect(sheet!.date1904).toBe(date1904);
        expect(sheet!.rows).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
