// Session 21: a file imported before is named. The preview answers the committed imports of the
// same bytes (SHA-256): when, under which name, what each did; the clerk is told, and may still
// commit (only rows not stored yet are written). Another file with the same rows is not the same
// file: no notice, but its rows are duplicates as ever. A run that failed or never committed imported
// nothing, and is not named.
import { copyFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { importedBeforeNote } from '../../../electron/core/import/importedBeforeNote.js';
import { MAX_EARLIER_IMPORTS, previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportStorePort } from '../../../electron/core/import/types.js';
import { openTestStore, type TestStore } from '../../unit/db/storeHarness.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

let t: TestStore;
let store: ImportStorePort;
let tmp: ReturnType<typeof makeTempDir>;
// The harness clock starts at 2023-01-15T03:00Z (10:00 in Viet Nam); the importer's day follows it.
const now = (): Date => t.ports.now();

beforeEach(() => {
  t = openTestStore({ actor: 'user:import-test' });
  store = importStorePort(t.store);
  tmp = makeTempDir();
});
afterEach(() => {
  t.close();
  tmp.cleanup();
});

const doses = makeDoses(15, 41); // 30 valid rows: 15 people, two doses each
const rows = doses.map((d, i) => standardRow(d, i + 1));
const recordCount = (): number => (t.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;

describe('a file imported before', () => {
  it('is named by the preview with when, the name and the counts, and committing it again writes only new rows', async () => {
    const path = tmp.file('Tháng 11.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [['DANH SÁCH TIÊM'], STANDARD_HEADER, ...rows] }]);
    const first = await previewImport(path, { now, store });
    expect(first.importedBefore).toEqual([]);
    expect(first.importedBeforeTotal).toBe(0);
    expect(importedBeforeNote(first)).toBeNull();
    expect((await commitImport(first, store)).committed).toBe(30);

    // Two hours and five minutes later (12:05 in Viet Nam), the same file again.
    t.ports.advance((2 * 60 + 5) * 60_000);
    const again = await previewImport(path, { now, store });
    expect(again).toMatchObject({ rows: 30, duplicates: 30, ready: 0 });
    expect(again.importedBefore).toEqual([{ committedAt: '2023-01-15T03:00:00.000Z', fileName: 'Tháng 11.xlsx', rows: 30, created: 30, duplicates: 0, invalid: 0 }]);
    expect(again.importedBeforeTotal).toBe(1);
    const note = importedBeforeNote(again)!;
    expect(note.vi).toBe('Tệp này đã được nhập ngày 15/01/2023 lúc 10:00 (tên tệp "Tháng 11.xlsx"): 30 hồ sơ đã tạo. Các dòng trùng sẽ không được nhập lại; chỉ các dòng mới được nhập.');
    expect(note.en).toBe('This file was already imported on 15/01/2023 at 10:00 (file name "Tháng 11.xlsx"): 30 records created. Duplicate rows are not imported again; only new rows are.');

    // A notice, not a refusal: the same bytes under another name commit, writing nothing twice.
    const copy = tmp.file('Tháng 11 - bản sao.xlsx');
    copyFileSync(path, copy);
    const result = await commitImport(copy, store, { now });
    expect(result).toMatchObject({ committed: 0, duplicates: 30 });
    expect(result.importedBefore.map((r) => r.fileName)).toEqual(['Tháng 11.xlsx']);
    expect(recordCount()).toBe(30);

    // Both runs now, newest first, each under the name it was imported by. A run counts the whole
    // file: the second found all 30 rows stored (its preview held them back from the commit).
    t.ports.advance(60_000);
    const third = await previewImport(path, { now, store });
    expect(third.importedBefore).toEqual([
      { committedAt: '2023-01-15T05:05:00.000Z', fileName: 'Tháng 11 - bản sao.xlsx', rows: 30, created: 0, duplicates: 30, invalid: 0 },
      { committedAt: '2023-01-15T03:00:00.000Z', fileName: 'Tháng 11.xlsx', rows: 30, created: 30, duplicates: 0, invalid: 0 },
    ]);
    expect(third.importedBeforeTotal).toBe(2);
    expect(importedBeforeNote(third)!.en).toMatch(
      /^This file was already imported 2 times\. First on 15\/01\/2023 at 10:00 \(file name "Tháng 11\.xlsx"\): 30 records created\. Last on 15\/01\/2023 at 12:05 \(file name "Tháng 11 - bản sao\.xlsx"\): 0 records created\. Duplicate rows/,
    );
  });

  it('is not the same file when the rows are the same but the bytes differ: no notice, the rows are still duplicates', async () => {
    const crlf = tmp.file('danh-sach.csv');
    const lf = tmp.file('danh-sach (Excel).csv');
    writeDelimited(crlf, [STANDARD_HEADER, ...rows]);
    writeDelimited(lf, [STANDARD_HEADER, ...rows], { newline: '\n' });
    const first = await commitImport(crlf, store, { now });
    expect(first.committed).toBe(30);

    const other = await previewImport(lf, { now, store });
    expect(other.fileHash).not.toBe(first.fileHash);
    expect(other).toMatchObject({ rows: 30, duplicates: 30, ready: 0 });
    expect(other.importedBefore).toEqual([]);
    // While the file itself is named.
    expect((await previewImport(crlf, { now, store })).importedBefore).toHaveLength(1);
  });

  it('is not named by a commit that failed or was cancelled: those imported nothing', async () => {
    const path = tmp.file('ngày 3.csv');
    writeDelimited(path, [STANDARD_HEADER, ...rows]);
    const preview = await previewImport(path, { now, store });
    // The disk fills up in the middle of the transaction: import.fail, nothing written.
    t.db.exec("CREATE TEMP TRIGGER disk_full BEFORE INSERT ON dose_records WHEN (SELECT count(*) FROM dose_records) >= 10 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    await expect(commitImport(preview, store)).rejects.toMatchObject({ code: 'IMPORT_COMMIT_FAILED' });
    t.db.exec('DROP TRIGGER disk_full');
    // Cancelled between the run starting and its transaction.
    const abort = new AbortController();
    const cancelling: ImportStorePort = { ...store, startImportRun: (input) => { const run = store.startImportRun(input); abort.abort(); return run; } };
    await expect(commitImport(preview, cancelling, { signal: abort.signal })).rejects.toMatchObject({ code: 'IMPORT_CANCELLED' });
    const actions = t.db.prepare("SELECT action FROM audit_log WHERE entity = 'import' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['import.start', 'import.fail', 'import.start', 'import.fail']);

    const after = await previewImport(path, { now, store });
    // Both runs are stored, neither committed: the preview names none.
    expect(t.db.prepare('SELECT count(*) FROM import_runs WHERE file_hash = ? AND committed_at IS NULL').pluck().get(after.fileHash)).toBe(2);
    expect(after.importedBefore).toEqual([]);
    expect(after).toMatchObject({ ready: 30, duplicates: 0 });
  });

  it('is not looked up without a store (a preview on a machine without a station)', async () => {
    const path = tmp.file('a.csv');
    writeDelimited(path, [STANDARD_HEADER, ...rows]);
    await commitImport(path, store, { now });
    expect((await previewImport(path, { now })).importedBefore).toEqual([]);
  });

  // Session 22: the newest alone hid the import that created the records.
  it(`names at most ${MAX_EARLIER_IMPORTS} imports, the newest and always the first; the notice says how many, the first and the two newest`, async () => {
    const path = tmp.file('b.csv');
    writeDelimited(path, [STANDARD_HEADER, ...rows.slice(0, 2)]);
    for (let i = 0; i < MAX_EARLIER_IMPORTS + 2; i++) {
      await commitImport(path, store, { now, fileName: `b-${i}.csv` });
      t.ports.advance(60_000);
    }
    const preview = await previewImport(path, { now, store });
    expect(preview.importedBeforeTotal).toBe(MAX_EARLIER_IMPORTS + 2);
    expect(preview.importedBefore).toHaveLength(MAX_EARLIER_IMPORTS);
    expect(preview.importedBefore[0]!.fileName).toBe(`b-${MAX_EARLIER_IMPORTS + 1}.csv`);
    expect(preview.importedBefore.at(-1)).toMatchObject({ fileName: 'b-0.csv', created: 2 });
    expect(preview.importedBefore.slice(0, -1).every((r) => r.created === 0)).toBe(true);
    const note = importedBeforeNote(preview)!;
    // Named: the first and the two newest; the others between them are counted.
    expect(note.vi).toContain(`Tệp này đã được nhập ${MAX_EARLIER_IMPORTS + 2} lần. Lần đầu vào ngày 15/01/2023 lúc 10:00 (tên tệp "b-0.csv"): 2 hồ sơ đã tạo. ${MAX_EARLIER_IMPORTS - 1} lần nhập khác sau đó không liệt kê ở đây.`);
    expect(note.en).toContain(`(file name "b-${MAX_EARLIER_IMPORTS}.csv"): 0 records created. Last on`);
    expect(note.en).toContain(`(file name "b-${MAX_EARLIER_IMPORTS + 1}.csv"): 0 records created. Duplicate rows`);
  });
});
