// `station import` as scripts and facility IT use it (DESIGN §10): JSON fields and exit codes.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { makeDoses, makeTempDir, PNG_BYTES, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir('station-import-cli-');
afterAll(() => tmp.cleanup());
const dataDir = join(tmp.dir, 'data');

interface ImportJson {
  ok: boolean;
  mode: string;
  rows: number;
  ready: number;
  warnings: number;
  errors: number;
  duplicates: number;
  committed: number;
  findings: { row: number; field: string; code: string; severity: string; message: string }[];
  importedBefore: { committedAt: string; fileName: string; rows: number; created: number; duplicates: number; invalid: number }[];
  importedBeforeTotal: number;
}

async function station(...args: string[]): Promise<{ exit: number; json: ImportJson }> {
  const { result } = await runCli([...args, '--data-dir', dataDir, '--json']);
  return { exit: result.exitCode, json: result.json as ImportJson };
}

const doses = makeDoses(5, 31);
const good = tmp.file('good.xlsx');
const bad = tmp.file('bad.csv');

describe('station import', () => {
  it('previews without creating a database, then commits, then finds everything already there', async () => {
    await writeXlsx(good, [{ name: 'DS', rows: [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))] }]);
    const preview = await station('import', good);
    expect(preview.exit).toBe(0);
    expect(preview.json).toMatchObject({ ok: true, mode: 'preview', rows: 10, ready: 10, warnings: 0, errors: 0, duplicates: 0, committed: 0, findings: [] });
    expect(existsSync(dataDir)).toBe(false);

    const commit = await station('import', good, '--commit');
    expect(commit.exit).toBe(0);
    expect(commit.json).toMatchObject({ ok: true, mode: 'commit', rows: 10, committed: 10 });

    const again = await station('import', good, '--commit');
    expect(again.exit).toBe(0);
    expect(again.json).toMatchObject({ ok: true, committed: 0, duplicates: 10 });
    // Said once for all the rows, with which they are.
    expect(again.json.findings).toHaveLength(1);
    expect(again.json.findings[0]).toMatchObject({ row: 2, field: 'row', code: 'IMPORT_ALREADY_IMPORTED', severity: 'warning' });
    expect(again.json.findings[0]!.message).toMatch(/ \/ 10 doses are already in the station and were skipped: rows 2–11\.$/);

    const preview2 = await station('import', good);
    expect(preview2.json).toMatchObject({ mode: 'preview', duplicates: 10, committed: 0 });
  });

  it('lists findings with Excel row numbers; exits 1 when --commit finds nothing valid to write', async () => {
    const rows = doses.slice(0, 2).map((d, i) => standardRow({ ...d, person: { ...d.person, cccd: '12345' } }, i + 1));
    writeDelimited(bad, [['DANH SÁCH'], STANDARD_HEADER, ...rows]);
    const preview = await station('import', bad);
    expect(preview.exit).toBe(0);
    expect(preview.json.findings.map((f) => [f.row, f.field, f.code, f.severity])).toEqual([
      [3, 'idType', 'IMPORT_ID_TYPE_UNKNOWN', 'error'],
      [4, 'idType', 'IMPORT_ID_TYPE_UNKNOWN', 'error'],
    ]);
    const commit = await station('import', bad, '--commit');
    expect(commit.exit).toBe(1);
    expect(commit.json).toMatchObject({ ok: false, committed: 0, errors: 2 });
  });

  it('exports the failed rows on request', async () => {
    const out = tmp.file('failed.xlsx');
    const r = await station('import', bad, '--export-failed', out);
    expect(r.exit).toBe(0);
    expect(r.json).toMatchObject({ failedRowsFile: { path: out, rows: 2 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.rowCount).toBe(3);
  });

  it('exits 1 with the code when the file is refused, 2 for usage and unreadable files', async () => {
    writeFileSync(tmp.file('photo.xlsx'), PNG_BYTES);
    const refused = await station('import', tmp.file('photo.xlsx'));
    expect(refused.exit).toBe(1);
    expect(refused.json).toMatchObject({ ok: false, errors: [{ code: 'IMPORT_NOT_SPREADSHEET' }] });
    expect((await station('import', tmp.file('missing.csv'))).exit).toBe(2);
    expect((await station('import')).exit).toBe(2);
    expect((await station('import', good, '--confirm-warnings')).exit).toBe(2);
    const noSheet = await station('import', good, '--sheet', 'Tháng 9');
    expect(noSheet).toMatchObject({ exit: 1, json: { errors: [{ code: 'IMPORT_SHEET_NOT_FOUND', details: { sheets: ['DS'] } }] } });
  });

  // Session 21: a file imported before is named; the lines scripts read stay where they were.
  it('names an earlier import of the same file in its JSON and in one more line of text', async () => {
    const file = tmp.file('Tiêm ngày 20.csv');
    writeDelimited(file, [STANDARD_HEADER, ...makeDoses(2, 32).map((d, i) => standardRow(d, i + 1))]);
    const fresh = await runCli(['import', file, '--data-dir', dataDir]);
    expect(fresh.result.text).not.toContain('imported before');
    expect((await station('import', file)).json.importedBefore).toEqual([]);

    const before = Date.now();
    expect((await station('import', file, '--commit')).json.committed).toBe(4);
    const after = Date.now();

    const { json } = await station('import', file);
    expect(json).toMatchObject({ mode: 'preview', duplicates: 4, importedBeforeTotal: 1, importedBefore: [{ fileName: 'Tiêm ngày 20.csv', rows: 4, created: 4, duplicates: 0, invalid: 0 }] });
    const at = Date.parse(json.importedBefore[0]!.committedAt);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(after + 1);

    const { result } = await runCli(['import', file, '--data-dir', dataDir]);
    const lines = result.text.split('\n');
    // The file line and the counts line as before; the notice is the line after them.
    expect(lines[0]).toBe(`${file}: utf-8, separator ",", header row 1`);
    expect(lines[1]).toBe('rows 4: ready 0, warnings 0, errors 0, duplicates 4 (preview: nothing written; --commit to import)');
    const vn = new Date(at + 7 * 3600_000).toISOString();
    const shown = `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)}`;
    expect(lines[2]).toBe(
      `imported before: Tệp này đã được nhập ngày ${shown} lúc ${vn.slice(11, 16)} (tên tệp "Tiêm ngày 20.csv"): 4 hồ sơ đã tạo. ` +
        'Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập. / ' +
        `This file was already imported on ${shown} at ${vn.slice(11, 16)} (file name "Tiêm ngày 20.csv"): 4 records created. ` +
        'Duplicate rows are not imported again; only new rows are.',
    );
    expect(lines[3]).toMatch(/^  row 2 warning IMPORT_ALREADY_IMPORTED \[row\]: /);
  });

  it('prints a readable summary without --json', async () => {
    const { result } = await runCli(['import', bad, '--data-dir', dataDir]);
    expect(result.text).toContain('rows 2: ready 0, warnings 0, errors 2, duplicates 0');
    expect(result.text).toContain('row 3 error IMPORT_ID_TYPE_UNKNOWN [idType]');
  });
});
