/**
 * The signing outbox (DESIGN §4–§6): signed batches with their items, drained by the sync client.
 * Storing a batch moves its records ready → signed in the same durable transaction; applying the
 * platform's reply moves them signed → submitted → accepted | rejected in one durable transaction.
 */
import { hash } from 'node:crypto';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { inDurableTransaction, withDurableTransaction } from '../db/durableTransaction.js';
import { appendAudit } from '../audit/auditLog.js';
import type { JsonObject } from '../audit/canonicalJson.js';
import { storeContext, type StorePorts } from '../store/ports.js';
import { recordStates } from '../store/recordStates.js';
import type { StationStore } from '../store/stationStore.js';
import { bytesToHex } from '../../../shared/crypto/bytes.js';
import { writeUploadBody } from '../../../shared/batch/uploadBody.js';
import { StationError } from '../../../shared/errors.js';
import type { BatchItem } from '../signing/buildBatch.js';
import type { RecordState } from '../../../shared/domain/types.js';

export type BatchState = 'signed' | 'submitted' | 'failed';

/** A batch's records at the same index in each array: leaf order. */
export interface BatchRecords {
  ids: string[];
  seqs: (number | null)[];
  states: (RecordState | null)[];
}

export interface Reason {
  code: string;
  message_vi: string;
  message_en: string;
}

export interface StoredBatch {
  id: string;
  createdAt: string;
  facilityCode: string;
  stationId: string;
  count: number;
  root: Uint8Array;
  alg: number;
  manifest: Uint8Array;
  state: BatchState;
  attempts: number;
  nextTryAt: string | null;
  lastError: Reason | null;
  submittedAt: string | null;
}

interface BatchRow {
  id: string;
  created_at: string;
  facility_code: string;
  station_id: string;
  count: number;
  root: Uint8Array;
  alg: number;
  manifest: Uint8Array;
  state: BatchState;
  attempts: number;
  next_try_at: string | null;
  last_error: string | null;
  submitted_at: string | null;
}

function toBatch(r: BatchRow): StoredBatch {
  return {
    id: r.id,
    createdAt: r.created_at,
    facilityCode: r.facility_code,
    stationId: r.station_id,
    count: r.count,
    root: new Uint8Array(r.root),
    alg: r.alg,
    manifest: new Uint8Array(r.manifest),
    state: r.state,
    attempts: r.attempts,
    nextTryAt: r.next_try_at,
    lastError: r.last_error === null ? null : (JSON.parse(r.last_error) as Reason),
    submittedAt: r.submitted_at,
  };
}

const NO_PROOF = new Uint8Array(0);
/** One-shot SHA-256 (no Hash object per node) for the upload body's tree. */
const oneShotSha256 = (input: Uint8Array): Uint8Array => hash('sha256', input, 'buffer');
/** 1,000 rows × 5 bound values per INSERT: well under SQLite's 32,766-variable limit. */
const ITEM_CHUNK = 1000;

function splitProof(blob: Uint8Array): Uint8Array[] {
  const proof: Uint8Array[] = [];
  for (let i = 0; i < blob.length; i += 32) proof.push(new Uint8Array(blob.subarray(i, i + 32)));
  return proof;
}

/** An item stored without its path (the signing step's) keeps an empty blob: derived on export. */
function joinProof(proof: readonly Uint8Array[] | undefined): Uint8Array {
  if (proof === undefined) return NO_PROOF;
  const out = new Uint8Array(proof.length * 32);
  proof.forEach((h, i) => out.set(h, i * 32));
  return out;
}

export function batchStore(store: StationStore, ports: StorePorts) {
  const db: StationDatabase = store.db;
  const moves = recordStates(storeContext(db, ports));
  const audit = (action: string, entityId: string, details: JsonObject) =>
    appendAudit(db, ports.actor, ports.now().toISOString(), { action, entity: 'batch', entityId, details });
  // seq: the insertion order (migration 0005), never the PC clock's created_at. One writer, and
  // the max is read in the same statement inside the insert's transaction.
  const insertBatch = db.prepare(`INSERT INTO batches (id, created_at, facility_code, station_id, count, root, alg, manifest, state, seq)
    VALUES (@id, @createdAt, @facility, @station, @count, @root, @alg, @manifest, 'signed', (SELECT coalesce(max(seq), 0) + 1 FROM batches))`);
  // Items go in ITEM_CHUNK rows per statement, as bound values: one statement per item cost
  // ~3.4 µs of statement overhead per row on a 10k batch (npm run bench -- signing).
  const itemRows = (n: number) => `INSERT INTO batch_items (batch_id, idx, record_id, proof, record_cbor) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ')}`;
  const insertItems = db.prepare(itemRows(ITEM_CHUNK));
  function insertAllItems(batchId: string, all: readonly BatchItem[]): void {
    for (let from = 0; from < all.length; from += ITEM_CHUNK) {
      const chunk = all.slice(from, from + ITEM_CHUNK);
      const values: unknown[] = [];
      for (const item of chunk) values.push(batchId, item.index, item.recordId, joinProof(item.proof), item.recordCbor);
      (chunk.length === ITEM_CHUNK ? insertItems : db.prepare(itemRows(chunk.length))).run(values);
    }
  }
  const byId = db.prepare('SELECT * FROM batches WHERE id = ?');
  // What the upload body needs, as arrays (raw): the record ids and an object per row were a
  // third of reading a 5,000-record batch (~17 -> ~11 ms), and that read is on the critical path
  // of a sync's first upload.
  const items = db.prepare('SELECT idx, proof, record_cbor FROM batch_items WHERE batch_id = ? ORDER BY idx').raw();
  // The ids alone: reading every item's record bytes and path to keep only its id was a tenth of
  // applying a platform answer.
  const idsOf = db.prepare('SELECT record_id FROM batch_items WHERE batch_id = ? ORDER BY idx').pluck();
  // Applying an answer needs each record's state and seq (its rowid) in leaf order: one pass over
  // the batch's items joined by id, as arrays (raw), instead of the ids and then a second lookup
  // of 5,000 ids sent back as one JSON array (~50 ms of the ~190 ms an answer took to apply).
  const itemRecordsOf = db.prepare(`SELECT bi.record_id, d.seq, d.state FROM batch_items bi LEFT JOIN dose_records d ON d.id = bi.record_id
    WHERE bi.batch_id = ? ORDER BY bi.idx`).raw();
  const page = db.prepare('SELECT * FROM batches ORDER BY seq DESC LIMIT ? OFFSET ?');
  const total = db.prepare('SELECT count(*) AS n FROM batches');
  // Oldest first (DESIGN §6), strictly: a later batch never overtakes an earlier one that waits
  // for its retry, because a later batch may correct a record of the earlier one. Oldest means
  // signed first (seq), whatever the PC clock said when it was signed.
  const oldest = db.prepare(`SELECT * FROM batches WHERE state = 'signed' ORDER BY seq LIMIT 1`);
  const pending = db.prepare(`SELECT count(*) AS n, min(next_try_at) AS next FROM batches WHERE state = 'signed'`);
  const attempt = db.prepare('UPDATE batches SET attempts = attempts + 1, next_try_at = ?, last_error = ? WHERE id = ?');
  const finish = db.prepare('UPDATE batches SET state = ?, submitted_at = ?, next_try_at = NULL, last_error = ? WHERE id = ?');

  function get(id: string): StoredBatch {
    const row = byId.get(id) as BatchRow | undefined;
    if (!row) throw new StationError('BATCH_NOT_FOUND', `Không tìm thấy lô ${id}`, `Batch ${id} was not found`, { id });
    return toBatch(row);
  }

  return {
    /** Stores a verified signed batch and moves its records ready → signed: all or nothing, FULL sync. */
    insertSigned(batch: { id: string; createdAt: string; facility: string; station: string; root: Uint8Array; alg: number; sign1: Uint8Array; items: readonly BatchItem[] }): StoredBatch {
      const write = () => {
        insertBatch.run({ id: batch.id, createdAt: batch.createdAt, facility: batch.facility, station: batch.station, count: batch.items.length, root: batch.root, alg: batch.alg, manifest: batch.sign1 });
        insertAllItems(batch.id, batch.items);
        const records = batch.items.map((i) => i.recordId);
        const seqs = batch.items.every((i) => i.recordSeq !== undefined) ? batch.items.map((i) => i.recordSeq!) : undefined;
        moves.moveSet({ ids: records, ...(seqs ? { seqs } : {}), from: 'ready', to: 'signed' });
        // ONE entry for the set transition, naming every record in leaf order (DESIGN §4: every
        // transition is in the chain, with its record): the record's history finds it through
        // batch_items (audit/recordHistory.ts).
        audit('batch.signed', batch.id, { count: records.length, root: bytesToHex(batch.root), alg: batch.alg, from: 'ready', to: 'signed', records });
        return get(batch.id);
      };
      // Inside the signing step's durable transaction it joins it rather than opening a savepoint:
      // SQLite keeps a savepoint's statement journal for every trigger-bearing UPDATE, which made
      // storing 10,000 records 6× slower (npm run bench -- signing). A throw still aborts it whole.
      return inDurableTransaction(db) ? write() : withDurableTransaction(db, write);
    },

    get,

    list(opts: { limit: number; offset: number }): { items: StoredBatch[]; total: number } {
      return { items: (page.all(opts.limit, opts.offset) as BatchRow[]).map(toBatch), total: (total.get() as { n: number }).n };
    },

    /**
     * The upload body of DESIGN §6, exactly what `batches export` writes and sync PUTs. Items
     * stored without their audit path (every batch signed since migration 0006) get it from the
     * tree of the batch's stored leaves — RFC 9162 paths are a function of the leaves, so these
     * are the bytes a stored path would have been; a stored path is sent as it was stored.
     */
    uploadBody(id: string): Uint8Array {
      const batch = get(id);
      const rows = items.all(id) as [index: number, proof: Uint8Array, record: Uint8Array][];
      // Written straight to bytes (writeUploadBody: the bytes encodeUploadBody gives, tested), the
      // paths not stored as views of one tree's levels: building objects, a MerkleTree through a
      // hash port and a generic encoding of the lot cost ~0.3 s per 20k records before each upload.
      return writeUploadBody(
        batch.manifest,
        rows.map(([index, proof, record]) => ({ index, record, proof: proof.length > 0 ? splitProof(proof) : null })),
        oneShotSha256,
      );
    },

    recordIds(id: string): string[] {
      return idsOf.all(id) as string[];
    },

    /** The batch's records in leaf order, each with its seq and state now (null: not on this station). */
    itemRecords(id: string): BatchRecords {
      const rows = itemRecordsOf.all(id) as [string, number | null, RecordState | null][];
      const out: BatchRecords = { ids: new Array<string>(rows.length), seqs: new Array<number | null>(rows.length), states: new Array<RecordState | null>(rows.length) };
      for (let i = 0; i < rows.length; i++) {
        const [recordId, seq, state] = rows[i]!;
        out.ids[i] = recordId;
        out.seqs[i] = seq;
        out.states[i] = state;
      }
      return out;
    },

    /** The oldest batch still to upload, if its next try has come; null while it waits. */
    nextDue(now: Date): StoredBatch | null {
      const row = oldest.get() as BatchRow | undefined;
      if (!row || (row.next_try_at !== null && row.next_try_at > now.toISOString())) return null;
      return toBatch(row);
    },

    pending(): { count: number; nextTryAt: string | null } {
      const r = pending.get() as { n: number; next: string | null };
      return { count: r.n, nextTryAt: r.next };
    },

    /** A failed attempt: counted, with when to try again (kept across restarts). */
    recordAttempt(id: string, nextTryAt: Date, error: Reason): void {
      attempt.run(nextTryAt.toISOString(), JSON.stringify(error), id);
    },

    /** The batch reached the platform and was answered; records move on in the caller's transaction. */
    markSubmitted(id: string, at: Date): void {
      finish.run('submitted', at.toISOString(), null, id);
      audit('batch.submitted', id, {});
    },

    /**
     * The platform refused the whole batch (signature, certificate, format): not retried. `moved`:
     * the records' set transition this refusal made, named in the same entry (applyBatchReply.ts).
     */
    markFailed(id: string, at: Date, reason: Reason, moved: JsonObject = {}): void {
      finish.run('failed', at.toISOString(), JSON.stringify(reason), id);
      audit('batch.failed', id, { ...moved, code: reason.code });
    },
  };
}

export type BatchStore = ReturnType<typeof batchStore>;
