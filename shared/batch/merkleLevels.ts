/**
 * RFC 9162 §2.1.1 Merkle tree levels, bottom-up, 32 bytes a node, an odd last node carried up
 * unchanged (the same tree as shared/merkle's MerkleTree), for the bulk paths that handle a whole
 * batch at once: the station writing an upload body, the platform checking one. The hash is
 * passed in (one-shot `crypto.hash` in Node: shared code stays pure) and every input goes through
 * two reused scratch buffers: MerkleTree.buildSync through a hash port allocated a leaf input, a
 * digest and a copy per node, and each audit path a copy per hash.
 */

export type Sha256 = (input: Uint8Array) => Uint8Array;
/**
 * SHA-256 of `input` written at `offset` of `target`, when the caller has a way that allocates
 * nothing per digest (Node: electron/core/signing/merkleRoot.ts digestInto, ~2× faster per hash).
 */
export type Sha256Into = (input: Uint8Array, target: Uint8Array, offset: number) => void;

const H = 32;
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

export function merkleLevels(leaves: readonly Uint8Array[], sha256: Sha256, sha256Into?: Sha256Into): Uint8Array[] {
  const into: Sha256Into = sha256Into ?? ((input, target, offset) => target.set(sha256(input), offset));
  const n = leaves.length;
  const leafLevel = new Uint8Array(n * H);
  let scratch = new Uint8Array(1024);
  for (let i = 0; i < n; i++) {
    const leaf = leaves[i]!;
    if (scratch.length < leaf.length + 1) scratch = new Uint8Array(2 * (leaf.length + 1));
    scratch[0] = LEAF_PREFIX;
    scratch.set(leaf, 1);
    into(scratch.subarray(0, leaf.length + 1), leafLevel, i * H);
  }
  const levels = [leafLevel];
  const pair = new Uint8Array(1 + 2 * H);
  pair[0] = NODE_PREFIX;
  for (let count = n; count > 1; count = Math.ceil(count / 2)) {
    const below = levels[levels.length - 1]!;
    const above = new Uint8Array(Math.ceil(count / 2) * H);
    for (let i = 0; 2 * i < count; i++) {
      if (2 * i + 1 === count) {
        above.set(below.subarray(2 * i * H, (2 * i + 1) * H), i * H);
      } else {
        pair.set(below.subarray(2 * i * H, (2 * i + 2) * H), 1);
        into(pair, above, i * H);
      }
    }
    levels.push(above);
  }
  return levels;
}

/**
 * RFC 9162 §2.1.3.1 PATH(index, D[size]) as views into `levels` (no copies): the sibling at each
 * level from the leaf up; a level's odd last node has none.
 */
export function auditPath(levels: readonly Uint8Array[], size: number, index: number): Uint8Array[] {
  const path: Uint8Array[] = [];
  let m = index;
  for (let depth = 0, count = size; count > 1; depth++, count = Math.ceil(count / 2)) {
    const sibling = m % 2 === 1 ? m - 1 : m + 1;
    if (sibling < count) path.push(levels[depth]!.subarray(sibling * H, (sibling + 1) * H));
    m = Math.floor(m / 2);
  }
  return path;
}
