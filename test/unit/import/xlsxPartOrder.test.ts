// The parts of an xlsx may come in any order in its zip (ECMA-376 Part 2 names parts, not their
// order). exceljs's streaming reader parsed a worksheet as soon as the shared strings and the
// workbook rels were in, even when xl/workbook.xml (sheet names) or xl/styles.xml (which numbers
// are dates) came later: it then crashed reading the sheet names ("reading 'sheets'") or read
// dates as plain numbers, and it split UTF-8 letters at its chunk boundaries. Our reader
// (electron/core/import/xlsx) reads by the central directory: whatever the order, the same
// workbook must give the same sheets and the same preview.
import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { readZipDirectory } from '../../../electron/core/import/zipDirectory.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { denseNote, makeDoses, makeTempDir, writeLargeClinicXlsx, writeXlsx, writeZip } from '../../fixtures/clinicFiles.js';
import { readAllSheets } from './xlsx/readAllSheets.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

async function unzip(path: string): Promise<{ name: string; data: Uint8Array }[]> {
  const bytes = readFileSync(path);
  const handle = await open(path, 'r');
  try {
    const dir = await readZipDirectory(handle, bytes.length);
    if (!dir.ok) throw new Error(dir.reason);
    return dir.entries.map((e) => {
      const at = e.localHeaderOffset;
      const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
      const raw = bytes.subarray(start, start + e.compressedSize);
      return { name: e.name, data: e.method === 8 ? new Uint8Array(inflateRawSync(raw)) : new Uint8Array(raw) };
    });
  } finally {
    await handle.close();
  }
}

/** The same parts, the worksheets moved to the front (after the two parts exceljs waits for). */
async function reorder(from: string, to: string, first: readonly string[]): Promise<string[]> {
  const parts = await unzip(from);
  const rank = (name: string) => {
    const i = first.findIndex((p) => (p.endsWith('/') ? name.startsWith(p) : name === p));
    return i === -1 ? first.length : i;
  };
  const ordered = [...parts].sort((a, b) => rank(a.name) - rank(b.name));
  writeZip(to, ordered);
  return ordered.map((p) => p.name);
}

function summary(p: ImportPreview) {
  return {
    sheet: p.sheet,
    rows: p.rows,
    records: p.records.map((r) => ({ row: r.row, status: r.status, dob: r.input.person.dob, date: r.input.dose.vaccinationDate, findings: r.findings.map((f) => f.code) })),
  };
}


/** Every order that matters: the worksheets first, the workbook last, the styles or shared strings last. */
const ORDERS: readonly (readonly string[])[] = [
  ['xl/worksheets/', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml'],
  ['xl/worksheets/', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'],
  ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/', 'xl/sharedStrings.xml'],
];

describe('the guarantees the exceljs patches gave, now of our reader', () => {
  it('reads the same rows, UTF-8 whole across decoder chunks, whatever the order of the parts', async () => {
    // 600 rows of dense multi-byte notes: the sheet and the shared strings each inflate to well
    // over one 64 KB chunk, so letters straddle chunk boundaries in both.
    const doses = makeDoses(300, 11);
    const normal = tmp.file('big-normal.xlsx');
    await writeLargeClinicXlsx(normal, doses, { sharedStrings: true, notes: true });
    const parts = await unzip(normal);
    expect(parts.find((p) => p.name === 'xl/sharedStrings.xml')!.data.length).toBeGreaterThan(2 * 64 * 1024);
    const [expected] = await readAllSheets(normal);
    expect(expected!.rows.slice(1).map((r) => r.cells[10])).toEqual(doses.map((_, i) => denseNote(i)));
    expect(expected!.rows.slice(1).map((r) => r.cells[1])).toEqual(doses.map((d) => d.person.fullName));
    for (const [n, first] of ORDERS.entries()) {
      const moved = tmp.file(`big-order-${n}.xlsx`);
      const order = await reorder(normal, moved, first);
      expect(order.indexOf('xl/workbook.xml')).toBeGreaterThan(0);
      expect(await readAllSheets(moved)).toEqual([expected]);
    }
  });

  it('fills merged ranges and joins rich-text runs, whatever the order of the parts', async () => {
    const normal = tmp.file('merged-rich.xlsx');
    await writeXlsx(normal, [{
      name: 'Danh sách',
      rows: [
        ['DANH SÁCH TIÊM CHỦNG'],
        ['Họ và tên', 'Ngày tiêm'],
        [{ richText: [{ text: 'Trần Thị ' }, { text: 'Hương', font: { bold: true } }] }, d('2021-08-15')],
        [null, d('2021-09-20')],
      ],
      merges: ['A1:B1', 'A3:A4'],
    }]);
    for (const [n, first] of [[], ...ORDERS].entries()) {
      const moved = tmp.file(`merged-rich-${n}.xlsx`);
      await reorder(normal, moved, first);
      const [sheet] = await readAllSheets(moved);
      expect(sheet!.rows.map((r) => r.cells), `order ${n}`).toEqual([
        ['DANH SÁCH TIÊM CHỦNG', 'DANH SÁCH TIÊM CHỦNG'],
        ['Họ và tên', 'Ngày tiêm'],
        // Shown dd/mm/yyyy (writeXlsx's format): day first on purpose.
        ['Trần Thị Hương', { date: '2021-08-15', dayFirst: true }],
        ['Trần Thị Hương', { date: '2021-09-20', dayFirst: true }],
      ]);
    }
  });
});

describe('xlsx parts in any zip order', () => {
  it('reads the same preview when the worksheets come before workbook.xml and styles.xml', async () => {
    const normal = tmp.file('normal.xlsx');
    await writeXlsx(normal, [
      { name: 'Ghi chú', rows: [['Bảng kê mũi tiêm.']] },
      {
        name: 'Danh sách',
        rows: [
          ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
          ['Nguyễn Văn An', d('1985-05-12'), '079085001234', 'AstraZeneca', 'AZ1234', 1, d('2021-07-01')],
          ['Nguyễn Văn An', d('1985-05-12'), '079085001234', 'AstraZeneca', 'AZ1234', 2, d('2021-09-30')],
          ['Trần Thị Hương', d('1990-04-03'), '001190004567', 'Pfizer', 'FF2382', 1, d('2021-08-15')],
        ],
      },
    ]);
    const expected = summary(await previewImport(normal, { now, sheet: 'Danh sách' }));
    expect(expected.records.map((r) => r.date)).toEqual(['2021-07-01', '2021-09-30', '2021-08-15']);

    const early = tmp.file('sheets-first.xlsx');
    const order = await reorder(normal, early, ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/']);
    expect(order.indexOf('xl/worksheets/sheet2.xml')).toBeLessThan(order.indexOf('xl/workbook.xml'));
    expect(order.indexOf('xl/worksheets/sheet2.xml')).toBeLessThan(order.indexOf('xl/styles.xml'));
    expect(summary(await previewImport(early, { now, sheet: 'Danh sách' }))).toEqual(expected);
  });

  it('reads the same preview when styles.xml comes last', async () => {
    const normal = tmp.file('normal2.xlsx');
    await writeXlsx(normal, [{
      name: 'DS',
      rows: [
        ['Họ tên', 'Ngày sinh', 'CCCD', 'Vắc xin', 'Số lô', 'Mũi', 'Ngày tiêm'],
        ['Lê Văn Cường', d('1985-01-02'), '001085012345', 'Moderna', 'MO5678', 1, d('2021-10-01')],
      ],
    }]);
    const expected = summary(await previewImport(normal, { now }));
    const late = tmp.file('styles-last.xlsx');
    const parts = await unzip(normal);
    writeZip(late, [...parts.filter((p) => p.name !== 'xl/styles.xml'), ...parts.filter((p) => p.name === 'xl/styles.xml')]);
    expect(summary(await previewImport(late, { now }))).toEqual(expected);
  });
});
