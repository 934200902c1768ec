/** The worker thread of qrScan.ts: one picture or file searched for its HC1 text, then the answer. */
import { parentPort, workerData } from 'node:worker_threads';
import { isStationError } from '../../../shared/errors.js';
import { QR_WORKER_ROLE, scanHere, type ScanReply } from './qrScan.js';

const port = parentPort;
const data = workerData as { role?: unknown } | null;
// Only as the thread qrScan.ts starts (a test runner's own worker imports this module too).
if (port && data?.role === QR_WORKER_ROLE) {
  port.once('message', (m: { kind: 'rgba' | 'bytes'; width?: number; height?: number; name?: string; buffer: ArrayBuffer }) => {
    let reply: ScanReply;
    try {
      const bytes = new Uint8Array(m.buffer);
      const input = m.kind === 'rgba' ? scanHere({ kind: 'rgba', data: bytes, width: m.width!, height: m.height! }) : scanHere({ kind: 'bytes', bytes, name: m.name ?? '' });
      reply = { ok: true, input };
    } catch (err) {
      reply = isStationError(err) ? { ok: false, error: err.toInfo() } : { ok: false, crash: err instanceof Error ? err.message : String(err), started: true };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
