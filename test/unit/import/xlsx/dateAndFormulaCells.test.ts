// A cell is read by its value and its style, whoever wrote it and however: an ISO date cell
// (`t="d"`: Excel's Strict Open XML, openpyxl's iso_dates, SheetJS's cellDates) and a serial in a
// date style are the same date, shown the same way. A probe found a `t="d"` dob formatted "yyyy"
// stored as 1 January without a word, and a dd/mm/yyyy `t="d"` cell "swapped back".
import fc from 'fast-check';
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
const ID = STANDARD_HEADER.findIndex((h) => h.startsWith('Số CCCD'));
const NAME = STANDARD_HEADER.indexOf('Họ và tên');

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

describe("a formula's cached result is read as the same cell without the formula", () => {
  it('an ISO date, a date style, a zero-padded id, a scientific number, inline text, a boolean', async () => {
    const path = tmp.file('formula-results.xlsx');
    // Styles: 1 dd/mm/yyyy, 2 yyyy, 3 "000000000000", 4 0.00E+00.
    const values = [
      '<c s="1" t="d"><v>1985-03-02T00:00:00</v></c>',
      `<c s="2"><v>${serialOf('1985-01-01')}</v></c>`,
      '<c s="3"><v>1085012345</v></c>',
      '<c s="4"><v>210000</v></c>',
      '<c t="inlineStr"><is><t>Nguyễn Văn An</t></is></c>',
      '<c t="b"><v>1</v></c>',
      '<c t="d"><v>2021-07-29</v></c>',
      `<c s="1"><v>${serialOf('2021-07-29')}</v></c>`,
    ];
    const row = (r: number, formula: boolean): string => `<row r="${r}">${values
      .map((v, i) => v.replace('<c ', `<c r="${column(i)}${r}" `).replace(/(<c [^>]*>)/, formula ? '$1<f>VLOOKUP(A1,Goc!A:H,2,0)</f>' : '$1'))
      .join('')}</row>`;
    writeRawXlsx(path, `<sheetData>${row(2, true)}${row(3, false)}</sheetData>`, { extraEntries: [stylesEntry(['dd/mm/yyyy', 'yyyy', '000000000000', '0.00E+00'])] });
    const [sheet] = await readAllSheets(path);
    const [withFormula, typed] = sheet!.rows;
    expect(withFormula!.cells).toEqual([
      { date: '1985-03-02', dayFirst: true },
      { date: '1985-01-01', shows: 'year' },
      '001085012345',
      210000,
      'Nguyễn Văn An',
      true,
      { date: '2021-07-29' },
      { date: '2021-07-29', dayFirst: true },
    ]);
    expect(withFormula!.cells).toEqual(typed!.cells);
    expect(withFormula!.scientific).toEqual([3]);
    expect(typed!.scientific).toEqual([3]);
  });

  it('what only a formula has stays: no result, an error result as shown, an untyped non-number an error; an empty inline text is blank as an empty str', async () => {
    const path = tmp.file('formula-errors.xlsx');
    writeRawXlsx(path, '<sheetData><row r="1">' +
      '<c r="A1" t="d"><f>TODAY()</f></c>' +
      '<c r="B1" t="inlineStr"><f>TRIM(Z1)</f><is><t></t></is></c>' +
      '<c r="C1"><f>VLOOKUP(1,Z:Z,1,0)</f><v>#N/A</v></c>' +
      '<c r="D1"><f>Z1</f><v>abc</v></c>' +
      '<c r="E1" t="d"><f>Z1</f><v>2021-02-30</v></c>' +
      '<c r="F1" t="b"><f>Z1</f><v> </v></c>' +
      '</row></sheetData>');
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows[0]!.cells).toEqual([{ error: '#NO_CACHED_VALUE' }, '', { error: '#N/A' }, { error: '#ERROR' }, { error: '#DATE' }, { error: '#NO_CACHED_VALUE' }]);
  });

  it('a list whose dates, CCCDs and names are formulas imports as the same list typed by hand', async () => {
    // The probe's c03_td (every row VACCINATION_BEFORE_BIRTH: 2021-07-29 read as serial 2021, a dob
    // as "1985"), c03_num (IMPORT_ID_LEADING_ZERO_RESTORED on a CCCD whose cell shows its zeros),
    // c19 (a dob formatted yyyy stored as 1 January) and c12b (every name "#ERROR").
    const doses = makeDoses(3, 5);
    const typed = (d: ClinicDose, col: number): string | undefined => {
      if (col === DATE) return `<c s="1" t="d"><v>${d.date}T00:00:00</v></c>`;
      if (col === DOB) return d.person === doses[0]!.person ? `<c s="2"><v>${serialOf(`${d.person.dob.slice(0, 4)}-01-01`)}</v></c>` : `<c s="1" t="d"><v>${d.person.dob}T00:00:00</v></c>`;
      if (col === ID && /^0[1-9]\d{10}$/.test(d.person.cccd)) return `<c s="3"><v>${Number(d.person.cccd)}</v></c>`;
      if (col === NAME) return `<c t="inlineStr"><is><t>${d.person.fullName}</t></is></c>`;
      return undefined;
    };
    const formula = (d: ClinicDose, col: number): string | undefined => typed(d, col)?.replace(/(<c [^>]*>)/, '$1<f>VLOOKUP(A2,Goc!A:J,2,0)</f>');
    const styles = stylesEntry(['dd/mm/yyyy', 'yyyy', '000000000000']);
    const read = async (name: string, cell: typeof typed) => {
      const path = tmp.file(name);
      writeRawXlsx(path, listSheet(doses, cell), { extraEntries: [styles] });
      const preview = await previewImport(path, { now });
      return preview.records.map((r) => [r.row, r.input.person.fullName, r.input.person.dob, r.input.person.idNumber, r.input.dose.vaccinationDate, r.findings.map((f) => f.code)]);
    };
    const byHand = await read('typed.xlsx', typed);
    expect(byHand.map((r) => r.slice(2, 5))).toEqual(doses.map((d) => [d.person === doses[0]!.person ? d.person.dob.slice(0, 4) : d.person.dob, d.person.cccd, d.date]));
    expect(byHand.flatMap((r) => r[5])).toEqual([]);
    expect(await read('formulas.xlsx', formula)).toEqual(byHand);
  });
});

describe('the same date in the same style reads the same, however it is kept', () => {
  // Custom codes (ids from 164) and built-ins: 14 (the short date), 15 d-mmm-yy, 17 mmm-yy, 22 m/d/yy h:mm.
  const FORMATS: readonly (number | string)[] = ['dd/mm/yyyy', '[$-42A]dd/mm/yyyy;@', 'm/d/yyyy', 'yyyy', 'MM/YYYY', 'dd/mm/yyyy hh:mm', 'd-mmm-yy', 14, 15, 17, 22];
  const styles = stylesEntry(FORMATS);
  const FIRST = Date.UTC(1900, 2, 1) / 86_400_000;
  const LAST = Date.UTC(2099, 11, 31) / 86_400_000;
  const pad = (n: number): string => String(n).padStart(2, '0');

  it('an ISO date cell, a serial, and a formula caching either', async () => {
    const cases = fc.array(fc.record({
      day: fc.integer({ min: FIRST, max: LAST }),
      // A time of day too (a whole second): the serial's fraction, the ISO date's time.
      second: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 86_399 })),
      style: fc.integer({ min: 1, max: FORMATS.length }),
    }), { minLength: 1, maxLength: 12 });
    await fc.assert(fc.asyncProperty(cases, fc.boolean(), async (list, date1904) => {
      const path = tmp.file('same-date.xlsx');
      const rows = list.map(({ day, second, style }, i) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const time = `T${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
        const serial = serialOf(iso) - (date1904 ? 1462 : 0) + second / 86_400;
        const r = i + 1;
        return `<row r="${r}"><c r="A${r}" s="${style}" t="d"><v>${iso}${time}</v></c><c r="B${r}" s="${style}"><v>${serial}</v></c>` +
          `<c r="C${r}" s="${style}" t="d"><f>Z${r}</f><v>${iso}${time}</v></c><c r="D${r}" s="${style}"><f>Z${r}</f><v>${serial}</v></c></row>`;
      });
      // workbookPr is read wherever it stands in the workbook part.
      writeRawXlsx(path, `<sheetData>${rows.join('')}</sheetData>`, { extraEntries: [styles], workbookTail: date1904 ? '<workbookPr date1904="1"/>' : '' });
      const [sheet] = await readAllSheets(path);
      sheet!.rows.forEach((row, i) => {
        const iso = new Date(list[i]!.day * 86_400_000).toISOString().slice(0, 10);
        expect(row.cells[0]).toMatchObject({ date: iso });
        for (const other of row.cells.slice(1)) expect(other).toEqual(row.cells[0]);
      });
    }), { numRuns: 40 });
  });
});

describe('an ISO date cell with a time in a zone (SheetJS cellDates: "2021-07-28T17:00:00.000Z")', () => {
  it('is the day that instant is in Viet Nam, said when it is not the day written; a time without a zone is the day written', async () => {
    const path = tmp.file('iso-zones.xlsx');
    const texts = [
      '2021-07-28T17:00:00.000Z', // midnight of 29 July in Viet Nam, from a computer there
      '1985-03-01T17:00:00Z',
      '2021-07-29T00:00:00Z', // 07:00 in Viet Nam: the same day
      '2021-07-29T00:00:00+07:00',
      '2021-07-28T20:00:00-05:00', // 08:00 on 29 July in Viet Nam
      '2021-07-28T17:00:00', // no zone: the time Excel shows, on the day it shows
    ];
    writeRawXlsx(path, `<sheetData><row r="1">${texts.map((t, i) => `<c r="${column(i)}1" s="1" t="d"><v>${t}</v></c>`).join('')}</row></sheetData>`, { extraEntries: [stylesEntry([14])] });
    const [sheet] = await readAllSheets(path);
    expect(sheet!.rows[0]!.cells).toEqual([
      { date: '2021-07-29', zoned: { written: '2021-07-28T17:00:00.000Z', vietnam: '2021-07-29T00:00' } },
      { date: '1985-03-02', zoned: { written: '1985-03-01T17:00:00Z', vietnam: '1985-03-02T00:00' } },
      { date: '2021-07-29' },
      { date: '2021-07-29' },
      { date: '2021-07-29', zoned: { written: '2021-07-28T20:00:00-05:00', vietnam: '2021-07-29T08:00' } },
      { date: '2021-07-28' },
    ]);
  });

  it('a list a program in Viet Nam wrote with SheetJS imports on its days, each date with a warning to check it', async () => {
    // The probe's c01c: every date stored a day early, ready, without a word.
    const doses = makeDoses(2, 3);
    const utc = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00+07:00`)).toISOString();
    const path = tmp.file('sheetjs-celldates.xlsx');
    writeRawXlsx(path, listSheet(doses, (d, col) => {
      if (col === DATE) return `<c s="1" t="d"><v>${utc(d.date)}</v></c>`;
      if (col === DOB) return `<c s="1" t="d"><v>${utc(d.person.dob)}</v></c>`;
      return undefined;
    }), { extraEntries: [stylesEntry([14])] });
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate])).toEqual(doses.map((d) => [d.person.dob, d.date]));
    expect(preview.records.map((r) => r.findings.map((f) => `${f.field}:${f.code}:${f.severity}`))).toEqual(doses.map(() => ['dob:IMPORT_DATE_CELL_TIME_ZONE:warning', 'vaccinationDate:IMPORT_DATE_CELL_TIME_ZONE:warning']));
    const said = preview.records[0]!.findings.find((f) => f.field === 'vaccinationDate')!;
    const shown = (iso: string): string => iso.split('-').reverse().join('/');
    const dayBefore = new Date(Date.parse(`${doses[0]!.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(said.message_vi).toContain(`"${utc(doses[0]!.date)}"`);
    expect(said.message_vi).toContain(`00:00 ngày ${shown(doses[0]!.date)} giờ Việt Nam`);
    expect(said.message_vi).toContain(`${shown(dayBefore)} 17:00`);
    expect(said.message_en).toContain(`Read as ${doses[0]!.date}`);
  });
});

describe('a zoned ISO date read as a date all the same', () => {
  it('counts for a row after a totals row being a record, as the date written without a zone does', async () => {
    // A row after a totals row is a record when two of its cells read as a record's: here a name
    // and a vaccination date, so the totals row was a subtotal and the row is an error row (no id).
    const doses = makeDoses(1, 4);
    const read = async (name: string, date: string) => {
      const path = tmp.file(name);
      const rows = listSheet(doses).replace('</sheetData>', '') +
        '<row r="4"><c r="A4" t="inlineStr"><is><t>Tổng cộng</t></is></c><c r="I4" t="inlineStr"><is><t>2 mũi</t></is></c></row>' +
        `<row r="5"><c r="B5" t="inlineStr"><is><t>Phạm Thu Hà</t></is></c><c r="${column(DATE)}5" t="d"><v>${date}</v></c></row></sheetData>`;
      writeRawXlsx(path, rows);
      const preview = await previewImport(path, { now });
      return preview.records.map((r) => [r.row, r.input.dose.vaccinationDate]);
    };
    expect(await read('plain.xlsx', '2021-07-29')).toEqual([[2, doses[0]!.date], [3, doses[1]!.date], [5, '2021-07-29']]);
    expect(await read('zoned.xlsx', '2021-07-28T17:00:00.000Z')).toEqual([[2, doses[0]!.date], [3, doses[1]!.date], [5, '2021-07-29']]);
  });
});
