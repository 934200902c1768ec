// The worker's half crosses to the core as ONE transferred buffer: records (ids, seqs, CBOR) and the
// half's Merkle nodes come back exactly, whatever the ids' characters and the records' sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packHalf, unpackHalf } from '../../../electron/core/signing/halfPacking.js';

describe('packHalf / unpackHalf', () => {
  it('gives back every record and node, the CBOR as views of the one buffer', () => {
    const record = fc.record({ id: fc.string({ unit: 'grapheme', maxLength: 40 }), seq: fc.integer({ min: 1, max: 2 ** 40 }), cbor: fc.uint8Array({ maxLength: 600 }) });
    fc.assert(fc.property(fc.array(record, { maxLength: 30 }), fc.integer({ min: 0, max: 5 }), (records, nodes) => {
      const level = Buffer.from(Array.from({ length: nodes * 32 }, (_, i) => (i * 7) & 255));
      const buffer = packHalf(records, level, nodes);
      const half = unpackHalf(buffer);
      expect(half.records.map((r) => ({ id: r.id, seq: r.seq, cbor: Array.from(r.cbor) }))).toEqual(records.map((r) => ({ id: r.id, seq: r.seq, cbor: Array.from(r.cbor) })));
      expect(half.nodes).toBe(nodes);
      expect(Buffer.compare(half.level, level)).toBe(0);
      for (const r of half.records) expect(r.cbor.buffer).toBe(buffer);
    }), { numRuns: 60 });
  });
});
