// writeUploadBody (the station's upload body writer): exactly the bytes encodeUploadBody gives
// for the same items with MerkleTree's audit paths (with the station's allocation-free digest too),
// stored paths kept as stored.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeUploadBody, encodeUploadBody, writeUploadBody } from '../../../shared/batch/uploadBody.js';
import { auditPath, merkleLevels } from '../../../shared/batch/merkleLevels.js';
import { MerkleTree } from '../../../shared/merkle/index.js';
import { sha256Into } from '../../../electron/core/signing/merkleRoot.js';

const sha256 = (b: Uint8Array): Uint8Array => hash('sha256', b, 'buffer');
const port = { sha256: (b: Uint8Array) => new Uint8Array(sha256(b)) };

/** n records of varied lengths (a few past 23 and 255 bytes, for every head width). */
function records(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => Uint8Array.from({ length: 1 + ((i * 37) % 300) }, (_, k) => (i * 7 + k) & 0xff));
}

describe('writeUploadBody', () => {
  const manifest = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);

  it.each([1, 2, 3, 5, 8, 13, 64, 1000])('%i items, paths derived: the bytes encodeUploadBody gives with MerkleTree paths', (n) => {
    const recs = records(n);
    const tree = MerkleTree.buildSync(recs, port);
    const expected = encodeUploadBody({ manifest, items: recs.map((record, index) => ({ record, index, proof: tree.inclusionProof(index) })) });
    const got = writeUploadBody(manifest, recs.map((record, index) => ({ index, record, proof: null })), sha256);
    expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
    // The station's digest into the tree's levels (batchStore.uploadBody): the same bytes.
    expect(Buffer.from(writeUploadBody(manifest, recs.map((record, index) => ({ index, record, proof: null })), sha256, sha256Into)).equals(Buffer.from(expected))).toBe(true);
    expect(decodeUploadBody(got).items).toHaveLength(n);
    const levels = merkleLevels(recs, sha256);
    expect(Buffer.from(levels[levels.length - 1]!).equals(Buffer.from(tree.root))).toBe(true);
  });

  it('a stored path is sent as stored (even a wrong one), the others derived', () => {
    const recs = records(5);
    const tree = MerkleTree.buildSync(recs, port);
    const stored = [new Uint8Array(32).fill(9)];
    const expected = encodeUploadBody({ manifest, items: recs.map((record, index) => ({ record, index, proof: index === 2 ? stored : tree.inclusionProof(index) })) });
    const got = writeUploadBody(manifest, recs.map((record, index) => ({ index, record, proof: index === 2 ? stored : null })), sha256);
    expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
  });

  it('auditPath is MerkleTree.inclusionProof for every index of odd and even sizes', () => {
    for (const n of [1, 6, 7, 17]) {
      const recs = records(n);
      const tree = MerkleTree.buildSync(recs, port);
      const levels = merkleLevels(recs, sha256);
      for (let i = 0; i < n; i++) expect(auditPath(levels, n, i).map((p) => Buffer.from(p).toString('hex'))).toEqual(tree.inclusionProof(i).map((p) => Buffer.from(p).toString('hex')));
    }
  });
});
