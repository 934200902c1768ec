/**
 * The two ways the renderer reaches the core, both behind shared/rpc's `RpcTransport`:
 *  - the browser host: a WebSocket to `/rpc` on the page's own origin, offering the per-launch
 *    secret as a subprotocol (electron/host/hostSecret.ts);
 *  - Electron: a MessagePort the preload hands over (see connect.ts).
 * Messages travel as JSON text on the WebSocket and as structured clones on the port.
 */
import type { RpcTransport } from '../../../shared/rpc/client.js';

export const RPC_SUBPROTOCOL = 'station.rpc.v1';

/** The URL of the host's RPC endpoint, seen from the page's location. */
export function rpcUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
}

/** Opens the WebSocket and resolves once it is open (rejects if the host refuses it). */
export function openWebSocketTransport(url: string, secret: string, makeSocket: (url: string, protocols: string[]) => WebSocket = (u, p) => new WebSocket(u, p)): Promise<RpcTransport> {
  return new Promise((resolve, reject) => {
    const socket = makeSocket(url, [RPC_SUBPROTOCOL, `secret.${secret}`]);
    const receivers = new Set<(message: unknown) => void>();
    const closers = new Set<() => void>();
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      resolve({
        send: (message) => socket.send(JSON.stringify(message)),
        onMessage(receive) {
          receivers.add(receive);
          return () => receivers.delete(receive);
        },
        onClose: (closed) => closers.add(closed),
      });
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const receive of receivers) receive(parsed);
    });
    socket.addEventListener('close', () => {
      if (!opened) reject(new Error('refused'));
      for (const closed of closers) closed();
    });
  });
}

/** A MessagePort from the Electron preload: already connected to the core on the other end. */
export function messagePortTransport(port: MessagePort): RpcTransport {
  const receivers = new Set<(message: unknown) => void>();
  const closers = new Set<() => void>();
  port.addEventListener('message', (event: MessageEvent) => {
    for (const receive of receivers) receive(event.data);
  });
  // Electron's MessagePortMain signals the other side closing with a 'close' event on the port.
  port.addEventListener('close', () => {
    for (const closed of closers) closed();
  });
  port.start();
  return {
    send: (message) => port.postMessage(message),
    onMessage(receive) {
      receivers.add(receive);
      return () => receivers.delete(receive);
    },
    onClose: (closed) => closers.add(closed),
  };
}
