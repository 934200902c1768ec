// A cell is read by its value and its style, whoever wrote it and however: an ISO date cell
// (`t="d"`: Excel's Strict Open XML, openpyxl's iso_dates, SheetJS's cellDates) and a serial in a
// date style are the same date, shown the same way. A probe found a `t="d"` dob formatted "yyyy"
// stored as 1 January without a word, and a dd/mm/yyyy `t="d"` cell "swapped back".
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../../electron/core/import/previewImport.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeRawXlsx, type ClinicDose } from '../../../fixtures/clinicFiles.js';
import { readAllSheets } from './readAllSheets.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const xmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** styles.xml: style 0 General, then style i + 1 for formats[i], a built-in id or a custom code (ids from 164). */
function stylesEntry(formats: readonly (number | string)[]): { name: string; data: Uint8Array } {
  const codes = formats.filter((f): f is string => typeof f === 'string');
  const fmts = codes.map((c, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlAttr(c)}"/>`).join('');
  const xfs = formats.map((f) => `<xf numFmtId="${typeof f === 'number' ? f : 164 + codes.indexOf(f)}" applyNumberFormat="1"/>`).join('');
  const xml = `<styleSheet xmlns="${MAIN}"><numFmts count="${codes.length}">${fmts}</numFmts><cellXfs count="${formats.length + 1}"><xf numFmtId="0"/>${xfs}</cellXfs></styleSheet>`;
  return { name: 'xl/styles.xml', data: Buffer.from(xml, 'utf8') };
}

/** Days since 1899-12-30: Excel's serial of an ISO day (1900 system, from March 1900). */
const serialOf = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
const column = (i: number): string => String.fromCharCode(65 + i);

/** The standard list, one row per dose; `cell` may give a column's cell as raw XML (its reference is filled in). */
function listSheet(doses: readonly ClinicDose[], cell: (d: ClinicDose, col: number, at: number) => string | undefined = () => undefined): string {
  const rows = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
  return `<sheetData>${rows
    .map((cells, r) => `<row r="${r + 1}">${cells
      .map((v, c) => {
        const ref = `${column(c)}${r + 1}`;
        const raw = r === 0 ? undefined : cell(doses[r - 1]!, c, r + 1);
        return raw !== undefined ? raw.replace('<c ', `<c r="${ref}" `) : `<c r="${ref}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
      })
      .join('')}</row>`)
    .join('')}</sheetData>`;
}

const DOB = STANDARD_HEADER.indexOf('Ngày sinh');
const DATE = STANDARD_HEADER.indexOf('Ngày tiêm');

describe('an ISO date cell (t="d") is read through its style, as the same date kept as a serial', () => {
  it('shows the day first, only the year or the month, as its format says', async () => {
    const path = tmp.file('iso-styles.xlsx');
    // Styles 1–5: dd/mm/yyyy, yyyy, mm/yyyy, built-in 14, built-in 15 (d-mmm-yy).
    const cells = (kind: 'd' | 'n', row: number) => [1, 2, 3, 4, 5, 0]
      .map((s, i) => {
        const ref = `${column(i)}${row}`;
        const day = i === 1 ? '1985-01-01' : '2021-03-08';
        return kind === 'd' ? `<c r="${ref}" s="${s}" t="d"><v>${day}T00:00:00</v></c>` : `<c r="${ref}" s="${s}"><v>${serialOf(day)}</v></c>`;
      })
      .join('');
    writeRawXlsx(path, `<sheetData><row r="2">${cells('d', 2)}</row><row r="3">${cells('n', 3)}</row></sheetData>`, {
      extraEntries: [stylesEntry(['dd/mm/yyyy', 'yyyy', 'mm/yyyy', 14, 15])],
    });
    const [sheet] = await readAllSheets(path);
    const [iso, serial] = sheet!.rows;
    expect(iso!.cells.slice(0, 5)).toEqual([
      { date: '2021-03-08', dayFirst: true },
      { date: '1985-01-01', shows: 'year' },
      { date: '2021-03-08', shows: 'month' },
      { date: '2021-03-08' },
      { date: '2021-03-08', dayFirst: true },
    ]);
    expect(iso!.cells.slice(0, 5)).toEqual(serial!.cells.slice(0, 5));
    // General: a serial there is a number, an ISO date is still a date (its type says so).
    expect([iso!.cells[5], serial!.cells[5]]).toEqual([{ date: '2021-03-08' }, serialOf('2021-03-08')]);
  });

  it('a dd/mm/yyyy date cell of a day-first list is not "swapped back", and a dob formatted yyyy is the year', async () => {
    // c13b/c14b of the probe: 03/08/2021 stored as 8 March with IMPORT_DATE_CELL_SWAPPED, and a
    // year of birth 1985 stored as 1985-01-01 without a word (the serial cell gave 1985).
    const doses = makeDoses(4, 11).map((d, i) => ({ ...d, date: ['2021-08-03', '2021-10-12', '2021-09-05', '2021-11-01', '2021-07-29', '2021-09-15', '2021-07-20', '2021-10-25'][i]! }));
    const path = tmp.file('iso-day-first.xlsx');
    writeRawXlsx(path, listSheet(doses, (d, col) => {
      if (col === DOB && d.person === doses[0]!.person) return `<c s="2" t="d"><v>${d.person.dob.slice(0, 4)}-01-01T00:00:00</v></c>`;
      // Day-first text where the day is over 12 (rows 6–9) shows the order; the others are date cells.
      if (col === DATE && Number(d.date.slice(8)) <= 12) return `<c s="1" t="d"><v>${d.date}T00:00:00</v></c>`;
      return undefined;
    }), { extraEntries: [stylesEntry(['dd/mm/yyyy', 'yyyy'])] });
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => r.input.dose.vaccinationDate)).toEqual(doses.map((d) => d.date));
    expect(preview.records.slice(0, 2).map((r) => r.input.person.dob)).toEqual([1, 2].map(() => doses[0]!.person.dob.slice(0, 4)));
    expect(preview.records.flatMap((r) => r.findings.map((f) => f.code))).toEqual([]);
  });
});
