/**
 * The sync client's one way out to the network (STYLE rule 4): a small interface, so tests can
 * put faults between the client and the platform, and a node:http/https implementation with a
 * deadline per request and a cap on the reply size (a reply is untrusted input: a proxy's error
 * page or a broken server must not fill the memory).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { StationError } from '../../../shared/errors.js';

export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** The whole exchange (connect, send, wait, read) must finish within this. */
  timeoutMs: number;
  /** A longer reply is abandoned: PLATFORM_REPLY_TOO_LARGE. */
  maxResponseBytes: number;
  /** Called once the whole request (body included) is handed to the network. */
  onSent?(): void;
  /** Aborting it drops the exchange at once (the socket is destroyed): REQUEST_CANCELLED. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface HttpPort {
  /** Resolves with any HTTP status; rejects only with a StationError (network, deadline, size). */
  request(req: HttpRequest): Promise<HttpResponse>;
  close?(): void;
}

export function networkError(reason: string): StationError {
  return new StationError(
    'PLATFORM_UNREACHABLE',
    'Không kết nối được với hệ thống quốc gia (mạng hoặc máy chủ); sẽ thử lại sau. Dữ liệu vẫn an toàn trên máy trạm.',
    'Cannot reach the national platform (network or server); will retry later. The data is safe on this station.',
    { reason },
  );
}

export function timeoutError(ms: number): StationError {
  return new StationError(
    'PLATFORM_TIMEOUT',
    `Hệ thống quốc gia không trả lời trong ${Math.round(ms / 1000)} giây; sẽ thử lại sau.`,
    `The national platform did not answer within ${Math.round(ms / 1000)} seconds; will retry later.`,
    { timeoutMs: ms },
  );
}

export function cancelledError(): StationError {
  return new StationError(
    'REQUEST_CANCELLED',
    'Đã hủy yêu cầu gửi tới hệ thống quốc gia.',
    'The request to the national platform was cancelled.',
  );
}

export function tooLargeError(limit: number): StationError {
  return new StationError(
    'PLATFORM_REPLY_TOO_LARGE',
    'Trả lời của hệ thống quốc gia lớn bất thường và đã bị bỏ qua; không có gì được ghi.',
    'The national platform’s reply is abnormally large and was discarded; nothing was written.',
    { limit },
  );
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** node:http(s) with keep-alive agents (one TLS handshake per sync run, not per batch). */
export function nodeHttpPort(): HttpPort {
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 2 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 2 }) };
  return {
    request(req) {
      return new Promise<HttpResponse>((resolve, reject) => {
        let url: URL;
        try {
          url = new URL(req.url);
        } catch {
          reject(networkError('invalid URL'));
          return;
        }
        if (req.signal?.aborted) {
          reject(cancelledError());
          return;
        }
        const secure = url.protocol === 'https:';
        const send = secure ? httpsRequest : httpRequest;
        const headers: Record<string, string> = { ...req.headers };
        if (req.body) headers['content-length'] = String(req.body.length);
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          req.signal?.removeEventListener('abort', onAbort);
          fn();
        };
        const r = send(url, { method: req.method, headers, agent: secure ? agents.https : agents.http }, (res) => {
          const declared = Number(res.headers['content-length']);
          // Settle before destroying: destroy() emits 'aborted' synchronously.
          if (Number.isFinite(declared) && declared > req.maxResponseBytes) {
            finish(() => reject(tooLargeError(req.maxResponseBytes)));
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let total = 0;
          res.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > req.maxResponseBytes) {
              finish(() => reject(tooLargeError(req.maxResponseBytes)));
              res.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            // A reply cut short (Content-Length not reached) is a lost reply, not a short one.
            if (!res.complete) finish(() => reject(networkError('reply cut short')));
            else finish(() => resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res), body: new Uint8Array(Buffer.concat(chunks)) }));
          });
          res.on('error', (e) => finish(() => reject(networkError(e.message))));
          res.on('aborted', () => finish(() => reject(networkError('reply aborted'))));
        });
        const timer = setTimeout(() => {
          finish(() => reject(timeoutError(req.timeoutMs)));
          r.destroy();
        }, req.timeoutMs);
        // A cancelled run must not wait out the deadline of the request in flight (a stalled
        // platform holds a reply for up to timeoutMs).
        function onAbort() {
          finish(() => reject(cancelledError()));
          r.destroy();
        }
        req.signal?.addEventListener('abort', onAbort, { once: true });
        r.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(networkError(e.code ?? e.message))));
        if (req.onSent) r.once('finish', req.onSent);
        r.end(req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength) : undefined);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
