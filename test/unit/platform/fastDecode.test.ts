// The platform's hot-path decoding: the hand-written record and upload-body checks must accept
// exactly what their zod schemas accept, give the same object, and leave refusals to the schema;
// the one-tree proof check must say "valid" only when every proof passes RFC 9162 on its own.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../../shared/cbor/decodeCbor.js';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { SignedRecordSchema, parseSignedRecord, type SignedRecord } from '../../../shared/batch/signedRecord.js';
import { UploadBodySchema, decodeUploadBody, type UploadItem } from '../../../shared/batch/uploadBody.js';
import { isStationError } from '../../../shared/errors.js';
import { MerkleTree, leafHashSync, verifyInclusionSync, type SyncSha256Port } from '../../../shared/merkle/index.js';
import { allProofsValid } from '../../platform/batch/proofTree.js';
import { SAMPLE_SIGNED_RECORD } from './sampleSignedRecord.js';

const base: SignedRecord = SAMPLE_SIGNED_RECORD;

const odd: unknown[] = [undefined, null, '', 'x', 'x'.repeat(81), 'x'.repeat(501), 0, 1, 99, 100, 1.5, -1, 2 ** 60, 5n, true, [], {}, new Uint8Array(2), new Map()];

/** The record with one field (top level or person) removed or replaced by each odd value. */
function mutants(): unknown[] {
  const out: unknown[] = [base, { ...base, extra: 1 }, { ...base, person: { ...base.person, extra: 1 } }, new Map(Object.entries(base)), [base]];
  const withProto = { ...base };
  Object.defineProperty(withProto, '__proto__', { value: 1, enumerable: true });
  out.push(withProto, Object.assign(Object.create(null) as object, base));
  for (const key of Object.keys(base) as (keyof SignedRecord)[]) {
    const { [key]: _dropped, ...without } = base;
    out.push(without);
    for (const v of odd) out.push({ ...base, [key]: v });
  }
  for (const key of Object.keys(base.person) as (keyof SignedRecord['person'])[]) {
    const { [key]: _dropped, ...without } = base.person;
    out.push({ ...base, person: without });
    for (const v of [...odd, 'CMND', 'PASSPORT', 'F', 'X', 'VNM', 'V', 'nguyen', 'A<B', '2021', '2021-10', '2021-1-1', '1990-05-01x', 'x'.repeat(33)]) {
      out.push({ ...base, person: { ...base.person, [key]: v } });
    }
  }
  for (const v of ['2021-10', '2021-10-1', '2021-10-011', '२०२१-10-01']) out.push({ ...base, date: v });
  return out;
}

function outcome(run: () => unknown): { ok: true; json: string } | { ok: false; code: string } {
  try {
    return { ok: true, json: JSON.stringify(run()) };
  } catch (e) {
    return { ok: false, code: isStationError(e) ? e.code : String(e) };
  }
}

describe('parseSignedRecord fast path', () => {
  it('agrees with the schema on every mutant: same acceptance, same object (key order included), refusals coded', () => {
    const all = mutants();
    expect(all.length).toBeGreaterThan(400);
    let accepted = 0;
    for (const value of all) {
      const schema = SignedRecordSchema.safeParse(value);
      const got = outcome(() => parseSignedRecord(value));
      if (schema.success) {
        accepted++;
        expect(got).toEqual({ ok: true, json: JSON.stringify(schema.data) });
      } else {
        expect(got).toEqual({ ok: false, code: 'RECORD_FORMAT_INVALID' });
      }
    }
    expect(accepted).toBeGreaterThan(20);
  });

  it('agrees with the schema on records decoded from CBOR, optional fields present or not', () => {
    const { supersedes: _s, reason: _r, ...plain } = base;
    for (const value of [base, plain, { ...plain, person: { ...plain.person, phone: undefined } }]) {
      const decoded = decodeCbor(encodeCanonical(value));
      const schema = SignedRecordSchema.safeParse(decoded);
      expect(outcome(() => parseSignedRecord(decoded))).toEqual(schema.success ? { ok: true, json: JSON.stringify(schema.data) } : { ok: false, code: 'RECORD_FORMAT_INVALID' });
    }
  });
});

const b32 = (n: number) => new Uint8Array(32).fill(n);
const item: UploadItem = { record: new Uint8Array([1, 2, 3]), index: 0, proof: [b32(1), b32(2)] };

describe('decodeUploadBody fast path', () => {
  it('agrees with the schema on every mutant of the body and of an item', () => {
    const body = { manifest: new Uint8Array([9]), items: [item, { ...item, index: 1, proof: [] }] };
    const values: unknown[] = [body, { ...body, extra: 1 }, { manifest: body.manifest }, { ...body, items: [] }, { ...body, manifest: new Uint8Array(0) }];
    for (const v of odd) values.push({ ...body, manifest: v }, { ...body, items: v });
    for (const key of ['record', 'index', 'proof'] as const) {
      const { [key]: _dropped, ...without } = item;
      values.push({ ...body, items: [without] });
      for (const v of [...odd, new Uint8Array(65 * 1024), new Uint8Array(64 * 1024), [b32(0), new Uint8Array(31)], Array.from({ length: 65 }, () => b32(0))]) {
        values.push({ ...body, items: [item, { ...item, [key]: v }] });
      }
    }
    values.push({ ...body, items: [{ ...item, extra: 1 }] }, { ...body, items: [new Map(Object.entries(item))] });
    let accepted = 0;
    for (const value of values) {
      const bytes = encodeCanonical(value);
      const decodedValue = decodeCbor(bytes);
      const decodedSchema = UploadBodySchema.safeParse(decodedValue);
      const got = outcome(() => decodeUploadBody(bytes));
      if (decodedSchema.success) {
        accepted++;
        expect(got).toEqual({ ok: true, json: JSON.stringify(decodedSchema.data) });
      } else {
        expect(got).toEqual({ ok: false, code: 'UPLOAD_BODY_INVALID' });
      }
    }
    expect(accepted).toBeGreaterThan(5);
  });
});

const port: SyncSha256Port = { sha256: (d) => new Uint8Array(createHash('sha256').update(d).digest()) };

describe('allProofsValid (one tree for every proof)', () => {
  it('is true for honest proofs and, when any proof is altered, agrees with checking each proof on its own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 5 }), (n, pick, byte, how) => {
        const leaves = Array.from({ length: n }, (_, i) => new Uint8Array([i, i >> 8, 7]));
        const tree = MerkleTree.buildSync(leaves, port);
        const items: UploadItem[] = leaves.map((record, index) => ({ record, index, proof: tree.inclusionProof(index) }));
        expect(allProofsValid(n, tree.root, items)).toBe(true);
        const k = pick % n;
        const target = items[k]!;
        const changed: UploadItem = [
          { ...target, proof: target.proof.map((p, i) => (i === byte % Math.max(1, p.length) ? p.map((x, j) => (j === byte % 32 ? x ^ 1 : x)) : p)) },
          { ...target, proof: [...target.proof, b32(byte % 256)] },
          { ...target, proof: target.proof.slice(1) },
          { ...target, record: new Uint8Array([...target.record, 1]) },
          { ...target, index: (k + 1) % n },
          { ...target, proof: target.proof.map(() => tree.leafHash(k)) },
        ][how]!;
        const altered = items.map((it, i) => (i === k ? changed : it));
        const eachValid = altered.every((it) => verifyInclusionSync(leafHashSync(it.record, port), it.index, n, it.proof, tree.root, port))
          && new Set(altered.map((it) => it.index)).size === n;
        if (allProofsValid(n, tree.root, altered)) expect(eachValid).toBe(true);
        expect(allProofsValid(n, b32(0), items)).toBe(false);
        expect(allProofsValid(n + 1, tree.root, items)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
