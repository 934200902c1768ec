// "This file was imported before" (session 21): the store answers the committed runs of one file
// hash, newest first, with their counts; a run that failed or never committed is none. One
// lookup in the file-hash index (migration 0001), also on a station with many runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMITTED_RUNS_BY_HASH_SQL } from '../../../electron/core/store/importRuns.js';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

const HASH = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);

/** Starts a run of `fileHash` and commits it with `rows` (their counts are the run's). */
function commitRun(fileName: string, fileHash: string, rows = [record()]): string {
  const run = t.store.startImportRun({ fileName, fileHash });
  t.store.createRecords(rows, { source: 'import', importRunId: run.id });
  return run.id;
}

describe('committedImportRuns', () => {
  it('answers the committed runs of the hash newest first, with when, the name and the counts', () => {
    const first = commitRun('Tháng 11.xlsx', HASH, [record(), record({}, { doseNumber: 2, vaccinationDate: '2021-09-10' })]);
    t.ports.advance(3_600_000);
    commitRun('other.csv', OTHER, [record({ idNumber: '079090002222' })]);
    t.ports.advance(3_600_000);
    const second = commitRun('Tháng 11 (bản sao).xlsx', HASH, [record(), record({ fullName: '' })]);
    expect(t.store.committedImportRuns(HASH, 20)).toEqual({
      runs: [
        expect.objectContaining({ id: second, fileName: 'Tháng 11 (bản sao).xlsx', committedAt: '2023-01-15T05:00:00.000Z', rows: 2, created: 0, duplicates: 1, invalid: 1 }),
        expect.objectContaining({ id: first, fileName: 'Tháng 11.xlsx', committedAt: '2023-01-15T03:00:00.000Z', rows: 2, created: 2, duplicates: 0, invalid: 0 }),
      ],
      total: 2,
    });
    expect(t.store.committedImportRuns('ef'.repeat(32), 20)).toEqual({ runs: [], total: 0 });
  });

  // Session 22: a file imported once and then four times more, each finding every row stored. The
  // newest runs alone would all say "0 created" and hide when the records came in.
  it('past the limit, answers the newest runs and always the first one (the one that created the records), and how many there are', () => {
    const ids = [commitRun('DS tiêm.xlsx', HASH)];
    for (let i = 1; i < 5; i++) {
      t.ports.advance(3_600_000);
      ids.push(commitRun(`DS tiêm (${i}).xlsx`, HASH));
    }
    const { runs, total } = t.store.committedImportRuns(HASH, 3);
    expect(total).toBe(5);
    // Newest first, the first run last: the two newest, then the one that created the record.
    expect(runs.map((r) => r.id)).toEqual([ids[4], ids[3], ids[0]]);
    expect(runs.map((r) => r.created)).toEqual([0, 0, 1]);
    expect(runs[2]).toMatchObject({ fileName: 'DS tiêm.xlsx', committedAt: '2023-01-15T03:00:00.000Z' });
    // At or under the limit, every run; a limit of one names only the first.
    expect(t.store.committedImportRuns(HASH, 5).runs.map((r) => r.id)).toEqual([...ids].reverse());
    expect(t.store.committedImportRuns(HASH, 1)).toEqual({ runs: [expect.objectContaining({ id: ids[0] })], total: 5 });
  });

  it('leaves out a run that was started and never committed, and one whose commit failed', () => {
    const abandoned = t.store.startImportRun({ fileName: 'abandoned.xlsx', fileHash: HASH });
    const failed = t.store.startImportRun({ fileName: 'failed.xlsx', fileHash: HASH });
    t.store.failImportRun(failed.id, { code: 'IMPORT_COMMIT_FAILED', cause: 'DB_DISK_FULL' });
    // Both runs are stored, neither committed.
    expect([abandoned, failed].map((r) => t.store.getImportRun(r.id)?.committedAt)).toEqual([null, null]);
    expect(t.store.committedImportRuns(HASH, 20)).toEqual({ runs: [], total: 0 });
  });

  it.each([['without statistics', false], ['after ANALYZE', true]])('reads the runs from the file-hash index (%s), not the whole table', (_label, analyze) => {
    for (let i = 0; i < 50; i++) commitRun(`f${i}.csv`, i.toString(16).padStart(64, '0'), [record({ idNumber: `0790900${String(10000 + i)}` })]);
    if (analyze) t.db.exec('ANALYZE');
    const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${COMMITTED_RUNS_BY_HASH_SQL}`).all(HASH, 20) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH import_runs USING INDEX import_runs_file_hash \(file_hash=\?\)/);
    expect(plan).not.toMatch(/^SCAN import_runs/m);
  });
});
