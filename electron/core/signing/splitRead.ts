/**
 * A batch's records read, encoded and hashed on two threads (and, for a long signing, the next
 * batch wholly on the worker: readOnWorker): reading and encoding 10,000 records
 * and their Merkle root is the largest cost of a batch, and the station's second core is idle
 * while it runs. The core's thread chooses the batch (its records' seqs, from the index, in one
 * read transaction), hands the second half's seqs to the worker (recordReader.ts) and reads the
 * first half in that same transaction; the worker reads the second half on its own connection and
 * answers with one transferred buffer. Each half reduces its own Merkle nodes SPLIT_LEVELS levels
 * (merkleRoot.ts reduceLevels: the split point is a multiple of 2^SPLIT_LEVELS, so these are the
 * tree's own nodes) and the core finishes the root — the same tree shape, the same root.
 *
 * The result is exactly readyRecordBytes + merkleRoot (held equal by test/unit/signing/
 * splitRead.test.ts): any doubt — a small batch, no worker, a worker failure, records the worker
 * finds changed since the core chose them, any error of either half — reads everything on the
 * core's thread, which also gives exactly the error the single-thread read gives.
 */
import { StationError } from '../../../shared/errors.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { HASH_SIZE, leafHashesInto, merkleRoot, reduceLevels, rootOfLevel } from './merkleRoot.js';
import { MAX_BATCH, readyAt, readyRecordBytes, readySeqs, type ReadyRecord } from './readyRecords.js';
import type { RecordReader } from './recordReader.js';

/** Below this many records one thread is faster than handing half to another. */
export const SPLIT_MIN = 2_000;
/** Merkle levels each half reduces on its own thread: the split point is a multiple of 2^8. */
export const SPLIT_LEVELS = 8;
/**
 * The core's share: a little over half, because the worker's half also pays for packing, the
 * message and the wake-up (~5 ms of 10,000 records) and the core's extra work (choosing the seqs,
 * unpacking, the last Merkle levels) is smaller (~3 ms); 0.55 against 0.5 and 0.62 measured best.
 */
const CORE_SHARE = 0.55;

export interface BatchRecords {
  records: ReadyRecord[];
  root: Uint8Array;
}

type ReadOptions = { recordIds?: readonly string[]; limit?: number };

/** Everything on the core's thread (the single-thread path and every fallback). */
export function readOnCore(db: StationDatabase, opts: ReadOptions): BatchRecords {
  const records = readyRecordBytes(db, opts);
  return { records, root: merkleRoot(records.map((r) => r.cbor)) };
}

/** Where and when to split (tests split small batches at any level). */
export interface SplitTuning {
  /** Fewer records than this: one thread (default SPLIT_MIN). */
  minRecords?: number;
  /** Merkle levels each half reduces (default SPLIT_LEVELS). */
  levels?: number;
}

function tooSmall(opts: ReadOptions, minRecords: number): boolean {
  const n = opts.recordIds !== undefined ? new Set(opts.recordIds).size : Math.min(opts.limit ?? MAX_BATCH, MAX_BATCH);
  return n < minRecords;
}

/** Where the core's half ends: about CORE_SHARE of n (n ≥ 2^levels + 1), a multiple of 2^levels. */
export function splitPoint(n: number, levels = SPLIT_LEVELS): number {
  const unit = 2 ** levels;
  return Math.min(Math.max(unit, Math.floor((n * CORE_SHARE) / unit) * unit), Math.floor((n - 1) / unit) * unit);
}

interface CoreHalf {
  records: ReadyRecord[];
  level: Buffer;
  nodes: number;
  /** The worker's half, already checked against what it was asked (askWorker). */
  other: Promise<Half | null>;
}

type Half = NonNullable<Awaited<ReturnType<RecordReader['read']>>>;

/**
 * Whether the worker's answer is exactly what was asked: the records of those seqs in that order,
 * and the node count their reduction gives. The root is made from its nodes and nothing compares
 * it with the leaves before the token signs it, so an answer that does not add up is not used.
 */
function answers(half: Half, asked: readonly number[], levels: number): boolean {
  if (half.records.length !== asked.length) return false;
  for (let i = 0; i < asked.length; i++) if (half.records[i]!.seq !== asked[i]) return false;
  return half.nodes === Math.ceil(asked.length / 2 ** levels) && half.level.length === half.nodes * HASH_SIZE;
}

/** The worker's read of `asked`, or null: it could not, or answered anything but exactly that (said). */
async function askWorker(reader: RecordReader, asked: readonly number[], ascending: boolean, levels: number): Promise<Half | null> {
  const half = await reader.read(Float64Array.from(asked), ascending, levels);
  if (half === null) return null;
  if (answers(half, asked, levels)) return half;
  reader.problem('the worker answered other records than asked; read on the core', { asked: asked.length, got: half.records.length });
  return null;
}

/**
 * Told each run of records as soon as it is read, in leaf order: on a split read the core's half
 * (before the worker's half has arrived) then the worker's; otherwise the whole batch. A read that
 * falls back to one thread after the core's half was told tells the whole batch again.
 */
export type OnRead = (records: readonly ReadyRecord[]) => void;

export async function readBatchRecords(db: StationDatabase, opts: ReadOptions, reader: RecordReader | null, tuning: SplitTuning = {}, onRead?: OnRead): Promise<BatchRecords> {
  const minRecords = Math.max(2, tuning.minRecords ?? SPLIT_MIN);
  const levels = tuning.levels ?? SPLIT_LEVELS;
  const whole = (): BatchRecords => {
    const read = readOnCore(db, opts);
    onRead?.(read.records);
    return read;
  };
  // A worker still starting (or gone) is not waited for, nor is the core's half read twice for it.
  if (reader === null || tooSmall(opts, minRecords) || !reader.available()) return whole();
  const ascending = opts.recordIds === undefined;
  let own: CoreHalf | BatchRecords;
  try {
    own = db.transaction((): CoreHalf | BatchRecords => {
      const seqs = readySeqs(db, opts);
      // Both halves non-empty, the core's a whole number of 2^levels subtrees.
      if (seqs.length < minRecords || seqs.length <= 2 ** levels) return whole();
      const at = splitPoint(seqs.length, levels);
      // Posted first: the worker reads while this thread reads its own half.
      const asked = seqs.slice(at);
      const other = askWorker(reader, asked, ascending, levels);
      // The same transaction as the seqs: always exactly these records.
      const records = readyAt(db, seqs.slice(0, at), ascending);
      if (records === null) throw new Error('unreachable: the records changed inside one read transaction');
      onRead?.(records);
      const level = Buffer.allocUnsafe(at * HASH_SIZE);
      leafHashesInto(records.map((r) => r.cbor), level);
      return { records, level, nodes: reduceLevels(level, at, levels), other };
    })();
  } catch (err) {
    // Not ready, an unknown vaccine, …: the single-thread read throws exactly its own error. Any
    // other error is a fault of the split path itself: read on one thread, and say so.
    if (!(err instanceof StationError)) reader.problem('split read failed; read on one thread', { error: err instanceof Error ? err.message : String(err) });
    return whole();
  }
  if (!('other' in own)) return own;
  const half = await own.other;
  if (half === null) return whole();
  onRead?.(half.records);
  const level = Buffer.concat([own.level.subarray(0, own.nodes * HASH_SIZE), half.level]);
  return { records: own.records.concat(half.records), root: rootOfLevel(level, own.nodes + half.nodes) };
}

/**
 * The records at `seqs` (the ready ones of their range, ascending) read, encoded and hashed wholly
 * on the worker, with their Merkle root: the next batch of a long signing, read while the core's
 * thread stores the current one (signBatch.ts). Null when the worker is not ready, fails, finds
 * the records changed, or answers other records than asked: the caller then reads as usual.
 */
export async function readOnWorker(seqs: readonly number[], reader: RecordReader | null, levels = SPLIT_LEVELS): Promise<BatchRecords | null> {
  if (reader === null || seqs.length === 0 || !reader.available()) return null;
  const half = await askWorker(reader, seqs, true, levels);
  return half === null ? null : { records: half.records, root: rootOfLevel(half.level, half.nodes) };
}
