// The station core forwards its signer client's events to every connection as contract events:
// a lent signer's hot-plug reaches `core.events` and an in-process client with no call in
// flight, and stops reaching it once the connection closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import type { SignerClientEvent } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { RpcClient } from '../../../shared/rpc/client.js';
import type { EventData } from '../../../shared/rpc/contract.js';

/** A signer that never signs: only its events matter here. */
function fakeSigner() {
  const listeners = new Set<(e: SignerClientEvent) => void>();
  return {
    fire: (e: SignerClientEvent) => listeners.forEach((l) => l(e)),
    on(l: (e: SignerClientEvent) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    listTokens: () => Promise.reject(new Error('not used')),
    sign: () => Promise.reject(new Error('not used')),
    logIn: () => Promise.reject(new Error('not used')),
  };
}

let dir: string;
let core: StationCore | undefined;
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(signer: ReturnType<typeof fakeSigner>): StationCore {
  dir = mkdtempSync(join(tmpdir(), 'station-events-'));
  core = openStation({ dataDir: dir, signing: { signer } });
  return core;
}

describe('station events', () => {
  it("forwards the signer's hot-plug and restarts to core.events", () => {
    const signer = fakeSigner();
    const station = open(signer);
    const seen: unknown[] = [];
    station.events.subscribe((event, data) => seen.push({ event, data }));
    signer.fire({ type: 'token.inserted', data: { serial: 'T1', label: 'L' } });
    signer.fire({ type: 'signer.crashed', code: 1, signal: null });
    expect(seen).toEqual([
      { event: 'token.changed', data: { present: true, serial: 'T1', loggedIn: false } },
      { event: 'signer.status', data: expect.objectContaining({ state: 'restarting', code: 'SIGNER_CRASHED' }) },
    ]);
  });

  it('reaches an in-process client without a call in flight, until its connection closes', async () => {
    const signer = fakeSigner();
    const station = open(signer);
    const transport = inProcessTransport(station.dispatcher, station.events);
    const client = new RpcClient(transport);
    const seen: EventData<'token.changed'>[] = [];
    client.on('token.changed', (d) => seen.push(d));
    signer.fire({ type: 'token.removed', data: { serial: 'T1', label: 'L' } });
    await vi.waitFor(() => expect(seen).toEqual([{ present: false, serial: 'T1', loggedIn: false, reason: 'TOKEN_REMOVED' }]));
    transport.close();
    signer.fire({ type: 'token.inserted', data: { serial: 'T1', label: 'L' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
  });

  it('stops forwarding once the station is closed', async () => {
    const signer = fakeSigner();
    const station = open(signer);
    const seen: unknown[] = [];
    station.events.subscribe((event) => seen.push(event));
    await station.close();
    core = undefined;
    signer.fire({ type: 'signer.started', pid: 1 });
    expect(seen).toEqual([]);
  });
});
