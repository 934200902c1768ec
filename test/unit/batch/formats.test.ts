import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../../shared/cbor/decodeCbor.js';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { decodeManifest, encodeManifest, type BatchManifest } from '../../../shared/batch/manifest.js';
import { parseSignedRecord, toSignedRecord } from '../../../shared/batch/signedRecord.js';
import { decodeUploadBody, encodeUploadBody } from '../../../shared/batch/uploadBody.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { StationError } from '../../../shared/errors.js';

const person: Person = {
  id: 'p1', idType: 'CCCD', idNumber: '079190001234', fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An',
  fnt: 'NGUYEN', gnt: 'VAN<AN', dob: '1990-05-01', sex: 'M', nationality: 'VN', phone: null, identityStatus: 'unverified', identityCheckedAt: null,
};
const record: DoseRecord = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', personId: 'p1', vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 2, vaccinationDate: '2021-10-01',
  facilityCode: '79001', createdAt: '', updatedAt: '', state: 'ready', findings: [], supersedes: null, supersedeReason: null,
};
const codes = { mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: '1119349007' };

describe('signed record', () => {
  it('round-trips through deterministic CBOR and leaves absent optionals out', () => {
    const signed = toSignedRecord(person, record, codes);
    expect(signed).not.toHaveProperty('supersedes');
    expect(signed.person).not.toHaveProperty('phone');
    const bytes = encodeCanonical(signed);
    expect(parseSignedRecord(decodeCbor(bytes))).toEqual(signed);
    // Deterministic: the same record always gives the same bytes (the Merkle leaf depends on it).
    expect(encodeCanonical(toSignedRecord(person, record, codes))).toEqual(bytes);
  });

  it('carries a correction and refuses a malformed record with a bilingual code', () => {
    const corrected = toSignedRecord({ ...person, phone: '0901234567' }, { ...record, supersedes: 'old', supersedeReason: 'sai số lô' }, codes);
    expect(corrected).toMatchObject({ supersedes: 'old', reason: 'sai số lô', person: { phone: '0901234567' } });
    for (const bad of [{}, { ...corrected, dose: 0 }, { ...corrected, person: { ...corrected.person, fnt: 'nguyen' } }, { ...corrected, extra: 1 }]) {
      const err = (() => { try { parseSignedRecord(bad); } catch (e) { return e; } })();
      expect(err).toBeInstanceOf(StationError);
      expect((err as StationError).code).toBe('RECORD_FORMAT_INVALID');
    }
  });
});

describe('manifest and upload body', () => {
  const manifest: BatchManifest = { v: 1, batch: 'b-1', facility: '79001', station: 's-1', count: 2, root: new Uint8Array(32).fill(7), created: 1_700_000_000 };

  it('manifest round-trips and rejects a wrong root length', () => {
    expect(decodeManifest(encodeManifest(manifest))).toEqual(manifest);
    expect(() => decodeManifest(encodeCanonical({ ...manifest, root: new Uint8Array(31) }))).toThrow(StationError);
  });

  it('upload body round-trips for any items', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ record: fc.uint8Array({ minLength: 1, maxLength: 64 }), index: fc.nat(), proof: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 5 }) }), { minLength: 1, maxLength: 10 }),
        (items) => {
          const body = { manifest: new Uint8Array([1, 2, 3]), items };
          expect(decodeUploadBody(encodeUploadBody(body))).toEqual(body);
        },
      ),
    );
  });

  it('refuses garbage and wrong shapes with specific codes, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeUploadBody(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(StationError);
          expect(['CBOR_INVALID', 'UPLOAD_BODY_INVALID']).toContain((e as StationError).code);
        }
      }),
    );
    expect(() => decodeUploadBody(encodeCanonical({ manifest: new Uint8Array(1), items: [] }))).toThrow(/Upload body/);
  });
});
