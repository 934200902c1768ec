/**
 * How a signed batch's leaves are held in `batch_leaves` (migrations 0009, 0010): the records'
 * CBOR concatenated in leaf order, each leaf's end offset as a 4-byte big-endian integer, and the
 * concatenation deflated (raw DEFLATE, RFC 1951). Inflating gives back exactly the bytes the
 * token's signature covers; a blob that does not inflate to exactly the length the offsets name
 * is BATCH_LEAVES_DAMAGED, never a shorter or longer list of leaves.
 */
import { constants, deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { StationError } from '../../../shared/errors.js';
import type { BatchItem } from '../signing/buildBatch.js';

export type LeavesCodec = 'none' | 'deflate-raw';

/** A batch's leaves ready for its row, and the items they were made of. */
export interface StoredLeaves {
  blob: Uint8Array;
  ends: Uint8Array;
  codec: LeavesCodec;
  /** The items packed (the store checks it is given the leaves of the batch it stores). */
  of: readonly BatchItem[];
}

/**
 * Level 3: measured on 10,000 bench records, 3.43 MB → 0.56 MB (6.1×) in ~18 ms; level 1 gave
 * 5.8× in about the same time, level 6 6.9× in 2.5× the time. Inflating takes ~5 ms.
 */
const LEVEL = 3;

export function leavesDamaged(details: Record<string, string | number>): StationError {
  return new StationError('BATCH_LEAVES_DAMAGED', 'Dữ liệu lô đã ký bị hỏng trong cơ sở dữ liệu.', 'The stored leaves of a signed batch are damaged.', details);
}

/** Each leaf's end offset, 4 bytes big-endian (0009's layout); the items must be in leaf order. */
function leafEnds(items: readonly BatchItem[]): Uint8Array {
  const ends = new Uint8Array(items.length * 4);
  const view = new DataView(ends.buffer);
  let at = 0;
  items.forEach((item, i) => {
    if (item.index !== i) throw new StationError('BATCH_ITEM_ORDER', 'Lỗi nội bộ: các mục của lô không theo thứ tự lá.', 'Internal error: the batch items are not in leaf order.', { position: i, index: item.index });
    at += item.recordCbor.length;
    view.setUint32(i * 4, at);
  });
  return ends;
}

/** The leaves as 0009 lays them out: one concatenation and the end offsets. */
export function packLeaves(items: readonly BatchItem[]): { leaves: Uint8Array; ends: Uint8Array } {
  const ends = leafEnds(items);
  return { leaves: Buffer.concat(items.map((item) => item.recordCbor)), ends };
}

/** The stored leaves back as views of the one concatenation (no copy), leaf i at index i. */
export function unpackLeaves(leaves: Uint8Array, ends: Uint8Array): Uint8Array[] {
  const view = new DataView(ends.buffer, ends.byteOffset, ends.byteLength);
  const out = new Array<Uint8Array>(ends.length / 4);
  let from = 0;
  for (let i = 0; i < out.length; i++) {
    const to = view.getUint32(i * 4);
    if (to < from || to > leaves.length) throw leavesDamaged({ leaf: i });
    out[i] = leaves.subarray(from, to);
    from = to;
  }
  if (from !== leaves.length) throw leavesDamaged({ leaf: out.length });
  return out;
}

/** The leaves packed and deflated here (tools, tests, a store given none). */
export function storedLeavesSync(items: readonly BatchItem[]): StoredLeaves {
  const { leaves, ends } = packLeaves(items);
  return { blob: deflateRawSync(leaves, { level: LEVEL }), ends, codec: 'deflate-raw', of: items };
}

/**
 * Leaves at least this long are deflated as two halves on two of libuv's pool threads (~20 →
 * ~14 ms for a 10k batch): the first half ends with a sync flush — a non-final block on a byte
 * boundary — so the two streams joined are one raw DEFLATE stream of the whole (RFC 1951 §3.2.3;
 * the second half simply refers to nothing in the first). ~0.1 % larger.
 */
export const SPLIT_DEFLATE_MIN = 256 * 1024;

/**
 * One pool job for the whole input: the output buffer (`chunkSize`) holds all of it — raw DEFLATE
 * never grows data by more than 5 bytes per 16 KiB block stored plus a few. With zlib's default
 * 16 KiB every chunk of output came back to the core's thread before the next was deflated: ~35
 * round trips per half, ~9 ms of the core's time per 10k batch, and a deflate that stood still
 * while the core ran the previous batch's synchronous store.
 */
function deflateOnPool(input: Uint8Array, last: boolean): Promise<Buffer> {
  const chunkSize = Math.max(64 * 1024, input.length + (input.length >> 10) + 1024);
  return new Promise((resolve, reject) => {
    deflateRaw(input, { level: LEVEL, chunkSize, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/** `leaves` whole, or as two halves (one pool job each) from `splitAt` bytes on. */
function halves(leaves: Uint8Array, splitAt: number): Uint8Array[] {
  const half = leaves.length >= splitAt ? leaves.length >> 1 : 0;
  return half === 0 ? [leaves] : [leaves.subarray(0, half), leaves.subarray(half)];
}

/**
 * The same, deflated on libuv's pool, the last piece ending the stream: what LeavesInFlight falls
 * back to for items that are not the records it was told. `splitAt`: from what length the two
 * halves are deflated apart (tests use small values).
 */
export async function storedLeaves(items: readonly BatchItem[], splitAt = SPLIT_DEFLATE_MIN): Promise<StoredLeaves> {
  const { leaves, ends } = packLeaves(items);
  const parts = halves(leaves, splitAt);
  const pieces = await Promise.all(parts.map((part, i) => deflateOnPool(part, i === parts.length - 1)));
  return { blob: pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces), ends, codec: 'deflate-raw', of: items };
}

/**
 * The empty final block (BFINAL = 1, fixed codes, just the end-of-block code: bytes 03 00) that
 * closes a stream made of sync-flushed pieces.
 */
const FINAL_BLOCK = deflateRawSync(new Uint8Array(0));

/**
 * A batch's leaves deflated while the batch is still being read: each run of records goes to
 * libuv's pool as soon as it is read — the core's half of a split read before the worker's half
 * has arrived, a batch read ahead on the worker the moment it arrives, a prepared first batch
 * while the PIN is typed — instead of once the whole batch's tree is built. Before, a cold
 * signing waited ~15 ms for the deflate after the token had signed, and a prepared batch was
 * deflated only after "Sign". Every piece ends with a sync flush (a non-final block on a byte
 * boundary; a run of SPLIT_DEFLATE_MIN or more is two pieces, on two pool threads) and `finish`
 * closes the stream with the empty final block: the pieces joined are one raw DEFLATE stream of
 * the whole (RFC 1951 §3.2.3), which loadLeaves reads like any other.
 */
export class LeavesInFlight {
  private readonly cbors: Uint8Array[] = [];
  private readonly pieces: Promise<Buffer>[] = [];

  constructor(private readonly splitAt = SPLIT_DEFLATE_MIN) {}

  /** Packs `run` (the next records' CBOR, in leaf order) and starts deflating it. */
  add(run: readonly Uint8Array[]): void {
    if (run.length === 0) return;
    for (const part of halves(Buffer.concat(run), this.splitAt)) {
      const piece = deflateOnPool(part, false);
      piece.catch(() => undefined); // awaited by finish; a batch dropped before it leaves it unawaited
      this.pieces.push(piece);
    }
    for (const cbor of run) this.cbors.push(cbor);
  }

  /**
   * The stored leaves of `items`: the runs deflated so far when they were exactly the items'
   * records, in leaf order (the same byte arrays: compared by identity); otherwise — a read that
   * fell back and read its records again, say — the items packed and deflated now.
   */
  async finish(items: readonly BatchItem[]): Promise<StoredLeaves> {
    const same = items.length === this.cbors.length && items.every((item, i) => item.recordCbor === this.cbors[i]);
    if (!same) return storedLeaves(items);
    const ends = leafEnds(items);
    const pieces = await Promise.all(this.pieces);
    return { blob: Buffer.concat([...pieces, FINAL_BLOCK]), ends, codec: 'deflate-raw', of: items };
  }
}

/** A batch row's leaves, leaf i at index i; BATCH_LEAVES_DAMAGED if they cannot be what was stored. */
export function loadLeaves(blob: Uint8Array, ends: Uint8Array, codec: string, id: string): Uint8Array[] {
  if (codec === 'none') return unpackLeaves(blob, ends);
  if (codec !== 'deflate-raw') throw leavesDamaged({ id, codec });
  if (ends.length < 4 || ends.length % 4 !== 0) throw leavesDamaged({ id, ends: ends.length });
  // The last offset is the concatenation's length: inflating more than that is damage, and is
  // stopped there (a damaged blob must not make the station allocate without bound).
  const size = new DataView(ends.buffer, ends.byteOffset, ends.byteLength).getUint32(ends.length - 4);
  let leaves: Uint8Array;
  let read: number;
  try {
    const out = inflateRawSync(blob, { maxOutputLength: Math.max(1, size), info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    leaves = out.buffer;
    read = out.engine.bytesWritten;
  } catch {
    throw leavesDamaged({ id, codec });
  }
  // Exactly the stored stream, no byte after it unread, and exactly the length the offsets name.
  if (leaves.length !== size || read !== blob.length) throw leavesDamaged({ id, size, inflated: leaves.length, read, stored: blob.length });
  return unpackLeaves(leaves, ends);
}
