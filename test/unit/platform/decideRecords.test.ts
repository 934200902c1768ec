// The per-record answers of an upload, decided against what the platform already holds (a real
// SQLite store in a temp dir): the cases a sync client must handle besides plain acceptance.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { decideRecords, type Decisions } from '../../platform/batch/decideRecords.js';
import type { CheckedItem } from '../../platform/batch/verifyUpload.js';
import { PlatformStore } from '../../platform/platformStore.js';
import { AN, HAN, doseRecord } from '../../integration/platform/facilityFixture.js';

const TODAY = '2026-01-15';
const NOW = '2026-01-15T03:00:00.000Z';
let dir: string;
let store: PlatformStore;
let seq = 0;

function items(records: SignedRecord[]): CheckedItem[] {
  return records.map((record, index) => ({ index, bytes: encodeCanonical(record), record }));
}

/** Decides and commits, as the batch service does (without certificates). */
function upload(facility: string, records: SignedRecord[]): Decisions {
  const batchId = `b${++seq}`;
  const d = decideRecords(store, facility, batchId, items(records), TODAY, NOW);
  store.commitBatch({
    batch: { id: batchId, facility, root: new Uint8Array(32), manifest: new Uint8Array(1), created: 0, receivedAt: NOW, reply: '{}' },
    accepted: d.accepted,
    superseded: d.superseded,
    revoked: [],
    issuance: [],
  });
  return d;
}

const codes = (d: Decisions) => d.results.map((r) => (r.status === 'rejected' ? r.code : r.status === 'duplicate' ? `duplicate:${r.existingId}` : r.status));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'platform-decide-'));
  store = PlatformStore.open(dir);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('decideRecords', () => {
  it('holds a record re-sent in another batch once: same bytes → accepted again, other bytes → RECORD_ID_REUSED', () => {
    const r = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' });
    expect(codes(upload('F1', [r]))).toEqual(['accepted']);
    const again = upload('F1', [r]);
    expect(codes(again)).toEqual(['accepted']);
    expect(again.accepted).toEqual([]);
    expect(codes(upload('F1', [{ ...r, lot: 'ZZ999' }]))).toEqual(['RECORD_ID_REUSED']);
    expect(store.listRecords(null)).toHaveLength(1);
  });

  it('answers duplicate for the same dose under a new id, within one batch too', () => {
    const a = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' });
    const b = doseRecord(AN, { facility: 'F2', doseNumber: 1, date: '2021-08-01' });
    const c = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' });
    expect(codes(upload('F1', [a, c]))).toEqual(['accepted', `duplicate:${a.id}`]);
    // Another facility's record of the same dose: the platform knows it, the station did not.
    expect(codes(upload('F2', [b]))).toEqual([`duplicate:${a.id}`]);
  });

  it('rejects the same dose number on another date with the station rule DOSE_DUPLICATE_NUMBER', () => {
    upload('F1', [doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' })]);
    expect(codes(upload('F2', [doseRecord(AN, { facility: 'F2', doseNumber: 1, date: '2021-08-05' })]))).toEqual(['DOSE_DUPLICATE_NUMBER']);
  });

  it('rejects a record of another facility than the batch, and EU codes that are not the catalog ones', () => {
    const other = doseRecord(AN, { facility: 'F2', doseNumber: 1, date: '2021-08-01' });
    const wuhan = { ...doseRecord(HAN, { facility: 'F1', doseNumber: 1, date: '2021-08-01', vaccine: 'VERO_CELL' }), mp: 'Inactivated-SARS-CoV-2-Vero-Cell' };
    expect(codes(upload('F1', [other, wuhan]))).toEqual(['RECORD_FACILITY_MISMATCH', 'VACCINE_CODES_MISMATCH']);
  });

  it('applies a correction: the old record is superseded, and it can be corrected only once, by its own facility', () => {
    const old = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' });
    upload('F1', [old]);
    // Same dose number, other date: not a duplicate, because it replaces the old record.
    const fix = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-02', supersedes: old.id, reason: 'nhập sai ngày' });
    expect(codes(upload('F1', [fix]))).toEqual(['accepted']);
    expect(store.getRecord(old.id)?.supersededBy).toBe(fix.id);
    const second = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-03', supersedes: old.id });
    const foreign = doseRecord(AN, { facility: 'F2', doseNumber: 1, date: '2021-08-03', supersedes: fix.id });
    const unknown = doseRecord(HAN, { facility: 'F1', doseNumber: 1, date: '2021-08-03', supersedes: 'no-such-record' });
    expect(codes(upload('F1', [second, unknown]))).toEqual(['SUPERSEDES_ALREADY_SUPERSEDED', 'SUPERSEDES_UNKNOWN']);
    expect(codes(upload('F2', [foreign]))).toEqual(['SUPERSEDES_OTHER_FACILITY']);
  });

  it('runs the station validation with doses from every facility (interval warnings do not reject)', () => {
    upload('F1', [doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' })]);
    // 10 days after dose 1 of Pfizer (minimum 21): a warning the facility confirmed, not an error.
    expect(codes(upload('F2', [doseRecord(AN, { facility: 'F2', doseNumber: 2, date: '2021-08-11' })]))).toEqual(['accepted']);
    expect(codes(upload('F1', [doseRecord(HAN, { facility: 'F1', doseNumber: 1, date: '2026-01-16' })]))).toEqual(['VACCINATION_DATE_FUTURE']);
  });

  it('validates each record\'s own person: a person seen earlier in the upload with other fields gets its own findings', () => {
    const first = doseRecord(AN, { facility: 'F1', doseNumber: 1, date: '2021-08-01' });
    // Same id number, a transliteration that is not A–Z: the person's findings cannot be the first record's.
    const future = doseRecord({ ...AN, fnt: 'nguyen' }, { facility: 'F1', doseNumber: 2, date: '2021-09-01' });
    const again = doseRecord(AN, { facility: 'F1', doseNumber: 2, date: '2021-09-02' });
    expect(codes(upload('F1', [first, future, again]))).toEqual(['accepted', 'NAME_TRANSLITERATION_INVALID', 'accepted']);
  });
});
