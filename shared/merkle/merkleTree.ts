/**
 * RFC 9162 §2.1.1 Merkle Tree Hash and §2.1.3.1 audit paths.
 *
 * The recursive definition splits n leaves at the largest power of two below n. Built bottom-up,
 * that is: pair nodes left to right on each level and carry an odd last node up UNCHANGED (never
 * duplicated, unlike Bitcoin's tree). Every level is kept, so one audit path is O(log n) look-ups
 * and all n paths of a batch cost O(n log n) without hashing again.
 */
import { StationError } from '../errors.js';
import { HASH_SIZE, leafInput, nodeInput, webCryptoSha256, type Sha256Port, type SyncSha256Port } from './sha256Port.js';

function checkDigest(digest: Uint8Array): Uint8Array {
  if (!(digest instanceof Uint8Array) || digest.length !== HASH_SIZE) {
    throw new StationError('MERKLE_HASH_PORT_INVALID', 'Hàm băm trả về kết quả không phải SHA-256', 'The hash port did not return a SHA-256 digest', {
      length: digest?.length,
    });
  }
  return digest;
}

function parentCount(count: number): number {
  return Math.ceil(count / 2);
}

function node(level: Uint8Array, index: number): Uint8Array {
  return level.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
}

/** Inputs of the next level up; null where the odd last node is carried up as it is. */
function parentInput(level: Uint8Array, count: number, i: number): Uint8Array | null {
  const left = 2 * i;
  if (left + 1 >= count) return null;
  return nodeInput(node(level, left), node(level, left + 1));
}

export class MerkleTree {
  /** levels[0] holds the leaf hashes, the last level the root (for size ≥ 1); 32 bytes per node. */
  private readonly levels: Uint8Array[];
  readonly size: number;
  readonly root: Uint8Array;

  private constructor(levels: Uint8Array[], size: number, root: Uint8Array) {
    this.levels = levels;
    this.size = size;
    this.root = root;
  }

  static buildSync(leaves: readonly Uint8Array[], port: SyncSha256Port): MerkleTree {
    const n = leaves.length;
    if (n === 0) return new MerkleTree([], 0, checkDigest(port.sha256(new Uint8Array(0))).slice());
    const levels: Uint8Array[] = [new Uint8Array(n * HASH_SIZE)];
    leaves.forEach((leaf, i) => levels[0]!.set(checkDigest(port.sha256(leafInput(leaf))), i * HASH_SIZE));
    for (let count = n; count > 1; count = parentCount(count)) {
      const below = levels[levels.length - 1]!;
      const above = new Uint8Array(parentCount(count) * HASH_SIZE);
      for (let i = 0; i < parentCount(count); i++) {
        const input = parentInput(below, count, i);
        above.set(input === null ? node(below, 2 * i) : checkDigest(port.sha256(input)), i * HASH_SIZE);
      }
      levels.push(above);
    }
    return new MerkleTree(levels, n, node(levels[levels.length - 1]!, 0).slice());
  }

  /** Hashes one level at a time, in chunks, so an async port (WebCrypto) can work in parallel. */
  static async build(leaves: readonly Uint8Array[], port: Sha256Port = webCryptoSha256): Promise<MerkleTree> {
    const n = leaves.length;
    if (n === 0) return new MerkleTree([], 0, checkDigest(await port.sha256(new Uint8Array(0))).slice());
    const levels: Uint8Array[] = [new Uint8Array(n * HASH_SIZE)];
    await hashInto(levels[0]!, n, (i) => leafInput(leaves[i]!), port);
    for (let count = n; count > 1; count = parentCount(count)) {
      const below = levels[levels.length - 1]!;
      const above = new Uint8Array(parentCount(count) * HASH_SIZE);
      if (count % 2 === 1) above.set(node(below, count - 1), (parentCount(count) - 1) * HASH_SIZE);
      await hashInto(above, Math.floor(count / 2), (i) => parentInput(below, count, i)!, port);
      levels.push(above);
    }
    return new MerkleTree(levels, n, node(levels[levels.length - 1]!, 0).slice());
  }

  leafHash(index: number): Uint8Array {
    this.checkIndex(index);
    return node(this.levels[0]!, index).slice();
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[n]): sibling hashes from the leaf up to the root. */
  inclusionProof(index: number): Uint8Array[] {
    this.checkIndex(index);
    const proof: Uint8Array[] = [];
    let m = index;
    let count = this.size;
    for (let depth = 0; count > 1; depth++, count = parentCount(count)) {
      const sibling = m % 2 === 1 ? m - 1 : m + 1;
      // The odd last node of a level has no sibling: it is carried up and adds nothing to the path.
      if (sibling < count) proof.push(node(this.levels[depth]!, sibling).slice());
      m = Math.floor(m / 2);
    }
    return proof;
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new StationError('MERKLE_INDEX_OUT_OF_RANGE', 'Chỉ số lá nằm ngoài cây Merkle', 'Leaf index is outside the Merkle tree', {
        index,
        size: this.size,
      });
    }
  }
}

const CHUNK = 1024;

async function hashInto(target: Uint8Array, count: number, input: (i: number) => Uint8Array, port: Sha256Port): Promise<void> {
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const jobs: Promise<Uint8Array>[] = [];
    for (let i = start; i < end; i++) jobs.push(Promise.resolve(port.sha256(input(i))));
    const digests = await Promise.all(jobs);
    digests.forEach((d, k) => target.set(checkDigest(d), (start + k) * HASH_SIZE));
  }
}

/** MTH(D[n]) over the records' bytes (each is leaf-hashed here). */
export async function merkleRoot(leaves: readonly Uint8Array[], port: Sha256Port = webCryptoSha256): Promise<Uint8Array> {
  return (await MerkleTree.build(leaves, port)).root;
}

export function merkleRootSync(leaves: readonly Uint8Array[], port: SyncSha256Port): Uint8Array {
  return MerkleTree.buildSync(leaves, port).root;
}

/** The audit path of leaf `index`; pass a built tree to avoid hashing the leaves again. */
export async function inclusionProof(
  leavesOrTree: readonly Uint8Array[] | MerkleTree,
  index: number,
  port: Sha256Port = webCryptoSha256,
): Promise<Uint8Array[]> {
  const tree = leavesOrTree instanceof MerkleTree ? leavesOrTree : await MerkleTree.build(leavesOrTree, port);
  return tree.inclusionProof(index);
}
