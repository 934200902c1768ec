// An import commit (createRecords): one transaction for the whole file, a per-row outcome, and
// idempotent — the same row imported again writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { generateRecords } from '../../fixtures/records.js';
import { auditCount, openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeEach(() => {
  t = openTestStore();
});
afterEach(() => t.close());

const recordCount = () => (t.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;

describe('createRecords', () => {
  it('answers created / duplicate / invalid per row, and commits the import run with its counts', () => {
    const run = t.store.startImportRun({ fileName: 'dot-1.xlsx', fileHash: 'ab'.repeat(32) });
    const rows = [
      record(),
      record({}, { doseNumber: 2, vaccinationDate: '2021-09-10', lot: 'ABV2' }),
      record(),
      record({ fullName: '' }),
      record({ idNumber: '079090005555', fullName: 'Lê Thị Cúc', sex: 'F', dob: '1990-01-01' }, { vaccinationDate: '2031-01-01' }),
    ];
    const result = t.store.createRecords(rows, { source: 'import', importRunId: run.id });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['created', 'created', 'duplicate', 'invalid', 'invalid']);
    const [first, second, dup, noName, future] = result.outcomes;
    expect(second).toMatchObject({ personCreated: false });
    expect(first).toMatchObject({ personCreated: true });
    expect(dup).toMatchObject({ existingId: first!.outcome === 'created' ? first!.id : '' });
    expect(noName!.findings.map((f) => f.code)).toContain('FIELD_REQUIRED');
    expect(future!.findings.map((f) => f.code)).toContain('VACCINATION_DATE_FUTURE');
    expect(result).toMatchObject({ created: 2, duplicates: 1, invalid: 2, importRunId: run.id });
    expect(t.store.getImportRun(run.id)).toMatchObject({ rows: 5, created: 2, duplicates: 1, invalid: 2 });
    expect(t.store.getImportRun(run.id)!.committedAt).not.toBeNull();
    expect(t.store.getRecord(first!.outcome === 'created' ? first!.id : '').importRunId).toBe(run.id);
  });

  it('importing the same file again writes nothing: every row is a duplicate', () => {
    const rows = generateRecords(200, { seed: 3 });
    expect(t.store.createRecords(rows, { source: 'import' }).created).toBe(200);
    const audits = auditCount(t.db);
    const again = t.store.createRecords(rows, { source: 'import' });
    expect(again).toMatchObject({ created: 0, duplicates: 200, invalid: 0 });
    expect(recordCount()).toBe(200);
    expect(auditCount(t.db)).toBe(audits);
  });

  it('a re-imported row whose record was corrected points at the correction', () => {
    const [created] = t.store.createRecords([record()], { source: 'import' }).outcomes;
    const id = created!.outcome === 'created' ? created!.id : '';
    t.store.setRecordsState([id], 'ready', 'signed');
    const fixed = t.store.correctRecord(id, { dose: { vaccinationDate: '2021-08-03' } }, 'date');
    expect(t.store.createRecords([record()], { source: 'import' }).outcomes[0]).toMatchObject({ outcome: 'duplicate', existingId: fixed.record.id });
  });

  it('is all or nothing: a failure at row 150 of 200 leaves no record, person, audit entry or committed run', () => {
    const run = t.store.startImportRun({ fileName: 'big.csv', fileHash: 'cd'.repeat(32) });
    const audits = auditCount(t.db);
    const rows = generateRecords(200, { seed: 9 });
    const lot = rows[150]!.dose.lot;
    t.db.exec(`CREATE TEMP TRIGGER fail_row BEFORE INSERT ON dose_records WHEN new.lot = '${lot}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => t.store.createRecords(rows, { source: 'import', importRunId: run.id })).toThrow(/disk full/);
    expect(recordCount()).toBe(0);
    expect(t.db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
    expect(auditCount(t.db)).toBe(audits);
    expect(t.store.getImportRun(run.id)!.committedAt).toBeNull();
  });

  it('refuses to commit an import run twice or one that does not exist', () => {
    const run = t.store.startImportRun({ fileName: 'a.csv', fileHash: 'ef'.repeat(32) });
    t.store.createRecords([record()], { source: 'import', importRunId: run.id });
    for (const [id, expected] of [[run.id, 'IMPORT_RUN_COMMITTED'], ['nope', 'IMPORT_RUN_UNKNOWN']]) {
      try {
        t.store.createRecords([record({ idNumber: '079090002222' })], { source: 'import', importRunId: id });
        expect.unreachable();
      } catch (err) {
        expect(isStationError(err) && err.code).toBe(expected);
      }
    }
    expect(recordCount()).toBe(1);
    // The run committed once, and neither refused commit left a committed run of the file.
    expect(t.store.committedImportRuns('ef'.repeat(32), 20)).toEqual({ runs: [expect.objectContaining({ id: run.id })], total: 1 });
  });

  it('stores rows with errors as drafts when asked, and rows with warnings as ready when confirmed', () => {
    const rows = [record({}, { vaccinationDate: '2031-01-01' }), record({ idNumber: '079090003333', fullName: 'Bùi Văn Hải', phone: '123' })];
    const result = t.store.createRecords(rows, { source: 'import', saveInvalidAsDraft: true, confirmWarnings: true });
    expect(result.outcomes.map((o) => (o.outcome === 'created' ? o.state : o.outcome))).toEqual(['draft', 'ready']);
  });

  it('survives rows that are not records at all', () => {
    const junk = [{}, { person: null, dose: null }, { person: { idType: 42, fullName: ['x'] }, dose: { doseNumber: 'two' } }] as never[];
    const result = t.store.createRecords(junk, { source: 'import' });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(recordCount()).toBe(0);
  });
});

describe('previewRecords', () => {
  it('answers what a commit would, rows of one file seeing each other, and writes nothing', () => {
    const rows = [record(), record({}, { doseNumber: 2, vaccinationDate: '2021-09-10', lot: 'ABV2' }), record()];
    const audits = auditCount(t.db);
    const preview = t.store.previewRecords(rows, { source: 'import' });
    expect(preview.outcomes.map((o) => o.outcome)).toEqual(['created', 'created', 'duplicate']);
    expect(preview.outcomes[1]).toMatchObject({ personCreated: false, findings: [] });
    expect(recordCount()).toBe(0);
    expect(auditCount(t.db)).toBe(audits);
  });
});

describe('validateInput (the entry form’s live check)', () => {
  it('gives the findings and the derived name parts without writing', () => {
    const v = t.store.validateInput(record({ fullName: 'Đặng   thị hoa', sex: 'F', idNumber: '079190001234' }));
    expect(v).toMatchObject({ familyName: 'Đặng', givenName: 'thị hoa', fnt: 'DANG', gnt: 'THI<HOA' });
    expect(recordCount()).toBe(0);
  });

  it('does not count the record being edited as its own duplicate', () => {
    const id = t.store.createRecord(record(), { source: 'form' }).record.id;
    expect(t.store.validateInput(record(), id).findings).toEqual([]);
    expect(t.store.validateInput(record()).findings.map((f) => f.code)).toContain('DOSE_DUPLICATE_NUMBER');
  });
});
