// A record corrected after signing but before its batch's answer came (DESIGN §4, §6), which the
// platform then refuses — with its whole batch or on its own. It stays superseded, but the
// refusal is audited, so the correction's signed copy does not name a record the platform never
// held, and the correction reaches the platform instead of failing with SUPERSEDES_UNKNOWN.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { createFacilityCert } from '../platform/facilityFixture.js';
import { softwareSigner } from './softwareSigner.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

const json = (value: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(value)) });

/** The real platform, except that while `refuse` is set, each batch upload is answered (and not forwarded) with every record rejected. */
function refusingRecords() {
  const real = nodeHttpPort();
  const gate = { refuse: false, recordId: '' };
  const http: HttpPort = {
    async request(req) {
      if (!gate.refuse || req.method !== 'PUT') return real.request(req);
      const batch = decodeURIComponent(req.url.split('/').pop()!);
      return json({ batch, results: [{ recordId: gate.recordId, status: 'rejected', code: 'VACCINE_CODES_MISMATCH', message: 'mã EU sai / wrong EU codes' }], serverTime: new Date().toISOString() });
    },
    close: () => real.close?.(),
  };
  return Object.assign(gate, { http });
}

function history(w: SyncWorld, id: string) {
  return w.station.store.getRecord(id).history;
}

describe('a record corrected before its batch was answered, then refused by the platform', () => {
  let w: SyncWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('refused with its whole batch: the refusal is audited on the superseded record, and the correction is accepted', async () => {
    w = await openSyncWorld({ records: 2, seed: 61 });
    const store = w.station.store;
    const wrong = softwareSigner(await createFacilityCert(w.pki.ca, '0109876543'));
    const first = await w.sign(1, wrong);
    const [a] = w.station.signing.batches.recordIds(first);
    const fixed = store.correctRecord(a!, { dose: { lot: 'FIX01' } }, 'Sai số lô', { confirmWarnings: true }).record.id;

    const r1 = await w.client.call('sync.run', {});
    expect(r1).toMatchObject({ failedBatches: 1, rejected: 0 });
    expect(store.getRecord(a!).record.state).toBe('superseded');
    const refusal = history(w, a!).find((h) => h.action === 'record.platform_refused');
    expect(refusal?.details).toMatchObject({ batch: first, code: 'CERT_WRONG_FACILITY', state: 'superseded' });
    expect(history(w, a!).map((h) => h.action)).not.toContain('record.rejected');

    await w.sign();
    const r2 = await w.client.call('sync.run', {});
    expect(r2).toMatchObject({ uploadedBatches: 1, accepted: 2, rejected: 0 });
    const now = store.getRecord(fixed);
    expect(['accepted', 'issued']).toContain(now.record.state);
    expect(now.platform).toBeNull();
    const held = (await w.held()).map((h) => h.recordId);
    expect(held).toContain(fixed);
    expect(held).not.toContain(a);
    expect(store.verifyAudit().ok).toBe(true);
  });

  it('refused on its own: the same, and a second correction names the accepted one', async () => {
    const gate = refusingRecords();
    w = await openSyncWorld({ records: 1, seed: 62, sync: { http: gate.http } });
    const store = w.station.store;
    const first = await w.sign();
    const [a] = w.station.signing.batches.recordIds(first);
    const fixed = store.correctRecord(a!, { dose: { lot: 'FIX01' } }, 'Sai số lô', { confirmWarnings: true }).record.id;

    gate.refuse = true;
    gate.recordId = a!;
    const r1 = await w.client.call('sync.run', {});
    gate.refuse = false;
    expect(r1).toMatchObject({ uploadedBatches: 1, accepted: 0, rejected: 0 });
    expect(w.station.signing.batches.get(first).state).toBe('submitted');
    expect(store.getRecord(a!).record.state).toBe('superseded');
    expect(history(w, a!).find((h) => h.action === 'record.platform_refused')?.details).toMatchObject({ batch: first, code: 'VACCINE_CODES_MISMATCH' });

    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ uploadedBatches: 1, accepted: 1, rejected: 0 });
    expect(['accepted', 'issued']).toContain(store.getRecord(fixed).record.state);

    // The platform holds the first correction: the next one supersedes it there.
    const again = store.correctRecord(fixed, { dose: { lot: 'FIX02' } }, 'Sai số lô lần nữa', { confirmWarnings: true }).record.id;
    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ uploadedBatches: 1, accepted: 1, rejected: 0 });
    expect(['accepted', 'issued']).toContain(store.getRecord(again).record.state);
    expect(new Set((await w.held()).map((h) => h.recordId))).toEqual(new Set([fixed, again]));
    expect(store.verifyAudit().ok).toBe(true);
  });
});
