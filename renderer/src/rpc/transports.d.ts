/**
 * The two ways the renderer reaches the core, both behind shared/rpc's `RpcTransport`:
 *  - the browser host: a WebSocket to `/rpc` on the page's own origin, offering the per-launch
 *    secret as a subprotocol (electron/host/hostSecret.ts);
 *  - Electron: a MessagePort the preload hands over (see connect.ts).
 * Messages travel as JSON text on the WebSocket and as structured clones on the port.
 */
import type { RpcTransport } from '../../../shared/rpc/client.js';
export declare const RPC_SUBPROTOCOL = "station.rpc.v1";
/** The URL of the host's RPC endpoint, seen from the page's location. */
export declare function rpcUrlFor(location: {
    protocol: string;
    host: string;
}): string;
/** Opens the WebSocket and resolves once it is open (rejects if the host refuses it). */
export declare function openWebSocketTransport(url: string, secret: string, makeSocket?: (url: string, protocols: string[]) => WebSocket): Promise<RpcTransport>;
/** A MessagePort from the Electron preload: already connected to the core on the other end. */
export declare function messagePortTransport(port: MessagePort): RpcTransport;
