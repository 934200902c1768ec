// The signing step's Merkle root is the RFC 9162 root of shared/merkle (what the platform and any
// verifier recompute), for every tree shape: sizes around powers of two, odd carries, empty.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merkleRoot } from '../../../electron/core/signing/merkleRoot.js';
import { MerkleTree, type SyncSha256Port } from '../../../shared/merkle/index.js';

const reference: SyncSha256Port = { sha256: (d) => new Uint8Array(createHash('sha256').update(d).digest()) };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('merkleRoot', () => {
  it('equals MerkleTree.buildSync for every size from 0 to 70 and around 1,024', () => {
    for (const n of [...Array.from({ length: 71 }, (_, i) => i), 1023, 1024, 1025]) {
      const leaves = Array.from({ length: n }, (_, i) => new Uint8Array([i & 255, i >> 8, 7]));
      expect(hex(merkleRoot(leaves)), `n = ${n}`).toBe(hex(MerkleTree.buildSync(leaves, reference).root));
    }
  });

  it('equals it for leaves of any length, longer than its buffer included', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 1500 }), { maxLength: 40 }), (leaves) => {
      expect(hex(merkleRoot(leaves))).toBe(hex(MerkleTree.buildSync(leaves, reference).root));
    }), { numRuns: 60 });
  });

  it('depends on the order of the leaves (RFC 9162 is not a set hash)', () => {
    const a = new Uint8Array([1]);
    const b = new Uint8Array([2]);
    expect(hex(merkleRoot([a, b]))).not.toBe(hex(merkleRoot([b, a])));
  });
});
