/**
 * Refusals written straight to the socket, where Node has no ServerResponse to write them with:
 * a refused WebSocket upgrade (Node hands the socket over before any response exists) and a
 * request Node's own parser rejected (its 'clientError'). A complete HTTP/1.1 answer, then the
 * socket is closed for good.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { MALFORMED_REQUEST_REFUSALS } from './hostRefusals.js';

export interface SocketRefusalOptions {
  /** The host's security headers, and any a status needs (Sec-WebSocket-Version on a 400). */
  headers?: Readonly<Record<string, string>>;
  /** A HEAD gets the headers only. */
  headOnly?: boolean;
}

export function refuseOnSocket(socket: Duplex, status: number, body: string, opts: SocketRefusalOptions = {}): void {
  // Node takes its listeners off a socket it hands over (an upgrade): without one of ours, a
  // client resetting the connection after reading the answer was an uncaught ECONNRESET that
  // ended the host's process. There is nothing to do about such an error but close.
  socket.on('error', () => socket.destroy());
  // Destroyed once the answer is out, not merely ended: the server is half-open (allowHalfOpen),
  // and an upgraded socket has no timeout, so a client that never closed its side held one of
  // the host's connections (hostLimits.ts) for good.
  socket.once('finish', () => socket.destroy());
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    ...Object.entries(opts.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  const head = `${lines.join('\r\n')}\r\n\r\n`;
  socket.end(opts.headOnly ? head : head + body);
}

/** Node's error codes for a request it rejects, with the status Node itself would send; else 400. */
const CLIENT_ERRORS: Readonly<Record<string, { status: number; refusal: keyof typeof MALFORMED_REQUEST_REFUSALS }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, refusal: 'HEADERS_TOO_LARGE' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, refusal: 'TIMEOUT' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, refusal: 'CHUNK_EXTENSIONS_TOO_LARGE' },
};

/**
 * The http server's 'clientError': Node's own answer is a bare English status line with no body.
 * Its listener must close the socket itself (Node docs, http 'clientError'). Nothing is written when it cannot be, as Node's default does: a reset
 * connection, a socket no longer writable, or a response already under way on it (an answer
 * written into the middle of a file's body would corrupt it).
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, headers: Readonly<Record<string, string>>): void {
  // The response in flight, if any: Node's own check, on the socket's `_httpMessage`.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent: boolean } | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const known = err.code === undefined ? undefined : CLIENT_ERRORS[err.code];
  const { status, refusal } = known ?? { status: 400, refusal: 'BAD_REQUEST' as const };
  refuseOnSocket(socket, status, MALFORMED_REQUEST_REFUSALS[refusal], { headers });
}
