/**
 * Refusals written straight to the socket, where Node has no ServerResponse to write them with:
 * a refused WebSocket upgrade (Node hands the socket over before any response exists). A complete
 * HTTP/1.1 answer, then the socket is closed for good.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

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
