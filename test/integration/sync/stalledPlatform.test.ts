// A platform that takes the request and never answers (a stalled server, a dead proxy, a 3G link
// that dropped mid-reply) must not hold the person who pressed "sync now": Cancel drops the
// request in flight at once and counts no attempt; a request that lets its whole deadline pass
// ends the run instead of being retried in place (each retry would wait the deadline again).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

/** Answers the clock check; takes every other request and keeps it open until the test ends. */
function stallingPlatform() {
  const stalled: { req: IncomingMessage; res: ServerResponse; closedByClient: Promise<void> }[] = [];
  const puts: string[] = [];
  const waiting: ((n: number) => void)[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/v1/time') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ serverTime: new Date().toISOString() }));
      return;
    }
    req.resume();
    if (req.method === 'PUT') puts.push(req.url!);
    // 'close' on the response before it was written: the client dropped the exchange.
    const closedByClient = new Promise<void>((resolve) => res.once('close', () => resolve()));
    stalled.push({ req, res, closedByClient });
    for (const w of waiting.splice(0)) w(stalled.length);
  });
  return {
    server,
    stalled,
    puts,
    /** Resolves once a request is held open. */
    firstStalled: () => new Promise<void>((resolve) => (stalled.length > 0 ? resolve() : waiting.push(() => resolve()))),
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('Cancel while the platform holds the upload', () => {
  const DEADLINE_MS = 30_000;
  let w: SyncWorld;
  let platform: ReturnType<typeof stallingPlatform>;
  beforeAll(async () => {
    platform = stallingPlatform();
    const url = await platform.listen();
    w = await openSyncWorld({ records: 6, seed: 51, sync: { limits: { timeoutMs: DEADLINE_MS, maxReplyBytes: 1 << 20 }, maxInRunRetries: 4 } });
    w.station.store.setSetting('platform.url', url);
    await w.sign();
  });
  afterAll(async () => {
    await platform.close();
    await w.close();
  });

  it('ends the run at once: the request is dropped, no attempt is counted, the batch stays signed', async () => {
    const run = w.client.call('sync.run', { taskId: 'sync-stalled' }).then(
      () => null,
      (e: unknown) => e,
    );
    await platform.firstStalled();
    const cancelledAt = Date.now();
    await expect(w.client.call('tasks.cancel', { taskId: 'sync-stalled' })).resolves.toEqual({ cancelled: true });
    const error = await run;
    const tookMs = Date.now() - cancelledAt;
    expect(error).toMatchObject({ code: 'SYNC_CANCELLED', details: { uploadedBatches: 0 } });
    // Without the request being dropped the run would end only at the request deadline.
    expect(tookMs).toBeLessThan(DEADLINE_MS / 3);
    await platform.stalled[0]!.closedByClient;
    expect(platform.stalled[0]!.res.headersSent).toBe(false);

    const [batch] = (await w.client.call('batches.list', {})).items;
    expect(batch).toMatchObject({ state: 'signed', attempts: 0, lastError: null, nextTryAt: null });
    expect([...stationStates(w.station).values()].every((s) => s === 'signed')).toBe(true);
    expect((await w.client.call('sync.status', {})).lastError).toBeNull();
    expect(platform.puts).toHaveLength(1);
  });

  it('the next run sends the batch again, to a platform that answers', async () => {
    w.station.store.setSetting('platform.url', w.platform.url);
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, accepted: 6, status: { pendingBatches: 0, lastError: null } });
    expect(await w.held()).toHaveLength(6);
  });
});

describe('a request that lets its deadline pass', () => {
  let w: SyncWorld;
  let platform: ReturnType<typeof stallingPlatform>;
  beforeAll(async () => {
    platform = stallingPlatform();
    const url = await platform.listen();
    w = await openSyncWorld({
      records: 4, seed: 52,
      sync: { limits: { timeoutMs: 300, maxReplyBytes: 1 << 20 }, maxInRunRetries: 4, backoff: { baseMs: 10, capMs: 20 } },
    });
    w.station.store.setSetting('platform.url', url);
    await w.sign();
  });
  afterEach(() => {
    for (const s of platform.stalled) s.res.destroy();
  });
  afterAll(async () => {
    await platform.close();
    await w.close();
  });

  it('ends the run with PLATFORM_TIMEOUT after one try, the batch scheduled for later', async () => {
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 0, deferred: true, status: { pendingBatches: 1, lastError: { code: 'PLATFORM_TIMEOUT' } } });
    // Retried in place, each try would wait the whole deadline again.
    expect(platform.puts).toHaveLength(1);
    const [batch] = (await w.client.call('batches.list', {})).items;
    expect(batch).toMatchObject({ state: 'signed', attempts: 1, lastError: { code: 'PLATFORM_TIMEOUT' } });
    expect(batch!.nextTryAt).not.toBeNull();
  });
});
