// A sheet's text dates are read the way the sheet shows it writes them (dateOrder.ts): a CSV that
// Excel saved on a Windows set to English (United States) writes m/d/yyyy, and read day first its
// "10/11/2021" silently became 10 November. Real files, expected values and findings per row.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dateOrderOf, DAY_FIRST, type DateOrder } from '../../../electron/core/import/dateOrder.js';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import type { HeaderMapping } from '../../../electron/core/import/findHeaderRow.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** Each row: [status, field:code …], and the person's dob and the dose's date as read. */
function outcome(p: ImportPreview): Record<number, [string, string, string, ...string[]]> {
  return Object.fromEntries(
    p.records.map((r) => [r.row, [r.status, String(r.input.person.dob), String(r.input.dose.vaccinationDate), ...r.findings.map((f) => `${f.field}:${f.code}`)]]),
  );
}

const person = (n: number, dob: string, date: string, cccd: string): string[] => [String(n), `Nguyễn Văn Thử ${'ABCDEFGH'[n]}`, dob, 'Nam', cccd, '0912345678', 'AstraZeneca', 'AB1234', '1', date];

describe('a month-first CSV (Excel on an English Windows)', () => {
  it('is read month first: a date that could be either is read so and says why; one that can only be month first reads quietly', async () => {
    const path = tmp.file('us-excel.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      person(1, '11/12/1990', '10/11/2021', '079090000100'),
      person(2, '1/5/1975', '12/3/2021', '079075000101'),
      person(3, '2/14/1960', '12/20/2021', '079060000102'),
      person(4, '6/6/1966', '2021-12-21', '079066000103'),
    ]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual({
      2: ['warning', '1990-11-12', '2021-10-11', 'dob:IMPORT_DATE_READ_MONTH_FIRST', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
      3: ['warning', '1975-01-05', '2021-12-03', 'dob:IMPORT_DATE_READ_MONTH_FIRST', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
      4: ['ready', '1960-02-14', '2021-12-20'],
      5: ['ready', '1966-06-06', '2021-12-21'],
    });
    const why = preview.records[0]!.findings[1]!;
    expect(why.message_en).toBe('The vaccination date "10/11/2021" is read month first (mm/dd/yyyy) as 2021-10-11, because the file writes its dates that way (row 4: "2/14/1960"). Check it.');
    expect(why.message_vi).toContain('là ngày 11/10/2021');
    expect(why.message_vi).toContain('dòng 4: "2/14/1960"');
  });

  it('a month-first date that cannot be is impossible as a month-first date, without asking whether the file is month first', async () => {
    const path = tmp.file('us-excel-bad.csv');
    writeDelimited(path, [STANDARD_HEADER, person(1, '2/14/1960', '2/30/2021', '079060000102')]);
    const preview = await previewImport(path, { now });
    const bad = preview.records[0]!.findings.find((f) => f.field === 'vaccinationDate')!;
    expect(bad.code).toBe('IMPORT_DATE_IMPOSSIBLE');
    expect(bad.message_en).toBe('The vaccination date "2/30/2021" does not exist: 2021-02 has no day 30.');
  });

  it('an xlsx whose dates are text cells written month first: the same', async () => {
    const path = tmp.file('us-text-dates.xlsx');
    await writeXlsx(path, [{ name: 'Sheet1', rows: [STANDARD_HEADER, person(1, '3/25/1985', '7/1/2021', '079085000100'), person(2, '4/5/1990', '7/15/2021', '079090000101')] }]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual({
      2: ['warning', '1985-03-25', '2021-07-01', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
      3: ['warning', '1990-04-05', '2021-07-15', 'dob:IMPORT_DATE_READ_MONTH_FIRST'],
    });
  });
});

describe('a sheet that writes both ways', () => {
  it('reads day first, warns on every date that could be either, and refuses what can only be month first as before', async () => {
    const path = tmp.file('mixed.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      person(1, '25/03/1985', '01/07/2021', '079085000100'),
      person(2, '03/04/1990', '7/15/2021', '079090000101'),
      person(3, '05/05/1970', '20/08/2021', '079070000102'),
    ]);
    const preview = await previewImport(path, { now });
    expect(outcome(preview)).toEqual({
      2: ['warning', '1985-03-25', '2021-07-01', 'vaccinationDate:IMPORT_DATE_ORDER_MIXED'],
      3: ['error', '1990-04-03', '7/15/2021', 'dob:IMPORT_DATE_ORDER_MIXED', 'vaccinationDate:IMPORT_DATE_IMPOSSIBLE'],
      4: ['ready', '1970-05-05', '2021-08-20'],
    });
    expect(preview.records[0]!.findings[0]!.message_en).toBe(
      'The vaccination date "01/07/2021" could be day/month or month/day, and the file writes both ways (row 2: "25/03/1985", row 3: "7/15/2021"). It is read day first as 2021-07-01; check it.',
    );
  });
});

describe('a Vietnamese sheet (day first, or nothing shows either way)', () => {
  it('reads day first with no new finding, whether or not a date shows it', async () => {
    for (const [name, rows] of [
      ['shows', [person(1, '25/03/1985', '01/07/2021', '079085000100'), person(2, '03/04/1990', '10/11/2021', '079090000101')]],
      ['ambiguous only', [person(1, '03/04/1990', '10/11/2021', '079090000101')]],
    ] as const) {
      const path = tmp.file(`vn-${name}.csv`);
      writeDelimited(path, [STANDARD_HEADER, ...rows]);
      const preview = await previewImport(path, { now });
      const last = preview.records.at(-1)!;
      expect(last.status, name).toBe('ready');
      expect([last.input.person.dob, last.input.dose.vaccinationDate], name).toEqual(['1990-04-03', '2021-11-10']);
    }
  });

  it('date cells and serials are calendar dates: never evidence, never re-read', async () => {
    const path = tmp.file('date-cells.xlsx');
    await writeXlsx(path, [
      {
        name: 'Sheet1',
        rows: [STANDARD_HEADER, [...person(1, '2/14/1960', '', '079060000102').slice(0, 9), new Date(Date.UTC(2021, 10, 10))], [...person(2, '', '44378', '079060000103').slice(0, 2), new Date(Date.UTC(1961, 0, 12)), ...person(2, '', '44378', '079060000103').slice(3)]],
      },
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate])).toEqual([
      ['1960-02-14', '2021-11-10'],
      ['1961-01-12', '2021-07-01'],
    ]);
  });
});

describe('dateOrderOf', () => {
  const mapping = { headerIndex: 0, fields: { dob: 1, vaccinationDate: 2 }, missing: [], doses: [] } as unknown as HeaderMapping;
  const rows = (...cells: string[][]) => [{ row: 1, cells: ['h', 'dob', 'date'] }, ...cells.map((c, i) => ({ row: i + 2, cells: ['x', ...c] }))];

  it('finds the first row that shows each way, from either date column, times cut, ISO and other columns ignored', () => {
    expect(dateOrderOf(rows(['1/2/1990', '2021-12-31']), mapping)).toBe(DAY_FIRST);
    expect(dateOrderOf(rows(['1/2/1990', '3/4/2021'], ['x', '7/15/2021 08:30']), mapping)).toEqual({ order: 'month-first', dayFirst: null, monthFirst: { row: 3, text: '7/15/2021 08:30' } });
    expect(dateOrderOf(rows(['15/7/1990', '12/31/2021']), mapping)).toEqual({ order: 'mixed', dayFirst: { row: 2, text: '15/7/1990' }, monthFirst: { row: 2, text: '12/31/2021' } });
    expect(dateOrderOf(rows(['15/7/1990', '1/1/2021']), mapping)).toEqual({ order: 'day-first', dayFirst: { row: 2, text: '15/7/1990' }, monthFirst: null });
    // A number over 31 or a zero is no evidence (a typo, not an order).
    expect(dateOrderOf(rows(['1/32/1990', '0/13/2021']), mapping)).toBe(DAY_FIRST);
    // The header row is not looked at.
    expect(dateOrderOf([{ row: 1, cells: ['h', '7/15/2021', ''] }], mapping)).toBe(DAY_FIRST);
  });
});

describe('parseDateCell by order (property)', () => {
  const day = fc.record({ y: fc.integer({ min: 1920, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
  const iso = ({ y, m, d }: { y: number; m: number; d: number }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const monthFirst: DateOrder = { order: 'month-first', dayFirst: null, monthFirst: { row: 9, text: '1/13/2021' } };
  const mixed: DateOrder = { order: 'mixed', dayFirst: { row: 8, text: '13/1/2021' }, monthFirst: { row: 9, text: '1/13/2021' } };

  it('a date written month first in a month-first sheet is that date; written day first in a day-first one, the same; warned exactly when it could be either', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('/', '-', '.'), fc.boolean(), fc.constantFrom<'dob' | 'vaccinationDate'>('dob', 'vaccinationDate'), (t, sep, pad, field) => {
        const p = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
        const either = t.m !== t.d && t.d <= 12;
        const us = parseDateCell(`${p(t.m)}${sep}${p(t.d)}${sep}${t.y}`, field, false, monthFirst);
        expect(us.value).toBe(iso(t));
        expect(us.findings.map((f) => f.code)).toEqual(either ? ['IMPORT_DATE_READ_MONTH_FIRST'] : []);
        const vn = parseDateCell(`${p(t.d)}${sep}${p(t.m)}${sep}${t.y}`, field, false, DAY_FIRST);
        expect(vn).toEqual({ value: iso(t), findings: [] });
        const both = parseDateCell(`${p(t.d)}${sep}${p(t.m)}${sep}${t.y}`, field, false, mixed);
        expect(both.value).toBe(iso(t));
        expect(both.findings.map((f) => f.code)).toEqual(either ? ['IMPORT_DATE_ORDER_MIXED'] : []);
      }),
    );
  });

  it('a date of birth written with zeros for what the papers do not give is the partial date they give, said; a vaccination date is not', () => {
    // Said (IMPORT_DOB_ZEROS): zeros are also what a list types when nobody looked, and a whole date is then lost.
    const read = (text: string, order?: DateOrder) => {
      const r = order ? parseDateCell(text, 'dob', false, order) : parseDateCell(text, 'dob', false);
      return { value: r.value, codes: r.findings.map((f) => f.code), en: r.findings[0]?.message_en };
    };
    expect(read('00/00/1985')).toEqual({ value: '1985', codes: ['IMPORT_DOB_ZEROS'], en: expect.stringContaining('read as the year of birth 1985 only') });
    expect(read('00/03/1985')).toEqual({ value: '1985-03', codes: ['IMPORT_DOB_ZEROS'], en: expect.stringContaining('the month and year of birth 03/1985 only') });
    expect(read('03/00/1985', monthFirst)).toEqual({ value: '1985-03', codes: ['IMPORT_DOB_ZEROS'], en: expect.stringContaining('"03/00/1985"') });
    expect(parseDateCell('0/13/1985', 'dob', false).findings.map((f) => f.code)).toEqual(['IMPORT_DATE_IMPOSSIBLE']);
    expect(parseDateCell('00/03/2021', 'vaccinationDate', false).findings.map((f) => f.code)).toEqual(['IMPORT_DATE_IMPOSSIBLE']);
  });

  it('an ISO date, a serial and a partial date of birth read the same whatever the order', () => {
    for (const order of [DAY_FIRST, monthFirst, mixed]) {
      expect(parseDateCell('2021-07-15', 'vaccinationDate', false, order)).toEqual({ value: '2021-07-15', findings: [] });
      expect(parseDateCell(44378, 'vaccinationDate', false, order)).toEqual({ value: '2021-07-01', findings: [] });
      expect(parseDateCell('03/1985', 'dob', false, order)).toEqual({ value: '1985-03', findings: [] });
      expect(parseDateCell({ date: '2021-03-04' }, 'dob', false, order)).toEqual({ value: '2021-03-04', findings: [] });
    }
  });
});
