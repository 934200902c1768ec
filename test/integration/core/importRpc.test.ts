// Import through the RPC contract as the browser host's page uses it: the file's bytes in base64,
// a preview with per-row findings, the failed rows as an xlsx, then the commit, with progress.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeXlsx } from '../../fixtures/clinicFiles.js';

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
  const doses = makeDoses(6, 3);
  const rows = doses.map((d, i) => standardRow(d, i + 1));
  rows[2]![9] = '31/02/2021'; // an impossible vaccination date: row 5 in Excel (title, blank, header first)
  const path = tmp.file('Danh sách tiêm.xlsx');
  await writeXlsx(path, [{ name: 'Tháng 9', rows: [['DANH SÁCH TIÊM CHỦNG COVID-19'], [], STANDARD_HEADER, ...rows], merges: ['A1:J1'] }]);
  return { name: 'Danh sách tiêm.xlsx', base64: readFileSync(path).toString('base64'), rows: rows.length };
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

  it('refuses a file that is not a spreadsheet with a specific code, keeping what is stored', async () => {
    const err = await client.call('import.preview', { file: { name: 'photo.xlsx', base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('IMPORT_NOT_SPREADSHEET');
  });
});
