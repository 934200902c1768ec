// A batch signed while the PC clock was two days ahead (DESIGN §6): its created time is in the
// platform's future, so the platform refuses it (BATCH_CREATED_IN_FUTURE) until that time comes.
// The outbox order is the signing order, not the PC clock's: the batches signed after the clock
// was fixed wait behind it, never overtake it (one of them may correct a record of it), and the
// user is told why and to fix the PC clock. Once the platform's time passes, all go, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

const DAY = 86400_000;

describe('a batch signed while the PC clock was two days ahead', () => {
  let w: SyncWorld;
  let stationAhead = 2 * DAY;
  let platformShift = 0;
  const puts: string[] = [];
  const signed: string[] = [];

  beforeAll(async () => {
    const real = nodeHttpPort();
    const http: HttpPort = {
      request(req) {
        if (req.method === 'PUT') puts.push(decodeURIComponent(req.url.split('/').pop()!));
        return real.request(req);
      },
      close: () => real.close?.(),
    };
    const base = systemStorePorts('user:test');
    w = await openSyncWorld({
      records: 6,
      seed: 81,
      ports: { ...base, now: () => new Date(Date.now() + stationAhead) },
      platform: { clock: () => new Date(Date.now() + platformShift) },
      sync: { http },
    });
  });
  afterAll(() => w.close());

  it('is kept and retried; while the clock is still ahead the error says by how much and to correct it', async () => {
    signed.push(await w.sign(3));
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 0, status: { pendingBatches: 1, lastError: { code: 'BATCH_CREATED_IN_FUTURE' } } });
    expect(r.status.clockWarning?.code).toBe('CLOCK_SKEW');
    expect(r.status.lastError!.message_en).toMatch(/still about 2 days ahead: correct the PC's date and time/);
    expect(r.status.lastError!.message_vi).toMatch(/chỉnh lại ngày giờ của máy tính/);
    expect(puts).toEqual([signed[0]]);
  });

  it('after the clock is fixed, a batch signed later waits behind it instead of overtaking it, and the error says when they go', async () => {
    stationAhead = 0;
    signed.push(await w.sign(3));
    const b1 = w.station.signing.batches.get(signed[0]!);
    const b2 = w.station.signing.batches.get(signed[1]!);
    expect(b2.createdAt < b1.createdAt).toBe(true);
    expect((await w.client.call('batches.list', {})).items.map((b) => b.id)).toEqual([signed[1], signed[0]]);

    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 0, status: { pendingBatches: 2, clockWarning: null, lastError: { code: 'BATCH_CREATED_IN_FUTURE' } } });
    expect(r.status.lastError!.message_en).toMatch(/PC clock was ahead when it was signed.*now right.*accepts this batch from about .*UTC\+7.*signed after it wait/);
    expect(puts).toEqual([signed[0], signed[0]]);
    expect(await w.held()).toHaveLength(0);
  });

  it('once the platform’s time reaches its date, it goes first and the later one after it', async () => {
    platformShift = 2 * DAY + 60_000;
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 2, status: { pendingBatches: 0, lastError: null } });
    expect(puts.slice(2)).toEqual(signed);
    expect(await w.held()).toHaveLength(6);
  });
});

describe('a batch signed while the PC clock was thirty days ahead, given up once the clock is right', () => {
  let w: SyncWorld;
  let stationAhead = 30 * DAY;

  beforeAll(async () => {
    const base = systemStorePorts('user:test');
    w = await openSyncWorld({ records: 6, seed: 82, ports: { ...base, now: () => new Date(Date.now() + stationAhead) } });
  });
  afterAll(() => w.close());

  it('puts its records back to be signed now; the batch signed after it no longer waits a month', async () => {
    const ahead = await w.sign(3);
    stationAhead = 0;
    const later = await w.sign(3);
    const first = await w.client.call('sync.run', {});
    expect(first).toMatchObject({ uploadedBatches: 0, status: { pendingBatches: 2, lastError: { code: 'BATCH_CREATED_IN_FUTURE' } } });
    expect(first.status.lastError!.message_en).toContain("put this batch's records back in the signing queue");
    // A batch that is simply waiting for its retry is not refused: it cannot be given up.
    const waiting = await w.client.call('batches.requeue', { id: later }).catch((e: unknown) => e);
    expect(waiting).toMatchObject({ code: 'BATCH_NOT_REFUSED' });

    const r = await w.client.call('batches.requeue', { id: ahead });
    expect(r).toMatchObject({ refusal: { code: 'BATCH_CREATED_IN_FUTURE' }, requeued: 3, ready: 3, skippedCount: 0 });
    expect(w.station.signing.batches.get(ahead).state).toBe('failed');
    const again = await w.sign();
    expect(w.station.signing.batches.recordIds(again)).toHaveLength(3);
    const sent = await w.client.call('sync.run', {});
    expect(sent).toMatchObject({ uploadedBatches: 2, accepted: 6, status: { pendingBatches: 0, lastError: null } });
    const held = await w.held();
    expect(held.map((h) => h.batch).sort()).toEqual([again, again, again, later, later, later].sort());
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});
