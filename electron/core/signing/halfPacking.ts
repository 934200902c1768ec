/**
 * One half of a batch read on the worker thread (splitRead.ts), packed into ONE ArrayBuffer that
 * is transferred, not copied: structured-cloning 5,000 records (an object, a string and a
 * Uint8Array each) would cost the core's thread about as much as reading them. Layout:
 *
 *   u32 count, u32 nodes, u32 cborBytes, u32 idBytes          (16 bytes)
 *   f64 seq[count]                                             (8-byte aligned at 16)
 *   u32 cborEnd[count], u32 idEnd[count]
 *   nodes × 32 bytes: the half's Merkle nodes (merkleRoot.ts reduceLevels)
 *   the records' CBOR, one after another; their ids (UTF-8), one after another
 *
 * The unpacked records' `cbor` are subarrays of that one buffer (no copy per record).
 */
import { HASH_SIZE } from './merkleRoot.js';
import type { ReadyRecord } from './readyRecords.js';

export interface PackedHalf {
  records: ReadyRecord[];
  /** The half's Merkle nodes after its own reduction, `nodes` × 32 bytes. */
  level: Buffer;
  nodes: number;
}

const HEADER = 16;

export function packHalf(records: readonly ReadyRecord[], level: Buffer, nodes: number): ArrayBuffer {
  const count = records.length;
  let cborBytes = 0;
  let idBytes = 0;
  for (const r of records) {
    cborBytes += r.cbor.length;
    idBytes += Buffer.byteLength(r.id, 'utf8');
  }
  const seqAt = HEADER;
  const cborEndAt = seqAt + 8 * count;
  const idEndAt = cborEndAt + 4 * count;
  const levelAt = idEndAt + 4 * count;
  const cborAt = levelAt + nodes * HASH_SIZE;
  const idAt = cborAt + cborBytes;
  // A fresh ArrayBuffer, never Buffer's shared pool: the whole buffer is transferred.
  const buffer = new ArrayBuffer(idAt + idBytes);
  const bytes = Buffer.from(buffer);
  new Uint32Array(buffer, 0, 4).set([count, nodes, cborBytes, idBytes]);
  const seqs = new Float64Array(buffer, seqAt, count);
  const cborEnds = new Uint32Array(buffer, cborEndAt, count);
  const idEnds = new Uint32Array(buffer, idEndAt, count);
  level.copy(bytes, levelAt, 0, nodes * HASH_SIZE);
  let c = cborAt;
  let d = idAt;
  for (let i = 0; i < count; i++) {
    const r = records[i]!;
    // A record read by the worker always has its seq (readyAt reads it); -1 never reaches a write.
    seqs[i] = r.seq ?? -1;
    bytes.set(r.cbor, c);
    c += r.cbor.length;
    cborEnds[i] = c;
    d += bytes.write(r.id, d, 'utf8');
    idEnds[i] = d;
  }
  return buffer;
}

export function unpackHalf(buffer: ArrayBuffer): PackedHalf {
  const [count, nodes, cborBytes] = new Uint32Array(buffer, 0, 4) as unknown as [number, number, number, number];
  const bytes = Buffer.from(buffer);
  const seqs = new Float64Array(buffer, HEADER, count);
  const cborEndAt = HEADER + 8 * count;
  const cborEnds = new Uint32Array(buffer, cborEndAt, count);
  const idEnds = new Uint32Array(buffer, cborEndAt + 4 * count, count);
  const levelAt = cborEndAt + 8 * count;
  let c = levelAt + nodes * HASH_SIZE;
  let d = c + cborBytes;
  const view = new Uint8Array(buffer);
  const records: ReadyRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = bytes.toString('utf8', d, idEnds[i]);
    records[i] = { id, seq: seqs[i]!, cbor: view.subarray(c, cborEnds[i]) };
    c = cborEnds[i]!;
    d = idEnds[i]!;
  }
  return { records, level: bytes.subarray(levelAt, levelAt + nodes * HASH_SIZE), nodes };
}
