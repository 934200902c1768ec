// Import through the RPC contract as the browser host's page uses it: the file's bytes in base64,
// a preview with per-row findings, the failed rows as an xlsx, then the commit, with progress.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: StationCore;
let client: RpcClient;

beforeEach(() => {
  tmp = makeTempDir('station-import-rpc-');
  station = openStation({ dataDir: tmp.file('data'), validateResults: true });
  station.store.setSetting('facility.code', '79001');
  client = new RpcClient(inProcessTransport(station.dispatcher));
});
afterEach(async () => {
  await station.close();
  tmp.cleanup();
});

async function clinicFile(): Promise<{ name: string; base64: string; rows: number }> {
  const rows = clinicRows();
  rows[2]![9] = '31/02/2021'; // an impossible vaccination date: row 5 in Excel (title, blank, header first)
  const path = tmp.file('Danh sách tiêm.xlsx');
  await writeXlsx(path, [{ name: 'Tháng 9', rows: [['DANH SÁCH TIÊM CHỦNG COVID-19'], [], STANDARD_HEADER, ...rows], merges: ['A1:J1'] }]);
  return { name: 'Danh sách tiêm.xlsx', base64: readFileSync(path).toString('base64'), rows: rows.length };
}

function clinicRows(): string[][] {
  return makeDoses(6, 3).map((d, i) => standardRow(d, i + 1));
}

/** The phases the import reported while `call` ran. */
async function phasesOf<T>(call: () => Promise<T>): Promise<{ result: T; phases: Set<string> }> {
  const phases = new Set<string>();
  const off = client.on('progress', (p) => void phases.add(p.message ?? ''));
  try {
    return { result: await call(), phases };
  } finally {
    off();
  }
}

describe('import over RPC', () => {
  it('previews with the Excel row number of each finding, writes nothing, and reports progress', async () => {
    const { rows, ...file } = await clinicFile();
    const progress: string[] = [];
    client.on('progress', (p) => progress.push(`${p.task}:${p.message}`));
    const preview = await client.call('import.preview', { file, taskId: 'p1' });
    expect(preview).toMatchObject({ rows, errors: 1, committed: 0, sheet: 'Tháng 9' });
    expect(preview.findings.some((f) => f.row === 6 && f.field === 'vaccinationDate' && f.severity === 'error')).toBe(true);
    expect(preview.columns.find((c) => c.header === 'Ngày tiêm')?.field).toBe('vaccinationDate');
    expect(progress.some((p) => p.startsWith('import:'))).toBe(true);
    expect((await client.call('records.list', {})).total).toBe(0);
  });

  it('exports the failed rows as an xlsx with the same columns and a findings column', async () => {
    const { rows: _rows, ...file } = await clinicFile();
    const failed = await client.call('import.exportFailed', { file });
    expect(failed.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(failed.base64, 'base64') as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const header = values.find((r) => r.includes('Họ và tên'))!;
    expect(header.filter((v) => typeof v === 'string').slice(0, STANDARD_HEADER.length)).toEqual(STANDARD_HEADER);
    expect(header.some((v) => typeof v === 'string' && /Findings/.test(v))).toBe(true);
  });

  // Probe of session 20: a csv's failed rows went into a sheet named after the temp upload file
  // (`upload-<uuid>`), and a name with [ ] gave a sheet name Excel does not allow.
  it("names a csv's failed-rows sheet after the file the user chose, as Excel allows, in one Unicode form", async () => {
    const rows = clinicRows();
    rows[1]![9] = '31/02/2021';
    const path = tmp.file('x.csv');
    writeDelimited(path, [STANDARD_HEADER, ...rows]);
    const base64 = readFileSync(path).toString('base64');
    const sheetOf = async (name: string) => {
      const failed = await client.call('import.exportFailed', { file: { name, base64 } });
      const wb = new ExcelJS.Workbook();
      // exceljs's reader refuses what Excel refuses in a sheet name.
      await wb.xlsx.load(Buffer.from(failed.base64, 'base64') as unknown as ArrayBuffer);
      return { file: failed.name, sheet: wb.worksheets[0]!.name };
    };
    // Decomposed (NFD), as a name copied on macOS or out of Zalo arrives.
    expect(await sheetOf('Danh sách [T11] tiêm chủng tháng 11 năm 2024.csv'.normalize('NFD'))).toEqual({
      file: 'Danh sách [T11] tiêm chủng tháng 11 năm 2024 - lỗi cần sửa.xlsx',
      sheet: 'Danh sách (T11) tiêm chủng thán', // Excel's 31 characters
    });
    expect((await sheetOf("'Tháng 11'.csv")).sheet).toBe('Tháng 11');
  });

  it('commits the valid rows once: importing the same file again adds nothing', async () => {
    const { rows, ...file } = await clinicFile();
    const first = await client.call('import.commit', { file, confirmWarnings: true });
    expect(first.committed).toBe(rows - 1);
    const again = await client.call('import.commit', { file, confirmWarnings: true });
    expect(again.committed).toBe(0);
    expect(again.duplicates).toBe(rows - 1);
    expect((await client.call('records.list', { limit: 100 })).total).toBe(rows - 1);
    expect((await client.call('audit.verify', {})).ok).toBe(true);
  });

  // Session 21: the clerk is told the file was imported before (the reply is checked against the
  // contract: validateResults).
  it("names the earlier import of the same bytes in the next preview, under the user's file name", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-20T07:05:00Z')); // 14:05 in Viet Nam
      const { rows, ...file } = await clinicFile();
      const first = await client.call('import.preview', { file });
      expect(first).toMatchObject({ importedBefore: [], importedBeforeTotal: 0 });
      await client.call('import.commit', { file, confirmWarnings: true });
      vi.setSystemTime(new Date('2026-11-21T01:00:00Z'));
      const again = await client.call('import.preview', { file: { ...file, name: 'renamed.xlsx' } });
      expect(again).toMatchObject({ duplicates: rows - 1, ready: 0 });
      expect(again.importedBefore).toEqual([
        // The run counts the whole file, its row with an error too.
        { committedAt: '2026-11-20T07:05:00.000Z', fileName: 'Danh sách tiêm.xlsx', rows, created: rows - 1, duplicates: 0, invalid: 1 },
      ]);
      expect(again.importedBeforeTotal).toBe(1);
      // Committing it anyway is allowed; its reply carries the earlier import it was told of.
      const committed = await client.call('import.commit', { file, confirmWarnings: true });
      expect(committed).toMatchObject({ committed: 0, importedBefore: [{ fileName: 'Danh sách tiêm.xlsx' }] });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a file that is not a spreadsheet with a specific code, keeping what is stored', async () => {
    const err = await client.call('import.preview', { file: { name: 'photo.xlsx', base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('IMPORT_NOT_SPREADSHEET');
  });

  describe('a commit after a preview of the same file', () => {
    it('commits the rows the preview showed without reading the file again, under the name the user gave', async () => {
      const { rows, ...file } = await clinicFile();
      const preview = await client.call('import.preview', { file });
      const { result, phases } = await phasesOf(() => client.call('import.commit', { file, confirmWarnings: true }));
      expect([...phases]).toEqual(['commit']);
      expect(result).toMatchObject({ rows, committed: preview.ready + preview.warnings, errors: 1 });
      expect(result.committed).toBe(rows - 1);
      expect(station.store.db.prepare('SELECT file_name FROM import_runs').pluck().all()).toEqual(['Danh sách tiêm.xlsx']);
      expect((await client.call('audit.verify', {})).ok).toBe(true);
    });

    it('reads the file again when the store changed in between: a row committed meanwhile is a duplicate', async () => {
      const { rows, ...file } = await clinicFile();
      await client.call('import.preview', { file });
      // Another import (the CLI, another screen) stores the first row's dose first.
      const first = tmp.file('first.csv');
      writeDelimited(first, [STANDARD_HEADER, clinicRows()[0]!]);
      expect((await commitImport(first, importStorePort(station.store), { confirmWarnings: true })).committed).toBe(1);
      const { result, phases } = await phasesOf(() => client.call('import.commit', { file, confirmWarnings: true }));
      expect(phases.has('read')).toBe(true);
      expect(result).toMatchObject({ committed: rows - 2, duplicates: 1 });
    });

    it('reads the file again for other bytes, another sheet, or a commit that already spent the preview', async () => {
      const { rows, ...file } = await clinicFile();
      await client.call('import.preview', { file });
      const other = tmp.file('other.csv');
      const otherRows = makeDoses(2, 9).map((d, i) => standardRow(d, i + 1));
      writeDelimited(other, [STANDARD_HEADER, ...otherRows]);
      const otherFile = { name: 'other.csv', base64: readFileSync(other).toString('base64') };
      const byOther = await phasesOf(() => client.call('import.commit', { file: otherFile, confirmWarnings: true }));
      expect(byOther.phases.has('read')).toBe(true);
      expect(byOther.result.rows).toBe(otherRows.length);

      await client.call('import.preview', { file });
      const bySheet = await phasesOf(() => client.call('import.commit', { file, sheet: 'Tháng 9', confirmWarnings: true }));
      expect(bySheet.phases.has('read')).toBe(true);
      expect(bySheet.result.committed).toBe(rows - 1);

      const again = await phasesOf(() => client.call('import.commit', { file, confirmWarnings: true }));
      expect(again.phases.has('read')).toBe(true);
      expect(again.result).toMatchObject({ committed: 0, duplicates: rows - 1 });
    });

    it('reads the file again on the next day: validation runs on the day of the commit', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(new Date('2026-03-01T16:59:00Z')); // 23:59 in Viet Nam
        const { rows, ...file } = await clinicFile();
        await client.call('import.preview', { file });
        vi.setSystemTime(new Date('2026-03-01T17:01:00Z')); // 00:01 the next day
        const { result, phases } = await phasesOf(() => client.call('import.commit', { file, confirmWarnings: true }));
        expect(phases.has('read')).toBe(true);
        expect(result.committed).toBe(rows - 1);
      } finally {
        vi.useRealTimers();
      }
    });

    it('exports the failed rows of the kept preview, the same as of a new one', async () => {
      const { rows: _rows, ...file } = await clinicFile();
      const fresh = await client.call('import.exportFailed', { file });
      await client.call('import.preview', { file });
      const kept = await client.call('import.exportFailed', { file });
      expect(kept.rows).toBe(fresh.rows);
      expect(kept.name).toBe('Danh sách tiêm - lỗi cần sửa.xlsx');
      // Exporting changes nothing: the commit still uses the preview.
      const { phases } = await phasesOf(() => client.call('import.commit', { file, confirmWarnings: true }));
      expect([...phases]).toEqual(['commit']);
    });
  });
});
