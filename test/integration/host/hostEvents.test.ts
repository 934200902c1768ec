// Station events over the real browser host WebSocket: a token pulled while no call is in flight
// reaches every connected page, and a page that disconnects is unsubscribed from the core's hub
// (nothing more is sent for it, nothing leaks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { SignerClientEvent } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { RPC_SUBPROTOCOL } from '../../../electron/host/hostSecret.js';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/startBrowserHost.js';

const signerListeners = new Set<(e: SignerClientEvent) => void>();
const fire = (e: SignerClientEvent) => signerListeners.forEach((l) => l(e));
let dir: string;
let core: StationCore;
let host: BrowserHost;
let subscribed = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-host-events-'));
  const signer = {
    on(l: (e: SignerClientEvent) => void) {
      signerListeners.add(l);
      return () => signerListeners.delete(l);
    },
    listTokens: () => Promise.reject(new Error('not used')),
    sign: () => Promise.reject(new Error('not used')),
    logIn: () => Promise.reject(new Error('not used')),
  };
  const station = openStation({ dataDir: join(dir, 'data'), signing: { signer } });
  // The real hub, counting its live subscriptions.
  const events = {
    ...station.events,
    subscribe(emit: Parameters<StationCore['events']['subscribe']>[0]) {
      subscribed++;
      const stop = station.events.subscribe(emit);
      return () => {
        subscribed--;
        stop();
      };
    },
  };
  core = { ...station, events, close: () => station.close() };
  host = await startBrowserHost({ dataDir: join(dir, 'data'), rendererDir: dir, core });
});
afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function connectPage(): Promise<{ socket: WebSocket; received: unknown[] }> {
  const secret = new URL(host.url).hash.replace(/^#secret=/, '');
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, [RPC_SUBPROTOCOL, `secret.${secret}`], { origin: host.origin });
  const received: unknown[] = [];
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
  return new Promise((done, fail) => {
    socket.once('open', () => done({ socket, received }));
    socket.once('error', fail);
  });
}

describe('station events through the browser host', () => {
  it('pushes token.changed to every open page without a call, and stops for a page that left', async () => {
    const a = await connectPage();
    const b = await connectPage();
    expect(subscribed).toBe(2);
    fire({ type: 'token.removed', data: { serial: 'T1', label: 'Facility' } });
    const removed = { event: 'token.changed', data: { present: false, serial: 'T1', loggedIn: false, reason: 'TOKEN_REMOVED' } };
    await vi.waitFor(() => expect(a.received).toEqual([removed]));
    await vi.waitFor(() => expect(b.received).toEqual([removed]));

    b.socket.close();
    await vi.waitFor(() => expect(subscribed).toBe(1));
    fire({ type: 'token.inserted', data: { serial: 'T1', label: 'Facility' } });
    await vi.waitFor(() => expect(a.received).toHaveLength(2));
    expect(a.received[1]).toEqual({ event: 'token.changed', data: { present: true, serial: 'T1', loggedIn: false } });
    expect(b.received).toHaveLength(1);
    a.socket.close();
    await vi.waitFor(() => expect(subscribed).toBe(0));
  });

  it('reports a signer host restart and its recovery', async () => {
    const page = await connectPage();
    fire({ type: 'signer.hung', method: 'sign' });
    fire({ type: 'signer.started', pid: 7 });
    await vi.waitFor(() => expect(page.received).toHaveLength(2));
    expect(page.received).toEqual([
      { event: 'signer.status', data: expect.objectContaining({ state: 'restarting', code: 'SIGNER_HUNG', message_en: expect.stringContaining('log in again') }) },
      { event: 'signer.status', data: { state: 'running' } },
    ]);
    page.socket.close();
  });
});
