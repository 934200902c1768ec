// RFC 9162 §2.1 Merkle tree: the batch manifest commits to every record through this root, and
// the platform checks each record's audit path on its own.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../shared/crypto/bytes.js';
import {
  MerkleTree,
  inclusionProof,
  leafHash,
  leafHashSync,
  merkleRoot,
  merkleRootSync,
  verifyInclusion,
  verifyInclusionSync,
  type SyncSha256Port,
} from '../../../shared/merkle/index.js';

const nodeSha256: SyncSha256Port = { sha256: (d) => new Uint8Array(createHash('sha256').update(d).digest()) };

// Certificate Transparency reference vectors (RFC 6962 test data, as used by
// google/certificate-transparency and trillian): leaf inputs, roots of the first n leaves.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hexToBytes);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_PATHS: { index: number; size: number; path: string[] }[] = [
  { index: 0, size: 1, path: [] },
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

/** The recursive definitions of RFC 9162 §2.1.1 and §2.1.3.1, written as literally as possible. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
function referenceMth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return nodeSha256.sha256(new Uint8Array(0));
  if (d.length === 1) return leafHashSync(d[0]!, nodeSha256);
  const k = largestPowerOfTwoBelow(d.length);
  return nodeSha256.sha256(new Uint8Array([1, ...referenceMth(d.slice(0, k)), ...referenceMth(d.slice(k))]));
}
function referencePath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = largestPowerOfTwoBelow(d.length);
  return m < k ? [...referencePath(m, d.slice(0, k)), referenceMth(d.slice(k))] : [...referencePath(m - k, d.slice(k)), referenceMth(d.slice(0, k))];
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`record-${i}`));

describe('Merkle tree (RFC 9162 §2.1)', () => {
  it('reproduces the Certificate Transparency reference roots for 0..8 leaves (WebCrypto and sync port)', async () => {
    for (let n = 0; n <= 8; n++) {
      expect(bytesToHex(await merkleRoot(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n]);
      expect(bytesToHex(merkleRootSync(CT_LEAVES.slice(0, n), nodeSha256))).toBe(CT_ROOTS[n]);
    }
  });

  it('reproduces the reference audit paths, and each verifies against its root', async () => {
    for (const v of CT_PATHS) {
      const leaves = CT_LEAVES.slice(0, v.size);
      const proof = await inclusionProof(leaves, v.index);
      expect(proof.map(bytesToHex)).toEqual(v.path);
      const hash = await leafHash(CT_LEAVES[v.index]!);
      expect(await verifyInclusion(hash, v.index, v.size, proof, hexToBytes(CT_ROOTS[v.size]!))).toBe(true);
    }
  });

  it('matches the recursive MTH and PATH definitions for every size 1..64', () => {
    for (let n = 1; n <= 64; n++) {
      const leaves = leavesOf(n);
      const tree = MerkleTree.buildSync(leaves, nodeSha256);
      expect(bytesToHex(tree.root)).toBe(bytesToHex(referenceMth(leaves)));
      for (let m = 0; m < n; m++) expect(tree.inclusionProof(m).map(bytesToHex)).toEqual(referencePath(m, leaves).map(bytesToHex));
    }
  });

  it('builds the same tree with the async WebCrypto port and the sync port', async () => {
    const leaves = leavesOf(77);
    const a = await MerkleTree.build(leaves);
    const b = MerkleTree.buildSync(leaves, nodeSha256);
    expect(bytesToHex(a.root)).toBe(bytesToHex(b.root));
    expect(a.inclusionProof(76).map(bytesToHex)).toEqual(b.inclusionProof(76).map(bytesToHex));
    expect(bytesToHex(a.leafHash(3))).toBe(bytesToHex(await leafHash(leaves[3]!)));
  });

  it('every proof verifies, and a flipped bit, a wrong index or a wrong size fails (sizes 1..300)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(255), (n, pick, bitPick, otherPick) => {
        const leaves = leavesOf(n);
        const tree = MerkleTree.buildSync(leaves, nodeSha256);
        const m = pick % n;
        const hash = tree.leafHash(m);
        const proof = tree.inclusionProof(m);
        expect(verifyInclusionSync(hash, m, n, proof, tree.root, nodeSha256)).toBe(true);

        // A flipped bit anywhere: in the leaf hash, in a proof node, or in the root.
        const parts = [hash, ...proof, tree.root];
        const which = bitPick % parts.length;
        const flipped = parts.map((p, i) => {
          if (i !== which) return p;
          const copy = p.slice();
          copy[bitPick % 32]! ^= 1 << (bitPick % 8);
          return copy;
        });
        expect(verifyInclusionSync(flipped[0]!, m, n, flipped.slice(1, -1), flipped[flipped.length - 1]!, nodeSha256)).toBe(false);

        if (n > 1) {
          const other = (m + 1 + (otherPick % (n - 1))) % n;
          expect(verifyInclusionSync(hash, other, n, proof, tree.root, nodeSha256)).toBe(false);
        }
        // Another tree size: RFC 9162 §2.1.3.2 binds the size through the path's shape, so a
        // size whose audit path for this index has another length must fail.
        for (const size of [n + 1, n - 1, n * 2, Math.floor(n / 2)]) {
          if (size <= m || size === n) continue;
          const shape = MerkleTree.buildSync(leavesOf(size), nodeSha256).inclusionProof(m).length;
          if (shape !== proof.length) expect(verifyInclusionSync(hash, m, size, proof, tree.root, nodeSha256)).toBe(false);
        }
        expect(verifyInclusionSync(hash, m, n * 2, proof, tree.root, nodeSha256)).toBe(false);
        expect(verifyInclusionSync(hash, m, n, [...proof, tree.root], tree.root, nodeSha256)).toBe(false);
        if (proof.length > 0) expect(verifyInclusionSync(hash, m, n, proof.slice(0, -1), tree.root, nodeSha256)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('answers false, never throws, for malformed verification input', async () => {
    const tree = MerkleTree.buildSync(leavesOf(5), nodeSha256);
    const hash = tree.leafHash(1);
    const proof = tree.inclusionProof(1);
    expect(await verifyInclusion(hash, 5, 5, proof, tree.root)).toBe(false);
    expect(await verifyInclusion(hash, -1, 5, proof, tree.root)).toBe(false);
    expect(await verifyInclusion(hash, 1.5, 5, proof, tree.root)).toBe(false);
    expect(await verifyInclusion(hash, 0, 0, [], tree.root)).toBe(false);
    expect(await verifyInclusion(hash.subarray(0, 31), 1, 5, proof, tree.root)).toBe(false);
    expect(await verifyInclusion(hash, 1, 5, [new Uint8Array(3), ...proof.slice(1)], tree.root)).toBe(false);
    expect(await verifyInclusion(hash, 1, 5, 'not a proof' as unknown as Uint8Array[], tree.root)).toBe(false);
  });

  it('never proves a leaf at or past the tree size, even with a path that hashes to the root', () => {
    // A one-leaf tree's root is its leaf hash and its path is empty: "leaf 1 of 1" must still fail.
    const one = MerkleTree.buildSync(leavesOf(1), nodeSha256);
    expect(verifyInclusionSync(one.leafHash(0), 0, 1, [], one.root, nodeSha256)).toBe(true);
    expect(verifyInclusionSync(one.leafHash(0), 1, 1, [], one.root, nodeSha256)).toBe(false);
    for (let n = 1; n <= 64; n++) {
      const tree = MerkleTree.buildSync(leavesOf(n), nodeSha256);
      const last = tree.leafHash(n - 1);
      const path = tree.inclusionProof(n - 1);
      for (const index of [n, n + 1, 2 * n]) expect(verifyInclusionSync(last, index, n, path, tree.root, nodeSha256)).toBe(false);
    }
  });

  it('refuses a proof for a leaf outside the tree with a stable code', () => {
    const tree = MerkleTree.buildSync(leavesOf(3), nodeSha256);
    expect(() => tree.inclusionProof(3)).toThrow(expect.objectContaining({ code: 'MERKLE_INDEX_OUT_OF_RANGE' }));
    expect(() => MerkleTree.buildSync([], nodeSha256).inclusionProof(0)).toThrow(expect.objectContaining({ code: 'MERKLE_INDEX_OUT_OF_RANGE' }));
  });

  it('refuses a hash port that does not return 32 bytes', () => {
    expect(() => MerkleTree.buildSync(leavesOf(2), { sha256: () => new Uint8Array(20) })).toThrow(
      expect.objectContaining({ code: 'MERKLE_HASH_PORT_INVALID' }),
    );
  });

  it('builds a 100k-record batch with 2n−1 hashes and all its proofs without hashing again', () => {
    const n = 100_000;
    const leaves = leavesOf(n);
    let hashes = 0;
    const counting: SyncSha256Port = { sha256: (d) => (hashes++, nodeSha256.sha256(d)) };
    const started = performance.now();
    const tree = MerkleTree.buildSync(leaves, counting);
    expect(hashes).toBe(2 * n - 1); // n leaves + n − 1 interior nodes: nothing hashed twice
    let total = 0;
    for (let i = 0; i < n; i++) total += tree.inclusionProof(i).length;
    expect(hashes).toBe(2 * n - 1); // audit paths are look-ups in the kept levels
    expect(total).toBeGreaterThan(n * 16);
    expect(total).toBeLessThanOrEqual(n * 17); // ⌈log2 100000⌉ = 17
    for (const i of [0, 4242, n - 1]) expect(verifyInclusionSync(tree.leafHash(i), i, n, tree.inclusionProof(i), tree.root, nodeSha256)).toBe(true);
    // About a second here; the bound only catches an accidental O(n²) on a busy 2-core machine.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
