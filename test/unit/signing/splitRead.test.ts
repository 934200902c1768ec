// Reading a batch on two threads (splitRead.ts) gives exactly what one thread gives — the same
// records, bytes and Merkle root — for any choice of records, and falls back to one thread,
// unseen, whenever the worker cannot help: it cannot start, crashes, hangs, or finds the records
// changed since the core chose them. Small counts, split at any Merkle level, so every tree shape
// around the split point is exercised (the production threshold is 2,000 records).
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { readyAt, readySeqs } from '../../../electron/core/signing/readyRecords.js';
import { answerHalf } from '../../../electron/core/signing/readWorker.js';
import { READ_WORKER_ROLE, recordReader, type HalfRequest, type RecordReader, type WorkerFactory, type WorkerLike, type WorkerMessage } from '../../../electron/core/signing/recordReader.js';
import { readBatchRecords, readOnCore, splitPoint, type BatchRecords } from '../../../electron/core/signing/splitRead.js';
import type { StationCore } from '../../../electron/core/station.js';
import { softwareStations } from '../../integration/signing/softwareStation.js';

const stations = softwareStations();
let station: StationCore;
let readers: RecordReader[] = [];
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function same(a: BatchRecords, b: BatchRecords): void {
  expect(a.records.map((r) => [r.id, r.seq])).toEqual(b.records.map((r) => [r.id, r.seq]));
  expect(a.records.map((r) => hex(r.cbor))).toEqual(b.records.map((r) => hex(r.cbor)));
  expect(hex(a.root)).toBe(hex(b.root));
}

/** A reader whose answers are counted: a test of the split must see the worker's half used. */
function counted(reader: RecordReader) {
  const used = { halves: 0 };
  const wrapped: RecordReader = {
    ...reader,
    read: async (...args) => {
      const half = await reader.read(...args);
      if (half !== null) used.halves++;
      return half;
    },
  };
  return { reader: wrapped, used };
}

function track(reader: RecordReader): RecordReader {
  readers.push(reader);
  return reader;
}

const ready = () => station.store.db.prepare(`SELECT id FROM dose_records WHERE state = 'ready' ORDER BY seq`).pluck().all() as string[];

beforeEach(async () => {
  // A station with corrections (one naming its predecessor, one whose predecessor the platform
  // refused), people with and without a phone, and signed records between the ready ones.
  ({ station } = stations.open(70, { seed: 5, prefix: 'station-split-read-' }));
  const all = ready();
  const signed = [all[3]!, all[10]!, all[11]!, all[40]!, all[41]!, all[55]!];
  await station.signing.sign({ recordIds: signed });
  station.store.correctRecord(signed[0]!, { dose: { lot: 'FIXED-1' } }, 'Sai số lô', { confirmWarnings: true });
  station.store.setRecordsState([signed[1]!], 'signed', 'submitted');
  station.store.setRecordsState([{ id: signed[1]!, details: { code: 'IDENTITY_MISMATCH', message: 'x' } }], 'submitted', 'rejected');
  station.store.correctRecord(signed[1]!, { dose: { lot: 'FIXED-2' } }, 'Sai số lô', { confirmWarnings: true });
  const phones = station.store.db.prepare(`SELECT count(*) FROM people WHERE phone IS NULL`).pluck().get() as number;
  expect(phones).toBeGreaterThan(0);
  stations.onCleanup(async () => {
    for (const r of readers) await r.close();
    readers = [];
  });
});

describe('readBatchRecords on two threads', () => {
  it('gives the single-thread records, bytes and root for any limit, chosen ids and split level', async () => {
    const { reader, used } = counted(track(recordReader(station.store.db.name)));
    expect(await reader.ready()).toBe(true);
    const ids = ready();
    const choice = fc.oneof(
      fc.record({ limit: fc.integer({ min: 1, max: 80 }) }),
      fc.record({ recordIds: fc.shuffledSubarray(ids, { minLength: 1 }).chain((chosen) => fc.constant([...chosen, ...chosen.slice(0, 2)])) }),
    );
    await fc.assert(fc.asyncProperty(choice, fc.integer({ min: 0, max: 4 }), async (opts, levels) => {
      same(await readBatchRecords(station.store.db, opts, reader, { minRecords: 2, levels }), readOnCore(station.store.db, opts));
    }), { numRuns: 40 });
    expect(used.halves).toBeGreaterThan(20);
  });

  it('splits at a whole number of 2^levels subtrees, both halves non-empty', () => {
    expect(splitPoint(10_000)).toBe(5376);
    expect(splitPoint(2_000)).toBe(1024);
    for (const [n, levels] of [[2, 0], [3, 1], [5, 2], [17, 4], [100, 3]] as const) {
      const at = splitPoint(n, levels);
      expect(at % 2 ** levels).toBe(0);
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThan(n);
    }
  });

  it('reads a batch smaller than the threshold on the core’s thread, without a worker', async () => {
    let started = 0;
    const reader = track(recordReader(station.store.db.name, { factory: () => { started++; throw new Error('not expected'); } }));
    same(await readBatchRecords(station.store.db, { limit: 50 }, reader), readOnCore(station.store.db, { limit: 50 }));
    expect(started).toBe(0);
  });

  it('throws exactly the single-thread error for a chosen record that is not ready', async () => {
    const { reader } = counted(track(recordReader(station.store.db.name)));
    await reader.ready();
    const signed = station.store.db.prepare(`SELECT id FROM dose_records WHERE state = 'signed' LIMIT 1`).pluck().get() as string;
    const opts = { recordIds: [...ready().slice(0, 5), signed] };
    const err = await readBatchRecords(station.store.db, opts, reader, { minRecords: 2, levels: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SIGN_RECORDS_NOT_READY', details: { recordIds: [signed] } });
  });
});

describe('when the worker cannot help, the core reads everything', () => {
  const opts = { limit: 40 };
  const tuning = { minRecords: 2, levels: 2 };

  it('a worker still starting is not waited for: the core reads everything, the next read uses it', async () => {
    const { reader, used } = counted(track(recordReader(station.store.db.name)));
    same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
    expect(used.halves).toBe(0);
    expect(await reader.ready()).toBe(true);
    same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
    expect(used.halves).toBe(1);
  });

  it('a worker that cannot start: same result, a warning logged, and a new start next time', async () => {
    const logger = memoryLogger();
    let starts = 0;
    const factory: WorkerFactory = (path) => {
      starts++;
      if (starts === 1) throw new Error('cannot load from asar');
      return new Worker(new URL('../../../dist/electron/core/signing/readWorker.js', import.meta.url), { workerData: { role: READ_WORKER_ROLE, path } });
    };
    const { reader, used } = counted(track(recordReader(station.store.db.name, { factory, logger })));
    same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
    expect(used.halves).toBe(0);
    expect(logger.lines.map((l) => l.level)).toContain('warn');
    expect(await reader.ready()).toBe(true);
    same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
    expect(starts).toBe(2);
    expect(used.halves).toBe(1);
  });

  it('a worker that fails to load: tried again lazily, given up after three failed starts', async () => {
    let starts = 0;
    const factory: WorkerFactory = () => {
      starts++;
      return new Worker(`throw new Error('cannot load');`, { eval: true });
    };
    const reader = track(recordReader(station.store.db.name, { factory }));
    for (let i = 0; i < 5; i++) {
      expect(await reader.ready()).toBe(false);
      same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
    }
    expect(starts).toBe(3);
  });

  it('a worker that crashes on a request: same result, and a new worker next time', async () => {
    let starts = 0;
    const logger = memoryLogger();
    const factory: WorkerFactory = () => {
      starts++;
      return new Worker(`const port = require('node:worker_threads').parentPort;
        port.postMessage({ ready: true });
        port.on('message', () => { throw new Error('boom'); });`, { eval: true });
    };
    const reader = track(recordReader(station.store.db.name, { factory, logger }));
    for (let i = 0; i < 3; i++) {
      expect(await reader.ready()).toBe(true);
      same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
    }
    expect(starts).toBe(3);
    expect(logger.lines.filter((l) => l.message.includes('failed'))).toHaveLength(3);
  });

  it('a worker that never answers: same result after the time limit', async () => {
    const factory: WorkerFactory = () => new Worker(`const port = require('node:worker_threads').parentPort;
      port.postMessage({ ready: true });
      port.on('message', () => {});`, { eval: true });
    const reader = track(recordReader(station.store.db.name, { factory, timeoutMs: 150 }));
    expect(await reader.ready()).toBe(true);
    same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
  });

  it('a worker that answers other records or other nodes than asked: not used, the core reads everything, a warning logged', async () => {
    const path = station.store.db.name;
    const reading = new Database(path, { readonly: true });
    stations.onCleanup(() => reading.close());
    // Each fault changes the request before the real answer is made from it.
    const faults: ((req: HalfRequest) => HalfRequest)[] = [
      (req) => ({ ...req, seqs: req.seqs.slice(0, -1) }),
      (req) => ({ ...req, seqs: Float64Array.from([...req.seqs].reverse()), ascending: false }),
      (req) => ({ ...req, levels: Math.max(0, req.levels - 1) }),
    ];
    for (const fault of faults) {
      const logger = memoryLogger();
      const listeners = new Map<string, (m: WorkerMessage) => void>();
      const fake: WorkerLike = {
        on(event: string, l: (v: never) => void) {
          listeners.set(event, l as (m: WorkerMessage) => void);
          if (event === 'message') setImmediate(() => listeners.get('message')!({ ready: true }));
          return this;
        },
        postMessage(value: unknown) {
          const { reply } = answerHalf(reading, fault(value as HalfRequest));
          setImmediate(() => listeners.get('message')!(reply));
        },
        ref() {},
        unref() {},
        terminate: async () => 0,
      };
      const reader = track(recordReader(path, { factory: () => fake, logger }));
      expect(await reader.ready()).toBe(true);
      same(await readBatchRecords(station.store.db, opts, reader, tuning), readOnCore(station.store.db, opts));
      expect(logger.lines.filter((l) => l.message.includes('other records than asked'))).toHaveLength(1);
    }
  });

  /**
   * An in-process stand-in for the worker thread: when asked, another connection first makes
   * `target` a draft, then the worker's own answer runs on its read-only connection.
   */
  function writingWorker(target: string) {
    const path = station.store.db.name;
    const writer = new Database(path);
    const reading = new Database(path, { readonly: true });
    const state = { wrote: false };
    const fake: WorkerLike & { listeners: Map<string, (v: never) => void> } = {
      listeners: new Map(),
      on(event: string, l: (v: never) => void) {
        this.listeners.set(event, l);
        if (event === 'message') setImmediate(() => (l as (m: WorkerMessage) => void)({ ready: true }));
        return this;
      },
      postMessage(value: unknown) {
        writer.prepare(`UPDATE dose_records SET state = 'draft' WHERE id = ?`).run(target);
        state.wrote = true;
        const { reply } = answerHalf(reading, value as HalfRequest);
        setImmediate(() => (this.listeners.get('message') as (m: WorkerMessage) => void)(reply));
      },
      ref() {},
      unref() {},
      terminate: async () => 0,
    };
    stations.onCleanup(() => {
      writer.close();
      reading.close();
    });
    return { state, ...counted(track(recordReader(path, { factory: () => fake }))) };
  }

  it('ready records written between the core’s choice and the worker’s read: the worker says so, the core reads the new set', async () => {
    const target = ready()[30]!;
    const { state, reader, used } = writingWorker(target);
    expect(await reader.ready()).toBe(true);
    const got = await readBatchRecords(station.store.db, opts, reader, tuning);
    expect(state.wrote).toBe(true);
    expect(used.halves).toBe(0);
    expect(got.records.map((r) => r.id)).not.toContain(target);
    same(got, readOnCore(station.store.db, opts));
  });

  it('a chosen record written in between: the core reads everything and refuses it, as one thread would', async () => {
    const chosen = ready().slice(0, 12).reverse();
    const target = chosen[10]!;
    const { state, reader, used } = writingWorker(target);
    expect(await reader.ready()).toBe(true);
    const err = await readBatchRecords(station.store.db, { recordIds: chosen }, reader, { minRecords: 2, levels: 1 }).catch((e: unknown) => e);
    expect(state.wrote).toBe(true);
    expect(used.halves).toBe(0);
    expect(err).toMatchObject({ code: 'SIGN_RECORDS_NOT_READY', details: { recordIds: [target] } });
  });
});

describe('readyAt', () => {
  it('answers null when the chosen records are no longer exactly the ready ones of their range', () => {
    const db = station.store.db;
    const seqs = readySeqs(db, { limit: 20 });
    expect(readyAt(db, seqs, true)!.map((r) => r.seq)).toEqual(seqs);
    // A ready record inside the range that was not chosen (it became ready after the choice).
    expect(readyAt(db, seqs.filter((_, i) => i !== 7), true)).toBeNull();
    // A chosen record that is gone (unknown seq), in either lookup.
    expect(readyAt(db, [...seqs.slice(0, 5), 10 ** 9], false)).toBeNull();
    expect(readyAt(db, [10 ** 9 - 1, 10 ** 9], true)).toBeNull();
  });
});
