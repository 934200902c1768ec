// The two utility processes' logic wired the way main wires them, in one test process: a page's
// RPC port into the core (runCoreProcess), the core asking main for a signer host, main handing
// both ends a port (runSignerProcess with the real SignerHost on a SoftHSM token). Ports are
// real node:worker_threads channels shaped like Electron's MessagePortMain. Asserts the page can
// list the token and sign, that main sees lifecycle messages only (never the PIN), that a lost
// signer host is replaced, and that shutdown closes everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../electron/core/logger.js';
import { runCoreProcess, type CoreProcess } from '../../electron/main/runCoreProcess.js';
import { runSignerProcess } from '../../electron/main/runSignerProcess.js';
import { createPkcs11js } from '../../electron/signer/pkcs11Port.js';
import { SignerHost } from '../../electron/signer/signerHost.js';
import { StationError } from '../../shared/errors.js';
import { RpcClient, type RpcTransport } from '../../shared/rpc/client.js';
import { generateRecords } from '../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { FakeParentPort, electronLikeChannel } from './fakes.js';
import type { PortLike } from '../../electron/main/processMessages.js';

function portTransport(port: PortLike): RpcTransport {
  const receivers = new Set<(m: unknown) => void>();
  const closers = new Set<() => void>();
  port.on('message', (e) => receivers.forEach((r) => r(e.data)));
  port.on('close', () => closers.forEach((c) => c()));
  port.start();
  return {
    send: (m) => port.postMessage(m),
    onMessage: (r) => {
      receivers.add(r);
      return () => receivers.delete(r);
    },
    onClose: (c) => closers.add(c),
  };
}

let token: SoftHsmToken;
let dir: string;
let parent: FakeParentPort;
let core: CoreProcess;
let client: RpcClient;
let pagePort: PortLike;
const exit = vi.fn();
const logger = memoryLogger();
/** Everything main received from the core or sent to either process. */
const seenByMain: unknown[] = [];
const signers: { id: number; parent: FakeParentPort; corePort: PortLike; exit: (code: number | null) => void }[] = [];

/** Main's side, as processSupervisor.ts does it with real utility processes. */
function fakeMain(p: FakeParentPort): void {
  p.on('posted', (message: { type?: string; id?: number }) => {
    seenByMain.push(message);
    if (message.type === 'signer.kill') {
      signers.find((s) => s.id === message.id)?.exit(null);
    } else if (message.type === 'signer.spawn') {
      const channel = electronLikeChannel();
      const signerParent = new FakeParentPort();
      // The utility process leaving is seen by main, which tells the core (processSupervisor.ts).
      const signerExit = vi.fn((code: number | null) => {
        const exited = { type: 'signer.exit', id: message.id, code };
        seenByMain.push(exited);
        p.deliver(exited);
      });
      runSignerProcess({
        parent: signerParent,
        logger,
        exit: signerExit,
        pid: 4242,
        createHost: (emit) => new SignerHost({ createPort: createPkcs11js, modulePath: null, pollIntervalMs: 0, logger, emit }),
      });
      signers.push({ id: message.id!, parent: signerParent, corePort: channel.port2, exit: signerExit });
      const connect = { type: 'signer.connect' };
      seenByMain.push(connect);
      signerParent.deliver(connect, [channel.port1]);
      const spawned = { type: 'signer.spawned', id: message.id, pid: 4242 };
      seenByMain.push(spawned);
      p.deliver(spawned, [channel.port2]);
    }
  });
}

beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'Utility token', keys: [{ type: 'EC' }] });
  // The signer host runs in this process here, so SoftHSM reads this process's environment.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  dir = mkdtempSync(join(tmpdir(), 'station-core-process-'));
  parent = new FakeParentPort();
  fakeMain(parent);
  core = runCoreProcess({ parent, dataDir: dir, logger, exit });
  const channel = electronLikeChannel();
  pagePort = channel.port2;
  parent.deliver({ type: 'rpc.connect', connection: 1 }, [channel.port1]);
  client = new RpcClient(portTransport(channel.port2), { timeoutMs: 20_000 });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  token.cleanup();
});

describe('core utility process', () => {
  it('tells main it is ready and answers a page over its port', async () => {
    expect(parent.posted[0]).toEqual({ type: 'core.ready' });
    const status = await client.call('station.status', {});
    expect(status.counts).toBeTypeOf('object');
    for (const [key, value] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
      await client.call('settings.set', { key, value });
    }
    expect(await client.call('settings.get', { key: 'facility.code' })).toEqual({ key: 'facility.code', value: '79001' });
  });

  it('answers a malformed message on the port with a code, not a crash', async () => {
    const replies: unknown[] = [];
    pagePort.on('message', (e) => replies.push(e.data));
    pagePort.postMessage({ id: 99, method: 'no.such.method', params: {} });
    await vi.waitFor(() => expect(replies).toContainEqual(expect.objectContaining({ id: 99, ok: false, error: expect.objectContaining({ code: 'RPC_UNKNOWN_METHOD' }) })));
  });

  it('starts the signer host through main and lists the token', async () => {
    const listing = await client.call('token.list', {});
    expect(signers).toHaveLength(1);
    expect(listing.tokens).toHaveLength(1);
    expect(listing.tokens[0]!.certificates[0]).toMatchObject({ usable: true, keyType: 'EC P-256' });
  });

  it('signs with the PIN on the port; main never sees the PIN', async () => {
    core.core!.store.createRecords(generateRecords(5, { seed: 3, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    const signed = await client.call('sign.batch', { pin: token.pin });
    expect(signed).toMatchObject({ count: 5, alg: 'ES256' });
    expect(JSON.stringify(seenByMain)).not.toContain(token.pin);
    expect(seenByMain.every((m) => typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string')).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain(token.pin);
  });

  it('replaces a signer host that main reports gone, and tells the page (issue 4)', async () => {
    const first = signers[0]!;
    const seen: unknown[] = [];
    const stops = [client.on('signer.status', (data) => seen.push({ event: 'signer.status', data })), client.on('token.changed', (data) => seen.push({ event: 'token.changed', data }))];
    // Main saw the utility process exit: the core's client treats it as a crash and restarts.
    parent.deliver({ type: 'signer.exit', id: first.id, code: 3 });
    await vi.waitFor(() => expect(signers).toHaveLength(2));
    const listing = await client.call('token.list', {});
    expect(listing.tokens).toHaveLength(1);
    // Logged in by the signature above: the crash logged the token out, the host came back.
    expect(seen).toEqual([
      { event: 'token.changed', data: { present: true, serial: null, loggedIn: false, reason: 'SIGNER_CRASHED' } },
      { event: 'signer.status', data: expect.objectContaining({ state: 'restarting', code: 'SIGNER_CRASHED' }) },
      { event: 'signer.status', data: { state: 'running' } },
    ]);
    stops.forEach((stop) => stop());
  });

  it('sends station events to a reloaded page on its new port only', async () => {
    const events = (port: PortLike) => {
      const got: unknown[] = [];
      port.on('message', (e) => {
        if (typeof e.data === 'object' && e.data !== null && 'event' in e.data) got.push(e.data);
      });
      port.start();
      return got;
    };
    const before = electronLikeChannel();
    parent.deliver({ type: 'rpc.connect', connection: 2 }, [before.port1]);
    const oldPage = events(before.port2);
    const after = electronLikeChannel();
    parent.deliver({ type: 'rpc.connect', connection: 2 }, [after.port1]);
    const newPage = events(after.port2);
    core.core!.events.publish('token.changed', { present: false, serial: 'T9', loggedIn: false, reason: 'TOKEN_REMOVED' });
    await vi.waitFor(() => expect(newPage).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(oldPage).toEqual([]);
    parent.deliver({ type: 'rpc.close', connection: 2 });
  });

  it('refuses messages outside the protocol and closes any port they carry', () => {
    const stray = electronLikeChannel();
    let closed = false;
    stray.port2.on('close', () => (closed = true));
    parent.deliver({ type: 'rpc.connect', connection: 'x' }, [stray.port1]);
    expect(logger.lines.some((l) => l.message === 'core: unknown message from main')).toBe(true);
    return vi.waitFor(() => expect(closed).toBe(true));
  });

  it('shuts down when main asks: pages disconnected, signer host finalised, then exit 0', async () => {
    let pageClosed = false;
    pagePort.on('close', () => (pageClosed = true));
    parent.deliver({ type: 'shutdown' });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 5_000 });
    expect(pageClosed).toBe(true);
    await vi.waitFor(() => expect(signers[1]!.exit).toHaveBeenCalledWith(0));
  });
});

describe('core utility process that cannot open its data', () => {
  it('reports the refusal to main with its code and both languages, then exits 1', () => {
    const p = new FakeParentPort();
    const quit = vi.fn();
    const result = runCoreProcess({
      parent: p,
      dataDir: '/nonexistent',
      logger: memoryLogger(),
      exit: quit,
      open: () => {
        throw new StationError('DB_TOO_NEW', 'Dữ liệu từ phiên bản mới hơn', 'Data from a newer version');
      },
    });
    expect(result.core).toBeNull();
    expect(p.posted).toEqual([{ type: 'core.failed', code: 'DB_TOO_NEW', message_vi: 'Dữ liệu từ phiên bản mới hơn', message_en: 'Data from a newer version' }]);
    expect(quit).toHaveBeenCalledWith(1);
  });
});
