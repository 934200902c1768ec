// An import of N rows is evaluated against one snapshot of the store plus the rows it already
// created (store/bulkLookup.ts) and written with a few multi-row statements (store/bulkInsert.ts).
// It must answer, row by row, exactly what N imports of one row each answer, and write the same
// database: who each person is, the findings (with the ids they name), the duplicates, the audit
// chain. The stored history here holds what makes matching hard: a merged person, a corrected
// record, an id number typed with another name, a name + dob + phone with another id.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordInput, RowOutcome } from '../../../electron/core/store/storeTypes.js';
import { hasErrors } from '../../../shared/domain/findings.js';
import type { Finding } from '../../../shared/domain/types.js';
import { isStationError } from '../../../shared/errors.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, record, type TestStore } from '../db/storeHarness.js';
import { byFirstAppearance } from './perRowReference.js';

const stores: TestStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** The same history in every store: same seed, same calls, so the same ids. */
function storeWithHistory(): TestStore {
  const t = openTestStore();
  stores.push(t);
  const s = t.store;
  s.createRecords(generateRecords(40, { seed: 5 }), { source: 'import', confirmWarnings: true });
  const an = s.createRecord(record(), { source: 'form' });
  // The same man typed again with a misspelt name: a second person, later merged into the first.
  const typo = s.createRecord(record({ fullName: 'Nguyen Van Ann' }, { doseNumber: 2, vaccinationDate: '2021-09-02', lot: 'ABV2222' }), {
    source: 'form',
    confirmWarnings: true,
  });
  s.mergePeople(an.person.id, typo.person.id, 'same CCCD, name misspelt');
  // A signed dose later corrected: its natural key now answers with the correction.
  const bich = s.createRecord(record({ idNumber: '079190004321', fullName: 'Trần Thị Bích', sex: 'F', dob: '1990-03-03', phone: '0987000111' }), {
    source: 'form',
  });
  s.setRecordsState([bich.record.id], 'ready', 'signed');
  s.correctRecord(bich.record.id, { dose: { lot: 'ABV9999' } }, 'lot misread');
  return t;
}

function rowsToImport(): RecordInput[] {
  const stored = generateRecords(40, { seed: 5 });
  const bich = { idNumber: '079190004321', fullName: 'Trần Thị Bích', sex: 'F', dob: '1990-03-03', phone: '0987000111' };
  return [
    stored[3]!, // already stored: duplicate
    record(), // stored dose 1 of the kept person: duplicate
    record({ fullName: 'Nguyen Van Ann' }, { doseNumber: 2, vaccinationDate: '2021-09-02', lot: 'ABV2222' }), // the merged person's dose
    record({ fullName: 'Nguyen Van Ann' }, { doseNumber: 4, vaccinationDate: '2022-06-01', lot: 'ABV4444', vaccine: 'PFIZER' }), // filed under the kept person
    record({}, { doseNumber: 3, vaccinationDate: '2022-01-05', lot: 'ABV3333', vaccine: 'PFIZER' }), // a new dose of a stored person
    record(bich), // the corrected record's key: duplicate answered by the correction
    record({ fullName: 'Lê Văn Khác', dob: '1990-07-07' }, { lot: 'ABV5555' }), // the stored id number with another name
    record({ idNumber: '079090009999' }, { lot: 'ABV6666' }), // same name + dob + phone, another id
    ...generateRecords(30, { seed: 6 }), // new people, doses 1 and 2 seeing each other
    record({ idNumber: '079090007777', fullName: 'Phạm Minh Tuấn', dob: '1990-01-01', phone: '0911222333' }, { lot: 'ABV7777' }),
    record({ idNumber: '079090007777', fullName: 'Phạm Minh Tuấn', dob: '1990-01-01', phone: '0911222333' }, { lot: 'ABV7777' }), // repeated row
    record({ idNumber: '079090007777', fullName: 'Phạm Minh Tuấn', dob: '1990-01-01' }, { doseNumber: 1, vaccinationDate: '2021-08-20', lot: 'ABV7778' }), // dose 1 twice
    record({ idNumber: '079090008888', fullName: 'Phạm Minh Tuấn', dob: '1990-01-01', phone: '0911222333' }, { lot: 'ABV8888' }), // likely duplicate of a new person
    record({ fullName: '' }), // not storable
    record({ idNumber: '079090006543', fullName: 'Đỗ Thị Lan', sex: 'F', dob: '1990-02-02' }, { vaccinationDate: '2031-01-01' }), // an error
  ];
}

function snapshot(t: TestStore) {
  const all = (sql: string) => t.db.prepare(sql).all();
  return {
    people: all('SELECT * FROM people ORDER BY seq'),
    records: all('SELECT * FROM dose_records ORDER BY seq'),
    audit: all('SELECT seq, action, entity_id, details FROM audit_log ORDER BY seq'),
    counts: all('SELECT * FROM record_state_counts ORDER BY state'),
    fts: all("SELECT rowid FROM people_fts WHERE people_fts MATCH 'pham' ORDER BY rowid"),
  };
}

const ROLLBACK = new Error('rollback');

/**
 * The reference: each row through the form's one-record path (createRecord: the per-row queries,
 * the per-row insert), mapped to what createRecords answers for it.
 */
function oneAtATime(t: TestStore, row: RecordInput, index: number, opts: { confirmWarnings: boolean; saveInvalidAsDraft: boolean }): RowOutcome {
  let outcome: RowOutcome | undefined;
  try {
    t.db.transaction(() => {
      const saved = t.store.createRecord(row, { source: 'import', confirmWarnings: opts.confirmWarnings });
      if (hasErrors(saved.findings) && !opts.saveInvalidAsDraft) {
        outcome = { index, outcome: 'invalid', findings: saved.findings };
        throw ROLLBACK;
      }
      const personCreated = (t.db.prepare('SELECT count(*) AS n FROM dose_records WHERE person_id = ?').get(saved.person.id) as { n: number }).n === 1;
      outcome = { index, outcome: 'created', id: saved.record.id, personId: saved.person.id, personCreated, state: saved.record.state, findings: saved.findings };
    })();
  } catch (err) {
    if (err === ROLLBACK) return outcome!;
    if (!isStationError(err)) throw err;
    if (err.code === 'RECORD_DUPLICATE') return { index, outcome: 'duplicate', existingId: (err.details as { existingId: string }).existingId, findings: [] };
    if (err.code === 'RECORD_NOT_STORABLE') return { index, outcome: 'invalid', findings: (err.details as { findings: Finding[] }).findings };
    throw err;
  }
  return outcome!;
}

describe('an import of many rows (bulk evaluation and insert)', () => {
  for (const [saveInvalidAsDraft, confirmWarnings] of [[false, true], [true, true], [false, false]] as const) {
    it(`answers and writes exactly what one-row imports in sequence do${saveInvalidAsDraft ? ' (errors saved as drafts)' : ''}${confirmWarnings ? '' : ' (warnings not confirmed)'}`, () => {
      const rows = rowsToImport();
      const opts = { source: 'import' as const, confirmWarnings, saveInvalidAsDraft };
      const bulk = storeWithHistory();
      const one = storeWithHistory();
      const together = bulk.store.createRecords(rows, opts).outcomes;
      const apart = rows.map((row, index) => oneAtATime(one, row, index, opts));
      expect(byFirstAppearance(together)).toEqual(byFirstAppearance(apart));
      expect(new Set(together.map((o) => o.outcome))).toEqual(new Set(['created', 'duplicate', 'invalid']));
      const codes = together.flatMap((o) => o.findings.map((f) => f.code));
      for (const code of ['DUPLICATE_PERSON_ID_CONFLICT', 'DUPLICATE_PERSON_LIKELY', 'DOSE_DUPLICATE_NUMBER']) expect(codes).toContain(code);
      // Same rows apart from the ids (the reference drew ids for the rows it rolled back) and times.
      const { records, ...rest } = snapshot(bulk);
      const { records: oneRecords, ...oneRest } = snapshot(one);
      // Every stored column compared, source and warnings_confirmed included (the bulk insert binds
      // them once per statement); only the run id differs by design (one-row imports have none).
      const comparable = (rs: unknown[]) => rs.map((r) => ({ ...(r as object), import_run_id: null }));
      expect(byFirstAppearance({ ...rest, records: comparable(records) })).toEqual(byFirstAppearance({ ...oneRest, records: comparable(oneRecords) }));
      expect(bulk.store.verifyAudit()).toMatchObject({ ok: true });
    });
  }

  it('previews exactly what it then commits, and the preview writes nothing', () => {
    const rows = rowsToImport();
    const previewed = storeWithHistory();
    const committed = storeWithHistory();
    const before = snapshot(previewed);
    const preview = previewed.store.previewRecords(rows, { source: 'import', confirmWarnings: true });
    expect(snapshot(previewed)).toEqual(before);
    expect(preview).toEqual({ ...committed.store.createRecords(rows, { source: 'import', confirmWarnings: true }), importRunId: null });
  });
});
