/**
 * The RFC 9162 §2.1.1 Merkle Tree Hash of a batch's records, for the signing step: the same root
 * as shared/merkle's MerkleTree (held equal by test/unit/signing/merkleRoot.test.ts), computed
 * with node:crypto in two reused buffers. The signing step needs only the root (the audit paths
 * are derived from the stored leaves on export), and with 10,000 records the tree is 20,000
 * hashes of ~200 bytes: the cost is per call, not per byte. `hash(…, 'latin1')` returns the
 * digest as a 32-character string that `Buffer#write` copies into the level in place; asking for
 * a Buffer instead allocates one per digest and cost twice as much per hash (~1.5 µs against
 * ~0.7 µs here), and a Uint8Array per input and per digest on top of that another half.
 */
import { hash } from 'node:crypto';

const HASH_SIZE = 32;
/** RFC 9162 §2.1.1: 0x00 before a leaf, 0x01 before two nodes (second-preimage defence). */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** SHA-256 of `input` written at `offset` of `target`. */
function digestInto(input: Uint8Array, target: Buffer, offset: number): void {
  target.write(hash('sha256', input, 'binary'), offset, HASH_SIZE, 'binary');
}

/**
 * The same for any Uint8Array target (shared/batch/merkleLevels.ts Sha256Into: the upload body's
 * tree): the Buffer view of the last target is kept, as a tree's level takes many digests in a row.
 */
let lastTarget: Uint8Array | null = null;
let lastView: Buffer = Buffer.alloc(0);
export function sha256Into(input: Uint8Array, target: Uint8Array, offset: number): void {
  if (target !== lastTarget) {
    lastTarget = target;
    lastView = Buffer.isBuffer(target) ? target : Buffer.from(target.buffer, target.byteOffset, target.byteLength);
  }
  digestInto(input, lastView, offset);
}

/** MTH(D[n]) over the records' bytes (each leaf-hashed here). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  const n = leaves.length;
  if (n === 0) {
    // MTH({}) = SHA-256() (RFC 9162 §2.1.1).
    const root = Buffer.alloc(HASH_SIZE);
    digestInto(new Uint8Array(0), root, 0);
    return new Uint8Array(root.buffer, root.byteOffset, HASH_SIZE);
  }
  const level = Buffer.allocUnsafe(n * HASH_SIZE);
  leafHashesInto(leaves, level);
  return rootOfLevel(level, n);
}

/** RFC 9162 leaf hashes SHA-256(0x00 || leaf) of `leaves`, written one after another into `level`. */
export function leafHashesInto(leaves: readonly Uint8Array[], level: Buffer): void {
  let input = Buffer.allocUnsafe(1024);
  input[0] = LEAF_PREFIX;
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    if (leaf.length + 1 > input.length) {
      input = Buffer.allocUnsafe(leaf.length + 1);
      input[0] = LEAF_PREFIX;
    }
    input.set(leaf, 1);
    digestInto(input.subarray(0, leaf.length + 1), level, i * HASH_SIZE);
  }
}

/**
 * `levels` levels of the tree made bottom-up from the `count` nodes at the start of `level`, IN
 * PLACE: parent i (written at i) is made from children 2i and 2i+1 (read before, at 2i and
 * beyond), so nothing is overwritten before it is read. An odd last node is carried up unchanged
 * (RFC 9162's split at the largest power of two below n). Returns the nodes left.
 *
 * A segment of a bigger tree's bottom level reduces the same way, and to the same nodes, as long
 * as it starts at a multiple of 2^levels and is either a whole multiple of 2^levels long or the
 * tree's last segment: its pairs are the tree's pairs and only the tree's last node is ever odd.
 * That is how two threads each reduce their half of a batch (splitRead.ts).
 */
export function reduceLevels(level: Buffer, count: number, levels: number): number {
  const pair = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
  pair[0] = NODE_PREFIX;
  for (let done = 0; count > 1 && done < levels; count = Math.ceil(count / 2), done++) {
    const parents = Math.floor(count / 2);
    for (let i = 0; i < parents; i++) {
      level.copy(pair, 1, 2 * i * HASH_SIZE, (2 * i + 2) * HASH_SIZE);
      digestInto(pair, level, i * HASH_SIZE);
    }
    if (count % 2 === 1) level.copy(level, parents * HASH_SIZE, (count - 1) * HASH_SIZE, count * HASH_SIZE);
  }
  return count;
}

/** MTH over a bottom level of `count` (≥ 1) hashes at the start of `level` (which it overwrites). */
export function rootOfLevel(level: Buffer, count: number): Uint8Array {
  reduceLevels(level, count, Infinity);
  const root = Buffer.alloc(HASH_SIZE);
  level.copy(root, 0, 0, HASH_SIZE);
  return new Uint8Array(root.buffer, root.byteOffset, HASH_SIZE);
}

export { HASH_SIZE };
