// Preview → commit through the real station store (SQLite in a temp folder): one transaction,
// idempotent re-imports, warnings confirmed or left as drafts, the failed-rows round trip.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { exportFailedRows, FINDINGS_HEADER } from '../../../electron/core/import/exportFailedRows.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportPhase, ImportStorePort } from '../../../electron/core/import/types.js';
import { openTestStore, type TestStore } from '../../unit/db/storeHarness.js';
import { dmy, makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

let t: TestStore;
let store: ImportStorePort;
let tmp: ReturnType<typeof makeTempDir>;
// The harness clock says 2023-01-15; the importer's "today" follows the same day.
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

const doses = makeDoses(20, 21); // 40 valid rows: 20 people, two doses each
const rowsOf = (list: typeof doses, from = 0) => list.map((d, i) => standardRow(d, from + i + 1));
const runEntries = (run: string): { action: string; details: Record<string, unknown> }[] =>
  (t.db.prepare("SELECT action, details FROM audit_log WHERE entity = 'import' AND entity_id = ? ORDER BY seq").all(run) as { action: string; details: string }[])
    .map((e) => ({ action: e.action, details: JSON.parse(e.details) as Record<string, unknown> }));
const recordCount = (): number => (t.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;

describe('re-importing a file that corrects a stored dose', () => {
  it('skips the row, as any dose already stored, but names what the file says otherwise', async () => {
    const path = tmp.file('first.csv');
    writeDelimited(path, [STANDARD_HEADER, ...rowsOf(doses.slice(0, 4))]);
    expect((await commitImport(await previewImport(path, { now, store }), store)).committed).toBe(4);

    const fixed = rowsOf(doses.slice(0, 4));
    fixed[1]![7] = 'LOTFIX1'; // the lot
    fixed[2]![1] = `${fixed[2]![1]} Thị`; // the name
    const again = tmp.file('corrected.csv');
    writeDelimited(again, [STANDARD_HEADER, ...fixed]);
    const preview = await previewImport(again, { now, store });
    expect(preview).toMatchObject({ duplicates: 4, ready: 0 });
    expect(preview.records.map((r) => r.findings.map((f) => f.code))).toEqual([
      ['IMPORT_ALREADY_IMPORTED'], ['IMPORT_ALREADY_IMPORTED_DIFFERS'], ['IMPORT_ALREADY_IMPORTED_DIFFERS'], ['IMPORT_ALREADY_IMPORTED'],
    ]);
    const lot = preview.records[1]!.findings[0]!;
    expect(lot.message_en).toContain(`lot "LOTFIX1" (stored: "${doses[1]!.lot}")`);
    expect(lot.message_vi).toContain('số lô "LOTFIX1"');
    expect(preview.records[2]!.findings[0]!.message_en).toContain(`name "${fixed[2]![1]}"`);
    // Nothing is changed by committing it.
    const result = await commitImport(preview, store);
    expect(result).toMatchObject({ committed: 0, duplicates: 4 });
    expect(result.records[1]!.findings.map((f) => f.code)).toEqual(['IMPORT_ALREADY_IMPORTED_DIFFERS']);
    expect((t.db.prepare("SELECT count(*) AS n FROM dose_records WHERE lot = 'LOTFIX1'").get() as { n: number }).n).toBe(0);
  });
});

describe('commitImport', () => {
  it('writes every valid row in one import run, and nothing for a preview', async () => {
    const path = tmp.file('week1.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [['BÁO CÁO TUẦN 1'], STANDARD_HEADER, ...rowsOf(doses)] }]);
    const preview = await previewImport(path, { now, store });
    expect(preview).toMatchObject({ validatedAgainst: 'store', rows: 40, ready: 40, errors: 0, duplicates: 0 });
    expect(recordCount()).toBe(0);

    const phases: [ImportPhase, number, number][] = [];
    const result = await commitImport(preview, store, { onProgress: (done, total, phase) => phases.push([phase, done, total]) });
    expect(result).toMatchObject({ committed: 40, duplicates: 0, errors: 0 });
    expect(result.records.every((r) => r.outcome === 'created' && r.recordId)).toBe(true);
    expect(phases).toEqual([['commit', 0, 40], ['commit', 40, 40]]);
    expect(recordCount()).toBe(40);
    expect(t.store.getImportRun(result.importRunId)).toMatchObject({ fileName: 'week1.xlsx', fileHash: preview.fileHash, rows: 40, created: 40, duplicates: 0 });
    expect(t.store.countByState().ready).toBe(40);
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('creates nothing twice when the same file, or one that overlaps it, is imported again', async () => {
    const first = tmp.file('first.csv');
    const second = tmp.file('second.csv');
    writeDelimited(first, [STANDARD_HEADER, ...rowsOf(doses.slice(0, 30))]);
    writeDelimited(second, [STANDARD_HEADER, ...rowsOf(doses.slice(20, 40), 20)]);
    expect((await commitImport(first, store, { now })).committed).toBe(30);

    const again = await commitImport(first, store, { now });
    expect(again).toMatchObject({ committed: 0, duplicates: 30, errors: 0 });
    expect(again.findings.every((f) => f.code === 'IMPORT_ALREADY_IMPORTED')).toBe(true);

    const overlap = await commitImport(second, store, { now });
    expect(overlap).toMatchObject({ rows: 20, committed: 10, duplicates: 10 });
    expect(overlap.records.filter((r) => r.outcome === 'created').map((r) => r.row)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(recordCount()).toBe(40);
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('keeps rows with warnings as drafts unless the warnings are confirmed', async () => {
    // Dose 2 ten days after dose 1: DOSE_INTERVAL_TOO_SHORT, a warning, on the second row.
    const tooSoon = (pair: typeof doses): string[][] => {
      const rows = rowsOf(pair);
      rows[1]![9] = dmy(new Date(Date.parse(`${pair[0]!.date}T00:00:00Z`) + 10 * 86400_000).toISOString().slice(0, 10));
      return [STANDARD_HEADER, ...rows];
    };
    writeDelimited(tmp.file('a.csv'), tooSoon(doses.slice(0, 2)));
    writeDelimited(tmp.file('b.csv'), tooSoon(doses.slice(2, 4)));
    const unconfirmed = await commitImport(tmp.file('a.csv'), store, { now });
    expect(unconfirmed).toMatchObject({ committed: 2, ready: 1, warnings: 1 });
    expect(unconfirmed.findings.map((f) => [f.row, f.code])).toEqual([[3, 'DOSE_INTERVAL_TOO_SHORT']]);
    expect(t.store.countByState()).toMatchObject({ ready: 1, draft: 1 });
    expect((await commitImport(tmp.file('b.csv'), store, { now, confirmWarnings: true })).committed).toBe(2);
    expect(t.store.countByState()).toMatchObject({ ready: 3, draft: 1 });
  });

  it('writes all rows or none: a failure in the middle of the transaction leaves nothing', async () => {
    writeDelimited(tmp.file('all.csv'), [STANDARD_HEADER, ...rowsOf(doses)]);
    const preview = await previewImport(tmp.file('all.csv'), { now, store });
    // The disk fills up at the 25th record.
    t.db.exec("CREATE TEMP TRIGGER disk_full BEFORE INSERT ON dose_records WHEN (SELECT count(*) FROM dose_records) >= 24 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    await expect(commitImport(preview, store)).rejects.toMatchObject({ code: 'IMPORT_COMMIT_FAILED' });
    expect(recordCount()).toBe(0);
    expect(t.db.prepare('SELECT count(*) AS n FROM import_runs WHERE committed_at IS NOT NULL').get()).toEqual({ n: 0 });
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.store.verifyAudit().ok).toBe(true);
    // The run it opened is answered in the audit log: it failed, and why.
    const [run] = t.db.prepare('SELECT id FROM import_runs').pluck().all() as string[];
    expect(runEntries(run!)).toEqual([
      { action: 'import.start', details: expect.objectContaining({ fileName: 'all.csv' }) },
      { action: 'import.fail', details: { code: 'IMPORT_COMMIT_FAILED' } },
    ]);
    t.db.exec('DROP TRIGGER disk_full');
    expect((await commitImport(preview, store)).committed).toBe(40);
    // The run that committed has no failure entry.
    const second = t.db.prepare('SELECT id FROM import_runs WHERE committed_at IS NOT NULL').pluck().get() as string;
    expect(runEntries(second).map((e) => e.action)).toEqual(['import.start', 'import.commit']);
  });

  it('a cancel between the run starting and its transaction is answered by an import.fail entry', async () => {
    writeDelimited(tmp.file('late.csv'), [STANDARD_HEADER, ...rowsOf(doses)]);
    const preview = await previewImport(tmp.file('late.csv'), { now, store });
    const abort = new AbortController();
    const cancelling: ImportStorePort = { ...store, startImportRun: (input) => { const run = store.startImportRun(input); abort.abort(); return run; } };
    await expect(commitImport(preview, cancelling, { signal: abort.signal })).rejects.toMatchObject({ code: 'IMPORT_CANCELLED' });
    expect(recordCount()).toBe(0);
    const [run] = t.db.prepare('SELECT id FROM import_runs').pluck().all() as string[];
    expect(runEntries(run!).map((e) => [e.action, e.details.code])).toEqual([['import.start', undefined], ['import.fail', 'IMPORT_CANCELLED']]);
    expect(t.store.verifyAudit().ok).toBe(true);
    // A failure entry is never written for a run that committed.
    const done = await commitImport(preview, store);
    t.store.failImportRun(done.importRunId, { code: 'IMPORT_CANCELLED' });
    expect(runEntries(done.importRunId).map((e) => e.action)).toEqual(['import.start', 'import.commit']);
  });

  it('honours cancellation before the transaction', async () => {
    writeDelimited(tmp.file('c.csv'), [STANDARD_HEADER, ...rowsOf(doses)]);
    const preview = await previewImport(tmp.file('c.csv'), { now, store });
    const abort = new AbortController();
    abort.abort();
    await expect(commitImport(preview, store, { signal: abort.signal })).rejects.toMatchObject({ code: 'IMPORT_CANCELLED' });
    expect(recordCount()).toBe(0);
  });
});

describe('exportFailedRows: fix in Excel, import again', () => {
  it('exports only the rows with errors, in the source layout plus a findings column, and the fixed file imports', async () => {
    const path = tmp.file('mixed.xlsx');
    const rows = rowsOf(doses.slice(0, 6));
    rows[2]![2] = '31/02/1990'; // row 5: impossible date of birth
    rows[4]![6] = 'Sputnik Light'; // row 7: not in the catalog
    await writeXlsx(path, [{ name: 'Tiêm chủng', rows: [STANDARD_HEADER, ...rows, ['Tổng cộng']] }]);
    const preview = await previewImport(path, { now, store });
    expect(preview.records.filter((r) => r.status === 'error').map((r) => r.row)).toEqual([4, 6]);
    const committed = await commitImport(preview, store);
    expect(committed.committed).toBe(4);

    const out = tmp.file('loi.xlsx');
    expect(await exportFailedRows(path, committed, out)).toEqual({ rows: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Tiêm chủng')!;
    expect(ws.rowCount).toBe(3);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...STANDARD_HEADER, FINDINGS_HEADER]);
    expect((ws.getRow(2).values as unknown[]).slice(1, 11)).toEqual(rows[2]);
    expect(String(ws.getRow(2).getCell(11).value)).toMatch(/^Dòng 4 \/ Row 4\n\[IMPORT_DATE_IMPOSSIBLE\] .+ \/ .+/);
    expect(String(ws.getRow(3).getCell(11).value)).toContain('[VACCINE_UNKNOWN]');

    // Staff fix the two cells and import the file of failed rows.
    ws.getRow(2).getCell(3).value = dmy(doses[2]!.person.dob);
    ws.getRow(3).getCell(7).value = 'AstraZeneca';
    await wb.xlsx.writeFile(out);
    const fixed = await commitImport(out, store, { now });
    expect(fixed).toMatchObject({ rows: 2, committed: 2, errors: 0 });
    expect(recordCount()).toBe(6);
  });
});
