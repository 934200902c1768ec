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
  // With a declared length (node:http delivers exactly that many bytes or aborts), the chunks go
  // straight into one array of that size: an upload of 5,000 records is 4 MB in ~60 chunks, and
  // gathering them then copying twice (concat, then into a Uint8Array) was a copy too many.
  const into = Number.isFinite(declared) && declared >= 0 ? new Uint8Array(declared) : null;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      total += chunk.length;
      if (total > limit || (into !== null && total > into.length)) {
        over = true;
        chunks.length = 0;
        reject(new PlatformFailure('BODY_TOO_LARGE', { limit }));
        return;
      }
      if (into !== null) into.set(chunk, total - chunk.length);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      if (into === null) resolve(new Uint8Array(Buffer.concat(chunks)));
      else if (total === into.length) resolve(into);
      else reject(new Error('request body shorter than its Content-Length'));
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
