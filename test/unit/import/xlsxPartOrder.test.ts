// The parts of an xlsx may come in any order in its zip (ECMA-376 Part 2 names parts, not their
// order). exceljs's streaming reader parses a worksheet as soon as the shared strings and the
// workbook rels are in, even when xl/workbook.xml (sheet names) or xl/styles.xml (which numbers
// are dates) come later: it then crashed reading the sheet names ("reading 'sheets'") or read
// dates as plain numbers. Whatever the order, the same workbook must give the same preview.
import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { readZipDirectory } from '../../../electron/core/import/zipDirectory.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeXlsx, writeZip } from '../../fixtures/clinicFiles.js';

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

describe('the exceljs internals streamingWorkbookReader.ts patches', () => {
  it('are still there, in the pinned version', () => {
    const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('exceljs/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('4.4.0');
    const proto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string, unknown>;
    for (const name of ['_parseStyles', '_parseWorkbook', '_parseSharedStrings', '_parseWorksheet', '_parseRels']) {
      expect(typeof proto[name], name).toBe('function');
    }
    const source = String(proto.parse);
    expect(source).toContain('this.sharedStrings && this.workbookRels');
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
