// What the platform refuses (DESIGN §6, §9): a forged signature, a record changed after
// signing, a wrong proof, an untrusted, expired or other facility's certificate, a batch id
// reused with another root. The station marks each batch failed with the platform's code and
// message, rejects its records with that reason (through submitted), keeps uploading the good
// batches, and loses nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { craftBatch, type Flaw } from './craftBatch.js';
import { softwareSigner } from './softwareSigner.js';
import { FACILITY, TEST_SYNC, openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

const DAY = 86400_000;

describe('whole-batch refusals', () => {
  let w: SyncWorld;
  const expected = new Map<string, string>();
  const good: string[] = [];

  beforeAll(async () => {
    w = await openSyncWorld({ records: 80, seed: 11 });
    const otherCa = await createTestCa('Untrusted CA');
    const signers = {
      CERT_UNTRUSTED: softwareSigner(await createFacilityCert(otherCa, FACILITY.taxCode)),
      CERT_EXPIRED: softwareSigner(await createFacilityCert(w.pki.ca, FACILITY.taxCode, { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 60 * DAY) })),
      CERT_WRONG_FACILITY: softwareSigner(await createFacilityCert(w.pki.ca, '0109876543')),
    };
    good.push(await w.sign(10));
    const flaws: [Flaw, string][] = [['forged-signature', 'BATCH_SIGNATURE_INVALID'], ['tampered-record', 'PROOF_INVALID'], ['swapped-leaves', 'PROOF_INVALID']];
    for (const [flaw, code] of flaws) expected.set(await craftBatch(w.station, w.pki.cert, { limit: 10, flaw }), code);
    for (const [code, signer] of Object.entries(signers)) expected.set(await w.sign(10, signer), code);
    good.push(await w.sign(10));
  });
  afterAll(() => w.close());

  it('fails each refused batch with the platform’s code and keeps uploading the good ones', async () => {
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 2, accepted: 20, rejected: 60 });
    expect(r.status.pendingBatches).toBe(0);
    const { items } = await w.client.call('batches.list', {});
    for (const b of items) {
      if (good.includes(b.id)) {
        expect(b).toMatchObject({ state: 'submitted', lastError: null });
        continue;
      }
      expect(b.state, b.id).toBe('failed');
      expect(b.lastError?.code).toBe(expected.get(b.id));
      expect(b.lastError?.message_vi.length).toBeGreaterThan(0);
      expect(b.lastError?.message_en.length).toBeGreaterThan(0);
      // An expired certificate says which: signed after its end, so the token's certificate is to renew.
      if (b.lastError?.code === 'CERT_EXPIRED') {
        expect(b.lastError.message_en).toMatch(new RegExp(`^Batch ${b.id} was signed at .* after the certificate had ended \\(.*\\(UTC\\+7\\)\\)\\. Renew the certificate`));
        expect(b.lastError.message_vi).toMatch(/sau khi chứng thư số đã hết hạn/);
      }
    }
  });

  it('rejects the records of a refused batch with that reason, through submitted, and keeps them', async () => {
    for (const [batch, code] of expected) {
      for (const id of w.station.signing.batches.recordIds(batch)) {
        const d = w.station.store.getRecord(id);
        expect(d.record.state).toBe('rejected');
        expect(d.platform?.code).toBe(code);
        expect(d.platform?.message).toMatch(/ \/ /);
        // The batch's one refusal entry names each record, rejected through submitted.
        expect(d.history.at(-1)).toMatchObject({ action: 'batch.failed', entityId: batch, details: { code, from: 'signed', via: 'submitted', to: 'rejected', result: 'rejected' } });
      }
    }
    const held = await w.held();
    expect(held).toHaveLength(20);
    expect(held.every((h) => good.includes(h.batch))).toBe(true);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });

  it('a correction of an accepted record supersedes it on the platform: old certificate revoked and marked, new one issued', async () => {
    const issued = w.station.store.listRecords({ state: 'issued', limit: 1 }).items[0]!.record.id;
    const fixed = w.station.store.correctRecord(issued, { dose: { lot: 'FIXED01' } }, 'Sai số lô', { confirmWarnings: true });
    await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, accepted: 1, revoked: 1 });
    expect(w.station.store.getRecord(fixed.record.id).record.state).toBe('issued');
    expect(w.station.store.getRecord(issued).certificate?.revokedAt).not.toBeNull();
    const list = await w.client.call('certificates.list', { search: fixed.record.id, limit: 5 });
    expect(list.items).toMatchObject([{ recordId: fixed.record.id, revokedAt: null }]);
  });

  // The correction names the refused record locally; its signed copy names the nearest predecessor the platform holds (none here),
  // so the platform takes it as the first record of that dose.
  it('a correction of a refused record goes into a new batch that the platform accepts', async () => {
    const [batch] = [...expected.keys()];
    const rejected = w.station.signing.batches.recordIds(batch!)[0]!;
    const fixed = w.station.store.correctRecord(rejected, { dose: { lot: 'FIXED02' } }, 'Lô gửi lại sau khi bị từ chối', { confirmWarnings: true });
    expect(fixed.record.state).toBe('ready');
    expect(w.station.store.getRecord(rejected).record.state).toBe('superseded');
    await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r.uploadedBatches).toBe(1);
    const now = w.station.store.getRecord(fixed.record.id);
    expect(now.platform).toBeNull();
    expect(['accepted', 'issued']).toContain(now.record.state);
  });
});

describe('a batch id reused with another root', () => {
  let w: SyncWorld;
  let otherDir: string;
  beforeAll(async () => {
    w = await openSyncWorld({ records: 10, seed: 12 });
    otherDir = mkdtempSync(join(tmpdir(), 'station-other-'));
  });
  afterAll(async () => {
    rmSync(otherDir, { recursive: true, force: true });
    await w.close();
  });

  it('is refused with 409 BATCH_ID_REUSED; the first batch stays held, the second fails', async () => {
    const first = await w.sign();
    expect((await w.client.call('sync.run', {})).accepted).toBe(10);

    // A second station of the same facility (a restored backup, a cloned PC) reuses the id.
    const other = openStation({ dataDir: otherDir, sync: TEST_SYNC });
    try {
      for (const [k, v] of [['facility.code', FACILITY.code], ['facility.taxCode', FACILITY.taxCode], ['platform.url', w.platform.url], ['platform.key', FACILITY.apiKey]] as const) other.store.setSetting(k, v);
      other.store.createRecords(generateRecords(5, { seed: 99, facilityCode: FACILITY.code }), { source: 'import', confirmWarnings: true });
      await craftBatch(other, w.pki.cert, { limit: 5, flaw: 'none', batchId: first });
      const r = await other.dispatcher.handle({ id: 1, method: 'sync.run', params: {} }, { emit() {} });
      expect(r).toMatchObject({ ok: true, result: { uploadedBatches: 0, rejected: 5 } });
      expect(other.signing.batches.get(first)).toMatchObject({ state: 'failed', lastError: { code: 'BATCH_ID_REUSED' } });
      expect([...stationStates(other).values()]).toEqual(Array(5).fill('rejected'));
    } finally {
      await other.close();
    }
    const held = await w.held();
    expect(held).toHaveLength(10);
    expect(new Set(held.map((h) => h.batch))).toEqual(new Set([first]));
  });
});
