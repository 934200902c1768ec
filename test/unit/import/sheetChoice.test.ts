// Which sheet a workbook is imported from, and what the preview says about the others: a
// template's worked example is never a record (and a sheet holding only one is passed over, as an
// empty template is); visible sheets after the chosen one that hold a list too (a tab per month)
// are imported with it when under the same header (a tab per day or month, session 26), and named
// in one note (IMPORT_OTHER_SHEETS) when under another.
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyRow } from '../../../electron/core/import/rowKinds.js';
import { findHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { readZipDirectory } from '../../../electron/core/import/zipDirectory.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeXlsx, writeZip, type XlsxSheetSpec } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const doses = makeDoses(40, 5);
const rows = (from: number, count: number): string[][] => doses.slice(from, from + count).map((d, i) => standardRow(d, i + 1));
const sheet = (name: string, from: number, count: number, extra: Partial<XlsxSheetSpec> = {}): XlsxSheetSpec => ({ name, rows: [STANDARD_HEADER, ...rows(from, count)], ...extra });

describe('a template\'s worked example', () => {
  it('is its own kind of row, whatever the first cell says it with', () => {
    const mapping = findHeaderRow([{ row: 1, cells: STANDARD_HEADER }])!;
    const record = rows(0, 1)[0]!;
    for (const label of ['Ví dụ', 'VD', 'VD:', 'ví dụ', 'Mẫu', 'Dòng mẫu', 'Example', 'e.g.']) {
      expect(classifyRow({ row: 2, cells: [label, ...record.slice(1)] }, mapping), label).toBe('example');
    }
    // A row number, or a name that happens to start like the word, is a record.
    expect(classifyRow({ row: 2, cells: record }, mapping)).toBe('data');
    expect(classifyRow({ row: 2, cells: [null, 'Mẫu Văn Long', ...record.slice(2)] }, mapping)).toBe('data');
  });

  it('is skipped with a note, and a sheet with nothing else under its header is passed over for the list after it', async () => {
    const path = tmp.file('example-first.xlsx');
    const example = ['Ví dụ', ...rows(0, 1)[0]!.slice(1)];
    await writeXlsx(path, [
      { name: 'Hướng dẫn', rows: [['Điền theo mẫu dưới đây'], STANDARD_HEADER, example] },
      { name: 'Danh sách', rows: [STANDARD_HEADER, example, ...rows(1, 3)] },
    ]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Danh sách');
    expect(p.records.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(p.findings.filter((f) => f.code === 'IMPORT_ROW_SKIPPED').map((f) => [f.row, f.message_en.slice(0, 40)])).toEqual([[2, "Row 2 is the template's example row (\"Ví"]]);
  });
});

describe('other sheets that hold a list', () => {
  // Session 25 named "Tháng 8" and "Tháng 9" and imported "Tháng 7" alone: a clerk who imported
  // the workbook thought every month was in. Under the same header they are one list.
  it('under the same header are imported with it, hidden ones and sheets without a list left out; one under another header is named', async () => {
    const path = tmp.file('months.xlsx');
    const perPerson = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Vắc xin', 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2'];
    await writeXlsx(path, [
      sheet('Tháng 7', 0, 3),
      { name: 'Ghi chú', rows: [['Danh sách theo tháng'], ['Người lập', 'Trưởng trạm']] },
      sheet('Tháng 8', 3, 4),
      sheet('Ẩn', 7, 2, { hidden: true }),
      { name: 'Tháng 9', rows: [['DANH SÁCH TIÊM CHỦNG THÁNG 9'], [], STANDARD_HEADER, ...rows(9, 2)] },
      { name: 'Theo người', rows: [perPerson, ['1', doses[20]!.person.fullName, '01/01/1980', doses[20]!.person.cccd, 'Pfizer', '01/08/2021', '01/09/2021']] },
    ]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Tháng 7');
    expect(p.sheetsRead.map((s) => [s.sheet, s.headerRow])).toEqual([['Tháng 7', 1], ['Tháng 8', 1], ['Tháng 9', 3]]);
    expect(p.rows).toBe(9);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_OTHER_SHEETS');
    expect(notes).toEqual([
      expect.objectContaining({
        row: 1,
        severity: 'warning',
        message_en: 'Sheet "Theo người" also holds a list, under another header, so it is not imported now (only sheets under the same header are imported together). Import it on its own: choose the sheet in the "Sheet name" box when importing (command line: --sheet "Theo người").',
      }),
    ]);
    expect(notes[0]!.message_vi).toContain('Trang "Theo người" cũng có danh sách nhưng với dòng tiêu đề khác');
    // The same sheet as data, for the screen's "import the next sheet".
    expect(p.otherLists).toEqual(['Theo người']);
    // Named, a sheet is imported alone and nothing is said of the others.
    const named = await previewImport(path, { now, sheet: 'Tháng 8' });
    expect(named.rows).toBe(4);
    expect(named.sheetsRead.map((s) => s.sheet)).toEqual(['Tháng 8']);
    expect(named.findings.some((f) => f.code === 'IMPORT_OTHER_SHEETS')).toBe(false);
    expect(named.otherLists).toEqual([]);
  });

  // A day's tab hidden in Excel (a clerk tidying the tabs) was skipped without a word: its doses
  // were never imported and nobody was told. Not imported (hidden tabs are read only when named),
  // but named, with the two ways to import it.
  it('hidden under the same header, before or after the list, are named as not imported, with how to import them', async () => {
    const path = tmp.file('hidden-day.xlsx');
    await writeXlsx(path, [
      sheet('Ngày 0', 20, 2, { hidden: true }),
      sheet('Ngày 1', 0, 3),
      sheet('Ngày 2', 3, 2, { hidden: true }),
      sheet('Ngày 3', 5, 2),
      { name: 'Ghi chú ẩn', rows: [['Ghi chú'], ['Không có danh sách']], hidden: true },
    ]);
    const p = await previewImport(path, { now });
    expect(p.sheetsRead.map((s) => s.sheet)).toEqual(['Ngày 1', 'Ngày 3']);
    expect(p.rows).toBe(5);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_SHEET_HIDDEN');
    expect(notes).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message_en:
          'Sheets "Ngày 0", "Ngày 2" hold a list too but are hidden in the workbook, so they are not imported. To import them, unhide them in Excel (right-click a sheet tab > Unhide) and import the file again, or import each on its own: type its name in the "Sheet name" box when importing (command line: --sheet "Ngày 0").',
        message_vi:
          'Trang "Ngày 0", "Ngày 2" cũng có danh sách nhưng đang bị ẩn trong tệp, nên không được nhập. Để nhập: bỏ ẩn các trang đó trong Excel (nhấp chuột phải vào một thẻ trang > Bỏ ẩn) rồi nhập lại tệp, hoặc nhập riêng từng trang: ghi tên trang vào ô "Tên trang tính" khi nhập (dòng lệnh: --sheet "Ngày 0").',
      }),
    ]);
    // Named, the hidden day imports alone and nothing more is said.
    const named = await previewImport(path, { now, sheet: 'Ngày 2' });
    expect(named.rows).toBe(2);
    expect(named.findings.some((f) => f.code === 'IMPORT_SHEET_HIDDEN')).toBe(false);
    // One list alone: the sentence is singular.
    const one = tmp.file('hidden-one.xlsx');
    await writeXlsx(one, [sheet('Ngày 1', 0, 3), sheet('Ngày 2', 3, 2, { hidden: true }), sheet('Ngày 3', 5, 2, { hidden: 'very' })]);
    const o = await previewImport(one, { now });
    expect(o.findings.filter((f) => f.code === 'IMPORT_SHEET_HIDDEN').map((f) => f.message_en)).toEqual([
      'Sheet "Ngày 2" holds a list too but is hidden in the workbook, so it is not imported. To import it, unhide it in Excel (right-click a sheet tab > Unhide) and import the file again, or import it on its own: type its name in the "Sheet name" box when importing (command line: --sheet "Ngày 2").',
      // Very hidden: Excel's Unhide does not list it, so the sheet box is the one way.
      'Sheet "Ngày 3" holds a list too but is "very hidden", which Excel\'s Unhide does not list, so it is not imported. To import it, import it on its own: type its name in the "Sheet name" box when importing (command line: --sheet "Ngày 3").',
    ]);
  });

  it('past the row limit with the sheets before them, are not imported and said: a later list over the limit does not refuse the file', async () => {
    const path = tmp.file('big-later.xlsx');
    const many = makeDoses(200, 9);
    await writeXlsx(path, [sheet('Tuần 1', 0, 5), { name: 'Tuần 2', rows: [STANDARD_HEADER, ...many.map((d, i) => standardRow(d, i + 1))] }, sheet('Tuần 3', 5, 2)]);
    const p = await previewImport(path, { now, limits: { maxRows: 100 } });
    expect(p.rows).toBe(5);
    expect(p.sheetsRead.map((s) => s.sheet)).toEqual(['Tuần 1']);
    expect(p.findings.filter((f) => f.code === 'IMPORT_SHEET_NOT_READ').map((f) => f.message_en)).toEqual([
      'Sheet "Tuần 2" has too many rows to import with the sheets before it: it and the sheets after it are not imported now; only sheet "Tuần 1" is. Import "Tuần 2" on its own: choose it in the "Sheet name" box when importing (command line: --sheet "Tuần 2").',
    ]);
    // A summary tab ("Cả năm", "Tổng hợp") repeats the days: passed over, whatever its size.
    const summary = tmp.file('summary-later.xlsx');
    await writeXlsx(summary, [sheet('Tuần 1', 0, 5), { name: 'Cả năm', rows: [STANDARD_HEADER, ...many.map((d, i) => standardRow(d, i + 1))] }]);
    const s = await previewImport(summary, { now, limits: { maxRows: 100 } });
    expect(s.rows).toBe(5);
    expect(s.findings.find((f) => f.code === 'IMPORT_OTHER_SHEETS')?.message_en).toContain('Sheet "Cả năm" is named as a summary');
    // The same list first is refused as before.
    const first = tmp.file('big-first.xlsx');
    await writeXlsx(first, [{ name: 'Cả năm', rows: [STANDARD_HEADER, ...many.map((d, i) => standardRow(d, i + 1))] }]);
    await expect(previewImport(first, { now, limits: { maxRows: 100 } })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' });
  });

  it('does not refuse a good list for a later sheet whose XML is damaged, and says that sheet is not imported', async () => {
    const good = tmp.file('two-sheets.xlsx');
    await writeXlsx(good, [sheet('Tháng 7', 0, 3), sheet('Tháng 8', 3, 3)]);
    // The second sheet's part with a cell never closed (its zip entry is sound: only the XML is bad).
    const bytes = readFileSync(good);
    const handle = await open(good, 'r');
    let entries: { name: string; data: Uint8Array }[];
    try {
      const dir = await readZipDirectory(handle, bytes.length);
      if (!dir.ok) throw new Error(dir.reason);
      entries = dir.entries.map((e) => {
        const start = e.localHeaderOffset + 30 + bytes.readUInt16LE(e.localHeaderOffset + 26) + bytes.readUInt16LE(e.localHeaderOffset + 28);
        const raw = bytes.subarray(start, start + e.compressedSize);
        return { name: e.name, data: new Uint8Array(e.method === 8 ? inflateRawSync(raw) : raw) };
      });
    } finally {
      await handle.close();
    }
    const damaged = entries.map((e) => (e.name === 'xl/worksheets/sheet2.xml' ? { ...e, data: Buffer.from(Buffer.from(e.data).toString('utf8').replace('</c>', '')) } : e));
    expect(damaged.some((e, i) => e.data.length !== entries[i]!.data.length)).toBe(true);
    const path = tmp.file('damaged-later.xlsx');
    writeZip(path, damaged);
    const p = await previewImport(path, { now });
    expect(p).toMatchObject({ sheet: 'Tháng 7', rows: 3 });
    expect(p.findings.some((f) => f.code === 'IMPORT_OTHER_SHEETS')).toBe(false);
    // A day of the list may be on it: the clerk is told it is not in (session 26).
    expect(p.findings.filter((f) => f.code === 'IMPORT_SHEET_NOT_READ').map((f) => f.message_en)).toEqual([expect.stringMatching(/^Sheet "Tháng 8" is damaged and cannot be read: it and the sheets after it are not imported now; only sheet "Tháng 7" is\./)]);
    // Named, the damaged sheet is refused for what it is.
    await expect(previewImport(path, { now, sheet: 'Tháng 8' })).rejects.toMatchObject({ code: 'IMPORT_CORRUPT_XLSX' });
  });
});

describe('an instructions tab, or one holding only a filled example', () => {
  // Probe of session 23 (t06d_guide_example): the guide's example "Nguyễn Văn Mẫu" was imported,
  // not the list on sheet 2.
  const withName = (name: string, from: number): string[] => {
    const r = rows(from, 1)[0]!;
    return [r[0]!, name, ...r.slice(2)];
  };

  it('is passed over for a later list, and named in the note of sheets not imported', async () => {
    const path = tmp.file('guide-example.xlsx');
    await writeXlsx(path, [
      { name: 'Hướng dẫn', rows: [['HƯỚNG DẪN'], [], STANDARD_HEADER, withName('Nguyễn Văn Mẫu', 0)] },
      sheet('Danh sách', 1, 3),
    ]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Danh sách');
    expect(p.rows).toBe(3);
    // Said as what it looked like, with how to import it should it be a list; not offered as the
    // next list to import (the screen's walk of the workbook's tabs).
    expect(p.otherLists).toEqual([]);
    const note = p.findings.find((f) => f.code === 'IMPORT_OTHER_SHEETS')!;
    expect(note.message_en).toBe('Sheet "Hướng dẫn" is named as a template\'s instructions or example, so it is not imported. Sheet "Danh sách" is imported. If it is a real list, choose it in the "Sheet name" box when importing (command line: --sheet "Hướng dẫn").');
    expect(note.message_vi).toContain('Trang "Hướng dẫn" có tên của trang hướng dẫn hoặc trang mẫu nên không được nhập.');
  });

  it.each(['Huong dan', 'HD', 'Hướng dẫn nhập', 'Instructions', 'Guide', 'Mẫu', 'Template', 'Ví dụ', 'Example'])('named "%s", with records that look real, is passed over for a later list', async (name) => {
    const path = tmp.file(`instructions-${name.replace(/\W/g, '_')}.xlsx`);
    await writeXlsx(path, [sheet(name, 0, 2), sheet('DS', 2, 3)]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('DS');
    expect(p.otherLists).toEqual([]);
    expect(p.findings.filter((f) => f.code === 'IMPORT_OTHER_SHEETS').map((f) => f.message_en)).toEqual([expect.stringContaining(`Sheet "${name}" is named as`)]);
  });

  it.each([['Nguyễn Văn A'], ['Trần Thị B'], ['Họ tên người tiêm']])('whose only record is "%s" is passed over for a later list', async (example) => {
    const path = tmp.file(`example-${example.replace(/\W/g, '_')}.xlsx`);
    await writeXlsx(path, [{ name: 'Sheet1', rows: [STANDARD_HEADER, withName(example, 0)] }, sheet('Sheet2', 1, 3)]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Sheet2');
    expect(p.findings.find((f) => f.code === 'IMPORT_OTHER_SHEETS')?.message_en).toContain('Sheet "Sheet1" holds only a template\'s example, so it is not imported.');
  });

  it('beside later lists, is said apart from them; the later lists stay offered', async () => {
    const path = tmp.file('guide-and-months.xlsx');
    await writeXlsx(path, [
      { name: 'Hướng dẫn', rows: [STANDARD_HEADER, withName('Nguyễn Văn Mẫu', 0)] },
      sheet('Tháng 8', 1, 3),
      sheet('Tháng 9', 4, 2),
    ]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Tháng 8');
    // "Tháng 9", under the same header, is imported with "Tháng 8" (session 26).
    expect(p.sheetsRead.map((s) => s.sheet)).toEqual(['Tháng 8', 'Tháng 9']);
    expect(p.otherLists).toEqual([]);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_OTHER_SHEETS').map((f) => f.message_en);
    expect(notes).toEqual([expect.stringContaining('Sheet "Hướng dẫn" is named as')]);
  });

  it('is the list when no later sheet has one: a workbook whose only list is on "Mẫu" imports', async () => {
    const path = tmp.file('only-mau.xlsx');
    await writeXlsx(path, [{ name: 'Bìa', rows: [['SỞ Y TẾ'], ['DANH SÁCH TIÊM CHỦNG']] }, sheet('Mẫu', 0, 3), { name: 'Ghi chú', rows: [['Người lập', 'Trưởng trạm']] }]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Mẫu');
    expect(p.rows).toBe(3);
    expect(p.findings.some((f) => f.code === 'IMPORT_OTHER_SHEETS')).toBe(false);
  });

  it('is not what a short list of real names or a longer list of example-like names is', async () => {
    const short = tmp.file('short-first.xlsx');
    await writeXlsx(short, [sheet('Tuần 1', 0, 2), sheet('Tuần 2', 2, 5)]);
    expect((await previewImport(short, { now })).sheet).toBe('Tuần 1');
    const lettered = tmp.file('lettered-first.xlsx');
    await writeXlsx(lettered, [{ name: 'Tuần 1', rows: [STANDARD_HEADER, withName('Nguyễn Văn A', 0), withName('Trần Thị B', 1), withName('Lê Văn C', 2)] }, sheet('Tuần 2', 3, 5)]);
    expect((await previewImport(lettered, { now })).sheet).toBe('Tuần 1');
  });

  // Review of session 23: the name alone passed a three-person list over for a one-row sheet, and
  // a real name ending in one letter was an example.
  it('named "Mẫu" but holding more records than an example, is the list', async () => {
    const path = tmp.file('mau-list.xlsx');
    await writeXlsx(path, [sheet('Mẫu', 0, 3), sheet('Sheet2', 3, 1)]);
    const p = await previewImport(path, { now });
    expect(p.sheet).toBe('Mẫu');
    // Sheet2, under the same header, comes with it (session 26).
    expect(p.records.map((r) => `${r.sheet}!${r.row}`)).toEqual(['Mẫu!2', 'Mẫu!3', 'Mẫu!4', 'Sheet2!2']);
  });

  it.each([['Lò Văn A'], ['Giàng A Lử'], ['Nguyễn A']])('whose only record is "%s", a real name, is the list', async (name) => {
    const path = tmp.file(`real-${name.replace(/\W/g, '_')}.xlsx`);
    await writeXlsx(path, [{ name: 'Sheet1', rows: [STANDARD_HEADER, withName(name, 0)] }, sheet('Sheet2', 1, 3)]);
    expect((await previewImport(path, { now })).sheet).toBe('Sheet1');
  });
});
