/**
 * Who may open the RPC WebSocket of the browser host. Every check must pass before the upgrade:
 *  - the peer is on loopback (the socket is bound to 127.0.0.1, so this is belt and braces);
 *  - Host is exactly `127.0.0.1:<port>`: a DNS-rebinding page reaches us under its own host name;
 *  - Origin is exactly our own origin: any other web page open in the same browser is refused;
 *  - the per-launch secret is offered as a subprotocol and matches (constant-time).
 */
import type { IncomingMessage } from 'node:http';
import { RPC_SUBPROTOCOL, secretFromProtocols, secretMatches } from './hostSecret.js';

export type GuardRefusal = 'NOT_LOOPBACK' | 'BAD_HOST' | 'BAD_ORIGIN' | 'NO_SECRET' | 'BAD_SECRET' | 'BAD_PATH' | 'NO_PROTOCOL';

/** A refusal always names its check (the log, and the body of hostRefusals.ts) and its status. */
export type GuardResult =
  | { ok: true }
  | {
      ok: false;
      refusal: GuardRefusal;
      /** HTTP status sent back. */
      status: number;
    };

/** 127.0.0.0/8 in either address family form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

export function hostHeaderOk(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}`;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  if (typeof raw !== 'string') return [];
  return raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

export function checkUpgrade(req: IncomingMessage, expected: { port: number; secret: string }): GuardResult {
  const refuse = (refusal: GuardRefusal, status: number): GuardResult => ({ ok: false, refusal, status });
  if (!isLoopbackAddress(req.socket.remoteAddress)) return refuse('NOT_LOOPBACK', 403);
  if (!hostHeaderOk(req.headers.host, expected.port)) return refuse('BAD_HOST', 403);
  if (req.headers.origin !== `http://127.0.0.1:${expected.port}`) return refuse('BAD_ORIGIN', 403);
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/rpc') return refuse('BAD_PATH', 404);
  const protocols = offeredProtocols(req);
  const offered = secretFromProtocols(protocols);
  if (offered === null) return refuse('NO_SECRET', 401);
  if (!secretMatches(offered, expected.secret)) return refuse('BAD_SECRET', 401);
  if (!protocols.includes(RPC_SUBPROTOCOL)) return refuse('NO_PROTOCOL', 400);
  return { ok: true };
}
