/**
 * Chooses the transport at start-up.
 *  - Browser host: the URL fragment holds `#secret=<value>` (a fragment never reaches a server or
 *    a Referer). It is moved to sessionStorage (this tab, this origin — and the origin's port is
 *    new at every launch) and removed from the address bar, so a reload still connects.
 *  - Electron: the page asks the shell (`window.station.connectRpc()`); the preload posts
 *    `{ type: 'station-rpc-port' }` to the window with the MessagePort in the transfer list
 *    (contextBridge cannot carry a port); we take the first one from our own window.
 */
import type { RpcTransport } from '../../../shared/rpc/client.js';
import { stationShell } from '../hooks/shell.js';
import { messagePortTransport, openWebSocketTransport, rpcUrlFor } from './transports.js';

const SECRET_KEY = 'station.secret';
export const PORT_MESSAGE_TYPE = 'station-rpc-port';

/** The secret from `#secret=...` (first visit) or this tab's storage (reload); strips the fragment. */
export function takeSecret(loc: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)secret=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (match?.[1] !== undefined) {
    storage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', `${loc.pathname}${loc.search}#/`);
    return match[1];
  }
  return storage.getItem(SECRET_KEY);
}

function waitForPort(win: Window, timeoutMs: number, ask: () => void): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const timer = win.setTimeout(() => {
      win.removeEventListener('message', onMessage);
      reject(new Error('no port'));
    }, timeoutMs);
    function onMessage(event: MessageEvent) {
      const data: unknown = event.data;
      const port = event.ports[0];
      if (event.source !== win || port === undefined) return;
      if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== PORT_MESSAGE_TYPE) return;
      win.clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(port);
    }
    // Listen first, then ask: the port may come back at once.
    win.addEventListener('message', onMessage);
    ask();
  });
}

export async function connectTransport(win: Window = window): Promise<RpcTransport> {
  const secret = takeSecret(win.location, win.sessionStorage, win.history);
  if (secret !== null) return openWebSocketTransport(rpcUrlFor(win.location), secret);
  const shell = stationShell(win);
  return messagePortTransport(await waitForPort(win, 10_000, () => shell?.connectRpc()));
}
