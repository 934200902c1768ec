/**
 * Discarding an unsigned record (session 28): a dose entered twice, a row imported by mistake.
 * DESIGN §4 never edits or deletes a signed record, so only a draft or ready one may go; it leaves
 * the queue (`dose_records`) and is kept whole in `discarded_records` (migration 0017), with a
 * `record.discard` audit entry, in one transaction. Nothing outside the station has seen it.
 */
import { isEditable } from '../../../shared/domain/lifecycle.js';
import { StationError } from '../../../shared/errors.js';
import type { RecordState } from '../../../shared/domain/types.js';
import type { StoreContext } from './ports.js';
import type { RecordWriter } from './recordWriter.js';

/** The clerk's reason, kept with the row: as long as a correction's. */
export const DISCARD_REASON_MAX = 500;

/**
 * `text` cut to DISCARD_REASON_MAX as discardRecord counts it (UTF-16 units, `.length`), between
 * characters: a reason made by the station (a merge's) must never be refused as too long. Cut by
 * code points, an emoji (two units) let it run past the limit (review, session 28).
 */
export function fitDiscardReason(text: string): string {
  let out = '';
  for (const c of text) {
    if (out.length + c.length > DISCARD_REASON_MAX) break;
    out += c;
  }
  return out;
}

export interface DiscardedRecord {
  id: string;
  state: 'draft' | 'ready';
  reason: string;
  duplicateOf: string | null;
  discardedAt: string;
}

interface DiscardedRow {
  record_id: string;
  state: 'draft' | 'ready';
  reason: string;
  duplicate_of: string | null;
  discarded_at: string;
  discarded_by: string;
}

/** What a lookup of a discarded record says instead of "not found": when, why, and that it is kept. */
export function recordDiscarded(row: DiscardedRow): StationError {
  return new StationError(
    'RECORD_DISCARDED',
    `Bản ghi ${row.record_id} đã bị loại bỏ lúc ${row.discarded_at} (${row.reason}); bản ghi vẫn được lưu, không sửa hay ký được nữa.`,
    `Record ${row.record_id} was discarded at ${row.discarded_at} (${row.reason}); it is kept, and can no longer be edited or signed.`,
    { id: row.record_id, discardedAt: row.discarded_at, reason: row.reason, duplicateOf: row.duplicate_of },
  );
}

export function discardedLookup(ctx: StoreContext): (id: string) => DiscardedRow | undefined {
  const byId = ctx.db.prepare('SELECT record_id, state, reason, duplicate_of, discarded_at, discarded_by FROM discarded_records WHERE record_id = ?');
  return (id) => byId.get(id) as DiscardedRow | undefined;
}

export function recordDiscarding(ctx: StoreContext, writer: RecordWriter) {
  const { db } = ctx;
  const wholeRow = db.prepare('SELECT * FROM dose_records WHERE id = ?');
  const keep = db.prepare(`INSERT INTO discarded_records (record_id, person_id, state, reason, duplicate_of, discarded_at, discarded_by, row)
    VALUES (@id, @personId, @state, @reason, @duplicateOf, @now, @actor, @row)`);
  // The state in the WHERE too: 0001's trigger refuses deleting a signed row whatever the code says.
  const remove = db.prepare("DELETE FROM dose_records WHERE id = ? AND state IN ('draft', 'ready')");

  return {
    /**
     * Moves the unsigned record `id` out of the queue, kept whole, audited `record.discard`.
     * DISCARD_REASON_REQUIRED / _TOO_LONG, RECORD_NOT_FOUND, RECORD_DISCARDED (already),
     * RECORD_NOT_DISCARDABLE (signed or past: correct it instead; or the correction of a signed
     * record, `details.corrects`: edit it instead).
     */
    discardRecord(id: string, reason: string, opts: { duplicateOf?: string } = {}): DiscardedRecord {
      const why = typeof reason === 'string' ? reason.trim() : '';
      if (why === '') throw new StationError('DISCARD_REASON_REQUIRED', 'Cần nêu lý do loại bỏ bản ghi.', 'Discarding a record needs a reason.', { id });
      if (why.length > DISCARD_REASON_MAX) {
        throw new StationError('DISCARD_REASON_TOO_LONG',
          `Lý do loại bỏ dài ${why.length} ký tự, quá ${DISCARD_REASON_MAX}: hãy ghi ngắn gọn.`,
          `The reason is ${why.length} characters long, past ${DISCARD_REASON_MAX}: write it shorter.`, { length: why.length, max: DISCARD_REASON_MAX });
      }
      return db.transaction(() => {
        const row = writer.requireRow(id);
        if (!isEditable(row.state)) throw notDiscardable(id, row.state);
        // A correction: its signed original is already `superseded` (recordEdit.correctOne).
        // Discarded, the dose would be left with no live record, out of every list, and could not
        // be corrected again (RECORD_ALREADY_CORRECTED): the vaccination lost (review, session 28).
        if (row.supersedes !== null) throw correctionNotDiscardable(id, row.supersedes);
        const now = ctx.nowIso();
        const state = row.state as 'draft' | 'ready';
        const duplicateOf = opts.duplicateOf ?? null;
        keep.run({ id, personId: row.person_id, state, reason: why, duplicateOf, now, actor: ctx.ports.actor, row: JSON.stringify(wholeRow.get(id)) });
        remove.run(id);
        ctx.audit({
          action: 'record.discard', entity: 'record', entityId: id,
          details: { state, reason: why, personId: row.person_id, vaccine: row.vaccine, doseNumber: row.dose_number, vaccinationDate: row.vaccination_date, lot: row.lot, duplicateOf },
        });
        return { id, state, reason: why, duplicateOf, discardedAt: now };
      }).immediate();
    },
  };
}

function notDiscardable(id: string, state: RecordState): StationError {
  return new StationError('RECORD_NOT_DISCARDABLE',
    `Bản ghi ${id} đã ký (trạng thái "${state}"): bản ghi đã ký không bao giờ bị loại bỏ; nếu sai, hãy tạo bản đính chính.`,
    `Record ${id} is signed (state "${state}"): a signed record is never discarded; if it is wrong, make a correction.`,
    { id, state });
}

function correctionNotDiscardable(id: string, corrects: string): StationError {
  return new StationError('RECORD_NOT_DISCARDABLE',
    `Bản ghi ${id} là bản đính chính của bản ghi đã ký ${corrects}, bản này đã được thay bằng nó: loại bỏ nó thì mũi tiêm không còn bản ghi nào. Nếu bản đính chính sai, hãy sửa nó.`,
    `Record ${id} is the correction of signed record ${corrects}, which it has already replaced: discarding it would leave the dose with no record. If the correction is wrong, edit it.`,
    { id, corrects });
}
