// Session 27: a Google Sheet in English (United States) exports its vaccination dates m/d/yyyy,
// while the clerk typed the dates of birth d/m/yyyy as text. The file was "mixed": each date that
// could be either a warning, each that can only be month first an error, in a file whose every
// column says plainly how it is written. Each date column is now read on its own evidence when
// that is one way only, and the columns' ways are said once; a column that shows neither way (or
// both) keeps the whole file's reading.
import { afterAll, describe, expect, it } from 'vitest';
import { dateOrderOf } from '../../../electron/core/import/dateOrder.js';
import type { HeaderMapping } from '../../../electron/core/import/findHeaderRow.js';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';
import { openTestStore } from '../db/storeHarness.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const person = (n: number, dob: string, date: string, cccd: string): string[] => [String(n), `Nguyễn Văn Thử ${'ABCDEFGH'[n]}`, dob, 'Nam', cccd, '0912345678', 'AstraZeneca', 'AB1234', '1', date];

/** Births typed day first, the export's vaccination dates month first. */
const ROWS = [
  person(1, '25/03/1985', '8/16/2021', '079085000100'),
  person(2, '03/04/1990', '10/11/2021', '079090000101'),
  person(3, '5/6/1970', '12/3/2021', '079070000102'),
  person(4, '14/2/1960', '9/21/2021', '079060000103'),
];

const read = (p: ImportPreview) => p.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate, ...r.findings.map((f) => `${f.field}:${f.code}`)]);

describe('a file whose date columns are written each its own way', () => {
  const expected = [
    ['1985-03-25', '2021-08-16'],
    ['1990-04-03', '2021-10-11', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
    ['1970-06-05', '2021-12-03', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
    ['1960-02-14', '2021-09-21'],
  ];

  it('a CSV: births read day first, vaccination dates month first, no date refused, the ways said once', async () => {
    const path = tmp.file('google-sheet-us.csv');
    writeDelimited(path, [STANDARD_HEADER, ...ROWS]);
    const p = await previewImport(path, { now });
    expect(read(p)).toEqual(expected);
    expect(p.records.map((r) => r.status)).toEqual(['ready', 'warning', 'warning', 'ready']);
    const note = p.findings.filter((f) => f.code === 'IMPORT_DATE_ORDER_BY_COLUMN');
    expect(note).toHaveLength(1);
    expect(note[0]!.message_vi).toBe(
      'Tệp ghi ngày theo cả hai kiểu, nên mỗi cột ngày được đọc theo kiểu của chính nó: cột "Ngày sinh" ngày trước tháng (dd/mm/yyyy; dòng 2: "25/03/1985"); cột "Ngày tiêm" tháng trước ngày (mm/dd/yyyy; dòng 2: "8/16/2021"). Hãy kiểm tra lại các ngày.',
    );
    expect(note[0]!.message_en).toBe(
      'The file writes dates both ways, so each date column is read its own way: the column "Ngày sinh" day first (dd/mm/yyyy; row 2: "25/03/1985"); the column "Ngày tiêm" month first (mm/dd/yyyy; row 2: "8/16/2021"). Check the dates.',
    );
    // Stored as read, and the note kept by the commit as the preview had it.
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const store = importStorePort(t.store);
      const done = await commitImport(await previewImport(path, { now, store }), store, { confirmWarnings: true });
      expect(done.committed).toBe(4);
      expect(done.findings.filter((f) => f.code === 'IMPORT_DATE_ORDER_BY_COLUMN')).toHaveLength(1);
      expect(t.db.prepare("SELECT vaccination_date AS d FROM dose_records ORDER BY vaccination_date").all().map((r) => (r as { d: string }).d)).toEqual(['2021-08-16', '2021-09-21', '2021-10-11', '2021-12-03']);
    } finally {
      t.close();
    }
    const monthFirst = p.records[1]!.findings[0]!;
    expect(monthFirst.message_en).toBe('The vaccination date "10/11/2021" is read month first (mm/dd/yyyy) as 2021-10-11, because the column "Ngày tiêm" writes its dates that way (row 2: "8/16/2021"). Check it.');
    expect(monthFirst.message_vi).toBe('Ngày tiêm "10/11/2021" được đọc theo kiểu tháng trước ngày (mm/dd/yyyy) là ngày 11/10/2021, vì cột "Ngày tiêm" của tệp ghi ngày theo kiểu đó (dòng 2: "8/16/2021"). Hãy kiểm tra lại.');
  });

  it("a two-digit year of birth in a column read its own way takes its century from the import's day, not the machine's clock", async () => {
    // No CCCD to give the century (a CMND): "25/03/23" on an import run in 2022 is 1923, whatever
    // year the clock says (mutation probe, session 28: the column's order dropped the import's year).
    const path = tmp.file('two-digit-birth.csv');
    writeDelimited(path, [STANDARD_HEADER, ...ROWS.slice(0, 3), person(4, '25/03/23', '9/21/2021', '024123456')]);
    const p = await previewImport(path, { now });
    expect(p.records[3]!.input.person.dob).toBe('1923-03-25');
  });

  it('an xlsx of text cells: the same', async () => {
    const path = tmp.file('google-sheet-us.xlsx');
    await writeXlsx(path, [{ name: 'Sheet1', rows: [STANDARD_HEADER, ...ROWS] }]);
    const p = await previewImport(path, { now });
    expect(read(p)).toEqual(expected);
    expect(p.findings.filter((f) => f.code === 'IMPORT_DATE_ORDER_BY_COLUMN')).toHaveLength(1);
  });

  it('a column that shows neither way keeps the whole file\'s reading: day first, each date that could be either warned', async () => {
    const path = tmp.file('per-person-us.csv');
    const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'CCCD', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 1', 'Vắc xin mũi 2', 'Số lô mũi 2', 'Ngày tiêm mũi 2'];
    writeDelimited(path, [
      header,
      ['1', 'Lê Thị Bình', '25/03/1985', 'Nữ', '079185000100', 'Pfizer', 'FF1234', '8/16/2021', 'Pfizer', 'FF1235', '9/6/2021'],
      ['2', 'Lê Thị Cúc', '13/04/1990', 'Nữ', '079190000101', 'Pfizer', 'FF1234', '7/20/2021', 'Pfizer', 'FF1235', '8/10/2021'],
    ]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate, r.findings.filter((f) => f.code.startsWith('IMPORT_DATE')).map((f) => `${f.field}:${f.code}`)])).toEqual([
      ['1985-03-25', '2021-08-16', []],
      // Dose 2's column shows nothing: read day first as the file is read, and said.
      ['1985-03-25', '2021-06-09', ['vaccinationDate:IMPORT_DATE_ORDER_MIXED']],
      ['1990-04-13', '2021-07-20', []],
      ['1990-04-13', '2021-10-08', ['vaccinationDate:IMPORT_DATE_ORDER_MIXED']],
    ]);
    const note = p.findings.find((f) => f.code === 'IMPORT_DATE_ORDER_BY_COLUMN')!;
    expect(note.message_en).toContain('the column "Ngày tiêm mũi 2", which shows neither way, day first, each date that could be either warned');
  });

  it('one date typed month first in a day-first list is no column\'s way: the list is read as before, the typo refused', async () => {
    const path = tmp.file('one-typo.csv');
    writeDelimited(path, [
      STANDARD_HEADER,
      person(1, '25/03/1985', '05/08/2021', '079085000100'),
      person(2, '14/04/1990', '05/08/2021', '079090000101'),
      person(3, '03/04/1970', '08/13/2021', '079070000102'),
      person(4, '02/01/1960', '05/08/2021', '079060000103'),
    ]);
    const p = await previewImport(path, { now });
    expect(read(p)).toEqual([
      ['1985-03-25', '2021-08-05', 'vaccinationDate:IMPORT_DATE_ORDER_MIXED'],
      ['1990-04-14', '2021-08-05', 'vaccinationDate:IMPORT_DATE_ORDER_MIXED'],
      ['1970-04-03', '08/13/2021', 'vaccinationDate:IMPORT_DATE_IMPOSSIBLE'],
      ['1960-01-02', '2021-08-05', 'vaccinationDate:IMPORT_DATE_ORDER_MIXED'],
    ]);
    expect(p.findings.find((f) => f.code === 'IMPORT_DATE_ORDER_BY_COLUMN')!.message_en).toBe(
      'The file writes dates both ways, so each date column is read its own way: the column "Ngày sinh" day first (dd/mm/yyyy; row 2: "25/03/1985"); the column "Ngày tiêm", where only one date shows a way (row 4: "08/13/2021"), too few to read the column by it: day first, each date that could be either warned. Check the dates.',
    );
  });

  it('a column that shows both ways keeps the whole file\'s reading; a file of one way has no columns of its own', () => {
    const mapping = { headerIndex: 0, fields: { dob: 1, vaccinationDate: 2 }, missing: [], doses: [], columns: [{ index: 1, header: 'NS' }, { index: 2, header: 'NT' }] } as unknown as HeaderMapping;
    const rows = (...cells: string[][]) => [{ row: 1, cells: ['h', 'NS', 'NT'] }, ...cells.map((c, i) => ({ row: i + 2, cells: ['x', ...c] }))];
    const both = dateOrderOf(rows(['15/7/1990', '12/31/2021'], ['16/7/1990', '13/1/2021']), mapping);
    expect(both.order).toBe('mixed');
    expect([...both.columns!.values()].map((c) => [c.header, c.order])).toEqual([['NS', 'day-first'], ['NT', 'mixed']]);
    expect(dateOrderOf(rows(['15/7/1990', '1/2/2021']), mapping).columns).toBeUndefined();
    expect(dateOrderOf(rows(['7/15/1990', '1/2/2021']), mapping).columns).toBeUndefined();
    // Both columns both ways: nothing of their own.
    expect(dateOrderOf(rows(['15/7/1990', '12/31/2021'], ['7/15/1990', '31/12/2021']), mapping).columns).toBeUndefined();
  });
});
