/**
 * The platform's answer to one batch, applied in ONE durable transaction (DESIGN §4, §6): the
 * batch becomes submitted (or failed), each record goes signed → submitted → accepted | rejected,
 * duplicates become rejected with code DUPLICATE and the id the platform holds, accepted records
 * whose certificate was already pulled become issued. ONE audit entry records the answer: the
 * counts, every record of the batch in leaf order (`records`) and each one's outcome at the same
 * index (`results`: 'accepted' | 'issued' | 'skipped' | the refusal with its code and message) —
 * two entries per record were most of applying an answer (audit/recordHistory.ts shows a record
 * its part). A crash before the commit leaves the batch signed; the retry gets the platform's
 * stored reply.
 */
import { PLATFORM_CODE_MAX, PLATFORM_MESSAGE_MAX, clampText, type BatchReply, type RecordResult } from '../../../shared/platform/api.js';
import type { RecordState } from '../../../shared/domain/types.js';
import { appendAudit } from '../audit/auditLog.js';
import type { JsonObject, JsonValue } from '../audit/canonicalJson.js';
import type { BatchRecords, BatchStore, Reason } from '../batches/batchStore.js';
import { withDurableTransaction } from '../db/durableTransaction.js';
import type { Logger } from '../logger.js';
import { PLATFORM_REFUSED_ACTION } from '../signing/platformPredecessor.js';
import { withDeferredCheckpoint } from '../db/walCheckpoint.js';
import { storeContext, type StorePorts } from '../store/ports.js';
import { recordStates } from '../store/recordStates.js';
import type { StationStore } from '../store/stationStore.js';
import type { StateChangeItem } from '../store/storeTypes.js';
import { badReply } from './syncFailure.js';

export interface ReplyCounts {
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Records corrected on this station after signing (superseded): the platform's answer is only audited. */
  skipped: number;
}

export const DUPLICATE_REASON = {
  code: 'DUPLICATE',
  message_vi: 'Hệ thống quốc gia đã có mũi tiêm này dưới một mã bản ghi khác',
  message_en: 'The national platform already holds this dose under another record id',
} as const;

type Details = Record<string, string | number | boolean | null>;

/** Each record's state and seq by id, from the batch's items read in leaf order (batchStore.itemRecords). */
function byId(records: BatchRecords): { states: Map<string, RecordState>; seqs: Map<string, number> } {
  const states = new Map<string, RecordState>();
  const seqs = new Map<string, number>();
  for (let i = 0; i < records.ids.length; i++) {
    const id = records.ids[i]!;
    const state = records.states[i];
    const seq = records.seqs[i];
    if (state !== null && state !== undefined) states.set(id, state);
    if (seq !== null && seq !== undefined) seqs.set(id, seq);
  }
  return { states, seqs };
}

/** The reply must answer exactly this batch's records, once each; else nothing is written. */
export function checkReplyCovers(batchId: string, recordIds: readonly string[], reply: BatchReply): void {
  if (reply.batch !== batchId) throw badReply({ vi: 'trả lời cho lô khác', en: 'answer for another batch' }, { expected: batchId, got: reply.batch });
  const expected = new Set(recordIds);
  const seen = new Set<string>();
  for (const r of reply.results) {
    if (!expected.has(r.recordId)) {
      throw badReply({ vi: 'kết quả cho bản ghi không có trong lô', en: 'result for a record not in the batch' }, { recordId: r.recordId });
    }
    if (seen.has(r.recordId)) {
      throw badReply({ vi: 'hai kết quả cho cùng một bản ghi', en: 'two results for the same record' }, { recordId: r.recordId });
    }
    seen.add(r.recordId);
  }
  if (seen.size !== expected.size) {
    throw badReply({ vi: 'thiếu kết quả của một số bản ghi', en: 'results missing for some records' }, { expected: expected.size, got: seen.size });
  }
}

type Refusal = Extract<RecordResult, { status: 'rejected' | 'duplicate' }>;

function rejection(r: Refusal): { id: string; details: Details } {
  if (r.status === 'duplicate') {
    return { id: r.recordId, details: { code: DUPLICATE_REASON.code, message: `${DUPLICATE_REASON.message_vi} (${r.existingId}) / ${DUPLICATE_REASON.message_en} (${r.existingId})`, existingId: r.existingId } };
  }
  // Kept on the record and in its audit entry for good: clamped (the reply is untrusted input).
  const details: Details = { code: clampText(r.code, PLATFORM_CODE_MAX), message: clampText(r.message, PLATFORM_MESSAGE_MAX) };
  if (r.message_vi !== undefined) details.message_vi = clampText(r.message_vi, PLATFORM_MESSAGE_MAX);
  if (r.message_en !== undefined) details.message_en = clampText(r.message_en, PLATFORM_MESSAGE_MAX);
  return { id: r.recordId, details };
}

export function batchApplier(deps: { store: StationStore; batches: BatchStore; ports: StorePorts; logger: Logger }) {
  const { store, batches, ports, logger } = deps;
  const db = store.db;
  // The set moves of an answer (signed → submitted → accepted | rejected) in one pass each,
  // without an entry per record: the answer's one entry names them.
  const moves = recordStates(storeContext(db, ports));
  const withCertificate = db.prepare(`SELECT c.record_id AS id FROM certificates c
    WHERE c.record_id IN (SELECT value FROM json_each(?)) AND c.revoked_at IS NULL`);
  const audit = (batchId: string, details: JsonObject) =>
    appendAudit(db, ports.actor, ports.now().toISOString(), { action: 'batch.reply', entity: 'batch', entityId: batchId, details });
  // A record corrected after signing keeps its state (superseded), but the platform's refusal of
  // it must still be written down: platformPredecessor reads it to decide that the platform does
  // not hold the record, so that the correction's signed copy does not name it (DESIGN §4, §6).
  // Rare (a correction racing the upload): an entry per such record.
  const refusedAnyway = (batchId: string, items: readonly StateChangeItem[], state: (id: string) => RecordState | undefined) => {
    for (const item of items) {
      const id = typeof item === 'string' ? item : item.id;
      const own = typeof item === 'string' ? {} : (item.details ?? {});
      appendAudit(db, ports.actor, ports.now().toISOString(), {
        action: PLATFORM_REFUSED_ACTION, entity: 'record', entityId: id, details: { batch: batchId, ...own, state: state(id) ?? null },
      });
    }
  };

  return {
    /** A per-record answer: every record moves on; counts of what happened. */
    applyReply(batchId: string, reply: BatchReply): ReplyCounts {
      // As for a signed batch (db/walCheckpoint.ts): the commit the platform's answer waits
      // for does not also copy the WAL into the database file; that happens when sync is idle.
      return withDeferredCheckpoint(db, () => withDurableTransaction(db, () => {
        // The ids, states and seqs in one read; a reply that does not cover them throws before
        // anything is written, so the transaction only rolls back.
        const records = batches.itemRecords(batchId);
        const recordIds = records.ids;
        checkReplyCovers(batchId, recordIds, reply);
        // Another run (the app and a `station sync`, say) applied this reply first: nothing to do.
        if (batches.get(batchId).state !== 'signed') return { accepted: 0, rejected: 0, duplicates: 0, skipped: 0 };
        const { states, seqs } = byId(records);
        const live = reply.results.filter((r) => states.get(r.recordId) === 'signed');
        const skipped = reply.results.length - live.length;
        if (skipped > 0) logger.log('info', 'sync: answer for records corrected after signing', { batch: batchId, skipped });
        const refusedSkipped = reply.results.filter((r): r is Refusal => r.status !== 'accepted' && states.get(r.recordId) !== 'signed');
        refusedAnyway(batchId, refusedSkipped.map(rejection), (id) => states.get(id));
        batches.markSubmitted(batchId, ports.now());
        const accepted = live.filter((r) => r.status === 'accepted').map((r) => r.recordId);
        const refused = live.filter((r): r is Refusal => r.status !== 'accepted');
        const counts: ReplyCounts = { accepted: accepted.length, rejected: 0, duplicates: 0, skipped };
        counts.duplicates = refused.filter((r) => r.status === 'duplicate').length;
        counts.rejected = refused.length - counts.duplicates;
        // Every live record is submitted, then accepted or rejected (a refusal's code and message
        // stored on the record); all or nothing with the rest of this transaction.
        // By seq (the rowid): a third cheaper than through the id index; the moved ids are still
        // checked against the ones asked for (recordStates.moveMany).
        moves.moveSet({ ids: accepted, seqs: accepted.map((id) => seqs.get(id)!), from: 'signed', via: 'submitted', to: 'accepted' });
        const reasons = new Map(refused.map((r) => [r.recordId, { status: r.status, ...rejection(r) }]));
        moves.moveSet({ each: [...reasons.values()].map(storedReason), from: 'signed', via: 'submitted', to: 'rejected' });
        // A certificate pulled before this reply was applied (a crash between the platform's
        // commit and ours, then a pull): the record is issued as soon as it is accepted.
        const issued = new Set((withCertificate.all(JSON.stringify(accepted)) as { id: string }[]).map((r) => r.id));
        if (issued.size > 0) moves.moveSet({ ids: [...issued], from: 'accepted', to: 'issued' });
        const results = recordIds.map((id): JsonValue => {
          if (states.get(id) !== 'signed') return 'skipped';
          const reason = reasons.get(id);
          if (reason !== undefined) return { status: reason.status, ...reason.details };
          return issued.has(id) ? 'issued' : 'accepted';
        });
        audit(batchId, { ...counts, serverTime: reply.serverTime, from: 'signed', via: 'submitted', records: recordIds, results });
        return counts;
      }));
    },

    /** The platform refused the whole batch: failed with its reason; its records rejected with it. */
    applyRefusal(batchId: string, reason: Reason): { rejected: number } {
      return withDurableTransaction(db, () => {
        if (batches.get(batchId).state !== 'signed') return { rejected: 0 };
        const records = batches.itemRecords(batchId);
        const recordIds = records.ids;
        const { states, seqs } = byId(records);
        const live = recordIds.filter((id) => states.get(id) === 'signed');
        const message = `${reason.message_vi} / ${reason.message_en}`;
        const details: Details = { batch: batchId, code: reason.code, message };
        refusedAnyway(batchId, recordIds.filter((id) => states.get(id) !== 'signed').map((id) => ({ id, details })), (id) => states.get(id));
        moves.moveSet({ ids: live, seqs: live.map((id) => seqs.get(id)!), from: 'signed', via: 'submitted', to: 'rejected', code: reason.code, message });
        // The batch's one entry names the records it rejected, with the reason they share.
        batches.markFailed(batchId, ports.now(), reason, {
          message, rejected: live.length, skipped: recordIds.length - live.length, from: 'signed', via: 'submitted', to: 'rejected',
          records: recordIds, results: recordIds.map((id) => (states.get(id) === 'signed' ? 'rejected' : 'skipped')),
        });
        return { rejected: live.length };
      });
    },
  };
}

/** What a refusal stores on the record: its code, and the message the records table shows. */
function storedReason(item: { id: string; details: Details }): { id: string; code: string | null; message: string | null } {
  const { code, message } = item.details;
  return { id: item.id, code: typeof code === 'string' ? code : null, message: typeof message === 'string' ? message : null };
}

export type BatchApplier = ReturnType<typeof batchApplier>;
