/** Reading request bodies with a size limit and writing JSON replies, plainly or dribbled. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { PlatformFailure } from '../platformFailure.js';

export interface Reply {
  status: number;
  /** JSON text: stored batch replies are sent byte for byte as they were first sent. */
  body: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body: JSON.stringify(value), headers } : { status, body: JSON.stringify(value) };
}

export function failureReply(failure: PlatformFailure, headers?: Record<string, string>): Reply {
  return jsonReply(failure.status, failure.toBody(), headers);
}

/**
 * The whole body, refused with BODY_TOO_LARGE as soon as the declared or the received length
 * passes `limit` (the rest is discarded, not buffered).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new PlatformFailure('BODY_TOO_LARGE', { limit, declared }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      total += chunk.length;
      if (total > limit) {
        over = true;
        chunks.length = 0;
        reject(new PlatformFailure('BODY_TOO_LARGE', { limit }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function headersOf(reply: Reply, length: number): Record<string, string | number> {
  return { 'content-type': 'application/json; charset=utf-8', 'content-length': length, 'cache-control': 'no-store', ...reply.headers };
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, headersOf(reply, body.length));
  res.end(body);
}

/** The slow-body fault: the reply in about ten pieces, 50 ms apart (a congested link). */
export async function sendSlowly(res: ServerResponse, reply: Reply): Promise<void> {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, headersOf(reply, body.length));
  res.flushHeaders();
  const piece = Math.max(1, Math.ceil(body.length / 10));
  for (let offset = 0; offset < body.length; offset += piece) {
    if (res.destroyed) return;
    res.write(body.subarray(offset, offset + piece));
    await sleep(50);
  }
  res.end();
}
