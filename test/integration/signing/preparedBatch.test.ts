// The first batch of a signing is read on the worker while the signer types the PIN: the signing
// screen lists the tokens first (signingService.ts), and nothing of a batch's records, bytes or
// root depends on the PIN or the certificate (signBatch.ts prepareFirstBatch). Through the station
// as the app runs it, with the real worker: the prepared batch is used exactly when nothing at all
// was written since it was read, and then holds exactly what one thread reads; any write, another
// batch size, a worker that fails, or a signing that started first, and the signing reads as it
// always did — never a stale record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bytesToHex } from '../../../shared/crypto/bytes.js';
import { openStationDatabase, stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { merkleRoot } from '../../../electron/core/signing/merkleRoot.js';
import { readyAt, readyRecordBytes, type ReadyRecord } from '../../../electron/core/signing/readyRecords.js';
import { readOnCore, SPLIT_MIN, splitPoint } from '../../../electron/core/signing/splitRead.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { bulkLoadRecords } from '../../bench/fixtures/bulkLoad.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';
import { verifyExportedBatch } from './independentVerify.js';
import { watchedWorker, type Seen } from './watchedWorker.js';

// Reads of records on the core's thread (and the tests' own), counted: a signing that used the
// prepared batch made none.
vi.mock('../../../electron/core/signing/readyRecords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/signing/readyRecords.js')>();
  return { ...real, readyRecordBytes: vi.fn(real.readyRecordBytes), readyAt: vi.fn(real.readyAt) };
});
const coreReads = () => vi.mocked(readyRecordBytes).mock.calls.length + vi.mocked(readyAt).mock.calls.length;

const TAX_CODE = '0301234567';
/** Fewer than one batch of the default size: the prepared batch is every ready record. */
const COUNT = SPLIT_MIN + 500;
let cert: IssuedCert;
let cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  cert = await createFacilityCert(await createTestCa(), TAX_CODE);
});

beforeEach(() => {
  vi.mocked(readyRecordBytes).mockClear();
  vi.mocked(readyAt).mockClear();
});

afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** COUNT ready records, a station over them with a watched worker; `fail`: requests of that size fail. */
function world(fail?: number): { station: StationCore; seen: Seen; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'station-prepared-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  bulkLoadRecords(dir, { count: COUNT, seed: 23, facilityCode: '79001', state: () => 'ready' });
  const { seen, factory } = watchedWorker();
  if (fail !== undefined) seen.fail = fail;
  const station = openStation({ dataDir: dir, ports: systemStorePorts('user:signer'), signing: { signer: softwareSigner(cert, { taxCode: TAX_CODE }), readWorker: factory } });
  cleanup.push(() => station.close());
  station.store.setSetting('facility.code', '79001');
  station.store.setSetting('facility.taxCode', TAX_CODE);
  return { station, seen, dir };
}

/** What one thread reads now, on a connection of its own (not counted as the core's read). */
function readNow(dir: string, limit = COUNT): ReadyRecord[] {
  const db = openStationDatabase(stationDatabasePath(dir));
  try {
    return readOnCore(db, { limit }).records;
  } finally {
    db.close();
  }
}

/** The batch holds exactly `records` (ids, leaf bytes, root), and verifies independently. */
function holds(station: StationCore, batch: { batch: string; root: string }, records: readonly ReadyRecord[]): void {
  expect(station.signing.batches.recordIds(batch.batch)).toEqual(records.map((r) => r.id));
  expect(batch.root).toBe(bytesToHex(merkleRoot(records.map((r) => r.cbor))));
  expect(station.signing.batches.leaves(batch.batch).map(bytesToHex)).toEqual(records.map((r) => bytesToHex(r.cbor)));
  expect(verifyExportedBatch(station.signing.batches.uploadBody(batch.batch))).toMatchObject({ signatureValid: true, proofsValid: records.length });
}

/** The signing screen opens: tokens listed, the worker up, the first batch read on it. */
async function listedAndPrepared(station: StationCore, seen: Seen): Promise<void> {
  await station.signing.listTokens();
  await seen.ready;
  await seen.answeredSize(COUNT);
}

describe('the first batch, read while the PIN is typed', () => {
  it('is the batch signed when nothing was written since: no read at signing, exactly what one thread reads', async () => {
    const { station, seen, dir } = world();
    const expected = readNow(dir);
    await listedAndPrepared(station, seen);
    const before = coreReads();
    const result = await station.signing.sign({});
    expect(result.batches.map((b) => b.count)).toEqual([COUNT]);
    holds(station, result.batches[0]!, expected);
    // The worker read it once, before the signing; the signing read nothing, split nothing, and
    // did not compare the records again at the store.
    expect(seen.requests).toEqual([COUNT]);
    expect(coreReads()).toBe(before);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: COUNT });
    expect(station.store.verifyAudit().ok).toBe(true);
  });

  it('is not used after an edit made once it was read: the batch holds the record as edited', async () => {
    const { station, seen, dir } = world();
    await listedAndPrepared(station, seen);
    const edited = readNow(dir)[7]!.id;
    station.store.updateRecord(edited, { dose: { lot: 'EDITED-AFTER-LISTING' } }, { confirmWarnings: true });
    const expected = readNow(dir);
    const result = await station.signing.sign({});
    holds(station, result.batches[0]!, expected);
    expect(station.store.getRecord(edited).record).toMatchObject({ lot: 'EDITED-AFTER-LISTING', state: 'signed' });
    // Read again at signing, split as usual.
    expect(seen.requests).toEqual([COUNT, COUNT - splitPoint(COUNT)]);
  });

  it('is not used after any other write either (a setting): read again, the same records', async () => {
    const { station, seen, dir } = world();
    const expected = readNow(dir);
    await listedAndPrepared(station, seen);
    station.store.setSetting('facility.name', 'Trạm Y tế Phường 1');
    const result = await station.signing.sign({});
    holds(station, result.batches[0]!, expected);
    expect(seen.requests).toEqual([COUNT, COUNT - splitPoint(COUNT)]);
  });

  it('is kept by a listing while still exact, read again by a listing after a write', async () => {
    const { station, seen } = world();
    await listedAndPrepared(station, seen);
    await station.signing.listTokens();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.requests).toEqual([COUNT]);
    station.store.setSetting('facility.name', 'Trạm Y tế Phường 2');
    await station.signing.listTokens();
    await vi.waitFor(() => expect(seen.answered).toEqual([COUNT, COUNT]));
    const before = coreReads();
    const result = await station.signing.sign({});
    expect(result.count).toBe(COUNT);
    expect(seen.requests).toEqual([COUNT, COUNT]);
    expect(coreReads()).toBe(before);
  });

  it('is not used by a signing of another size, and is gone after it', async () => {
    const { station, seen, dir } = world();
    const expected = readNow(dir);
    await listedAndPrepared(station, seen);
    const small = await station.signing.sign({ limit: 100 });
    holds(station, small.batches[0]!, expected.slice(0, 100));
    const rest = await station.signing.sign({});
    holds(station, rest.batches[0]!, expected.slice(100));
    // The small one on the core alone, the rest split: the prepared read served neither.
    expect(seen.requests).toEqual([COUNT, COUNT - 100 - splitPoint(COUNT - 100)]);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: COUNT });
  });

  it('failed on the worker: the signing reads as usual', async () => {
    const { station, seen, dir } = world(COUNT);
    const expected = readNow(dir);
    await station.signing.listTokens();
    await seen.ready;
    await vi.waitFor(() => expect(seen.requests).toEqual([COUNT]));
    const result = await station.signing.sign({});
    holds(station, result.batches[0]!, expected);
    expect(seen.answered).toEqual([COUNT - splitPoint(COUNT)]);
  });

  it('is never asked for once a signing started: a worker ready only after it reads nothing for it', async () => {
    const { station, seen, dir } = world();
    const expected = readNow(dir);
    await station.signing.listTokens();
    const before = coreReads();
    // Signed at once, before the worker that the listing started is ready: read on the core.
    const result = await station.signing.sign({});
    holds(station, result.batches[0]!, expected);
    await seen.ready;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.requests).toEqual([]);
    expect(coreReads()).toBeGreaterThan(before);
  });
});
