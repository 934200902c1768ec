// The renderer's two transports carry the shared RPC protocol: the WebSocket one offers the
// per-launch secret as a subprotocol (never in the URL), the MessagePort one structured clones;
// both feed an RpcClient. The start-up picks the secret from the URL fragment and removes it.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { PORT_MESSAGE_TYPE, connectTransport, takeSecret } from '../../../renderer/src/rpc/connect.js';
import { RPC_SUBPROTOCOL, messagePortTransport, openWebSocketTransport, rpcUrlFor } from '../../../renderer/src/rpc/transports.js';

/** Just enough of the browser WebSocket for the transport: events and send. */
class FakeSocket extends EventTarget {
  sent: string[] = [];
  constructor(readonly url: string, readonly protocols: string[]) {
    super();
  }
  send(text: string) {
    this.sent.push(text);
  }
  receive(data: unknown) {
    const e = new Event('message') as Event & { data: unknown };
    e.data = data;
    this.dispatchEvent(e);
  }
}

describe('WebSocket transport', () => {
  it('offers the secret as a subprotocol and carries calls and replies as JSON', async () => {
    let socket: FakeSocket | undefined;
    const opening = openWebSocketTransport('ws://127.0.0.1:4000/rpc', 'S3CRET', (url, protocols) => (socket = new FakeSocket(url, protocols)) as unknown as WebSocket);
    expect(socket!.url).toBe('ws://127.0.0.1:4000/rpc');
    expect(socket!.protocols).toEqual([RPC_SUBPROTOCOL, 'secret.S3CRET']);
    socket!.dispatchEvent(new Event('open'));
    const client = new RpcClient(await opening);
    const call = client.call('records.counts', {});
    const request = JSON.parse(socket!.sent[0]!);
    expect(request).toMatchObject({ method: 'records.counts', params: {} });
    socket!.receive('not json at all');
    socket!.receive(JSON.stringify({ id: request.id, ok: true, result: { ready: 3 } }));
    await expect(call).resolves.toEqual({ ready: 3 });
  });

  it('rejects when the host refuses the connection, and fails pending calls when it closes', async () => {
    let socket: FakeSocket | undefined;
    const refused = openWebSocketTransport('ws://x/rpc', 's', (u, p) => (socket = new FakeSocket(u, p)) as unknown as WebSocket);
    socket!.dispatchEvent(new Event('close'));
    await expect(refused).rejects.toThrow();

    const opening = openWebSocketTransport('ws://x/rpc', 's', (u, p) => (socket = new FakeSocket(u, p)) as unknown as WebSocket);
    socket!.dispatchEvent(new Event('open'));
    const client = new RpcClient(await opening);
    const call = client.call('records.counts', {});
    socket!.dispatchEvent(new Event('close'));
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('RPC_TRANSPORT_CLOSED');
  });

  it('builds the endpoint from the page location', () => {
    expect(rpcUrlFor({ protocol: 'http:', host: '127.0.0.1:5123' })).toBe('ws://127.0.0.1:5123/rpc');
  });
});

describe('MessagePort transport (Electron preload)', () => {
  it('carries a call and its reply over a real MessageChannel', async () => {
    const { port1, port2 } = new MessageChannel();
    port2.on('message', (m: { id: number }) => port2.postMessage({ id: m.id, ok: true, result: { ok: true, entries: 1, brokenAt: null, reason: null } }));
    const client = new RpcClient(messagePortTransport(port1 as unknown as MessagePort));
    await expect(client.call('audit.verify', {})).resolves.toMatchObject({ ok: true, entries: 1 });
    port1.close();
    port2.close();
  });
});

describe('takeSecret', () => {
  function env(hash: string, stored: string | null = null) {
    const store = new Map<string, string>(stored === null ? [] : [['station.secret', stored]]);
    const replaced: string[] = [];
    return {
      location: { hash, pathname: '/', search: '' } as Location,
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage,
      history: { replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) } as History,
      store,
      replaced,
    };
  }

  it('takes the secret from the fragment, keeps it for this tab, and removes it from the address bar', () => {
    const e = env('#secret=abc_DEF-123');
    expect(takeSecret(e.location, e.storage, e.history)).toBe('abc_DEF-123');
    expect(e.store.get('station.secret')).toBe('abc_DEF-123');
    expect(e.replaced).toEqual(['/#/']);
  });

  it('uses the stored secret after a reload, and none when there is neither', () => {
    const reloaded = env('#/records', 'kept');
    expect(takeSecret(reloaded.location, reloaded.storage, reloaded.history)).toBe('kept');
    expect(reloaded.replaced).toEqual([]);
    const none = env('#/');
    expect(takeSecret(none.location, none.storage, none.history)).toBeNull();
  });
});

/** A window `message` event as the browser makes it (Node's MessageEvent wants Node ports as source). */
function message(data: unknown, source: unknown, ports: unknown[]): Event {
  return Object.assign(new Event('message'), { data, source, ports });
}

describe('connectTransport in the Electron window', () => {
  /** A window with the shell's `station.connectRpc()`, which answers with a port message. */
  function electronWindow(reply: (win: EventTarget) => void) {
    const win = new EventTarget() as EventTarget & Record<string, unknown>;
    let asked = 0;
    Object.assign(win, {
      location: { hash: '', pathname: '/', search: '' },
      sessionStorage: { getItem: () => null, setItem: () => undefined },
      history: { replaceState: () => undefined },
      setTimeout: (f: () => void, ms: number) => setTimeout(f, ms),
      clearTimeout: (t: ReturnType<typeof setTimeout>) => clearTimeout(t),
      station: {
        connectRpc: () => {
          asked++;
          reply(win);
        },
      },
    });
    return { win: win as unknown as Window, asked: () => asked };
  }

  it('asks the shell for the port and talks to the core through it', async () => {
    const { port1, port2 } = new MessageChannel();
    const decoy = new MessageChannel();
    port2.on('message', (m: { id: number }) => port2.postMessage({ id: m.id, ok: true, result: { ready: 1 } }));
    const { win, asked } = electronWindow((w) => {
      // A message from elsewhere first (another frame, wrong type): ignored.
      // Ports from elsewhere (another frame, another message type) must not be taken: their
      // other end never answers, so taking one would leave the call below hanging.
      w.dispatchEvent(message({ type: PORT_MESSAGE_TYPE }, null, [decoy.port1]));
      w.dispatchEvent(message({ type: 'other' }, w, [decoy.port1]));
      w.dispatchEvent(message({ type: PORT_MESSAGE_TYPE }, w, [port1]));
    });
    const client = new RpcClient(await connectTransport(win));
    expect(asked()).toBe(1);
    await expect(client.call('records.counts', {})).resolves.toEqual({ ready: 1 });
    for (const p of [port1, port2, decoy.port1, decoy.port2]) p.close();
  });
});
