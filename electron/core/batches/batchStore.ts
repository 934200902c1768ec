/**
 * The signing outbox (DESIGN §4–§6): signed batches with their leaves, drained by the sync client.
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
import { parseSignedRecord, type SignedRecord } from '../../../shared/batch/signedRecord.js';
import { writeUploadBody } from '../../../shared/batch/uploadBody.js';
import { decodeCbor } from '../../../shared/cbor/index.js';
import { decodeSign1, x5chainOf } from '../../../shared/cose/index.js';
import { StationError } from '../../../shared/errors.js';
import type { BatchItem } from '../signing/buildBatch.js';
import { sha256Into } from '../signing/merkleRoot.js';
import type { RecordState } from '../../../shared/domain/types.js';
import { leavesDamaged, loadLeaves, storedLeavesSync, type StoredLeaves } from './storedLeaves.js';

export type BatchState = 'signed' | 'submitted' | 'failed';

/**
 * Platform refusals that are about the certificate itself, not about when the batch was signed or
 * sent: signing again with it would be refused again. CERT_EXPIRED and CERT_NOT_YET_VALID are
 * left out: they depend on the clock, and the station checks the certificate's dates itself.
 */
const CERTIFICATE_REFUSALS = ['CERT_KEY_USAGE', 'CERT_WRONG_FACILITY', 'CERT_UNTRUSTED', 'CERT_INVALID'];

/** The last batch the platform refused for its certificate, by that certificate's SHA-256 (hex). */
export interface CertificateRefusal {
  batch: string;
  /** When the refusal came (the batch's submitted_at). */
  at: string;
  reason: Reason;
}

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

/** A batch's records in leaf order, from the dose_records_batch index (no sort: queryPlans in migration0009.test.ts). */
export const BATCH_RECORDS_SQL = `SELECT d.id, d.seq, d.state FROM batches b JOIN dose_records d ON d.batch_seq = b.seq
  WHERE b.id = ? ORDER BY d.batch_idx`;

/** One-shot SHA-256 (no Hash object per node) for the upload body's tree. */
const oneShotSha256 = (input: Uint8Array): Uint8Array => hash('sha256', input, 'buffer');

export function batchStore(store: StationStore, ports: StorePorts) {
  const db: StationDatabase = store.db;
  const moves = recordStates(storeContext(db, ports));
  const audit = (action: string, entityId: string, details: JsonObject) =>
    appendAudit(db, ports.actor, ports.now().toISOString(), { action, entity: 'batch', entityId, details });
  // seq: the insertion order (migration 0005), never the PC clock's created_at. One writer, and
  // the max is read in the same statement inside the insert's transaction.
  const insertBatch = db.prepare(`INSERT INTO batches (id, created_at, facility_code, station_id, count, root, alg, manifest, state, seq)
    VALUES (@id, @createdAt, @facility, @station, @count, @root, @alg, @manifest, 'signed', (SELECT coalesce(max(seq), 0) + 1 FROM batches)) RETURNING seq`).pluck();
  // One row per batch (migration 0009), its leaves deflated (0010): the records' batch and leaf
  // index are set by the move to signed (recordStates.signSet), in the same row write as their state.
  const insertLeaves = db.prepare('INSERT INTO batch_leaves (batch_seq, leaves, ends, codec) VALUES (?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM batches WHERE id = ?');
  const leavesOf = db.prepare('SELECT l.leaves, l.ends, l.codec FROM batch_leaves l JOIN batches b ON b.seq = l.batch_seq WHERE b.id = ?').raw();
  // Applying an answer needs each record's id, state and seq (its rowid) in leaf order: one pass
  // over the batch's slice of dose_records_batch, as arrays (raw).
  const itemRecordsOf = db.prepare(BATCH_RECORDS_SQL).raw();
  const placeOf = db.prepare('SELECT b.id AS batchId, b.count, d.batch_idx AS idx FROM dose_records d JOIN batches b ON b.seq = d.batch_seq WHERE d.id = ?');
  const page = db.prepare('SELECT * FROM batches ORDER BY seq DESC LIMIT ? OFFSET ?');
  const total = db.prepare('SELECT count(*) AS n FROM batches');
  // Oldest first (DESIGN §6), strictly: a later batch never overtakes an earlier one that waits
  // for its retry, because a later batch may correct a record of the earlier one. Oldest means
  // signed first (seq), whatever the PC clock said when it was signed.
  const oldest = db.prepare(`SELECT * FROM batches WHERE state = 'signed' ORDER BY seq LIMIT 1`);
  const pending = db.prepare(`SELECT count(*) AS n, min(next_try_at) AS next FROM batches WHERE state = 'signed'`);
  // Newest first: a certificate's latest answer decides. Only batches from the oldest refusal on
  // (a submitted batch before it can only say "not refused", which nothing needs): a station
  // without a refusal decodes no manifest, and one with a refusal only those since.
  const refusedCode = `state = 'failed' AND json_extract(last_error, '$.code') IN (${CERTIFICATE_REFUSALS.map(() => '?').join(', ')})`;
  const answered = db.prepare(`SELECT id, state, submitted_at, last_error, manifest FROM batches
    WHERE seq >= ? AND (state = 'submitted' OR (${refusedCode}))
    ORDER BY seq DESC`);
  const oldestRefused = db.prepare(`SELECT min(seq) FROM batches WHERE ${refusedCode}`).pluck();
  const attempt = db.prepare('UPDATE batches SET attempts = attempts + 1, next_try_at = ?, last_error = ? WHERE id = ?');
  const finish = db.prepare('UPDATE batches SET state = ?, submitted_at = ?, next_try_at = NULL, last_error = ? WHERE id = ?');

  function leavesOfBatch(id: string, count: number): Uint8Array[] {
    const row = leavesOf.get(id) as [Uint8Array, Uint8Array, string] | undefined;
    const leaves = row ? loadLeaves(row[0], row[1], row[2], id) : [];
    if (leaves.length !== count) throw leavesDamaged({ id, count, found: leaves.length });
    return leaves;
  }

  function get(id: string): StoredBatch {
    const row = byId.get(id) as BatchRow | undefined;
    if (!row) throw new StationError('BATCH_NOT_FOUND', `Không tìm thấy lô ${id}`, `Batch ${id} was not found`, { id });
    return toBatch(row);
  }

  return {
    /**
     * Stores a verified signed batch and moves its records ready → signed: all or nothing, FULL
     * sync. `leaves`: the items' leaves already packed and deflated (storedLeaves, started once
     * the records were read); leaves made of any other items are an internal error, none given
     * are packed here.
     */
    insertSigned(batch: { id: string; createdAt: string; facility: string; station: string; root: Uint8Array; alg: number; sign1: Uint8Array; items: readonly BatchItem[]; leaves?: StoredLeaves }): StoredBatch {
      if (batch.leaves !== undefined && batch.leaves.of !== batch.items) {
        throw new StationError('BATCH_LEAVES_MISMATCH', 'Lỗi nội bộ: dữ liệu lá không thuộc lô đang lưu.', 'Internal error: the leaves given are not the stored batch’s.', { id: batch.id });
      }
      const write = () => {
        const seq = insertBatch.get({ id: batch.id, createdAt: batch.createdAt, facility: batch.facility, station: batch.station, count: batch.items.length, root: batch.root, alg: batch.alg, manifest: batch.sign1 }) as number;
        const { blob, ends, codec } = batch.leaves ?? storedLeavesSync(batch.items);
        insertLeaves.run(seq, blob, ends, codec);
        const records = batch.items.map((i) => i.recordId);
        const seqs = batch.items.every((i) => i.recordSeq !== undefined) ? batch.items.map((i) => i.recordSeq!) : undefined;
        moves.signSet({ ids: records, ...(seqs ? { seqs } : {}), batch: seq });
        // ONE entry for the set transition, naming every record in leaf order (DESIGN §4: every
        // transition is in the chain, with its record): the record's history finds it through
        // its batch_seq / batch_idx (audit/recordHistory.ts).
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
     * The upload body of DESIGN §6, exactly what `batches export` writes and sync PUTs: the stored
     * leaves, each with its RFC 9162 audit path derived from the tree of the batch's leaves (paths
     * are a function of the leaves; none is stored since migration 0006, and 0009 dropped the older
     * ones, which were these same bytes).
     */
    uploadBody(id: string): Uint8Array {
      const batch = get(id);
      // Written straight to bytes (writeUploadBody: the bytes encodeUploadBody gives, tested), the
      // paths as views of one tree's levels: building objects, a MerkleTree through a hash port
      // and a generic encoding of the lot cost ~0.3 s per 20k records before each upload.
      return writeUploadBody(batch.manifest, leavesOfBatch(id, batch.count).map((record, index) => ({ index, record, proof: null })), oneShotSha256, sha256Into);
    },

    /** The batch's signed records' CBOR in leaf order, exactly the bytes its signature covers. */
    leaves(id: string): Uint8Array[] {
      return leavesOfBatch(id, get(id).count);
    },

    /**
     * A record exactly as its batch signed it (the person's details of that moment, which a later
     * correction of the person does not change), or null for a record never signed.
     */
    signedRecord(recordId: string): SignedRecord | null {
      const place = placeOf.get(recordId) as { batchId: string; count: number; idx: number } | undefined;
      if (place === undefined) return null;
      const bytes = leavesOfBatch(place.batchId, place.count)[place.idx];
      return bytes === undefined ? null : parseSignedRecord(decodeCbor(bytes));
    },

    recordIds(id: string): string[] {
      return (itemRecordsOf.all(id) as [string, number, RecordState][]).map((r) => r[0]);
    },

    /**
     * The batch's records in leaf order, each with its seq and state now. (The types allow null for
     * a record missing here; since migration 0009 a batch's records are found through their own
     * rows, so every one is present.)
     */
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

    /**
     * The certificates the platform refused a batch for (CERTIFICATE_REFUSALS), by fingerprint,
     * unless a later batch signed with the same certificate reached it: "requeue" must not offer
     * the signer, unsaid, the certificate that made the batch come back.
     */
    certificateRefusals(): Map<string, CertificateRefusal> {
      const out = new Map<string, CertificateRefusal>();
      const decided = new Set<string>();
      const from = oldestRefused.get(...CERTIFICATE_REFUSALS) as number | null;
      if (from === null) return out;
      for (const r of answered.iterate(from, ...CERTIFICATE_REFUSALS) as Iterable<Pick<BatchRow, 'id' | 'state' | 'submitted_at' | 'last_error' | 'manifest'>>) {
        let leaf: Uint8Array | undefined;
        try {
          leaf = x5chainOf(decodeSign1(new Uint8Array(r.manifest)))[0];
        } catch {
          continue; // a manifest this station wrote and cannot read: nothing to say about its certificate
        }
        if (!leaf) continue;
        const fingerprint = bytesToHex(oneShotSha256(leaf));
        if (decided.has(fingerprint)) continue;
        decided.add(fingerprint);
        if (r.state === 'failed' && r.last_error !== null) out.set(fingerprint, { batch: r.id, at: r.submitted_at ?? '', reason: JSON.parse(r.last_error) as Reason });
      }
      return out;
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
