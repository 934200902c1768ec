// The platform reads upload bodies and signed records in place (shared/batch/scanUploadBody.ts,
// readSignedRecord.ts). Whatever bytes come in, the answer must be the general decoder's: the same
// items and record when accepted, the same error code when refused — checked on honest bytes and on
// every truncation and many single-byte changes of them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSignedRecord } from '../../../shared/batch/readSignedRecord.js';
import { scanUploadBody } from '../../../shared/batch/scanUploadBody.js';
import { parseSignedRecord, type SignedRecord } from '../../../shared/batch/signedRecord.js';
import { UploadBodySchema, decodeUploadBody, writeUploadBody } from '../../../shared/batch/uploadBody.js';
import { decodeCbor } from '../../../shared/cbor/decodeCbor.js';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { isStationError } from '../../../shared/errors.js';
import { SAMPLE_SIGNED_RECORD } from './sampleSignedRecord.js';

const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());

const base: SignedRecord = SAMPLE_SIGNED_RECORD;
const { supersedes: _s, reason: _r, ...plain } = base;
const { phone: _p, ...noPhone } = base.person;

function outcome(run: () => unknown): string {
  try {
    return `ok ${JSON.stringify(run())}`;
  } catch (e) {
    return `error ${isStationError(e) ? e.code : String(e)}`;
  }
}

/** The bytes cut at every length, and each byte at `step` positions replaced by a few values. */
function variants(bytes: Uint8Array, step: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let n = 0; n < bytes.length; n++) out.push(bytes.slice(0, n));
  out.push(Uint8Array.of(...bytes, 0));
  for (let i = 0; i < bytes.length; i += step) {
    for (const v of [0x00, 0x01, 0x18, 0x20, 0x40, 0x5f, 0x60, 0x61, 0x7f, 0x80, 0xa0, 0xbf, 0xc2, 0xf6, 0xff, bytes[i]! ^ 1, bytes[i]! + 1]) {
      const changed = bytes.slice();
      changed[i] = v & 0xff;
      out.push(changed);
    }
  }
  return out;
}

describe('decodeSignedRecord (records read in place)', () => {
  const general = (b: Uint8Array) => outcome(() => parseSignedRecord(decodeCbor(b)));

  it('gives the general decoder’s record for records with and without optional fields', () => {
    for (const r of [base, plain, { ...plain, person: noPhone }, { ...plain, person: { ...base.person, phone: '' } }, { ...base, reason: '' }]) {
      const bytes = encodeCanonical(r);
      expect(outcome(() => decodeSignedRecord(bytes))).toBe(general(bytes));
      expect(outcome(() => decodeSignedRecord(bytes))).toBe(`ok ${JSON.stringify(parseSignedRecord(r))}`);
    }
  });

  it('agrees with the general decoder on every truncation and single-byte change, refusal codes included', () => {
    const bytes = encodeCanonical(base);
    let accepted = 0;
    let refused = 0;
    for (const b of variants(bytes, 1)) {
      const want = general(b);
      expect(outcome(() => decodeSignedRecord(b))).toBe(want);
      if (want.startsWith('ok')) accepted++;
      else refused++;
    }
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(1000);
  });

  it('takes a record in another key order or with a repeated key to the general decoder (same answer)', () => {
    const good = encodeCanonical({ v: 1 });
    // {"v": 1, "v": 1}: a repeat is CBOR_INVALID; {"id": ..., "v": 1}: not ascending, still a map.
    const repeated = Uint8Array.of(0xa2, ...good.subarray(1), ...good.subarray(1));
    const reordered = Uint8Array.of(0xa2, ...encodeCanonical('id').slice(), ...encodeCanonical('x'), ...good.subarray(1));
    for (const b of [repeated, reordered]) expect(outcome(() => decodeSignedRecord(b))).toBe(general(b));
    expect(general(repeated)).toBe('error CBOR_INVALID');
  });
});

describe('scanUploadBody (bodies read in place)', () => {
  const records = [encodeCanonical(base), encodeCanonical(plain), Uint8Array.of(1, 2, 3)];
  const manifest = Uint8Array.of(0x84, 1, 2, 3);
  const general = (b: Uint8Array) => {
    const parsed = (() => {
      try {
        return UploadBodySchema.safeParse(decodeCbor(b));
      } catch {
        return null;
      }
    })();
    return parsed?.success ? `ok ${JSON.stringify(parsed.data)}` : 'refused';
  };

  it('reads what writeUploadBody writes, as the general decoder and schema do, at several sizes', () => {
    for (const n of [1, 2, 3, 7, 33]) {
      const items = Array.from({ length: n }, (_, index) => ({ index, record: records[index % 3]!, proof: null }));
      const bytes = writeUploadBody(manifest, items, sha256);
      const scanned = scanUploadBody(bytes);
      expect(scanned).not.toBeNull();
      expect(`ok ${JSON.stringify(scanned)}`).toBe(general(bytes));
      expect(outcome(() => decodeUploadBody(bytes))).toBe(general(bytes));
      // A Node Buffer in, plain Uint8Array views out (as the general decoder's copies are).
      expect(scanUploadBody(Buffer.from(bytes))!.items[0]!.record.constructor).toBe(Uint8Array);
    }
  });

  it('accepts a truncated or changed body only when the general path gives the same items', () => {
    const items = Array.from({ length: 3 }, (_, index) => ({ index, record: records[2]!, proof: null }));
    const bytes = writeUploadBody(manifest, items, sha256);
    let scanned = 0;
    for (const b of variants(bytes, 1)) {
      const got = scanUploadBody(b);
      if (got !== null) {
        scanned++;
        expect(`ok ${JSON.stringify(got)}`).toBe(general(b));
      }
      expect(outcome(() => decodeUploadBody(b)).startsWith('ok')).toBe(general(b) !== 'refused');
    }
    expect(scanned).toBeGreaterThan(100);
  });
});
