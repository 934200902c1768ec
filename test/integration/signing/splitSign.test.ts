// Signing a batch big enough to be read on two threads (signing/splitRead.ts), through the station
// as the app runs it, with the real worker thread (the compiled readWorker.js in dist/): the batch
// is the one a single thread would have made (same records, same root), it verifies with an
// independent implementation, and the worker is stopped with the station. A worker that cannot
// start changes nothing the user sees.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bytesToHex } from '../../../shared/crypto/bytes.js';
import { openStationDatabase, stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { nodeWorkerFactory, type WorkerFactory, type WorkerMessage } from '../../../electron/core/signing/recordReader.js';
import { readOnCore, SPLIT_MIN } from '../../../electron/core/signing/splitRead.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { bulkLoadRecords } from '../../bench/fixtures/bulkLoad.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';
import { verifyExportedBatch } from './independentVerify.js';

const TAX_CODE = '0301234567';
const COUNT = SPLIT_MIN + 300;
let cert: IssuedCert;
let cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  cert = await createFacilityCert(await createTestCa(), TAX_CODE);
});

afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** COUNT ready records (bulk-loaded), the root one thread makes of them, and a station over them. */
function world(readWorker: WorkerFactory, count = COUNT) {
  const dir = mkdtempSync(join(tmpdir(), 'station-split-sign-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  bulkLoadRecords(dir, { count, seed: 9, facilityCode: '79001', state: () => 'ready' });
  const db = openStationDatabase(stationDatabasePath(dir));
  const expected = readOnCore(db, { limit: count });
  db.close();
  const station = openStation({ dataDir: dir, ports: systemStorePorts('user:signer'), signing: { signer: softwareSigner(cert, { taxCode: TAX_CODE }), readWorker } });
  cleanup.push(() => station.close());
  station.store.setSetting('facility.code', '79001');
  station.store.setSetting('facility.taxCode', TAX_CODE);
  return { station, expected };
}

function signedAsExpected(station: StationCore, batch: string, expected: ReturnType<typeof readOnCore>, root: string): void {
  expect(root).toBe(bytesToHex(expected.root));
  expect(station.signing.batches.recordIds(batch)).toEqual(expected.records.map((r) => r.id));
  expect(verifyExportedBatch(station.signing.batches.uploadBody(batch))).toMatchObject({ signatureValid: true, proofsValid: COUNT });
  expect(station.store.countByState()).toMatchObject({ ready: 0, signed: COUNT });
  expect(station.signing.batches.leaves(batch).map(bytesToHex)).toEqual(expected.records.map((r) => bytesToHex(r.cbor)));
  // Deflated half by half as they were read (storedLeaves.ts LeavesInFlight): the stream's pieces
  // end with a sync flush and the empty final block, which a deflate of the packed batch does not.
  const blob = station.store.db.prepare('SELECT l.leaves FROM batch_leaves l JOIN batches b ON b.seq = l.batch_seq WHERE b.id = ?').pluck().get(batch) as Buffer;
  expect(bytesToHex(blob.subarray(blob.length - 6))).toBe('0000ffff0300');
}

describe('signing a batch read on two threads', () => {
  it('stores the batch one thread would make, read half on the worker (started by the token listing), which stops with the station', async () => {
    const seen = { halves: 0, exited: false };
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const factory: WorkerFactory = (path) => {
      const worker = nodeWorkerFactory(path);
      worker.on('message', (m: WorkerMessage) => {
        if ('ready' in m) ready();
        else if (m.ok) seen.halves++;
      });
      worker.on('exit', () => void (seen.exited = true));
      return worker;
    };
    const { station, expected } = world(factory);
    // The signing screen lists the tokens first: the worker starts then, and is ready by the PIN.
    await station.signing.listTokens();
    await isReady;
    // It reads the first batch ahead then (preparedBatch.test.ts); a write after that makes the
    // signing read the batch again, split.
    await vi.waitFor(() => expect(seen.halves).toBe(1));
    station.store.setSetting('facility.name', 'Trạm Y tế Phường 1');
    const result = await station.signing.sign({});
    expect(result.count).toBe(COUNT);
    expect(seen.halves).toBe(2);
    signedAsExpected(station, result.batch, expected, result.root);
    await station.close();
    expect(seen.exited).toBe(true);
  });

  it('signs the same batch when the worker cannot start', async () => {
    let starts = 0;
    const { station, expected } = world(() => {
      starts++;
      throw new Error('cannot load a worker from an asar archive');
    });
    const result = await station.signing.sign({});
    expect(starts).toBeGreaterThan(0);
    signedAsExpected(station, result.batch, expected, result.root);
  });

  it('starts no thread for a station whose queue is too short to split', async () => {
    let starts = 0;
    const { station } = world((path) => {
      starts++;
      return nodeWorkerFactory(path);
    }, 40);
    await station.signing.listTokens();
    expect((await station.signing.sign({})).count).toBe(40);
    expect(starts).toBe(0);
  });

  it('never keeps a process alive: a ready worker left open does not stop node from exiting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-split-exit-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    openStationDatabase(stationDatabasePath(dir)).close();
    const module = new URL('../../../dist/electron/core/signing/recordReader.js', import.meta.url).href;
    const script = `const { recordReader } = await import(${JSON.stringify(module)});
      const reader = recordReader(${JSON.stringify(stationDatabasePath(dir))});
      process.stdout.write(String(await reader.ready()));`;
    writeFileSync(join(dir, 'leave-open.mjs'), script);
    const run = spawnSync(process.execPath, [join(dir, 'leave-open.mjs')], { encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect({ status: run.status, out: run.stdout }).toEqual({ status: 0, out: 'true' });
  });
});
