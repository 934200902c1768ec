// The outbox's schedule (DESIGN §6): strictly oldest first (a later batch never overtakes a
// waiting one), attempts and the next try stored on the batch so a restarted station resumes the
// backoff instead of hammering the platform, Retry-After honoured even by a forced run, and a
// run cancellable between batches without losing what was uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { nodeHttpPort, type HttpPort, type HttpRequest } from '../../../electron/core/sync/httpPort.js';
import { platformConfig } from '../../../electron/core/sync/platformClient.js';
import { syncService } from '../../../electron/core/sync/syncService.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { TEST_SYNC, openSyncWorld, type SyncWorld } from './syncWorld.js';

const busy = (retryAfter: string) => ({
  status: 503,
  headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
  body: new TextEncoder().encode(JSON.stringify({ code: 'PLATFORM_UNAVAILABLE', message: 'bận / busy' })),
});

/** The real network, recording each PUT, answering 503 while `refuse(req)` says so. */
function gate(refuse: (req: HttpRequest) => string | null) {
  const real = nodeHttpPort();
  const puts: string[] = [];
  const http: HttpPort = {
    async request(req) {
      if (req.method === 'PUT') puts.push(decodeURIComponent(req.url.split('/').pop()!));
      const retryAfter = refuse(req);
      return retryAfter !== null ? busy(retryAfter) : real.request(req);
    },
  };
  return { http, puts };
}

describe('the upload schedule', () => {
  let w: SyncWorld;
  const batches: string[] = [];
  beforeAll(async () => {
    w = await openSyncWorld({ records: 30, seed: 41 });
    for (let i = 0; i < 3; i++) batches.push(await w.sign(10));
  });
  afterAll(() => w.close());

  it('never lets a later batch overtake the oldest one while it waits for its retry', async () => {
    const { http, puts } = gate((req) => (req.method === 'PUT' && req.url.endsWith(batches[0]!) ? '0' : null));
    const sync = syncService(w.station.store, systemStorePorts('t'), memoryLogger(), { ...TEST_SYNC, http, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.5, maxInRunRetries: 0 });
    const r = await sync.run({ force: false });
    expect(r.uploadedBatches).toBe(0);
    expect(puts).toEqual([batches[0]]);
    expect(await w.held()).toHaveLength(0);
    const first = w.station.signing.batches.get(batches[0]!);
    expect(first).toMatchObject({ state: 'signed', attempts: 1, lastError: { code: 'PLATFORM_UNAVAILABLE' } });
    const wait = Date.parse(first.nextTryAt!) - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThanOrEqual(30_000);
  });

  it('after a restart the stored schedule holds; a run asked for by a person tries at once, in order', async () => {
    const { http, puts } = gate(() => null);
    const restarted = syncService(w.station.store, systemStorePorts('t'), memoryLogger(), { ...TEST_SYNC, http });
    const scheduled = await restarted.run({ force: false });
    expect(puts).toEqual([]);
    expect(scheduled.uploadedBatches).toBe(0);
    expect(scheduled.status).toMatchObject({ pendingBatches: 3 });
    expect(scheduled.status.nextTryAt).toBe(w.station.signing.batches.get(batches[0]!).nextTryAt);

    const now = await restarted.run({ force: true });
    expect(now.uploadedBatches).toBe(3);
    expect(puts).toEqual(batches);
    const held = await w.held();
    expect([...new Set(held.map((h) => h.batch))].sort()).toEqual([...batches].sort());
  });
});

describe('Retry-After and cancelling', () => {
  let w: SyncWorld;
  const batches: string[] = [];
  beforeAll(async () => {
    w = await openSyncWorld({ records: 20, seed: 42 });
    for (let i = 0; i < 4; i++) batches.push(await w.sign(5));
  });
  afterAll(() => w.close());

  it('waits out a Retry-After, even in a forced run, and remembers it across a restart', async () => {
    let refusals = 1;
    const { http, puts } = gate((req) => (req.method === 'PUT' && refusals-- > 0 ? '1' : null));
    const sync = syncService(w.station.store, systemStorePorts('t'), memoryLogger(), { ...TEST_SYNC, http, maxInRunRetries: 0 });
    await sync.run({ force: true });
    const until = w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'platform.retryAfterUntil'").get() as { value: string };
    expect(Date.parse(until.value) - Date.now()).toBeGreaterThan(500);

    const restarted = syncService(w.station.store, systemStorePorts('t'), memoryLogger(), { ...TEST_SYNC, http, maxInRunWaitMs: 0 });
    expect((await restarted.run({ force: true })).uploadedBatches).toBe(0);
    expect(puts).toHaveLength(1);

    const t0 = Date.now();
    const waited = syncService(w.station.store, systemStorePorts('t'), memoryLogger(), { ...TEST_SYNC, http });
    const controller = new AbortController();
    let seen = 0;
    const run = waited.run({
      force: true,
      signal: controller.signal,
      onProgress: (done, _t, step) => {
        if (step === 'upload' && done > 0 && ++seen === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'SYNC_CANCELLED', details: { uploadedBatches: 2 } });
    expect(Date.parse(until.value) - t0).toBeLessThanOrEqual(Date.now() - t0 + 50);
    expect(w.station.signing.batches.pending().count).toBe(2);
    expect(await w.held()).toHaveLength(10);
  });

  it('sync.run over RPC reports progress and is cancellable through tasks.cancel', async () => {
    const events: { done: number; total: number | null; message?: string }[] = [];
    w.client.on('progress', (p) => {
      events.push(p);
      if (p.message === 'upload' && p.done === 1) void w.client.call('tasks.cancel', { taskId: 'sync-rpc' });
    });
    const r = await w.client.call('sync.run', { taskId: 'sync-rpc' }).then(
      (v) => ({ ok: true, v }),
      (e: unknown) => ({ ok: false, e }),
    );
    // Cancelling lands between batches: either the last batches were already done, or it stopped.
    if (!r.ok) expect(r).toMatchObject({ e: { code: 'SYNC_CANCELLED' } });
    expect(events.some((e) => e.message === 'upload' && e.total === 2)).toBe(true);
    const rest = await w.client.call('sync.run', {});
    expect(rest.status.pendingBatches).toBe(0);
    expect(await w.held()).toHaveLength(20);
  });
});

describe('a Retry-After stored while the PC clock was far ahead', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await openSyncWorld({ records: 3, seed: 43 });
    await w.sign();
  });
  afterAll(() => w.close());

  const put = (name: string, value: string) => w.station.store.db.prepare(`INSERT INTO sync_state (name, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(name, value, new Date().toISOString());
  // As the station stores a Retry-After: the time, and the platform address that sent it.
  const setUntil = (at: Date, from = platformConfig(w.station.store.getSetting('platform.url'), 'k').url) => {
    put('platform.retryAfterUntil', at.toISOString());
    put('platform.retryAfterFrom', from);
  };
  const until = () => w.station.store.db.prepare("SELECT value FROM sync_state WHERE name = 'platform.retryAfterUntil'").get();

  it('is honoured up to the longest Retry-After we accept (24 h), and forgotten beyond it: the uploads go on', async () => {
    const at = new Date(Date.now() + 23 * 3600_000);
    setUntil(at);
    const waiting = await w.client.call('sync.run', {});
    expect(waiting).toMatchObject({ uploadedBatches: 0, deferred: true, status: { pendingBatches: 1 } });
    expect(until()).toBeDefined();
    // A "sync now" that sends nothing says why, and until when (Viet Nam time).
    const vn = new Date(at.getTime() + 7 * 3600_000).toISOString();
    const hhmm = vn.slice(11, 16);
    expect(waiting.status.lastError).toMatchObject({ code: 'PLATFORM_RETRY_AFTER' });
    expect(waiting.status.lastError!.message_en).toContain(hhmm);
    expect(waiting.status.lastError!.message_vi).toContain(hhmm);
    expect(waiting.status.lastError!.message_vi).not.toBe(waiting.status.lastError!.message_en);

    // The clock was a year ahead when the platform said "retry in a minute"; it has been corrected.
    setUntil(new Date(Date.now() + 365 * 86400_000 + 60_000));
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, accepted: 3, status: { pendingBatches: 0, lastError: null } });
    expect(until()).toBeUndefined();
    expect(await w.held()).toHaveLength(3);
  });

  it('binds only the address that sent it: after platform.url changes, the new address is asked at once', async () => {
    const more = await openSyncWorld({ records: 2, seed: 44 });
    try {
      await more.sign();
      // A day's Retry-After from another server (a wrong address the clinic typed, then fixed).
      setUntilOn(more, new Date(Date.now() + 23 * 3600_000), 'https://wrong.example.vn/');
      const r = await more.client.call('sync.run', {});
      expect(r).toMatchObject({ uploadedBatches: 1, accepted: 2, deferred: false, status: { pendingBatches: 0, lastError: null } });
      expect(await more.held()).toHaveLength(2);
    } finally {
      await more.close();
    }
  });
});

function setUntilOn(world: SyncWorld, at: Date, from: string) {
  const put = world.station.store.db.prepare(`INSERT INTO sync_state (name, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
  put.run('platform.retryAfterUntil', at.toISOString(), new Date().toISOString());
  put.run('platform.retryAfterFrom', from, new Date().toISOString());
}
