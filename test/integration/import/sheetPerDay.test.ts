// A workbook with one sheet per vaccination day ("12-08", "13-08", or "Ngày 1", "Ngày 2"), every
// day under the same header: a clinic expects the whole workbook imported, not its first day with
// the others only named (session 25 imported the first sheet alone). Each finding names its sheet
// and the row Excel shows there; an instructions tab, a summary tab and a sheet with another
// header are not mixed in; the failed rows are exported per sheet, and the fixed file, or the same
// workbook, imports again without a dose twice.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { exportFailedRows, FINDINGS_HEADER } from '../../../electron/core/import/exportFailedRows.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportStorePort } from '../../../electron/core/import/types.js';
import { openTestStore, type TestStore } from '../../unit/db/storeHarness.js';
import { dmy, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeXlsx } from '../../fixtures/clinicFiles.js';

let t: TestStore;
let store: ImportStorePort;
let tmp: ReturnType<typeof makeTempDir>;
const now = (): Date => new Date('2023-01-15T03:00:00Z');

beforeEach(() => {
  t = openTestStore({ actor: 'user:import-test' });
  store = importStorePort(t.store);
  tmp = makeTempDir();
});
afterEach(() => {
  t.close();
  tmp.cleanup();
});

const doses = makeDoses(12, 26);
const rowsOf = (from: number, count: number): string[][] => doses.slice(from, from + count).map((d, i) => standardRow(d, i + 1));
const recordCount = (): number => (t.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;

/** Instructions, three days (the second under a title, its row 7 a bad date of birth), a summary, another list. */
async function dayWorkbook(path: string): Promise<string[][]> {
  const day2 = rowsOf(4, 4);
  day2[1]![2] = '31/02/1990';
  await writeXlsx(path, [
    { name: 'Hướng dẫn', rows: [['Mỗi ngày tiêm một trang, giữ nguyên dòng tiêu đề.']] },
    { name: '12-08', rows: [STANDARD_HEADER, ...rowsOf(0, 4)] },
    { name: '13-08', rows: [['DANH SÁCH TIÊM NGÀY 13/08/2021'], [], [], [], STANDARD_HEADER, ...day2] },
    { name: '14-08', rows: [STANDARD_HEADER, ...rowsOf(8, 4)] },
    { name: 'Tổng hợp', rows: [['Ngày', 'Số mũi'], ['12-08', 4], ['13-08', 4], ['14-08', 4]] },
    { name: 'Hẹn mũi 2', rows: [['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Vắc xin', 'Mũi 1 ngày', 'Mũi 2 ngày'], ['1', doses[0]!.person.fullName, dmy(doses[0]!.person.dob), doses[0]!.person.cccd, 'Pfizer', dmy(doses[0]!.date), dmy(doses[1]!.date)]] },
  ]);
  return day2;
}

describe('a workbook with a sheet per vaccination day', () => {
  it('imports every day under the same header, each finding naming its sheet and the row Excel shows', async () => {
    const path = tmp.file('thang8.xlsx');
    await dayWorkbook(path);
    const p = await previewImport(path, { now, store });
    expect(p.sheet).toBe('12-08');
    expect(p.sheetsRead.map((s) => [s.sheet, s.headerRow])).toEqual([['12-08', 1], ['13-08', 5], ['14-08', 1]]);
    expect(p.rows).toBe(12);
    expect(p.records.map((r) => `${r.sheet}!${r.row}`)).toEqual([
      '12-08!2', '12-08!3', '12-08!4', '12-08!5', '13-08!6', '13-08!7', '13-08!8', '13-08!9', '14-08!2', '14-08!3', '14-08!4', '14-08!5',
    ]);
    expect(p.errors).toBe(1);
    const bad = p.findings.filter((f) => f.severity === 'error');
    expect(bad.map((f) => [f.sheet, f.row, f.code])).toEqual([['13-08', 7, 'IMPORT_DATE_IMPOSSIBLE']]);
    // The days are not "other lists"; the list under another header is, and is named.
    expect(p.otherLists).toEqual(['Hẹn mũi 2']);
    const other = p.findings.filter((f) => f.code === 'IMPORT_OTHER_SHEETS');
    expect(other).toHaveLength(1);
    expect(other[0]!.message_en).toContain('"Hẹn mũi 2"');
    expect(other[0]!.message_en).not.toContain('13-08');
    // Findings come in the workbook's order: sheet by sheet, row by row.
    const order = p.findings.map((f) => `${p.sheetsRead.findIndex((s) => s.sheet === (f.sheet ?? p.sheet))}:${String(f.row).padStart(4, '0')}`);
    expect(order).toEqual([...order].sort());
  });

  it('commits every day, exports the failed row on its sheet, and imports neither file twice', async () => {
    const path = tmp.file('ngay.xlsx');
    const day2 = await dayWorkbook(path);
    const committed = await commitImport(await previewImport(path, { now, store }), store);
    expect(committed.committed).toBe(11);
    expect(recordCount()).toBe(11);

    const out = tmp.file('loi.xlsx');
    expect(await exportFailedRows(path, committed, out)).toEqual({ rows: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['13-08']);
    const ws = wb.getWorksheet('13-08')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...STANDARD_HEADER, FINDINGS_HEADER]);
    expect((ws.getRow(2).values as unknown[]).slice(1, 11)).toEqual(day2[1]);
    expect(String(ws.getRow(2).getCell(11).value)).toMatch(/^Trang "13-08", dòng 7 \/ Sheet "13-08", row 7\n\[IMPORT_DATE_IMPOSSIBLE\]/);

    // The same workbook again: every dose is already there.
    const again = await commitImport(path, store, { now });
    expect(again).toMatchObject({ committed: 0, duplicates: 11, errors: 1 });
    // The failed row fixed in the export and imported: one record more.
    ws.getRow(2).getCell(3).value = dmy(doses[5]!.person.dob);
    await wb.xlsx.writeFile(out);
    const fixed = await commitImport(out, store, { now });
    expect(fixed).toMatchObject({ rows: 1, committed: 1, errors: 0 });
    expect(recordCount()).toBe(12);
  });

  it('exports the failed rows of several days one sheet each, and that file imports as one', async () => {
    const path = tmp.file('hai-ngay.xlsx');
    const day1 = rowsOf(0, 3);
    const day2 = rowsOf(3, 3);
    day1[0]![6] = 'Sputnik Light';
    day2[2]![6] = 'Sputnik Light';
    await writeXlsx(path, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, ...day1] }, { name: 'Ngày 2', rows: [STANDARD_HEADER, ...day2] }]);
    const committed = await commitImport(path, store, { now });
    expect(committed.committed).toBe(4);
    const out = tmp.file('loi-hai-ngay.xlsx');
    expect(await exportFailedRows(path, committed, out)).toEqual({ rows: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => [w.name, w.rowCount])).toEqual([['Ngày 1', 2], ['Ngày 2', 2]]);
    for (const w of wb.worksheets) w.getRow(2).getCell(7).value = 'Pfizer';
    await wb.xlsx.writeFile(out);
    const fixed = await commitImport(out, store, { now });
    expect(fixed.sheetsRead.map((s) => s.sheet)).toEqual(['Ngày 1', 'Ngày 2']);
    expect(fixed).toMatchObject({ rows: 2, committed: 2, errors: 0 });
  });

  // The run's audit entry names each record's place in the file: "row 2" alone is a row of every
  // day's sheet, and someone tracing a record back to its source found the wrong person there.
  it('names each record\'s sheet with its row in the import\'s audit entry', async () => {
    const path = tmp.file('nguon.xlsx');
    await writeXlsx(path, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, ...rowsOf(0, 2)] }, { name: 'Ngày 2', rows: [STANDARD_HEADER, ...rowsOf(2, 2)] }]);
    const committed = await commitImport(path, store, { now });
    expect(committed.committed).toBe(4);
    const places = committed.records.map((r) => {
      const entry = t.store.getRecord(r.recordId!).history.find((h) => h.action === 'import.commit')!;
      return `${String(entry.details.sheet)}!${String(entry.details.row)}`;
    });
    expect(places).toEqual(['Ngày 1!2', 'Ngày 1!3', 'Ngày 2!2', 'Ngày 2!3']);
  });

  it('finds a repeat of a dose on another day sheet, and says which sheet it repeats', async () => {
    const path = tmp.file('lap.xlsx');
    await writeXlsx(path, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, ...rowsOf(0, 2)] }, { name: 'Ngày 2', rows: [STANDARD_HEADER, ...rowsOf(1, 2)] }]);
    const p = await previewImport(path, { now, store });
    expect(p.rows).toBe(4);
    const dup = p.findings.find((f) => f.code === 'IMPORT_DUPLICATE_ROW')!;
    expect([dup.sheet, dup.row]).toEqual(['Ngày 2', 2]);
    expect(dup.message_en).toBe('Row 2 repeats the dose of row 3 of sheet "Ngày 1": skipped.');
    expect(dup.message_vi).toBe('Dòng 2 lặp lại mũi tiêm ở dòng 3 của trang "Ngày 1": bỏ qua.');
  });

  it('checks a row against the same row number of another sheet: one id, two people', async () => {
    const path = tmp.file('cung-so.xlsx');
    const day1 = rowsOf(0, 1);
    const day2 = rowsOf(3, 1);
    day2[0]![4] = day1[0]![4]!; // row 2 of each day: one CCCD, two people
    await writeXlsx(path, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, ...day1] }, { name: 'Ngày 2', rows: [STANDARD_HEADER, ...day2] }]);
    // The file pass alone (the store pass checks the rows among themselves again).
    const p = await previewImport(path, { now });
    const conflicts = p.findings.filter((f) => f.code === 'DUPLICATE_PERSON_ID_CONFLICT').map((f) => `${f.sheet}!${f.row}`);
    expect(conflicts).toEqual(['Ngày 1!2', 'Ngày 2!2']);
  });

  // Row numbers repeat from one day's sheet to the next: "also on row 2 of this file" named a
  // row of every day, and the clerk looked on the wrong one. Another sheet's row names its sheet.
  it('names the sheet of the other row a finding speaks of, when it is another sheet', async () => {
    const path = tmp.file('hang-khac.xlsx');
    // doses[0] and [1] are one person's two doses, [2] and [5] two other people's.
    const [a, b, c, d] = [rowsOf(0, 1)[0]!, rowsOf(1, 1)[0]!, rowsOf(2, 1)[0]!, rowsOf(5, 1)[0]!];
    const again = [...a]; // the same dose number of the same person on another day
    again[9] = a[9] === '15/12/2021' ? '16/12/2021' : '15/12/2021';
    b[8] = '2';
    const booster = [...b]; // a booster numbered from the dose on the first day
    booster[8] = 'Nhắc lại';
    booster[9] = '20/06/2022';
    const other = [...d]; // one id, another person, on row 3 of each day
    other[4] = c[4]!;
    await writeXlsx(path, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, a, b, c] }, { name: 'Ngày 2', rows: [STANDARD_HEADER, again, booster, other] }]);
    const p = await previewImport(path, { now });
    const en = (code: string, where: string): string => {
      const f = p.findings.find((x) => x.code === code && `${x.sheet}!${x.row}` === where);
      expect(f, `${code} at ${where}`).toBeDefined();
      return `${f!.message_en} | ${f!.message_vi}`;
    };
    expect(en('DOSE_DUPLICATE_NUMBER', 'Ngày 2!2')).toMatch(/also on row 2 of sheet "Ngày 1" of this file .*\| .*ở dòng 2 trang "Ngày 1" của tệp này/);
    expect(en('DOSE_DUPLICATE_NUMBER', 'Ngày 1!2')).toMatch(/also on row 2 of sheet "Ngày 2" of this file/);
    expect(en('IMPORT_DOSE_NUMBER_FROM_BOOSTER', 'Ngày 2!3')).toMatch(/after this person's dose 2 on row 3 of sheet "Ngày 1"\. .*\| .*ở dòng 3 trang "Ngày 1"\./);
    expect(en('DUPLICATE_PERSON_ID_CONFLICT', 'Ngày 2!4')).toMatch(/is also on row 4 of sheet "Ngày 1" of this file, .*\| .*cũng có ở dòng 4 trang "Ngày 1" của tệp này,/);
    // Rows of one sheet are named as before.
    const one = tmp.file('mot-trang.xlsx');
    await writeXlsx(one, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, a, b, c, again, booster, other] }]);
    const q = await previewImport(one, { now });
    expect(q.findings.find((f) => f.code === 'DOSE_DUPLICATE_NUMBER' && f.row === 5)!.message_en).toMatch(/also on row 2 of this file /);
    expect(q.findings.find((f) => f.code === 'IMPORT_DOSE_NUMBER_FROM_BOOSTER')!.message_en).toMatch(/on row 3\. Check it\.$/);
  });

  // A clinic's workbook keeps the people not vaccinated under the same header ("Chưa tiêm", "Hẹn
  // mũi 2", "Đăng ký"): imported with the days, each would be a dose signed that was never given.
  it('leaves out a sheet whose name says its people were not vaccinated, and names it', async () => {
    const path = tmp.file('chua-tiem.xlsx');
    await writeXlsx(path, [
      { name: 'Chưa tiêm', rows: [STANDARD_HEADER, ...rowsOf(0, 2)] },
      { name: 'Đã tiêm', rows: [STANDARD_HEADER, ...rowsOf(2, 3)] },
      { name: 'Hẹn mũi 2', rows: [STANDARD_HEADER, ...rowsOf(5, 2)] },
      { name: 'DS đăng ký', rows: [STANDARD_HEADER, ...rowsOf(7, 2)] },
    ]);
    const p = await previewImport(path, { now, store });
    expect(p.sheetsRead.map((s) => s.sheet)).toEqual(['Đã tiêm']);
    expect(p.rows).toBe(3);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_OTHER_SHEETS').map((f) => f.message_en);
    expect(notes).toEqual([
      expect.stringMatching(/^Sheet "Chưa tiêm" is named as a list of people not vaccinated/),
      expect.stringMatching(/^Sheet "Hẹn mũi 2" is named as a list of people not vaccinated/),
      expect.stringMatching(/^Sheet "DS đăng ký" is named as a list of people not vaccinated/),
    ]);
    expect(p.findings.find((f) => f.code === 'IMPORT_OTHER_SHEETS')!.message_vi).toMatch(/^Trang "Chưa tiêm" có tên của danh sách người chưa được tiêm/);
  });

  // The notes, place and reason columns are read by the first sheet's header: a day with a notes
  // column the first lacks would have had its "Hoãn tiêm" passed over, the dose signed.
  it('reads each day\'s notes column, and takes no day whose columns the first sheet does not have', async () => {
    const path = tmp.file('ghi-chu.xlsx');
    const withNote = (rows: string[][], note: string): string[][] => rows.map((r, i) => [...r, i === 0 ? note : '']);
    await writeXlsx(path, [
      { name: 'Ngày 1', rows: [[...STANDARD_HEADER, 'Ghi chú'], ...withNote(rowsOf(0, 2), '')] },
      { name: 'Ngày 2', rows: [[...STANDARD_HEADER, 'Ghi chú'], ...withNote(rowsOf(2, 2), 'Hoãn tiêm')] },
      { name: 'Ngày 3', rows: [[...STANDARD_HEADER, 'Ghi chú', 'Lý do hoãn'], ...withNote(rowsOf(4, 2), '').map((r, i) => [...r, i === 0 ? 'Sốt cao' : ''])] },
    ]);
    const p = await previewImport(path, { now, store });
    expect(p.sheetsRead.map((s) => s.sheet)).toEqual(['Ngày 1', 'Ngày 2']);
    expect(p.findings.filter((f) => f.code === 'IMPORT_NOT_GIVEN').map((f) => `${f.sheet}!${f.row}`)).toEqual(['Ngày 2!2']);
    expect(p.otherLists).toEqual(['Ngày 3']);
  });
});
