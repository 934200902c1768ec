// A long signing (more ready records than one batch holds) reads each next batch wholly on the
// worker thread while the core's thread signs and stores the current one (signBatch.ts
// readAhead). Through the station as the app runs it, with the real worker (the compiled
// readWorker.js in dist/): every batch holds exactly the records, bytes and root one thread would
// have made; an edit made while the next batch was read ahead is caught at its store (the station's
// own writes to the current batch are discounted, nothing else is); a worker that fails the
// read-ahead changes nothing the user sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../../shared/crypto/bytes.js';
import { StationError } from '../../../shared/errors.js';
import { openStationDatabase, stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { merkleRoot } from '../../../electron/core/signing/merkleRoot.js';
import type { ReadyRecord } from '../../../electron/core/signing/readyRecords.js';
import { nodeWorkerFactory, type HalfRequest, type WorkerFactory, type WorkerLike, type WorkerMessage } from '../../../electron/core/signing/recordReader.js';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import { readOnCore, SPLIT_MIN } from '../../../electron/core/signing/splitRead.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { bulkLoadRecords } from '../../bench/fixtures/bulkLoad.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';
import { verifyExportedBatch } from './independentVerify.js';

const TAX_CODE = '0301234567';
const BATCH = SPLIT_MIN;
/** Two full batches (the second read ahead) and a short third one (read on the core). */
const COUNT = 2 * BATCH + 500;
let cert: IssuedCert;
let cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  cert = await createFacilityCert(await createTestCa(), TAX_CODE);
});

afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** What the worker was asked (sizes of the requests) and what it answered; `fail` turns requests of that size into errors. */
interface Seen {
  ready: Promise<void>;
  requests: number[];
  answered: number[];
  fail?: number;
  answeredSize(n: number): Promise<void>;
}

function watchedWorker(seen: Seen, waiters: Map<number, () => void>, ready: () => void): WorkerFactory {
  return (path) => {
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
}

/** COUNT ready records (bulk-loaded), what one thread reads of them, a station over them, and what its worker sees. */
async function world(wrap?: (key: TokenSigner, station: () => StationCore) => TokenSigner) {
  const dir = mkdtempSync(join(tmpdir(), 'station-read-ahead-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  bulkLoadRecords(dir, { count: COUNT, seed: 17, facilityCode: '79001', state: () => 'ready' });
  const db = openStationDatabase(stationDatabasePath(dir));
  const expected = readOnCore(db, { limit: COUNT }).records;
  db.close();
  const waiters = new Map<number, () => void>();
  let ready!: () => void;
  const seen: Seen = {
    ready: new Promise<void>((resolve) => (ready = resolve)),
    requests: [],
    answered: [],
    answeredSize: (n) => (seen.answered.includes(n) ? Promise.resolve() : new Promise<void>((resolve) => waiters.set(n, resolve))),
  };
  const key = softwareSigner(cert, { taxCode: TAX_CODE });
  let station!: StationCore;
  station = openStation({
    dataDir: dir,
    ports: systemStorePorts('user:signer'),
    signing: { signer: wrap ? wrap(key, () => station) : key, readWorker: watchedWorker(seen, waiters, ready) },
  });
  cleanup.push(() => station.close());
  station.store.setSetting('facility.code', '79001');
  station.store.setSetting('facility.taxCode', TAX_CODE);
  // The signing screen lists the tokens first: the worker starts then, and is ready by the PIN.
  await station.signing.listTokens();
  await seen.ready;
  return { station, expected, seen };
}

/** The batch holds exactly `records` (ids, leaf bytes, root), and verifies independently. */
function holds(station: StationCore, batch: { batch: string; root: string }, records: readonly ReadyRecord[]): void {
  expect(station.signing.batches.recordIds(batch.batch)).toEqual(records.map((r) => r.id));
  expect(batch.root).toBe(bytesToHex(merkleRoot(records.map((r) => r.cbor))));
  expect(verifyExportedBatch(station.signing.batches.uploadBody(batch.batch))).toMatchObject({ signatureValid: true, proofsValid: records.length });
}

/** A signer that runs `during` while it signs the first batch (after the read-ahead was posted). */
function duringFirstSignature(during: (station: StationCore) => Promise<void>) {
  return (key: TokenSigner, station: () => StationCore): TokenSigner => {
    let calls = 0;
    return {
      listTokens: (p) => key.listTokens(p),
      sign: async (p) => {
        if (calls++ === 0) await during(station());
        return key.sign(p);
      },
    };
  };
}

describe('a long signing reads the next batch ahead on the worker', () => {
  it('makes the batches one thread would make, the second read wholly on the worker', async () => {
    const { station, expected, seen } = await world();
    const result = await station.signing.sign({ batchSize: BATCH });
    expect(result.batches.map((b) => b.count)).toEqual([BATCH, BATCH, 500]);
    holds(station, result.batches[0]!, expected.slice(0, BATCH));
    holds(station, result.batches[1]!, expected.slice(BATCH, 2 * BATCH));
    holds(station, result.batches[2]!, expected.slice(2 * BATCH));
    // The first batch split with the core (a part of it), the second whole on the worker.
    expect(seen.requests).toContain(BATCH);
    expect(seen.answered).toContain(BATCH);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: COUNT });
  });

  it('catches an edit of a read-ahead record made after the worker read it: that batch is not stored, the one before is', async () => {
    let edited = '';
    const { station, expected, seen } = await world(duringFirstSignature(async (s) => {
      // The worker has read the second batch; now a clinic user edits one of its records.
      await seen.answeredSize(BATCH);
      edited = expected[BATCH + 7]!.id;
      s.store.updateRecord(edited, { dose: { lot: 'EDITED-WHILE-SIGNING' } }, { confirmWarnings: true });
    }));
    const err = await station.signing.sign({ batchSize: BATCH }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('SIGN_RECORDS_CHANGED');
    expect((err as StationError).details).toMatchObject({ recordIds: [edited] });
    const signedBatches = ((err as StationError).details as { signedBatches: string[] }).signedBatches;
    expect(signedBatches).toHaveLength(1);
    holds(station, { batch: signedBatches[0]!, root: bytesToHex(merkleRoot(expected.slice(0, BATCH).map((r) => r.cbor))) }, expected.slice(0, BATCH));
    // Nothing of the second batch was stored; the edit stays, the record still ready.
    expect(station.store.countByState()).toMatchObject({ ready: COUNT - BATCH, signed: BATCH });
    const record = station.store.getRecord(edited);
    expect(record.record.state).toBe('ready');
    expect(record.record.lot).toBe('EDITED-WHILE-SIGNING');
  });

  it('stores the read-ahead batch when what was written meanwhile changed none of its records', async () => {
    const { station, expected, seen } = await world(duringFirstSignature(async (s) => {
      await seen.answeredSize(BATCH);
      s.store.setSetting('facility.name', 'Trạm Y tế Phường 1');
    }));
    const result = await station.signing.sign({ batchSize: BATCH });
    expect(result.batches.map((b) => b.count)).toEqual([BATCH, BATCH, 500]);
    holds(station, result.batches[1]!, expected.slice(BATCH, 2 * BATCH));
  });

  it('reads the batch on the core when the worker fails the read-ahead', async () => {
    const { station, expected, seen } = await world();
    seen.fail = BATCH;
    const result = await station.signing.sign({ batchSize: BATCH });
    expect(seen.requests).toContain(BATCH);
    expect(seen.answered).not.toContain(BATCH);
    expect(result.batches.map((b) => b.count)).toEqual([BATCH, BATCH, 500]);
    holds(station, result.batches[1]!, expected.slice(BATCH, 2 * BATCH));
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: COUNT });
  });
});
