// A long signing (more ready records than one batch holds) reads each next batch wholly on the
// worker thread while the core's thread signs and stores the current one (signBatch.ts
// readAhead). Through the station as the app runs it, with the real worker (the compiled
// readWorker.js in dist/): every batch holds exactly the records, bytes and root one thread would
// have made; the read-ahead batch is stored without comparing its records again when only the
// station's own store of the batch before it wrote meanwhile, compared when anything else was
// written, refused when that changed one of its records; a record that became ready before it
// goes first (oldest first); a worker that fails the read-ahead changes nothing the user sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bytesToHex } from '../../../shared/crypto/bytes.js';
import { StationError } from '../../../shared/errors.js';
import { openStationDatabase, stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { merkleRoot } from '../../../electron/core/signing/merkleRoot.js';
import { readyRecordBytes, type ReadyRecord } from '../../../electron/core/signing/readyRecords.js';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import { readOnCore, SPLIT_MIN, splitPoint } from '../../../electron/core/signing/splitRead.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { bulkLoadRecords } from '../../bench/fixtures/bulkLoad.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';
import { verifyExportedBatch } from './independentVerify.js';
import { watchedWorker } from './watchedWorker.js';

// The store's comparison of a batch's records with the database (unchangedSince) reads them by
// id: counted here, so a test can tell a stored batch that was compared from one that was not.
vi.mock('../../../electron/core/signing/readyRecords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/signing/readyRecords.js')>();
  return { ...real, readyRecordBytes: vi.fn(real.readyRecordBytes) };
});
const compared = () => vi.mocked(readyRecordBytes).mock.calls.filter(([, opts]) => opts.recordIds !== undefined).length;

const TAX_CODE = '0301234567';
const BATCH = SPLIT_MIN;
/** Two full batches (the second read ahead) and a short third one (read on the core). */
const COUNT = 2 * BATCH + 500;
let cert: IssuedCert;
let cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  cert = await createFacilityCert(await createTestCa(), TAX_CODE);
});

beforeEach(() => {
  vi.mocked(readyRecordBytes).mockClear();
});

afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** COUNT ready records (bulk-loaded), what one thread reads of them, a station over them, and what its worker sees. */
async function world(wrap?: (key: TokenSigner, station: () => StationCore) => TokenSigner, draftAt?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'station-read-ahead-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  bulkLoadRecords(dir, { count: COUNT, seed: 17, facilityCode: '79001', state: (i) => (i === draftAt ? 'draft' : 'ready') });
  const db = openStationDatabase(stationDatabasePath(dir));
  const expected = readOnCore(db, { limit: COUNT }).records;
  db.close();
  const { seen, factory } = watchedWorker();
  const key = softwareSigner(cert, { taxCode: TAX_CODE });
  let station!: StationCore;
  station = openStation({
    dataDir: dir,
    ports: systemStorePorts('user:signer'),
    signing: { signer: wrap ? wrap(key, () => station) : key, readWorker: factory },
  });
  cleanup.push(() => station.close());
  station.store.setSetting('facility.code', '79001');
  station.store.setSetting('facility.taxCode', TAX_CODE);
  // The signing screen lists the tokens first: the worker starts then, and is ready by the PIN;
  // it then reads the first batch of the default size (every ready record) ahead, which these
  // signings in batches of BATCH do not use (preparedBatch.test.ts is about that read).
  await station.signing.listTokens();
  await seen.ready;
  await seen.answeredSize(draftAt === undefined ? COUNT : COUNT - 1);
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
      logIn: (p) => key.logIn(p),
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
    const progress: [number, number, string][] = [];
    const result = await station.signing.sign({ batchSize: BATCH, onProgress: (done, total, step) => progress.push([done, total, step]) });
    expect(result.batches.map((b) => b.count)).toEqual([BATCH, BATCH, 500]);
    // Progress counts the whole action and never goes back, read-ahead batches included.
    expect(progress.every(([, total]) => total === COUNT)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.filter(([, , step]) => step === 'prepare').map(([done]) => done)).toEqual([0, BATCH, 2 * BATCH]);
    holds(station, result.batches[0]!, expected.slice(0, BATCH));
    holds(station, result.batches[1]!, expected.slice(BATCH, 2 * BATCH));
    holds(station, result.batches[2]!, expected.slice(2 * BATCH));
    // The first batch split with the core (the worker's part), the second whole on the worker,
    // the third (short) on the core; and the read-ahead batch was not compared again: only the
    // first batch's store wrote meanwhile.
    expect(seen.requests).toEqual([COUNT, BATCH - splitPoint(BATCH), BATCH]);
    expect(seen.answered).toEqual([COUNT, BATCH - splitPoint(BATCH), BATCH]);
    expect(compared()).toBe(0);
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
    // The setting is a write the station did not make for a batch: both the batch being signed
    // then and the read-ahead one were compared (nothing else is discounted).
    expect(compared()).toBe(2);
  });

  it('keeps oldest first: a record that became ready while the next batch was read ahead goes into it', async () => {
    // One of the oldest records waits as a draft: the first batch leaves it out, the read-ahead
    // (past the first batch) too. It is fixed while the first batch is signed.
    let fixed = '';
    const { station, seen, expected } = await world(duringFirstSignature(async (s) => {
      await seen.answeredSize(BATCH);
      s.store.updateRecord(fixed, { dose: { lot: 'FIXED01' } }, { confirmWarnings: true });
    }), 5);
    fixed = station.store.listRecords({ state: 'draft', limit: 5, offset: 0 }).items[0]!.record.id;
    const result = await station.signing.sign({ batchSize: BATCH });
    // The second batch starts with it, as a read after the first batch's store chooses: the
    // read-ahead was read (its answer came) but not used.
    expect(seen.answered).toContain(BATCH);
    const second = station.signing.batches.recordIds(result.batches[1]!.batch);
    expect(second[0]).toBe(fixed);
    expect(second.slice(1)).toEqual(expected.slice(BATCH, 2 * BATCH - 1).map((r) => r.id));
    // The action signs as many as were ready when it was asked; the newest one is left ready.
    expect(result.count).toBe(COUNT - 1);
    expect(station.store.countByState()).toMatchObject({ ready: 1, draft: 0, signed: COUNT - 1 });
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
