/**
 * State changes driven from outside the record's own data: signing, the platform's answers,
 * certificates pulled back. Each is checked against the lifecycle table and written with its
 * audit entries in one transaction — all records or none.
 */
import { assertTransition } from '../../../shared/domain/lifecycle.js';
import type { AuditInput } from '../audit/auditLog.js';
import type { RecordState } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';
import { withDurableTransaction } from '../db/durableTransaction.js';
import type { StoreContext } from './ports.js';
import { stateCounts } from './stateCounts.js';
import type { StateChangeItem } from './storeTypes.js';

type Details = Record<string, string | number | boolean | null>;

function conflict(from: RecordState, to: RecordState, conflicts: { id: string; state: RecordState | null }[]): StationError {
  return new StationError('STATE_CONFLICT',
    `${conflicts.length} bản ghi không ở trạng thái "${from}": không bản ghi nào được chuyển.`,
    `${conflicts.length} record(s) are not in state "${from}": no record was changed.`, { from, to, conflicts });
}

// Signing (ready → signed): the records move as in moveMany, each also given its batch and leaf
// index (its position in the list, json_each's key) in the same row write (migration 0009).
const SIGN_SET = `state = @to, updated_at = @now, batch_seq = @batch, batch_idx = j.key`;
// Each record must get its own position in the batch: by id that is the id's own index. By rowid,
// each seq travels with the id it must name, as one "seq id" string (an id may hold spaces, a seq
// none): a seq that names another record moves nothing, so the count of rows moved says whether
// every record moved to its own leaf. (RETURNING the rows to check them here cost ~10 ms of a
// 10,000-record batch.) Both look each record up by its key (test/unit/db/queryPlans.test.ts).
export const SIGN_BY_ID_SQL = `UPDATE dose_records SET ${SIGN_SET} FROM json_each(@ids) j WHERE dose_records.id = j.value AND +dose_records.state = @from`;
export const SIGN_BY_SEQ_SQL = `UPDATE dose_records SET ${SIGN_SET} FROM json_each(@pairs) j
  WHERE dose_records.seq = CAST(j.value AS INTEGER) AND dose_records.id = substr(j.value, instr(j.value, ' ') + 1) AND +dose_records.state = @from`;

export function recordStates(ctx: StoreContext) {
  const { db } = ctx;
  const SET = `state = @to, updated_at = @now,
    platform_code = CASE WHEN @to IN ('accepted', 'rejected') THEN @code ELSE platform_code END,
    platform_message = CASE WHEN @to IN ('accepted', 'rejected') THEN @message ELSE platform_message END`;
  const update = db.prepare(`UPDATE dose_records SET ${SET} WHERE id = @id AND state = @from`);
  // One statement for a whole change whose records share their details (a signed batch, a
  // batch submitted): the ids travel as one JSON array. RETURNING names the records it moved,
  // so the ones it did not are exactly the conflicts. `+state`: look the ids up by their key;
  // without it the planner walks the whole state index (every ready record for a 10k batch of 100k).
  const updateMany = db.prepare(`UPDATE dose_records SET ${SET} WHERE id IN (SELECT value FROM json_each(@ids)) AND +state = @from RETURNING id`).pluck();
  // The same by rowid (the signing step read each record's seq with it): a third cheaper than
  // finding each row through the id index first.
  const updateManyBySeq = db.prepare(`UPDATE dose_records SET ${SET} WHERE seq IN (SELECT value FROM json_each(@seqs)) AND +state = @from RETURNING id`).pluck();
  const signMany = db.prepare(SIGN_BY_ID_SQL);
  const signManyBySeq = db.prepare(SIGN_BY_SEQ_SQL);
  const placeOf = db.prepare('SELECT state, batch_seq, batch_idx FROM dose_records WHERE id = ?').raw();
  // Per statement, not per row (migration 0007): every UPDATE here adjusts the counts by what it moved.
  const counts = stateCounts(db);
  const stateOf = db.prepare('SELECT state FROM dose_records WHERE id = ?').pluck();
  const stateNow = (id: string) => (stateOf.get(id) as RecordState | undefined) ?? null;

  /**
   * Every id from `from` to `to` in one UPDATE, the record's platform code/message from `details`.
   * Returns the unique ids; if any is not in `from`, throws STATE_CONFLICT naming them as failing
   * `from` → `named` (the transition the caller was asked for).
   */
  function moveMany(ids: readonly string[], from: RecordState, to: RecordState, details: Details, named: RecordState, seqs?: readonly number[], batch?: number): string[] {
    const unique = [...new Set(ids)];
    const code = typeof details.code === 'string' ? details.code : null;
    const message = typeof details.message === 'string' ? details.message : null;
    const now = ctx.nowIso();
    const bySeq = seqs !== undefined && seqs.length === ids.length && unique.length === ids.length;
    // A batch's leaf index is the record's position in `ids`: a repeated id would shift them.
    if (batch !== undefined && unique.length !== ids.length) throw new StationError('BATCH_RECORD_REPEATED', 'Lỗi nội bộ: một hồ sơ xuất hiện hai lần trong lô.', 'Internal error: a record appears twice in the batch.');
    if (batch !== undefined) {
      const { changes } = bySeq
        ? signManyBySeq.run({ pairs: JSON.stringify(seqs.map((seq, i) => `${seq} ${ids[i]!}`)), from, to, now, batch })
        : signMany.run({ ids: JSON.stringify(unique), from, to, now, batch });
      counts(from, to, changes);
      if (changes !== ids.length) throw conflict(from, named, notPlaced(ids, batch));
      return unique;
    }
    const moved = (bySeq
      ? updateManyBySeq.all({ seqs: JSON.stringify(seqs), from, to, code, message, now })
      : updateMany.all({ ids: JSON.stringify(unique), from, to, code, message, now })) as string[];
    counts(from, to, moved.length);
    const done = new Set(moved);
    // By seq, the rows moved must also be exactly the ids asked for (a seq is the record's rowid).
    if (moved.length !== unique.length || (bySeq && !unique.every((id) => done.has(id)))) {
      throw conflict(from, named, unique.filter((id) => !done.has(id)).map((id) => ({ id, state: stateNow(id) })));
    }
    return unique;
  }

  /**
   * After a signing UPDATE that moved fewer rows than asked (the caller throws, which aborts the
   * transaction): the records not at their own leaf of `batch`, each with its state now. A record
   * given another's leaf index would be shown, answered and proven as that record.
   */
  function notPlaced(ids: readonly string[], batch: number): { id: string; state: RecordState | null }[] {
    return ids.flatMap((id, i) => {
      const row = placeOf.get(id) as [RecordState, number | null, number | null] | undefined;
      return row !== undefined && row[1] === batch && row[2] === i ? [] : [{ id, state: row?.[0] ?? null }];
    });
  }

  /** Every item with the same details: one UPDATE. Returns how many unique ids moved. */
  function setMany(ids: readonly string[], from: RecordState, to: RecordState, details: Details, action: string): number {
    const unique = moveMany(ids, from, to, details, to);
    // One details object for every entry: they are identical, and the audit log serialises each.
    const all = { ...details, from, to };
    ctx.auditMany(unique.map((id): AuditInput => ({ action, entity: 'record', entityId: id, details: all })));
    return unique.length;
  }

  /** Items with their own details (a platform reply's per-record codes): one UPDATE each (moveEach). */
  function setEach(items: readonly StateChangeItem[], from: RecordState, to: RecordState, details: Details, action: string): number {
    const seen = new Set<string>();
    const moves: { id: string; code: string | null; message: string | null }[] = [];
    const entries: AuditInput[] = [];
    for (const item of items) {
      const id = typeof item === 'string' ? item : item.id;
      if (seen.has(id)) continue;
      seen.add(id);
      const all = { ...details, ...(typeof item === 'string' ? {} : (item.details ?? {})) };
      moves.push({ id, code: typeof all.code === 'string' ? all.code : null, message: typeof all.message === 'string' ? all.message : null });
      entries.push({ action, entity: 'record', entityId: id, details: { ...all, from, to } });
    }
    // All or nothing: a conflict throws before any entry is written (and aborts the caller's transaction).
    moveEach(moves, from, to, to);
    ctx.auditMany(entries);
    return seen.size;
  }

  /**
   * Each record from → to with its own platform code/message: one UPDATE per record (a platform
   * answer's refusals, usually few). All or nothing: STATE_CONFLICT names the ones not in `from`.
   */
  function moveEach(items: readonly { id: string; code: string | null; message: string | null }[], from: RecordState, to: RecordState, named: RecordState): void {
    const conflicts: { id: string; state: RecordState | null }[] = [];
    const now = ctx.nowIso();
    let moved = 0;
    for (const { id, code, message } of items) {
      const changes = update.run({ id, from, to, code, message, now }).changes;
      moved += changes;
      if (changes !== 1) conflicts.push({ id, state: stateNow(id) });
    }
    counts(from, to, moved);
    if (conflicts.length > 0) throw conflict(from, named, conflicts);
  }

  return {
    /**
     * Moves a set of records `from` (→ `via`) → `to` and writes NO audit entry for them: for a set
     * transition whose ONE audit entry names every record (a signed batch, a platform answer),
     * which the caller writes in the same transaction — 10,000 hash-chained entries were a tenth
     * of signing a batch and a quarter of its WAL pages. Checked against the lifecycle table like
     * setRecordsState; all or nothing (STATE_CONFLICT, `from` → first step). Records in `each`
     * carry their own code/message (a refusal's reason, stored on the record).
     */
    moveSet(move: { ids?: readonly string[]; seqs?: readonly number[]; each?: readonly { id: string; code: string | null; message: string | null }[]; from: RecordState; via?: RecordState; to: RecordState; code?: string | null; message?: string | null }): number {
      const { from, to } = move;
      const first = move.via ?? to;
      outsideTransition(from, first);
      if (move.via !== undefined) outsideTransition(move.via, to);
      if (!db.inTransaction) throw new StationError('STATE_MOVE_OUTSIDE_TRANSACTION', 'Lỗi nội bộ: chuyển trạng thái phải nằm trong giao dịch của mục nhật ký.', 'Internal error: a set move must run in the transaction of its audit entry.');
      let moved = 0;
      if (move.ids !== undefined && move.ids.length > 0) {
        moved += moveMany(move.ids, from, to, { code: move.code ?? null, message: move.message ?? null }, first, move.seqs).length;
      }
      if (move.each !== undefined && move.each.length > 0) {
        moveEach(move.each, from, to, first);
        moved += move.each.length;
      }
      return moved;
    },

    /**
     * A signed batch's records ready → signed, each given its batch (`batch`: the batch's seq) and
     * its leaf index (its position in `ids`; `seqs`, when given, are the same records' rowids in
     * the same order), in the transaction of the batch's audit entry like moveSet. All or nothing:
     * STATE_CONFLICT names the records that were not ready.
     */
    signSet(move: { ids: readonly string[]; seqs?: readonly number[]; batch: number }): number {
      outsideTransition('ready', 'signed');
      if (!db.inTransaction) throw new StationError('STATE_MOVE_OUTSIDE_TRANSACTION', 'Lỗi nội bộ: chuyển trạng thái phải nằm trong giao dịch của mục nhật ký.', 'Internal error: a set move must run in the transaction of its audit entry.');
      return moveMany(move.ids, 'ready', 'signed', {}, 'signed', move.seqs, move.batch).length;
    },

    /**
     * Moves every record in `items` from `from` to `to`. Only the sign / sync / issue transitions
     * of the lifecycle table (draft ↔ ready follows the findings: updateRecord; superseded:
     * correctRecord). If any record is not in `from`, nothing changes: STATE_CONFLICT lists them.
     * `details` go into every audit entry; `code` / `message` (a rejection's reason) are also
     * stored on the record. Outermost, the transaction commits with synchronous=FULL.
     */
    setRecordsState(items: readonly StateChangeItem[], from: RecordState, to: RecordState, details: Details = {}): { changed: number } {
      const t = outsideTransition(from, to);
      const ids = hasOwnDetails(items) ? null : idsOf(items);
      const run = () => ({ changed: ids ? setMany(ids, from, to, details, t.action) : setEach(items, from, to, details, t.action) });
      // Inside a caller's transaction (the signing step storing its batch, sync applying a reply)
      // it is part of that one, and a STATE_CONFLICT thrown here aborts it whole — no caller
      // catches and goes on. No savepoint of its own: on 10k records the statement journal a
      // savepoint keeps over the counting trigger made the update 3× slower (npm run bench -- signing).
      return db.inTransaction ? run() : withDurableTransaction(db, run);
    },
  };
}

/** A sign / sync / issue transition of the lifecycle table; edits and corrections have their own paths. */
function outsideTransition(from: RecordState, to: RecordState) {
  const t = assertTransition(from, to);
  if (t.trigger === 'edit' || t.trigger === 'correct') {
    throw new StationError('INVALID_TRANSITION',
      `Chuyển "${from}" → "${to}" chỉ xảy ra khi sửa hoặc đính chính bản ghi.`,
      `"${from}" → "${to}" happens only by editing or correcting the record.`, { from, to });
  }
  return t;
}

function hasOwnDetails(items: readonly StateChangeItem[]): boolean {
  return items.some((item) => typeof item !== 'string' && item.details !== undefined && Object.keys(item.details).length > 0);
}

function idsOf(items: readonly StateChangeItem[]): string[] {
  return items.map((item) => (typeof item === 'string' ? item : item.id));
}
