/**
 * How long and how many sockets the browser host keeps, chosen for what it is: one user's
 * browser on the same PC, over loopback, where a request's headers arrive in a millisecond and a
 * page load is a burst of a dozen GETs on a handful of connections. Node's defaults are for
 * servers on the internet (headers within 60 s, a request within 300 s, timeouts checked every
 * 30 s, no connection cap): with them, a local program could hold sockets open for minutes
 * (security probe, session 18). Anything slower than these limits is not a browser.
 *
 * There is no WebSocket that has not authenticated: the secret, Origin and Host are checked on
 * the upgrade request itself (upgradeGuard.ts), before a WebSocket exists, so the headers limit
 * below bounds an upgrade that never completes as well. Once upgraded, ws turns the socket's
 * timeout off: an open page may sit idle for hours (the station's events arrive on it).
 */
import type { ServerOptions } from 'node:http';

export interface HostLimits {
  /** Time to receive a request's headers, from the connection or the previous response. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (the host takes GET and HEAD: no body to wait for). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection after a response. */
  keepAliveTimeoutMs: number;
  /** How often the two timeouts above are enforced (a late socket lives up to this much longer). */
  checkIntervalMs: number;
  /** Open connections (pages, assets and the RPC sockets together); beyond it a new one is closed. */
  maxConnections: number;
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = Object.freeze({
  // A browser sends its headers at once; 10 s leaves room for a PC stalled by a virus scan.
  headersTimeoutMs: 10_000,
  // No request of the renderer has a body; 30 s bounds one that claims one and dribbles it.
  requestTimeoutMs: 30_000,
  // Node's value, made deliberate: long enough to reuse a connection within a page load.
  keepAliveTimeoutMs: 5_000,
  // Node checks every 30 s; 1 s makes the limits above mean what they say, at no real cost.
  checkIntervalMs: 1_000,
  // Chromium opens at most 6 connections per host, plus one RPC socket per tab: 64 leaves room
  // for several tabs and reloads, and caps what a local program can hold open.
  maxConnections: 64,
});

/**
 * The options for `createServer` (the check interval can only be set there); the connection cap
 * is `server.maxConnections`. Node refuses a requestTimeout below the headersTimeout.
 */
export function serverOptions(limits: HostLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
}
