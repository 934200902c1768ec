// Lists with one row per person and each dose in its own columns: "Ngày tiêm mũi 1 | Vắc xin mũi 1
// | … | Ngày tiêm mũi 2", a group header "Mũi 1" over Ngày tiêm | Vắc xin | Số lô (merged, or written
// once over the first column), one column of dates per dose with the vaccine once, boosters. Each
// dose filled in is a record with that dose number (findHeaderRow.ts DoseColumns, mapRow.ts
// mapRows). Real generated files; each record's values and findings.
import { afterAll, describe, expect, it } from 'vitest';
import { findHeaderRow, mapHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** Each record: row, status, id number, dose number, vaccine, lot, date, then its findings' codes. */
function outcome(p: ImportPreview): (string | number)[][] {
  return p.records.map((r) => [
    r.row,
    r.status,
    String(r.input.person.idNumber),
    Number(r.input.dose.doseNumber),
    String(r.input.dose.vaccine),
    String(r.input.dose.lot),
    String(r.input.dose.vaccinationDate),
    ...r.findings.map((f) => `${f.field}:${f.code}`),
  ]);
}

const codes = (p: ImportPreview): string[] => p.findings.map((f) => `${f.row}:${f.code}`);

describe('the header of a row per person', () => {
  it('reads each dose\'s columns from markers in the header cells, with the dose number column gone from what is missing', () => {
    const m = mapHeaderRow({ row: 1, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Ngày tiêm mũi 1', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 2', 'Vắc xin mũi 2', 'Số lô mũi 2'] }, 0);
    expect(m.doses).toEqual([
      { dose: 1, vaccinationDate: 4, vaccine: 5, lot: 6, own: [4, 5, 6] },
      { dose: 2, vaccinationDate: 7, vaccine: 8, lot: 9, own: [7, 8, 9] },
    ]);
    expect(m.missing).toEqual([]);
    expect(m.duplicates).toEqual([]);
    expect(m.fields).toMatchObject({ vaccinationDate: 4, vaccine: 5, lot: 6 });
    expect(m.columns.map((c) => c.field)).toEqual([null, 'fullName', 'dob', 'idNumber', 'vaccinationDate', 'vaccine', 'lot', 'vaccinationDate', 'vaccine', 'lot']);
  });

  it('shares a column every dose uses, and places boosters after the highest dose, each record\'s number its person\'s', () => {
    const m = mapHeaderRow({ row: 1, cells: ['Họ và tên', 'Năm sinh', 'CCCD', 'Tên vắc xin', 'Mũi 1', 'Mũi 2', 'Mũi nhắc lại'] }, 0);
    expect(m.doses).toEqual([
      { dose: 1, vaccinationDate: 4, vaccine: 3, own: [4] },
      { dose: 2, vaccinationDate: 5, vaccine: 3, own: [5] },
      { dose: 3, vaccinationDate: 6, vaccine: 3, own: [6], booster: { nth: 1, kind: 'nhaclai', words: 'Mũi nhắc lại' } },
    ]);
    expect(m.missing).toEqual(['lot'].filter(() => false));
  });

  it('reads a bare dose label with a note as that dose\'s date, and short headers under a dose\'s label as its fields', () => {
    const bare = mapHeaderRow({ row: 1, cells: ['Họ và tên', 'Năm sinh', 'CCCD', 'Loại vắc xin', 'Mũi 1 (dd/mm/yyyy)', 'Mũi 2 (dd/mm/yyyy)', 'Số lô'] }, 0);
    expect(bare.doses.map((d) => [d.dose, d.vaccinationDate, d.vaccine, d.lot])).toEqual([
      [1, 4, 3, 6],
      [2, 5, 3, 6],
    ]);
    // "Tên" alone is a given name, "Ngày" any date: under "Mũi 1" they are the dose's vaccine and date.
    const above = { row: 1, cells: ['Họ và tên', 'Ngày sinh', 'CCCD', 'Mũi 1', 'Mũi 1', 'Mũi 1', 'Mũi 2', 'Mũi 2', 'Mũi 2'] };
    const short = findHeaderRow([above, { row: 2, cells: ['Họ và tên', 'Ngày sinh', 'CCCD', 'Ngày', 'Tên', 'Lô', 'Ngày', 'Tên', 'Lô'] }])!;
    expect(short.headerRow).toBe(2);
    expect(short.missing).toEqual([]);
    expect(short.doses).toEqual([
      { dose: 1, vaccinationDate: 3, vaccine: 4, lot: 5, own: [3, 4, 5] },
      { dose: 2, vaccinationDate: 6, vaccine: 7, lot: 8, own: [6, 7, 8] },
    ]);
    expect(short.fields).not.toHaveProperty('givenName');
  });

  it('keeps a row per dose when a column holds the dose number and the markers name one dose; with two, the column is not read', () => {
    const one = mapHeaderRow({ row: 1, cells: ['Họ và tên', 'Ngày sinh', 'CCCD', 'Tên vắc xin', 'Mũi tiêm thứ', 'Ngày tiêm mũi 1'] }, 0);
    expect(one.doses).toEqual([]);
    expect(one.fields).toMatchObject({ doseNumber: 4, vaccinationDate: 5 });
    // "Số lô | Mũi tiêm thứ | Ngày tiêm mũi 1 | … | Ngày tiêm mũi 2": the dose number column is a
    // count or a template's; each dose's columns say which dose (a row's dose 2 never takes dose 1's date).
    const two = mapHeaderRow({ row: 1, cells: ['Họ và tên', 'Ngày sinh', 'CCCD', 'Tên vắc xin', 'Mũi tiêm thứ', 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2'] }, 0);
    expect(two.doses.map((d) => [d.dose, d.vaccinationDate, d.vaccine])).toEqual([
      [1, 5, 3],
      [2, 6, 3],
    ]);
    expect(two.fields.doseNumber).toBeUndefined();
    expect(two.unreadDoseNumber).toEqual([4]);
    expect(two.missing).toEqual([]);
  });

  it('reads a group label above the columns, merged across them or written over the first only', () => {
    const header = { row: 5, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô'] };
    const merged = { row: 4, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Mũi 1', 'Mũi 1', 'Mũi 1', 'Mũi 2', 'Mũi 2', 'Mũi 2'] };
    const once = { row: 4, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'MŨI THỨ NHẤT', null, null, 'MŨI THỨ HAI'] };
    for (const above of [merged, once]) {
      const m = findHeaderRow([{ row: 1, cells: ['DANH SÁCH NGƯỜI ĐÃ TIÊM VẮC XIN COVID-19'] }, above, header])!;
      expect(m.headerRow).toBe(5);
      expect(m.doses.map((d) => [d.dose, d.own])).toEqual([
        [1, [4, 5, 6]],
        [2, [7, 8, 9]],
      ]);
      // Written back labelled, so the failed-rows export reads the same way.
      expect(m.rewritten).toBe(true);
      expect(m.columns.slice(4).map((c) => c.header)).toEqual(['Mũi 1 - Ngày tiêm', 'Mũi 1 - Vắc xin', 'Mũi 1 - Số lô', 'Mũi 2 - Ngày tiêm', 'Mũi 2 - Vắc xin', 'Mũi 2 - Số lô']);
    }
  });

  it('reads a two-row header written without merges: the upper row names the columns the lower leaves blank', () => {
    const rows = [
      { row: 3, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Mũi 1', null, null, 'Mũi 2'] },
      { row: 4, cells: [null, null, null, null, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô'] },
    ];
    const m = findHeaderRow(rows)!;
    expect(m).toMatchObject({ headerRow: 4, headerIndex: 1, missing: [], fields: { fullName: 1, dob: 2, idNumber: 3 } });
    expect(m.doses.map((d) => d.own)).toEqual([
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(m.columns.slice(0, 4).map((c) => c.header)).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD']);
  });

  it('leaves a row-per-dose header as it was, a title above it included', () => {
    const header = { row: 3, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'] };
    const m = findHeaderRow([{ row: 1, cells: ['TRẠM Y TẾ'] }, { row: 2, cells: ['DANH SÁCH TIÊM MŨI 3'] }, header])!;
    expect(m).toMatchObject({ headerRow: 3, doses: [], rewritten: false, missing: [] });
  });
});

describe('importing a row per person', () => {
  const person = ['Nguyễn Văn An', '12/03/1985', '079085000123'];
  const other = ['Trần Thị Bình', '1990', '079190000456'];

  it('makes one record per dose filled in, each with its number; a person with none is one record saying so', async () => {
    const path = tmp.file('by-person.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          ['DANH SÁCH NGƯỜI ĐÃ TIÊM'],
          ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Ngày tiêm mũi 1', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 2', 'Vắc xin mũi 2', 'Số lô mũi 2'],
          [...person, '01/07/2021', 'AstraZeneca', 'AB1', '05/09/2021', 'Astra Zeneca', 'AB2'],
          [...other, '02/07/2021', 'Pfizer', 'PF1'],
          ['Lê Văn Cường', '1970', '079070000789'],
        ],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [3, 'ready', '079085000123', 1, 'ASTRAZENECA', 'AB1', '2021-07-01'],
      [3, 'ready', '079085000123', 2, 'ASTRAZENECA', 'AB2', '2021-09-05'],
      [4, 'ready', '079190000456', 1, 'PFIZER', 'PF1', '2021-07-02'],
      [5, 'error', '079070000789', 1, '', '', '', 'vaccinationDate:IMPORT_NO_DOSE'],
    ]);
    expect(codes(p)).toContain('2:IMPORT_DOSE_COLUMNS');
    const note = p.findings.find((f) => f.code === 'IMPORT_DOSE_COLUMNS')!;
    expect(note.message_en).toBe('One row per person, each dose in its own columns: dose 1 in columns D, E, F; dose 2 in columns G, H, I. Each dose filled in becomes a record with that dose number.');
    expect(note.message_vi).toContain('mũi 1 ở cột D, E, F; mũi 2 ở cột G, H, I');
  });

  it('says which dose a bad cell is in, and a person\'s own finding once per row', async () => {
    const path = tmp.file('by-person-bad.csv');
    writeDelimited(path, [
      ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Mũi 1', 'Mũi 2'],
      ['Nguyễn Văn An', '31/02/1985', '079085000123', 'Vero Cell', '01/07/2021', '32/08/2021'],
    ]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.input.dose.doseNumber, r.status])).toEqual([
      [1, 'error'],
      [2, 'error'],
    ]);
    const dose2 = p.records[1]!.findings.find((f) => f.field === 'vaccinationDate')!;
    expect(dose2.message_en).toMatch(/^Dose 2: /);
    expect(dose2.message_vi).toMatch(/^Mũi 2: /);
    // The date of birth is wrong on both records, and listed once for the row.
    expect(p.records.every((r) => r.findings.some((f) => f.field === 'dob'))).toBe(true);
    expect(p.findings.filter((f) => f.field === 'dob')).toHaveLength(1);
  });

  it('reads a merged group header, a booster group and the month-first evidence of any dose\'s dates', async () => {
    const path = tmp.file('groups.xlsx');
    await writeXlsx(path, [
      {
        name: 'Tổng hợp',
        rows: [
          ['STT', 'Họ và tên', 'Ngày sinh', 'CCCD', 'Mũi 1', null, null, 'Mũi 2', null, null, 'Mũi nhắc lại', null, null],
          [null, null, null, null, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô'],
          [1, 'Nguyễn Văn An', '1985', '079085000123', '7/1/2021', 'Moderna', 'MD1', '8/5/2021', 'Moderna', 'MD2', '1/25/2022', 'Pfizer', 'PF9'],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:G1', 'H1:J1', 'K1:M1'],
      },
    ]);
    const p = await previewImport(path, { now });
    // Only the booster's date shows the order (25 cannot be a month): every date reads month first,
    // each that could be either with a warning.
    expect(outcome(p)).toEqual([
      [3, 'warning', '079085000123', 1, 'MODERNA', 'MD1', '2021-07-01', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
      [3, 'warning', '079085000123', 2, 'MODERNA', 'MD2', '2021-08-05', 'vaccinationDate:IMPORT_DATE_READ_MONTH_FIRST'],
      // The booster's number is the person's (after their dose 2), said as a row per dose says it.
      [3, 'warning', '079085000123', 3, 'PFIZER', 'PF9', '2022-01-25', 'doseNumber:IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
    ]);
    expect(p.findings.some((f) => f.code === 'IMPORT_DATE_READ_MONTH_FIRST')).toBe(true);
  });

  it('commits every dose, and the same file again creates nothing', async () => {
    const { openTestStore } = await import('../db/storeHarness.js');
    const { importStorePort } = await import('../../../electron/core/import/storePort.js');
    const { commitImport } = await import('../../../electron/core/import/commitImport.js');
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const store = importStorePort(t.store);
      const path = tmp.file('commit.csv');
      writeDelimited(path, [
        ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Ngày tiêm mũi 1', 'Vắc xin mũi 1', 'Số lô mũi 1', 'Ngày tiêm mũi 2', 'Vắc xin mũi 2', 'Số lô mũi 2'],
        [...person, '01/07/2021', 'AstraZeneca', 'AB1', '05/09/2021', 'AstraZeneca', 'AB2'],
        [...other, '02/07/2021', 'Pfizer', 'PF1', '', '', ''],
      ]);
      const clock = (): Date => new Date('2023-01-15T03:00:00Z');
      const first = await commitImport(await previewImport(path, { now: clock, store }), store, { confirmWarnings: true });
      expect(first.committed).toBe(3);
      const stored = t.db.prepare('SELECT dose_number AS n, vaccination_date AS d FROM dose_records ORDER BY vaccination_date').all();
      expect(stored).toEqual([
        { n: 1, d: '2021-07-01' },
        { n: 1, d: '2021-07-02' },
        { n: 2, d: '2021-09-05' },
      ]);
      const again = await previewImport(path, { now: clock, store });
      expect(again).toMatchObject({ rows: 3, duplicates: 3 });
    } finally {
      t.close();
    }
  });

  it('exports a failed row once, its header labelled with the doses, and the fixed file imports the dose it lacked', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { openTestStore } = await import('../db/storeHarness.js');
    const { importStorePort } = await import('../../../electron/core/import/storePort.js');
    const { commitImport } = await import('../../../electron/core/import/commitImport.js');
    const { exportFailedRows, FINDINGS_HEADER } = await import('../../../electron/core/import/exportFailedRows.js');
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const store = importStorePort(t.store);
      const clock = (): Date => new Date('2023-01-15T03:00:00Z');
      const path = tmp.file('export.xlsx');
      await writeXlsx(path, [
        {
          name: 'DS',
          rows: [
            ['Họ và tên', 'Ngày sinh', 'CCCD', 'Mũi 1', null, null, 'Mũi 2', null, null],
            [null, null, null, 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô'],
            [...person, '01/07/2021', 'AstraZeneca', 'AB1', '31/09/2021', 'AstraZeneca', 'AB2'],
            [...other, '31/06/2021', 'Pfizer', 'PF1', '31/08/2021', 'Pfizer', 'PF2'],
          ],
          merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:F1', 'G1:I1'],
        },
      ]);
      const committed = await commitImport(await previewImport(path, { now: clock, store }), store, { confirmWarnings: true });
      expect(committed.records.map((r) => [r.row, r.input.dose.doseNumber, r.outcome])).toEqual([
        [3, 1, 'created'],
        [3, 2, 'skipped'],
        [4, 1, 'skipped'],
        [4, 2, 'created'],
      ]);
      const out = tmp.file('loi-theo-nguoi.xlsx');
      expect(await exportFailedRows(path, committed, out)).toEqual({ rows: 2 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.getWorksheet('DS')!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
        'Họ và tên', 'Ngày sinh', 'CCCD',
        'Mũi 1 - Ngày tiêm', 'Mũi 1 - Vắc xin', 'Mũi 1 - Số lô', 'Mũi 2 - Ngày tiêm', 'Mũi 2 - Vắc xin', 'Mũi 2 - Số lô',
        FINDINGS_HEADER,
      ]);
      expect(ws.rowCount).toBe(3);
      expect(String(ws.getRow(2).getCell(10).value)).toMatch(/^Dòng 3 \/ Row 3\n\[IMPORT_DATE_IMPOSSIBLE\] Mũi 2: .+ \/ Dose 2: /);
      // Fixed in Excel: the dose each row lacked is created, the other is already there.
      ws.getRow(2).getCell(7).value = '30/09/2021';
      ws.getRow(3).getCell(4).value = '30/06/2021';
      await wb.xlsx.writeFile(out);
      const fixed = await commitImport(out, store, { now: clock, confirmWarnings: true });
      expect(fixed.records.map((r) => [r.row, r.input.dose.doseNumber, r.outcome, r.status])).toEqual([
        [2, 1, 'skipped', 'duplicate'],
        [2, 2, 'created', 'ready'],
        [3, 1, 'created', 'ready'],
        [3, 2, 'skipped', 'duplicate'],
      ]);
      expect((t.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n).toBe(4);
    } finally {
      t.close();
    }
  });
});
