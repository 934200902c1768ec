// The commit of an import reuses what its preview evaluated (store/previewPlan.ts) only when the
// answer cannot differ: same store, same day, same default facility, the same rows minus some that
// created nothing. Reuse shows in the ids: a reused plan creates the records under the ids the
// preview drew; an evaluation from scratch draws new ones. Either way the commit answers and
// writes what an import without a preview does.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordInput, RowOutcome } from '../../../electron/core/store/storeTypes.js';
import { generateRecords } from '../../fixtures/records.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { createStationStore } from '../../../electron/core/store/stationStore.js';
import { openTestStore, record, testPorts, type TestStore } from '../db/storeHarness.js';
import { byFirstAppearance } from './perRowReference.js';

const stores: TestStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function store(): TestStore {
  const t = openTestStore();
  stores.push(t);
  t.store.setSetting('facility.code', '79001');
  t.store.createRecords(generateRecords(20, { seed: 3 }), { source: 'import', confirmWarnings: true });
  return t;
}

/** New people with two doses each, a likely duplicate of one of them, an error row, a stored dose. */
function rows(): RecordInput[] {
  const twin = { idNumber: '079090008888', fullName: 'Phạm Minh Tuấn', dob: '1990-01-01', phone: '0911222333' };
  return [
    ...generateRecords(12, { seed: 9 }),
    record({ ...twin, idNumber: '079090007777' }, { lot: 'ABV7777' }),
    record(twin, { lot: 'ABV8888' }), // names the person the row before created
    record({ idNumber: '079090006543', fullName: 'Đỗ Thị Lan', sex: 'F', dob: '1990-02-02' }, { vaccinationDate: '2031-01-01' }), // error
    generateRecords(20, { seed: 3 })[4]!, // already stored
  ];
}

const created = (outcomes: readonly RowOutcome[]) => outcomes.filter((o) => o.outcome === 'created').map((o) => (o.outcome === 'created' ? o.id : ''));

/** What the importer does: preview every row, start a run, commit the rows that can be created. */
function importWithPreview(t: TestStore, input: RecordInput[], between: (t: TestStore, kept: RecordInput[]) => void = () => {}) {
  const preview = t.store.previewRecords(input, { source: 'import' }).outcomes;
  const kept = input.filter((_, i) => preview[i]!.outcome === 'created');
  between(t, kept);
  const run = t.store.startImportRun({ fileName: 'f.csv', fileHash: 'ab' });
  const commit = t.store.createRecords(kept, { source: 'import', importRunId: run.id, confirmWarnings: true });
  return { preview, commit, kept };
}

describe('a commit after its preview', () => {
  it('creates the previewed records under the ids the preview drew, answering what a commit alone answers', () => {
    const t = store();
    const { preview, commit, kept } = importWithPreview(t, rows());
    expect(created(commit.outcomes)).toEqual(created(preview));
    expect(commit.outcomes.map((o) => o.findings)).toEqual(preview.filter((o) => o.outcome === 'created').map((o) => o.findings));
    expect(commit.outcomes.flatMap((o) => o.findings.map((f) => f.code))).toContain('DUPLICATE_PERSON_LIKELY');

    const alone = store();
    const fresh = alone.store.createRecords(kept, { source: 'import', confirmWarnings: true });
    expect(byFirstAppearance(commit.outcomes)).toEqual(byFirstAppearance(fresh.outcomes));
    expect(commit.outcomes.every((o) => o.outcome === 'created' && o.state === 'ready')).toBe(true);
    expect(t.store.getImportRun(commit.importRunId!)).toMatchObject({ created: kept.length, duplicates: 0, invalid: 0 });
    expect(t.store.verifyAudit()).toMatchObject({ ok: true });
  });

  it('evaluates again when the store changed in between: a dose typed meanwhile becomes a duplicate', () => {
    const t = store();
    const input = rows();
    const { preview, commit } = importWithPreview(t, input, (s, kept) => {
      s.store.createRecord(kept[0]!, { source: 'form' });
    });
    expect(commit.outcomes[0]).toMatchObject({ outcome: 'duplicate' });
    expect(created(commit.outcomes).some((id) => created(preview).includes(id))).toBe(false);
  });

  it('evaluates again when another connection wrote to the database (the CLI beside the app)', () => {
    const t = store();
    const { preview, commit } = importWithPreview(t, rows(), (s, kept) => {
      const db = openStationDatabase(s.path);
      createStationStore(db, testPorts({ seed: 7 })).createRecord(kept[0]!, { source: 'form' });
      db.close();
    });
    expect(commit.outcomes[0]).toMatchObject({ outcome: 'duplicate' });
    expect(created(commit.outcomes).some((id) => created(preview).includes(id))).toBe(false);
  });

  it('evaluates again when the day, the default facility or a row changed, or a created row is left out', () => {
    const cases: ((t: TestStore, kept: RecordInput[]) => RecordInput[] | void)[] = [
      (t) => t.ports.advance(24 * 3600 * 1000),
      (t) => t.store.setSetting('facility.code', '79002'),
      (_t, kept) => {
        kept[1]!.dose.lot = 'CHANGED';
      },
    ];
    for (const between of cases) {
      const t = store();
      const { preview, commit } = importWithPreview(t, rows(), between);
      expect(created(commit.outcomes).some((id) => created(preview).includes(id))).toBe(false);
    }
    // Dose 1 of a new person left out: dose 2 no longer sees it (what a commit alone answers).
    const t = store();
    const input = rows();
    const preview = t.store.previewRecords(input, { source: 'import' }).outcomes;
    const commit = t.store.createRecords(input.slice(1), { source: 'import', confirmWarnings: true });
    expect(created(commit.outcomes).some((id) => created(preview).includes(id))).toBe(false);
    const alone = store().store.createRecords(input.slice(1), { source: 'import', confirmWarnings: true });
    expect(byFirstAppearance(commit.outcomes)).toEqual(byFirstAppearance(alone.outcomes));
  });

  it('is used once: a second commit of the same rows finds them stored', () => {
    const t = store();
    const { kept } = importWithPreview(t, rows());
    const again = t.store.createRecords(kept, { source: 'import' });
    expect(again.outcomes.every((o) => o.outcome === 'duplicate')).toBe(true);
  });
});
