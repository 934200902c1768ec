/**
 * Who may open the RPC WebSocket of the browser host. Every check must pass before the upgrade:
 *  - the peer is on loopback (the socket is bound to 127.0.0.1, so this is belt and braces);
 *  - Host is exactly `127.0.0.1:<port>`: a DNS-rebinding page reaches us under its own host name;
 *  - Origin is exactly our own origin: any other web page open in the same browser is refused;
 *  - the per-launch secret is offered as a subprotocol and matches (constant-time);
 *  - the request is a WebSocket handshake that ws's handleUpgrade accepts (RFC 6455 §4.1): ws
 *    refuses one that is not with an English text/html body or none (ws 8.23), so every check it
 *    makes is made here first and answered from hostRefusals.ts. ws's extension check is not
 *    repeated: the host sets `perMessageDeflate: false`, so ws never reads that header.
 */
import type { IncomingMessage } from 'node:http';
import { RPC_SUBPROTOCOL, secretFromProtocols, secretMatches } from './hostSecret.js';

export type GuardRefusal =
  | 'NOT_LOOPBACK' | 'BAD_HOST' | 'BAD_ORIGIN' | 'NO_SECRET' | 'BAD_SECRET' | 'BAD_PATH' | 'NO_PROTOCOL'
  | 'NOT_GET' | 'NOT_WEBSOCKET' | 'BAD_KEY' | 'BAD_VERSION' | 'BAD_PROTOCOL_LIST';

/** A refusal always names its check (the log, and the body of hostRefusals.ts) and its status. */
export type GuardResult =
  | { ok: true }
  | {
      ok: false;
      refusal: GuardRefusal;
      /** HTTP status sent back. */
      status: number;
      /** Headers the status calls for (Allow on a 405, the versions understood on a bad version). */
      headers?: Readonly<Record<string, string>>;
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

/** The key a client sends: 16 random bytes in base64 (RFC 6455 §4.1, item 7); ws's own test. */
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;
/** A token (RFC 9110 §5.6.2): what a subprotocol name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Sec-WebSocket-Protocol as ws parses it: tokens separated by commas and optional blanks, none
 * empty, none given twice. offeredProtocols below is lenient on purpose (it only looks for the
 * secret); this is the shape ws would refuse.
 */
function protocolListWellFormed(raw: string): boolean {
  const names = raw.split(',').map((p) => p.replace(/^[ \t]+|[ \t]+$/g, ''));
  return names.every((p) => TOKEN.test(p)) && new Set(names).size === names.length;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  if (typeof raw !== 'string') return [];
  return raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

export function checkUpgrade(req: IncomingMessage, expected: { port: number; secret: string }): GuardResult {
  const refuse = (refusal: GuardRefusal, status: number, headers?: Record<string, string>): GuardResult => ({ ok: false, refusal, status, ...(headers ? { headers } : {}) });
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
  // The handshake itself, last: who may connect is settled before what a client got wrong.
  if (req.method !== 'GET') return refuse('NOT_GET', 405, { Allow: 'GET' });
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return refuse('NOT_WEBSOCKET', 400);
  const key = req.headers['sec-websocket-key'];
  if (key === undefined || !WEBSOCKET_KEY.test(key)) return refuse('BAD_KEY', 400);
  // Only 13, the RFC's version (ws also takes draft 8, which no browser has sent since 2012);
  // a refusal names the version understood (RFC 6455 §4.4).
  if (req.headers['sec-websocket-version'] !== '13') return refuse('BAD_VERSION', 400, { 'Sec-WebSocket-Version': '13' });
  if (!protocolListWellFormed(req.headers['sec-websocket-protocol'] ?? '')) return refuse('BAD_PROTOCOL_LIST', 400);
  return { ok: true };
}
