// What the bulk import tests compare createRecords against: each row through the form's one-record
// path (createRecord: the per-row queries and insert), and outcomes with their ids named by order.
import type { RecordInput, RowOutcome } from '../../../electron/core/store/storeTypes.js';
import { isStationError } from '../../../shared/errors.js';
import type { TestStore } from '../db/storeHarness.js';

/** One row through createRecord, mapped to what createRecords answers for it. */
export function oneAtATime(t: TestStore, row: RecordInput, index: number): RowOutcome {
  try {
    const saved = t.store.createRecord(row, { source: 'import', confirmWarnings: true });
    const personCreated = (t.db.prepare('SELECT count(*) AS n FROM dose_records WHERE person_id = ?').get(saved.person.id) as { n: number }).n === 1;
    return { index, outcome: 'created', id: saved.record.id, personId: saved.person.id, personCreated, state: saved.record.state, findings: saved.findings };
  } catch (err) {
    if (!isStationError(err)) throw err;
    if (err.code === 'RECORD_DUPLICATE') return { index, outcome: 'duplicate', existingId: (err.details as { existingId: string }).existingId, findings: [] };
    if (err.code === 'RECORD_NOT_STORABLE') return { index, outcome: 'invalid', findings: (err.details as { findings: RowOutcome['findings'] }).findings };
    throw err;
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Ids named by the order they first appear in: stores that drew different ids compare equal. */
export function byFirstAppearance(value: unknown): unknown {
  const seen = new Map<string, string>();
  return JSON.parse(JSON.stringify(value).replace(UUID, (id) => seen.get(id) ?? (seen.set(id, `#${seen.size}`), `#${seen.size - 1}`)));
}
