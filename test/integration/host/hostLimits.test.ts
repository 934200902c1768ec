// The browser host's socket limits (electron/host/hostLimits.ts): a local program that opens
// sockets and sends nothing, sends headers a line at a time, dribbles a body, or idles after a
// response is cut off; the connection cap refuses the surplus at once; and the real page's RPC
// socket lives on through all of it. The limits are shortened here so the test takes seconds; the
// mechanism is the one the station runs with its defaults.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RpcClient, type RpcTransport } from '../../../shared/rpc/client.js';
import { RPC_SUBPROTOCOL } from '../../../electron/host/hostSecret.js';
import { DEFAULT_HOST_LIMITS, type HostLimits } from '../../../electron/host/hostLimits.js';
import { MALFORMED_REQUEST_REFUSALS } from '../../../electron/host/hostRefusals.js';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/startBrowserHost.js';
import { expectBilingual } from '../../fixtures/bilingual.js';

const LIMITS: HostLimits = { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, checkIntervalMs: 50, maxConnections: 8 };
/** Long after every limit has struck (a keep-alive close comes up to 1 s late: Node's buffer). */
const PAST_LIMITS_MS = 2_500;

let dir: string;
let host: BrowserHost;
let secret: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-limits-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>station</title>');
  host = await startBrowserHost({ dataDir: join(dir, 'data'), rendererDir: join(dir, 'renderer'), limits: LIMITS });
  secret = new URL(host.url).hash.replace(/^#secret=/, '');
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

interface RawSocket {
  socket: Socket;
  /** Milliseconds from connect to the server closing it; rejects if it stays open past `ms`. */
  closedWithin(ms: number): Promise<number>;
  received(): string;
}

function rawSocket(): Promise<RawSocket> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const socket = connect(host.port, '127.0.0.1');
    let data = '';
    let closedAt: number | null = null;
    socket.on('data', (d: Buffer) => (data += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => (closedAt = performance.now() - started));
    socket.once('connect', () =>
      done({
        socket,
        received: () => data,
        closedWithin: (ms) =>
          new Promise((ok, late) => {
            if (closedAt !== null) return ok(closedAt);
            const timer = setTimeout(() => {
              socket.destroy();
              late(new Error(`still open after ${ms} ms`));
            }, ms);
            socket.once('close', () => {
              clearTimeout(timer);
              ok(closedAt!);
            });
          }),
      }),
    );
    socket.once('error', fail);
  });
}

/** Writes `lines` one every `everyMs` while the socket is open. */
function dribble(s: RawSocket, lines: () => string, everyMs: number): void {
  const timer = setInterval(() => (s.socket.destroyed ? clearInterval(timer) : s.socket.write(lines())), everyMs);
  s.socket.once('close', () => clearInterval(timer));
}

async function rpcPage(): Promise<{ client: RpcClient; socket: WebSocket }> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, [RPC_SUBPROTOCOL, `secret.${secret}`], { origin: host.origin });
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  const transport: RpcTransport = {
    send: (m) => socket.send(JSON.stringify(m)),
    onMessage(receive) {
      const listener = (data: Buffer) => receive(JSON.parse(data.toString()));
      socket.on('message', listener);
      return () => socket.off('message', listener);
    },
    onClose: (closed) => socket.on('close', closed),
  };
  return { client: new RpcClient(transport), socket };
}

function getPage(): Promise<number> {
  return new Promise((done, fail) => {
    request({ host: '127.0.0.1', port: host.port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    })
      .on('error', fail)
      .end();
  });
}

describe('browser host: slow and idle sockets', () => {
  it('has deliberate defaults for a single-user station: seconds, not Node’s minutes, and a connection cap', () => {
    expect(DEFAULT_HOST_LIMITS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, checkIntervalMs: 1_000, maxConnections: 64 });
  });

  it('closes a socket that sends nothing, one that sends headers a line at a time, and a WebSocket upgrade that never finishes', async () => {
    const silent = await rawSocket();
    const slowHeaders = await rawSocket();
    slowHeaders.socket.write('GET / HTTP/1.1\r\n');
    dribble(slowHeaders, () => 'X-Slow: 1\r\n', 100);
    const slowUpgrade = await rawSocket();
    slowUpgrade.socket.write(`GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${host.origin}\r\n`);
    dribble(slowUpgrade, () => 'X-Slow: 1\r\n', 100);
    for (const s of [silent, slowHeaders, slowUpgrade]) {
      const ms = await s.closedWithin(PAST_LIMITS_MS);
      expect(ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    }
    expect(slowUpgrade.received()).not.toContain('101 Switching Protocols');
  });

  it('says why it cut off headers that never finished: 408 and a bilingual body, not Node’s bare status line', async () => {
    const s = await rawSocket();
    s.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`);
    await s.closedWithin(PAST_LIMITS_MS);
    const raw = s.received();
    expect(raw).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n(.+\r\n)*Connection: close\r\n/);
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(body).toBe(MALFORMED_REQUEST_REFUSALS.TIMEOUT);
    const { vi, en } = expectBilingual(body);
    expect(vi).toContain('không đến đủ trong thời gian cho phép');
    expect(en).toContain('did not arrive in full within the time allowed');
  });

  it('closes a request that dribbles its body, and a kept-alive socket left idle after its answer', async () => {
    const slowBody = await rawSocket();
    slowBody.socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Length: 100000\r\n\r\n`);
    dribble(slowBody, () => 'a', 100);
    const idle = await rawSocket();
    idle.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
    await slowBody.closedWithin(PAST_LIMITS_MS);
    await idle.closedWithin(PAST_LIMITS_MS);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses connections past the cap at once, and serves the page again once the idle ones are cut off', async () => {
    const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => rawSocket()));
    const surplus = await rawSocket();
    // Closed on arrival, long before any timeout could have struck.
    expect(await surplus.closedWithin(PAST_LIMITS_MS)).toBeLessThan(LIMITS.headersTimeoutMs / 2);
    await Promise.all(held.map((s) => s.closedWithin(PAST_LIMITS_MS)));
    expect(await getPage()).toBe(200);
  });

  it('closes a refused upgrade once answered, so clients that keep their side open hold no connection', async () => {
    // Before session 22 the host only ended its side; a refused upgrade has no timeout, so these
    // sockets stayed counted against the cap and the page below was refused.
    const refused = await Promise.all(
      Array.from({ length: LIMITS.maxConnections }, () =>
        new Promise<Socket>((done, fail) => {
          const s = connect({ port: host.port, host: '127.0.0.1', allowHalfOpen: true });
          s.on('error', fail);
          s.resume();
          s.once('end', () => done(s));
          s.write(`GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
        }),
      ),
    );
    try {
      expect(await getPage()).toBe(200);
    } finally {
      for (const s of refused) s.destroy();
    }
  });

  it('keeps the real page’s RPC socket open and answering while the limits strike around it', async () => {
    const page = await rpcPage();
    const silent = await Promise.all(Array.from({ length: 3 }, () => rawSocket()));
    await Promise.all(silent.map((s) => s.closedWithin(PAST_LIMITS_MS)));
    // Idle for longer than every limit, yet still open: an open page waits for events for hours.
    await new Promise((r) => setTimeout(r, LIMITS.requestTimeoutMs + LIMITS.keepAliveTimeoutMs));
    expect(page.socket.readyState).toBe(WebSocket.OPEN);
    const status = await page.client.call('station.status', {});
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    page.socket.close();
  });
});
