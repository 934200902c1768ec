/** The records a batch signature covers: ready ones, oldest first, or exactly a chosen set. */
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { PERSON_COLUMNS_AS_P, splitJoined, toPerson, toRecord } from '../store/rows.js';
import { platformPredecessor } from './platformPredecessor.js';

export const MAX_BATCH = 100_000;

export function readyRecords(db: StationDatabase, opts: { recordIds?: readonly string[]; limit?: number }): { person: Person; record: DoseRecord }[] {
  const select = `SELECT d.*, ${PERSON_COLUMNS_AS_P} FROM dose_records d JOIN people p ON p.id = d.person_id`;
  const predecessor = platformPredecessor(db);
  // The signed copy of a correction names what the platform holds (platformPredecessor.ts).
  const toPair = (row: unknown) => {
    const { record, person } = splitJoined(row as Record<string, unknown>);
    const dose = toRecord(record);
    if (dose.supersedes === null) return { person: toPerson(person), record: dose };
    const supersedes = predecessor(dose.supersedes);
    return { person: toPerson(person), record: { ...dose, supersedes, supersedeReason: supersedes === null ? null : dose.supersedeReason } };
  };
  if (opts.recordIds !== undefined) {
    const one = db.prepare(`${select} WHERE d.id = ?`);
    const unique = [...new Set(opts.recordIds)];
    const found = unique.map((id) => one.get(id)).map((row, i) => ({ id: unique[i]!, row }));
    const notReady = found.filter(({ row }) => row === undefined || (row as { state: string }).state !== 'ready').map(({ id }) => id);
    if (notReady.length > 0) {
      throw new StationError(
        'SIGN_RECORDS_NOT_READY',
        `${notReady.length} bản ghi được chọn không ở trạng thái sẵn sàng ký`,
        `${notReady.length} chosen record(s) are not ready to sign`,
        { recordIds: notReady.slice(0, 20) },
      );
    }
    return found.map(({ row }) => toPair(row));
  }
  const limit = Math.min(opts.limit ?? MAX_BATCH, MAX_BATCH);
  return db.prepare(`${select} WHERE d.state = 'ready' ORDER BY d.seq LIMIT ?`).all(limit).map(toPair);
}
