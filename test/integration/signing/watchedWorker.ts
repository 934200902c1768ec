// The real read worker (the compiled readWorker.js in dist/) with what it was asked and what it
// answered written down, for the tests of the reads the signing step gives it (readAhead.test.ts,
// preparedBatch.test.ts); `fail` turns requests of one size into the worker's own error answer.
import { nodeWorkerFactory, type HalfRequest, type WorkerFactory, type WorkerLike, type WorkerMessage } from '../../../electron/core/signing/recordReader.js';

/** What the worker was asked (sizes of the requests) and what it answered; `fail` turns requests of that size into errors. */
export interface Seen {
  ready: Promise<void>;
  requests: number[];
  answered: number[];
  fail?: number;
  /** Resolves once a request of `n` records was answered (at once if one was). */
  answeredSize(n: number): Promise<void>;
}

export function watchedWorker(): { seen: Seen; factory: WorkerFactory } {
  const waiters = new Map<number, () => void>();
  let ready!: () => void;
  const seen: Seen = {
    ready: new Promise<void>((resolve) => (ready = resolve)),
    requests: [],
    answered: [],
    answeredSize: (n) => (seen.answered.includes(n) ? Promise.resolve() : new Promise<void>((resolve) => waiters.set(n, resolve))),
  };
  const factory: WorkerFactory = (path) => {
    const worker = nodeWorkerFactory(path);
    const listeners: ((m: WorkerMessage) => void)[] = [];
    const sizes = new Map<number, number>();
    worker.on('message', (m: WorkerMessage) => {
      if ('ready' in m) return ready();
      if (!m.ok) return;
      const n = sizes.get(m.id) ?? -1;
      seen.answered.push(n);
      waiters.get(n)?.();
    });
    const watched: WorkerLike = {
      postMessage(value, transfer) {
        const req = value as HalfRequest;
        seen.requests.push(req.seqs.length);
        sizes.set(req.id, req.seqs.length);
        if (req.seqs.length === seen.fail) {
          // The worker's own answer when its read throws.
          setImmediate(() => listeners.forEach((l) => l({ id: req.id, ok: false, reason: 'error', message: 'disk I/O error (injected)' })));
          return;
        }
        worker.postMessage(value, transfer);
      },
      on(event: 'message' | 'error' | 'exit', listener: (v: never) => void) {
        if (event === 'message') listeners.push(listener as (m: WorkerMessage) => void);
        worker.on(event as 'message', listener as (m: WorkerMessage) => void);
        return watched;
      },
      ref: () => worker.ref(),
      unref: () => worker.unref(),
      terminate: () => worker.terminate(),
    };
    return watched;
  };
  return { seen, factory };
}
