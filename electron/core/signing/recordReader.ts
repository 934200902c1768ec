/**
 * The persistent worker thread that reads half of each big batch, and the next batch of a long
 * signing whole (splitRead.ts, readWorker.ts, signBatch.ts readAhead).
 * Started lazily (warm() or the first read), unref'd while idle so it never keeps a process alive,
 * closed with the signing service. Nothing it does can fail a signature: a worker that cannot
 * start (inside Electron the core may run from an asar archive a Worker cannot load from), that
 * crashes, errs or takes too long makes `read` answer null, and the core reads everything itself;
 * the next read starts a new worker — until MAX_START_FAILURES in a row end before it is ready,
 * after which this reader stops trying (a worker that can never load would otherwise start a
 * thread for every batch). A read never waits for a worker still starting (see `read`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { unpackHalf, type PackedHalf } from './halfPacking.js';

export interface HalfRequest {
  id: number;
  seqs: Float64Array;
  ascending: boolean;
  /** Merkle levels the worker reduces its half by (merkleRoot.ts reduceLevels). */
  levels: number;
}

export type HalfReply = { id: number; ok: true; buffer: ArrayBuffer } | { id: number; ok: false; reason: 'changed' | 'error'; message?: string };
/** What the worker sends: answers, and once, when it has opened the database and warmed up. */
export type WorkerMessage = HalfReply | { ready: true };

/** What the reader needs of a node:worker_threads Worker (a port, so tests can inject failures). */
export interface WorkerLike {
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (value: WorkerMessage) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

export type WorkerFactory = (dbPath: string) => WorkerLike;

export interface RecordReader {
  /** Starts the worker now if it is not running (returns at once). */
  warm(): void;
  /**
   * Starts the worker if needed; true once it is ready, false if it failed or the reader is
   * closed. `keepAlive: false`: the wait does not keep the process alive (nothing needs the answer
   * if it ends meanwhile).
   */
  ready(opts?: { keepAlive?: boolean }): Promise<boolean>;
  /** Whether a read now would go to the worker (starting it if needed, without waiting). */
  available(): boolean;
  /**
   * The records at `seqs` read, encoded and hashed on the worker, or null if it could not — at
   * once when the worker is not ready yet (starting it): a thread still starting would answer
   * later than the core reads everything itself.
   */
  read(seqs: Float64Array, ascending: boolean, levels: number): Promise<PackedHalf | null>;
  /** Logs a fault of the worker's read found by its caller (the core then reads those records itself). */
  problem(message: string, fields?: Record<string, unknown>): void;
  close(): Promise<void>;
}

const MAX_START_FAILURES = 3;
/**
 * A half of 10,000 records takes ~50 ms, a whole batch ~100 ms, a few hundred on a busy PC: a
 * worker silent this long is stuck, and the core's thread reads the batch itself. Hangs are counted apart from failed starts
 * (a stuck worker had said ready): after MAX_START_FAILURES of them the worker is not used again.
 */
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The compiled worker next to this module (dist/electron/core/signing/), or — when this module
 * runs from its TypeScript source under a test runner — the compiled copy in dist/.
 */
export function defaultWorkerEntry(): URL {
  const candidates = [new URL('./readWorker.js', import.meta.url), new URL('../../../dist/electron/core/signing/readWorker.js', import.meta.url)];
  return candidates.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

/** Marks the thread readWorker.ts must serve (its workerData.role). */
export const READ_WORKER_ROLE = 'station-signing-read';

export const nodeWorkerFactory: WorkerFactory = (dbPath) => new Worker(defaultWorkerEntry(), { workerData: { role: READ_WORKER_ROLE, path: dbPath } });

export function recordReader(dbPath: string, opts: { factory?: WorkerFactory; timeoutMs?: number; logger?: Logger } = {}): RecordReader {
  const factory = opts.factory ?? nodeWorkerFactory;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let worker: WorkerLike | null = null;
  let isReady = false;
  let readyWaiters: ((ok: boolean) => void)[] = [];
  let startFailures = 0;
  let hangs = 0;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, { done: (half: PackedHalf | null) => void; timer: NodeJS.Timeout }>();

  const problem = (message: string, fields?: Record<string, unknown>) => opts.logger?.log('warn', `signing read worker: ${message}`, fields);

  function settle(id: number, half: PackedHalf | null): void {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    clearTimeout(job.timer);
    job.done(half);
    // Idle again: the worker must not keep the process alive.
    if (pending.size === 0) worker?.unref();
  }

  function wake(ok: boolean): void {
    const waiters = readyWaiters;
    readyWaiters = [];
    waiters.forEach((w) => w(ok));
    if (pending.size === 0) worker?.unref();
  }

  function drop(w: WorkerLike): void {
    if (worker !== w) return;
    worker = null;
    if (!isReady) startFailures++;
    isReady = false;
    wake(false);
    for (const id of [...pending.keys()]) settle(id, null);
    w.terminate().catch(() => undefined);
  }

  function start(): WorkerLike | null {
    if (worker || closed || startFailures >= MAX_START_FAILURES || hangs >= MAX_START_FAILURES) return worker;
    let w: WorkerLike;
    try {
      w = factory(dbPath);
    } catch (err) {
      startFailures++;
      problem('could not start', { error: err instanceof Error ? err.message : String(err) });
      wake(false);
      return null;
    }
    isReady = false;
    w.on('message', (reply) => {
      if ('ready' in reply) {
        isReady = true;
        startFailures = 0;
        wake(true);
        return;
      }
      if (!reply.ok) {
        if (reply.reason === 'error') problem('read failed', { error: reply.message });
        return settle(reply.id, null);
      }
      let half: PackedHalf | null = null;
      try {
        half = unpackHalf(reply.buffer);
      } catch (err) {
        // A malformed answer is a bug, never a user-visible error: the core reads it itself.
        problem('unreadable answer', { error: err instanceof Error ? err.message : String(err) });
      }
      settle(reply.id, half);
    });
    w.on('error', (err) => {
      problem('failed', { error: err.message });
      drop(w);
    });
    w.on('exit', (code) => {
      if (!closed && worker === w) problem('exited', { code });
      drop(w);
    });
    // After the listeners: adding one refs the worker's port again.
    w.unref();
    worker = w;
    return w;
  }

  return {
    warm() {
      start();
    },
    ready({ keepAlive = true } = {}) {
      if (start() === null) return Promise.resolve(false);
      if (isReady) return Promise.resolve(true);
      // Someone waits: keep the process alive until the worker is ready (or fails).
      if (keepAlive) worker?.ref();
      return new Promise<boolean>((resolve) => readyWaiters.push(resolve));
    },
    available() {
      return start() !== null && isReady;
    },
    read(seqs, ascending, levels) {
      const w = start();
      if (!w || !isReady) return Promise.resolve(null);
      const id = nextId++;
      return new Promise<PackedHalf | null>((resolve) => {
        const timer = setTimeout(() => {
          problem('no answer in time', { timeoutMs });
          hangs++;
          settle(id, null);
          // A worker stuck on one read is stuck for the next: replace it.
          drop(w);
        }, timeoutMs);
        timer.unref();
        pending.set(id, { done: resolve, timer });
        // Busy: keep the process alive until the answer (the caller awaits it).
        w.ref();
        try {
          const req: HalfRequest = { id, seqs, ascending, levels };
          w.postMessage(req, [seqs.buffer as ArrayBuffer]);
        } catch (err) {
          problem('could not post', { error: err instanceof Error ? err.message : String(err) });
          drop(w);
          settle(id, null);
        }
      });
    },
    problem,
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      wake(false);
      for (const id of [...pending.keys()]) settle(id, null);
      await w?.terminate().catch(() => undefined);
    },
  };
}
