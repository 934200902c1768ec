// An import commit is audited by ONE entry (the run's import.commit) naming every record it
// created; a record's history still shows its creation, read from its place in that entry.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/auditLog.js';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { importWalPages, IMPORT_WAL_PAGES_MAX } from '../../../electron/core/store/recordCreate.js';
import { SIGNING_WAL_PAGES } from '../../../electron/core/db/walCheckpoint.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

const actions = (entity: string) => (t.db.prepare('SELECT action FROM audit_log WHERE entity = ? ORDER BY seq').pluck().all(entity) as string[]);

describe('import commit audit', () => {
  it('writes one import.commit entry naming each created record with its file row, and no record.create', () => {
    const run = t.store.startImportRun({ fileName: 'dot-1.csv', fileHash: 'ab'.repeat(32) });
    const rows = [record(), record({}, { doseNumber: 2, vaccinationDate: '2021-09-10', lot: 'ABV2' }), record(), record({ fullName: '' }), ...generateRecords(40, { seed: 5 })];
    const fileRows = rows.map((_, i) => 10 + i * 2);
    const result = t.store.createRecords(rows, { source: 'import', importRunId: run.id, sourceRows: fileRows, confirmWarnings: true });
    const created = result.outcomes.filter((o) => o.outcome === 'created');
    expect(created.length).toBe(result.created);
    expect(actions('record')).toEqual([]);
    expect(actions('import')).toEqual(['import.start', 'import.commit']);

    const entry = t.db.prepare("SELECT details FROM audit_log WHERE action = 'import.commit'").pluck().get() as string;
    const details = JSON.parse(entry) as { fields: string[]; records: unknown[][]; created: number; peopleCreated: number };
    expect(details.fields).toEqual(['id', 'row', 'personId', 'personCreated', 'state', 'findings']);
    expect(details).toMatchObject({ created: result.created, duplicates: result.duplicates, invalid: result.invalid, rows: rows.length });
    expect(details.records).toEqual(created.map((o) => [o.id, fileRows[o.index], o.personId, o.personCreated, o.state, o.findings.map((f) => f.code)]));
    expect(details.peopleCreated).toBe(created.filter((o) => o.personCreated).length);
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true });

    // Every created record's history shows its creation: the entry, its own part of it.
    created.forEach((o, index) => {
      const history = t.store.getRecord(o.id).history;
      expect(history.map((h) => h.action)).toEqual(['import.commit']);
      expect(history[0]!.details).toMatchObject({
        importRunId: run.id, index, row: fileRows[o.index]!, personId: o.personId, personCreated: o.personCreated, state: o.state,
        findings: o.findings.map((f) => f.code),
      });
      expect(history[0]!.details).not.toHaveProperty('records');
    });
    // The audit screen's page carries the count, not the list.
    const page = listAudit(t.db, { limit: 1 });
    expect(page[0]).toMatchObject({ action: 'import.commit', details: { recordCount: created.length } });
    expect(page[0]!.details).not.toHaveProperty('records');
    expect(page[0]!.details).not.toHaveProperty('fields');
  });

  it('keeps later entries in the history in order, and the form and run-less creations keep record.create', () => {
    const run = t.store.startImportRun({ fileName: 'x.csv', fileHash: 'cd'.repeat(32) });
    const [first] = t.store.createRecords([record()], { source: 'import', importRunId: run.id }).outcomes;
    const id = first!.outcome === 'created' ? first!.id : '';
    t.store.setRecordsState([id], 'ready', 'signed');
    expect(t.store.getRecord(id).history.map((h) => h.action)).toEqual(['import.commit', 'record.signed']);
    expect(t.store.getRecord(id).history[0]!.details).toMatchObject({ row: null, index: 0 });

    const form = t.store.createRecord(record({ idNumber: '079090005555', fullName: 'Lê Thị Cúc', sex: 'F', dob: '1990-01-01' }), { source: 'form' });
    expect(t.store.getRecord(form.record.id).history.map((h) => h.action)).toEqual(['record.create']);
    // Another person: the first record's name, dob and phone under another number would be its dose again (DOSE_RECORDED_UNDER_OTHER_ID).
    const [loose] = t.store.createRecords([record({ idNumber: '079090006666', fullName: 'Phạm Văn Dũng' })], { source: 'import' }).outcomes;
    expect(t.store.getRecord(loose!.outcome === 'created' ? loose!.id : '').history.map((h) => h.action)).toEqual(['record.create']);
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('a record of another run is not part of this run: each finds its own entry', () => {
    const a = t.store.startImportRun({ fileName: 'a.csv', fileHash: 'aa'.repeat(32) });
    const ra = t.store.createRecords(generateRecords(5, { seed: 1 }), { source: 'import', importRunId: a.id }).outcomes;
    const b = t.store.startImportRun({ fileName: 'b.csv', fileHash: 'bb'.repeat(32) });
    const rb = t.store.createRecords(generateRecords(5, { seed: 2 }), { source: 'import', importRunId: b.id }).outcomes;
    for (const [o, run] of [[ra[3]!, a.id], [rb[3]!, b.id]] as const) {
      const h = t.store.getRecord(o.outcome === 'created' ? o.id : '').history;
      expect(h).toHaveLength(1);
      expect(h[0]).toMatchObject({ entityId: run, details: { index: 3 } });
    }
  });
});

describe('import commit history lookup', () => {
  it('finds the record by its id when its position among the run records moved, and uses the run index', () => {
    const form = t.store.createRecord(record({ idNumber: '079090007777' }), { source: 'form' });
    const run = t.store.startImportRun({ fileName: 'c.csv', fileHash: 'cc'.repeat(32) });
    const out = t.store.createRecords(generateRecords(4, { seed: 4 }), { source: 'import', importRunId: run.id }).outcomes;
    // An older record now counted among the run's (never done by the station): positions shift by one.
    t.db.prepare('UPDATE dose_records SET import_run_id = ? WHERE id = ?').run(run.id, form.record.id);
    const o = out[2]!;
    const h = t.store.getRecord(o.outcome === 'created' ? o.id : '').history;
    expect(h[0]).toMatchObject({ action: 'import.commit', details: { index: 2 } });
    expect(t.store.getRecord(form.record.id).history.map((e) => e.action)).toEqual(['record.create']);
    const plan = t.db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM dose_records e WHERE e.import_run_id = ? AND e.seq < ?').all('x', 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('dose_records_import_run');
  });
});

describe('import commit checkpoint', () => {
  it('leaves the commit in the WAL (no checkpoint inside it), and restores the usual threshold', () => {
    const run = t.store.startImportRun({ fileName: 'big.csv', fileHash: 'ef'.repeat(32) });
    // A usual threshold of 100 pages, which 1,500 records (~300 WAL pages) pass.
    t.db.pragma('wal_autocheckpoint = 100');
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(t.path).size;
    const seen: number[] = [];
    const original = t.db.pragma.bind(t.db);
    t.db.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('wal_autocheckpoint =')) seen.push(Number(source.split('=')[1]));
      return original(source, options);
    }) as typeof t.db.pragma;
    const result = t.store.createRecords(generateRecords(1500, { seed: 9 }), { source: 'import', importRunId: run.id });
    t.db.pragma = original;
    expect(result.created).toBe(1500);
    expect(seen).toEqual([importWalPages(1500), 100]);
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    expect(statSync(t.path).size).toBe(before);
    // A plain transaction as big is checkpointed into the file at its commit (the control).
    t.db.exec('CREATE TABLE filler (blob BLOB)');
    t.db.transaction(() => {
      for (let i = 0; i < 400; i++) t.db.prepare('INSERT INTO filler VALUES (randomblob(3500))').run();
    })();
    expect(statSync(t.path).size).toBeGreaterThan(before + 1_000_000);
  });

  it('is sized to the rows and bounded', () => {
    // A 100k-row CSV left ~21,200 WAL pages.
    expect(importWalPages(100_000)).toBeGreaterThan(2 * 21_200);
    expect(importWalPages(10)).toBeGreaterThanOrEqual(SIGNING_WAL_PAGES);
    expect(importWalPages(10_000_000)).toBe(IMPORT_WAL_PAGES_MAX);
  });
});
