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
export declare const PORT_MESSAGE_TYPE = "station-rpc-port";
/** The secret from `#secret=...` (first visit) or this tab's storage (reload); strips the fragment. */
export declare function takeSecret(loc: Location, storage: Storage, history: History): string | null;
export declare function connectTransport(win?: Window): Promise<RpcTransport>;
