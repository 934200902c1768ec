// A platform reply is untrusted input (DESIGN §9): garbage, a wrong schema, an HTML error page,
// a huge body, no answer at all — each becomes a coded bilingual error in sync.status and the
// batch's lastError, nothing is written from it, and the batch is simply tried again. A reply
// lost or mangled after the platform committed is recovered by the retry (the platform sends
// its stored reply), so each record is held once. 401 asks for the API key and fails nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpPort, type HttpPort, type HttpRequest, type HttpResponse } from '../../../electron/core/sync/httpPort.js';
import { RpcError } from '../../../shared/rpc/client.js';
import { FACILITY, openSyncWorld, stationStates, type SyncWorld } from './syncWorld.js';

type Mode = 'garbage' | 'schema' | 'html' | 'huge' | 'silent' | 'gateway' | 'verbose';
const MODES: Record<Exclude<Mode, 'silent'>, (res: import('node:http').ServerResponse) => void> = {
  garbage: (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"batch": "x", "results": [{"recordId'),
  schema: (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, accepted: 'all' })),
  html: (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Wi-Fi login</title><form>Đăng nhập</form>'),
  huge: (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1 << 16, 0x20);
    let sent = 0;
    const more = () => {
      while (sent < 64 << 20 && res.write(chunk)) sent += chunk.length;
      if (sent < 64 << 20) res.once('drain', more);
      else res.end();
    };
    res.on('close', () => (sent = Infinity));
    more();
  },
  gateway: (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>'),
  // The platform's own error body, but a 100,000-character code and a 300,000-character message in one language.
  verbose: (res) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ code: `BUSY${'Y'.repeat(100_000)}`, message: 'quá tải '.repeat(37_500) })),
};

describe('a hostile or broken platform', () => {
  let w: SyncWorld;
  let server: Server;
  let mode: Mode = 'garbage';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (mode !== 'silent') MODES[mode](res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    w = await openSyncWorld({ records: 8, seed: 21, sync: { limits: { timeoutMs: 400, maxReplyBytes: 1 << 20 }, maxInRunRetries: 1 } });
    w.station.store.setSetting('platform.url', `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await w.sign();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await w.close();
  });

  const cases: [Mode, string][] = [
    ['garbage', 'PLATFORM_REPLY_INVALID'], ['schema', 'PLATFORM_REPLY_INVALID'], ['html', 'PLATFORM_REPLY_INVALID'],
    ['huge', 'PLATFORM_REPLY_TOO_LARGE'], ['silent', 'PLATFORM_TIMEOUT'], ['gateway', 'PLATFORM_UNAVAILABLE'],
    ['verbose', `BUSY${'Y'.repeat(60)}…`],
  ];
  it.each(cases)('%s reply → %s, nothing written, the batch kept for a retry', async (m, code) => {
    mode = m;
    const before = w.station.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 0, accepted: 0, certificates: 0, status: { pendingBatches: 1, lastError: { code } } });
    expect(r.status.lastError!.message_vi).not.toBe(r.status.lastError!.message_en);
    // What the platform says is kept within bounds, however much it says.
    expect(r.status.lastError!.message_vi.length).toBeLessThan(700);
    expect(r.status.lastError!.message_en.length).toBeLessThan(700);
    const [batch] = (await w.client.call('batches.list', {})).items;
    expect(batch).toMatchObject({ state: 'signed', lastError: { code } });
    expect(batch!.attempts).toBeGreaterThan(0);
    expect(batch!.nextTryAt).not.toBeNull();
    expect([...stationStates(w.station).values()].every((s) => s === 'signed')).toBe(true);
    const after = w.station.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    expect(after.n).toBe(before.n);
    expect((w.station.store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n).toBe(0);
  });
});

/** The real platform behind a port that spoils chosen replies after the platform processed them. */
function spoiling(real: HttpPort, spoil: (req: HttpRequest, res: HttpResponse) => HttpResponse | 'drop' | null): HttpPort {
  return {
    async request(req) {
      const res = await real.request(req);
      const s = spoil(req, res);
      if (s === 'drop') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return s ?? res;
    },
  };
}

describe('replies lost or mangled after the platform committed', () => {
  let w: SyncWorld;
  let spoilPut: 'drop' | 'garbage' | null = 'drop';
  beforeAll(async () => {
    const real = nodeHttpPort();
    w = await openSyncWorld({
      records: 30, seed: 22,
      sync: {
        maxInRunRetries: 0,
        http: spoiling(real, (req, res) => {
          if (req.method !== 'PUT' || spoilPut === null) return null;
          return spoilPut === 'drop' ? 'drop' : { ...res, body: new TextEncoder().encode('{"batch":') };
        }),
      },
    });
    await w.sign(15);
    await w.sign(15);
  });
  afterAll(() => w.close());

  it('a lost reply leaves the batch signed; the retry gets the stored reply; each record held once', async () => {
    const r1 = await w.client.call('sync.run', {});
    expect(r1).toMatchObject({ uploadedBatches: 0, status: { pendingBatches: 2 } });
    expect(r1.status.lastError?.code).toMatch(/PLATFORM_UNREACHABLE/);
    expect((await w.held()).length).toBe(15);
    // Certificates for the committed records may already come down; those records stay signed.
    expect(w.station.store.countByState().signed).toBe(30);

    spoilPut = 'garbage';
    const r2 = await w.client.call('sync.run', {});
    expect(r2.status.lastError?.code).toBe('PLATFORM_REPLY_INVALID');
    expect(w.station.store.countByState().signed).toBe(30);

    spoilPut = null;
    const r3 = await w.client.call('sync.run', {});
    expect(r3).toMatchObject({ uploadedBatches: 2, accepted: 30, status: { pendingBatches: 0, lastError: null } });
    const held = await w.held();
    expect(held).toHaveLength(30);
    expect(new Set(held.map((h) => h.recordId)).size).toBe(30);
    const counts = w.station.store.countByState();
    expect(counts.accepted + counts.issued).toBe(30);
    const certificates = (w.station.store.db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
    expect(counts.issued).toBe(certificates);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});

describe('the API key and the settings', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await openSyncWorld({ records: 5, seed: 23, configure: false });
    await w.sign();
  });
  afterAll(() => w.close());

  it('without a URL or key: SYNC_NOT_CONFIGURED naming what is missing', async () => {
    const e = await w.client.call('sync.run', {}).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RpcError);
    expect(e).toMatchObject({ code: 'SYNC_NOT_CONFIGURED', details: { missing: ['platform.url', 'platform.key'] } });
  });

  it('a wrong key: PLATFORM_AUTH_FAILED asking to check the key; the batch is not failed nor counted', async () => {
    w.station.store.setSetting('platform.url', w.platform.url);
    w.station.store.setSetting('platform.key', 'not-the-key');
    const e = await w.client.call('sync.run', {}).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'PLATFORM_AUTH_FAILED' });
    expect((e as RpcError).messageEn).toMatch(/check the API key/i);
    const [batch] = (await w.client.call('batches.list', {})).items;
    expect(batch).toMatchObject({ state: 'signed', attempts: 0, lastError: null });
    expect((await w.client.call('sync.status', {})).lastError?.code).toBe('PLATFORM_AUTH_FAILED');

    w.station.store.setSetting('platform.key', FACILITY.apiKey);
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ accepted: 5, status: { lastError: null } });
  });
});
