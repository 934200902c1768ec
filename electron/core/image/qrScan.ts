/**
 * The QR search of `dcc.verify` off the core's thread. Decoding a picture and searching it for a
 * code (jsQR, several tries) takes seconds for a large photo and minutes for a large picture of
 * noise (probe 15: 190 s for 4000×4000): on the core's thread that held every other call —
 * signing, sync, the screens — and nothing could stop it. Here each search runs in a worker
 * thread (qrWorker.ts) with a deadline; past it the worker is stopped and the answer is
 * QR_NOT_FOUND saying the picture took too long. Where no worker can start (the module run from
 * source without its compiled copy), the search runs in place, as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dccError } from '../../../shared/dcc/dccErrors.js';
import { StationError, type ErrorInfo } from '../../../shared/errors.js';
import { readQrCodesFromRgba } from '../../../shared/qr/decode.js';
import { fromPicture, hc1FromBytes, type Hc1Input } from './hc1FromInput.js';

export type ScanRequest = { kind: 'rgba'; data: Uint8Array; width: number; height: number } | { kind: 'bytes'; bytes: Uint8Array; name: string };
export type ScanReply = { ok: true; input: Hc1Input } | { ok: false; error: ErrorInfo } | { ok: false; crash: string; started: boolean };

/** Marks the thread qrWorker.ts must serve (its workerData.role). */
export const QR_WORKER_ROLE = 'station-qr-scan';

/** A phone photo searches in a few seconds on a slow PC; past this, the picture is not worth the wait. */
export const SCAN_DEADLINE_MS = 20_000;

/** What a request asks, done in this thread: the worker's own work, and the fallback. */
export function scanHere(req: ScanRequest): Hc1Input {
  return req.kind === 'rgba' ? fromPicture(readQrCodesFromRgba(req.data, req.width, req.height)) : hc1FromBytes(req.bytes, req.name);
}

function workerEntry(): URL | null {
  const candidates = [new URL('./qrWorker.js', import.meta.url), new URL('../../../dist/electron/core/image/qrWorker.js', import.meta.url)];
  return candidates.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url))) ?? null;
}

function tooLong(ms: number): StationError {
  const s = Math.max(1, Math.round(ms / 1000));
  return dccError('QR_NOT_FOUND', {
    vi: `tìm mã trong ảnh quá ${s} giây; hãy cắt ảnh quanh mã QR rồi thử lại`,
    en: `searching the picture took over ${s} second${s === 1 ? '' : 's'}; crop the picture to the QR code and try again`,
  });
}

/** The HC1 text in a picture or file; throws a StationError (IMAGE_INVALID, QR_NOT_FOUND, INPUT_*) as scanHere does. */
export async function scanForHc1(req: ScanRequest, opts: { deadlineMs?: number; entry?: URL } = {}): Promise<Hc1Input> {
  const entry = opts.entry ?? workerEntry();
  if (entry === null) return scanHere(req);
  const deadlineMs = opts.deadlineMs ?? SCAN_DEADLINE_MS;
  // A copy is handed over (transferred): the request keeps its own bytes for the in-place fallback.
  const buffer = (req.kind === 'rgba' ? req.data : req.bytes).slice().buffer;
  const worker = new Worker(entry, { workerData: { role: QR_WORKER_ROLE } });
  try {
    const reply = await new Promise<ScanReply>((resolve) => {
      // The worker says it is ready once its module (jsQR with it) has loaded; only then is the
      // request sent, and a failure before that is a worker that cannot run here.
      let started = false;
      const timer = setTimeout(() => resolve({ ok: false, error: tooLong(deadlineMs).toInfo() }), deadlineMs);
      worker.on('message', (m: ScanReply | { ready: true }) => {
        if ('ready' in m) {
          started = true;
          const sent = req.kind === 'rgba' ? { kind: 'rgba', width: req.width, height: req.height, buffer } : { kind: 'bytes', name: req.name, buffer };
          worker.postMessage(sent, [buffer]);
          return;
        }
        clearTimeout(timer);
        resolve(m);
      });
      worker.once('error', (e) => {
        clearTimeout(timer);
        resolve({ ok: false, crash: e.message, started });
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ ok: false, crash: `exit ${code}`, started });
      });
    });
    if (reply.ok) return reply.input;
    if ('error' in reply) throw new StationError(reply.error.code, reply.error.message_vi, reply.error.message_en, reply.error.details);
    // A worker that never ran (its script cannot be loaded where the app is packed): searched
    // here, as before there was a worker — slower for a large picture, never unread.
    if (!reply.started) return scanHere(req);
    // A worker that died (out of memory on a huge picture): the picture cannot be read.
    throw dccError('IMAGE_INVALID', { vi: 'không đọc được ảnh', en: 'the picture could not be read' }, { reason: reply.crash });
  } finally {
    void worker.terminate();
  }
}
