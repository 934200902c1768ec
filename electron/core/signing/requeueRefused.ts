/**
 * A batch the platform refused as a whole (sync/syncFailure.ts BATCH_REFUSALS: its certificate,
 * signature, proofs or format) leaves every record in it rejected, though nothing in the records
 * was wrong: the token's certificate had expired, or the wrong token was used. Correcting
 * thousands of records one by one is no remedy. This puts them back in the signing queue at once:
 * for each record still rejected with the batch's code, a correction with the same content (the
 * reason names the batch and the code), ready to sign as it was before. Its signed `supersedes`
 * names nothing the platform refused (platformPredecessor.ts), so for the platform it is simply
 * the first record of that dose.
 *
 * One transaction; a record that cannot be put back (it now collides with a live copy, or no
 * longer validates) is reported and left as it is, without holding back the others.
 *
 * A batch signed while the PC clock was ahead is refused as dated in the future
 * (BATCH_CREATED_IN_FUTURE) and waits, still signed, until that date comes; every batch signed
 * after it waits too (the queue keeps its order). Days ahead means days without passports. Such a
 * batch can be given up the same way: it is failed with that refusal first (the platform never
 * took it: it refused it), then its records are put back.
 *
 * A record signed under another facility code than the station's current one is put back under
 * the current code (probe 17, F3; docs/decisions.md, session 17): the platform takes a record
 * only from the facility whose key sends it, so the old code is certain to be refused, and the
 * code is changed while batches wait only with an explicit confirmation that the old one was
 * wrong. The reason says the code changed, and the reply counts those records.
 */
import { StationError } from '../../../shared/errors.js';
import type { ResultOf } from '../../../shared/rpc/contract.js';
import type { BatchStore, Reason } from '../batches/batchStore.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import type { Logger } from '../logger.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { batchApplier } from '../sync/applyBatchReply.js';

interface RequeueResult {
  batchId: string;
  /** The batch's refusal, as the platform gave it. */
  refusal: Reason;
  /** New records, ready (or draft, if a finding now needs a look) for the next signature. */
  requeued: { from: string; to: string; state: string }[];
  /** Records not put back: no longer rejected by this refusal (already corrected, say), or refused by the store. */
  skipped: { id: string; code: string; message_vi: string; message_en: string }[];
  /** Facility codes of records put back under the current one instead. */
  movedFrom: Map<string, number>;
  current: string | null;
}

/** Where a record not put back is now, in words (the renderer has its own state names). */
const STATE_WORDS: Readonly<Record<string, { vi: string; en: string }>> = {
  superseded: { vi: 'đã được thay bằng hồ sơ mới (đã đưa về hàng chờ ký hoặc đã đính chính)', en: 'already replaced by a new record (put back before, or corrected)' },
  accepted: { vi: 'đã được hệ thống quốc gia chấp nhận', en: 'accepted by the national platform' },
  issued: { vi: 'đã được cấp chứng nhận', en: 'its certificate was issued' },
  rejected: { vi: 'bị từ chối vì lý do khác', en: 'rejected for another reason' },
};

interface Row {
  id: string;
  state: string;
  platform_code: string | null;
  facility_code: string;
}

/**
 * `batches.requeue` and `station batches requeue <id>`: the batch's records back in the signing
 * queue, and what happened, as the reply says it.
 */
export function requeueBatch(deps: { store: StationStore; batches: BatchStore; ports: StorePorts; logger: Logger }, id: string): ResultOf<'batches.requeue'> {
  const batch = deps.batches.get(id);
  // A signed batch the platform refused only for its date is failed with that refusal first, in
  // its own durable transaction as sync writes one; if putting the records back fails after it,
  // the batch is failed and can be put back as any other.
  if (batch.state === 'signed' && batch.lastError?.code === 'BATCH_CREATED_IN_FUTURE') {
    batchApplier(deps).applyRefusal(batch.id, batch.lastError);
    return requeueSummary(requeueRefused(deps.store, { ...batch, state: 'failed' }));
  }
  return requeueSummary(requeueRefused(deps.store, batch));
}

/**
 * For a list of batches: how many records of a refused batch are still rejected with its
 * refusal, that requeueBatch would put back.
 */
export function stillRefusedCounter(db: StationDatabase): (batchId: string, refusalCode: string) => number {
  const count = db.prepare(`SELECT count(*) FROM dose_records d JOIN batches b ON d.batch_seq = b.seq
    WHERE b.id = ? AND d.state = 'rejected' AND d.platform_code = ?`).pluck();
  return (batchId, refusalCode) => count.get(batchId, refusalCode) as number;
}

function requeueRefused(store: StationStore, batch: { id: string; state: string; lastError: Reason | null }): RequeueResult {
  if (batch.state !== 'failed' || batch.lastError === null) {
    throw new StationError(
      'BATCH_NOT_REFUSED',
      `Lô ${batch.id} không bị hệ thống quốc gia từ chối (trạng thái "${batch.state}"): không có hồ sơ nào cần ký lại.`,
      `Batch ${batch.id} was not refused by the national platform (state "${batch.state}"): there is nothing to sign again.`,
      { id: batch.id, state: batch.state },
    );
  }
  const refusal = batch.lastError;
  const reason = `Ký lại: lô ${batch.id} bị hệ thống quốc gia từ chối (${refusal.code}) / Signed again: batch ${batch.id} was refused by the national platform (${refusal.code})`;
  const current = store.getSetting('facility.code');
  const moved = (from: string) => ` (mã cơ sở ${from} → ${current} / facility code ${from} → ${current})`;
  const rows = store.db
    .prepare(`SELECT d.id, d.state, d.platform_code, d.facility_code FROM batches b JOIN dose_records d ON d.batch_seq = b.seq
      WHERE b.id = ? ORDER BY d.batch_idx`)
    .all(batch.id) as Row[];
  const result: RequeueResult = { batchId: batch.id, refusal, requeued: [], skipped: [], movedFrom: new Map(), current };
  store.db.transaction(() => {
    for (const row of rows) {
      if (row.state !== 'rejected' || row.platform_code !== refusal.code) {
        const now = STATE_WORDS[row.state] ?? { vi: row.state, en: row.state };
        result.skipped.push({
          id: row.id,
          code: 'RECORD_NOT_REFUSED_WITH_BATCH',
          message_vi: `Hồ sơ ${row.id} không còn bị từ chối cùng lô: ${now.vi}`,
          message_en: `Record ${row.id} is no longer rejected with its batch: ${now.en}`,
        });
        continue;
      }
      try {
        const refacility = current !== null && row.facility_code !== current;
        const patch = refacility ? { dose: { facilityCode: current } } : {};
        // Nobody looks at these corrections before they are signed again: a warning the record
        // had confirmed stays confirmed, one found since (a look-alike person entered after the
        // signature) makes it a draft for a clerk.
        const saved = store.correctRecord(row.id, patch, refacility ? reason + moved(row.facility_code) : reason, { confirmWarnings: 'as-before' });
        result.requeued.push({ from: row.id, to: saved.record.id, state: saved.record.state });
        if (refacility) result.movedFrom.set(row.facility_code, (result.movedFrom.get(row.facility_code) ?? 0) + 1);
      } catch (e) {
        if (!(e instanceof StationError)) throw e;
        result.skipped.push({ id: row.id, code: e.code, message_vi: e.messageVi, message_en: e.messageEn });
      }
    }
  }).immediate();
  return result;
}

/** How many records not put back a reply lists (the count is always whole). */
const SKIPPED_SHOWN = 100;

/** The reply of `batches.requeue` (and `station batches requeue --json`). */
function requeueSummary(r: RequeueResult): ResultOf<'batches.requeue'> {
  return {
    batchId: r.batchId,
    refusal: r.refusal,
    requeued: r.requeued.length,
    ready: r.requeued.filter((q) => q.state === 'ready').length,
    skipped: r.skipped.slice(0, SKIPPED_SHOWN),
    skippedCount: r.skipped.length,
    facilityChanged:
      r.movedFrom.size === 0 || r.current === null ? null : { from: [...r.movedFrom.keys()], to: r.current, records: [...r.movedFrom.values()].reduce((a, b) => a + b, 0) },
  };
}
