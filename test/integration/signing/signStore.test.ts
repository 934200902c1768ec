// The store side of batch signing, with a software key in place of the token (the PKCS#11 path is
// covered by the SoftHSM tests beside this one): the records are read as their signed CBOR in one
// lean query, and "unchanged since read" is decided from the database's change counters, falling
// back to comparing every record's bytes when anything was written meanwhile. Each case here is a
// write that lands while the token signs.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../../shared/cbor/index.js';
import { StationError } from '../../../shared/errors.js';
import { signedRecordCbor } from '../../../electron/core/signing/buildBatch.js';
import { readyRecordBytes, readyRecords } from '../../../electron/core/signing/readyRecords.js';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import { stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import type { StationCore } from '../../../electron/core/station.js';
import { verifyExportedBatch } from './independentVerify.js';
import { softwareStations } from './softwareStation.js';

const stations = softwareStations();

/** A station with `n` ready records whose token runs `meanwhile` before it signs. */
function world(n: number) {
  let meanwhile: (() => unknown) | null = null;
  const wrap = (key: TokenSigner): TokenSigner => ({
    listTokens: (p) => key.listTokens(p),
    logIn: (p) => key.logIn(p),
    sign: async (p) => {
      await meanwhile?.();
      return key.sign(p);
    },
  });
  const { station, dir } = stations.open(n, { seed: 11, prefix: 'station-sign-store-', wrap });
  const ready = () => station.store.listRecords({ state: 'ready', limit: 1000 }).items.map((i) => i.record.id);
  return { station, dir, ready, whileSigning: (fn: () => unknown) => (meanwhile = fn) };
}

async function refusal(p: Promise<unknown>): Promise<StationError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StationError);
  return err as StationError;
}

function nothingStored(station: StationCore, ready: number): void {
  expect(station.store.countByState()).toMatchObject({ ready, signed: 0 });
  expect(station.signing.batches.list({ limit: 5, offset: 0 }).total).toBe(0);
  expect(station.store.verifyAudit().ok).toBe(true);
}

describe('reading the records to sign', () => {
  it('gives each record the bytes the general encoder makes of it, corrections naming what the platform holds', async () => {
    const { station, ready } = world(6);
    const [a, b] = ready().reverse();
    await station.signing.sign({ recordIds: [a!, b!] });
    // a is corrected while the platform holds it; b is refused by the platform, then corrected.
    const aFixed = station.store.correctRecord(a!, { dose: { lot: 'FIXED-1' } }, 'Sai số lô', { confirmWarnings: true }).record.id;
    station.store.setRecordsState([b!], 'signed', 'submitted');
    station.store.setRecordsState([{ id: b!, details: { code: 'IDENTITY_MISMATCH', message: 'x' } }], 'submitted', 'rejected');
    const bFixed = station.store.correctRecord(b!, { dose: { lot: 'FIXED-2' } }, 'Sai số lô', { confirmWarnings: true }).record.id;

    const lean = readyRecordBytes(station.store.db, {});
    const full = readyRecords(station.store.db, {});
    expect(lean.map((r) => r.id)).toEqual(full.map((r) => r.record.id));
    expect(lean.map((r) => r.cbor)).toEqual(full.map((r) => signedRecordCbor(r.person, r.record)));
    const decoded = (id: string) => decodeCbor(lean.find((r) => r.id === id)!.cbor) as Record<string, unknown>;
    expect(decoded(aFixed)).toMatchObject({ supersedes: a, reason: 'Sai số lô', lot: 'FIXED-1' });
    expect(decoded(bFixed)).not.toHaveProperty('supersedes');
    expect(readyRecordBytes(station.store.db, { recordIds: [aFixed] })[0]!.cbor).toEqual(lean.find((r) => r.id === aFixed)!.cbor);
  });
});

describe('a write while the token signs', () => {
  it('nothing written: the batch is stored, verifies, and every record’s history shows its signing', async () => {
    const { station } = world(12);
    const result = await station.signing.sign({});
    expect(result.count).toBe(12);
    expect(verifyExportedBatch(station.signing.batches.uploadBody(result.batch))).toMatchObject({ signatureValid: true, proofsValid: 12 });
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: 12 });
    for (const id of station.signing.batches.recordIds(result.batch)) {
      expect(station.store.getRecord(id).history.map((e) => [e.action, e.entityId])).toContainEqual(['batch.signed', result.batch]);
    }
    expect(station.store.verifyAudit().ok).toBe(true);
  });

  it('an edit through another connection (another process) is caught: nothing stored, the edit kept', async () => {
    const { station, dir, ready, whileSigning } = world(5);
    const target = ready()[2]!;
    whileSigning(() => {
      const other = new Database(stationDatabasePath(dir));
      other.prepare('UPDATE dose_records SET lot = ? WHERE id = ?').run('OTHER-PROCESS', target);
      other.close();
    });
    const err = await refusal(station.signing.sign({}));
    expect(err.code).toBe('SIGN_RECORDS_CHANGED');
    expect(err.details).toMatchObject({ recordIds: [target] });
    nothingStored(station, 5);
    expect(station.store.getRecord(target).record.lot).toBe('OTHER-PROCESS');
  });

  it('an edit of a person (their name is in the signed record) is caught', async () => {
    const { station, ready, whileSigning } = world(4);
    const target = ready()[0]!;
    whileSigning(() => station.store.updateRecord(target, { person: { fullName: 'Trần Thị Bích' } }, { confirmWarnings: true }));
    expect((await refusal(station.signing.sign({}))).code).toBe('SIGN_RECORDS_CHANGED');
    nothingStored(station, 4);
  });

  it('records another station process signed meanwhile: said so, not "edited, sign again" (probe 17)', async () => {
    const { station, dir, whileSigning } = world(6);
    const beside = stations.beside(dir);
    let theirs = '';
    whileSigning(async () => {
      whileSigning(() => undefined);
      theirs = (await beside.signing.sign({})).batch;
    });
    const err = await refusal(station.signing.sign({}));
    expect(err.code).toBe('SIGN_RECORDS_SIGNED_ELSEWHERE');
    expect(err.messageEn).toMatch(/6 record\(s\) were signed meanwhile by another window or command of this station .*need no signing again/);
    expect(err.messageVi).toMatch(/6 hồ sơ đã được ký trong lúc này/);
    expect(err.details).toMatchObject({ batches: [theirs], records: 6 });
    // Theirs is the one batch, holding every record once.
    expect(station.signing.batches.list({ limit: 5, offset: 0 }).total).toBe(1);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: 6 });
    expect(station.store.verifyAudit().ok).toBe(true);
  });

  it('a record signed by another batch meanwhile is caught', async () => {
    const { station, ready, whileSigning } = world(4);
    const target = ready()[1]!;
    whileSigning(() => station.store.setRecordsState([target], 'ready', 'signed'));
    const err = await refusal(station.signing.sign({ recordIds: ready() }));
    expect(err.code).toBe('SIGN_RECORDS_CHANGED');
    expect(err.details).toMatchObject({ recordIds: [target] });
    expect(station.signing.batches.list({ limit: 5, offset: 0 }).total).toBe(0);
  });

  it('writes that leave the batch’s records as they were (a setting) do not stop it', async () => {
    const { station, whileSigning } = world(4);
    whileSigning(() => station.store.setSetting('platform.url', 'https://example.invalid'));
    const result = await station.signing.sign({});
    expect(result.count).toBe(4);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: 4 });
  });
});

describe('storing a batch', () => {
  it('is all or nothing: an item already signed aborts it whole with STATE_CONFLICT naming it', async () => {
    const { station, ready } = world(3);
    const ids = ready();
    station.store.setRecordsState([ids[0]!], 'ready', 'signed');
    const before = station.store.listAudit({ limit: 1 })[0]!.seq;
    let err: unknown;
    try {
      station.signing.batches.insertSigned({
        id: 'b-1', createdAt: new Date().toISOString(), facility: '79001', station: 's', root: new Uint8Array(32), alg: -7, sign1: new Uint8Array([1]),
        items: ids.map((recordId, index) => ({ recordId, index, recordCbor: new Uint8Array([index]), proof: [] })),
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('STATE_CONFLICT');
    expect((err as StationError).details).toMatchObject({ conflicts: [{ id: ids[0], state: 'signed' }] });
    expect(station.store.countByState()).toMatchObject({ ready: 2, signed: 1 });
    expect(station.signing.batches.list({ limit: 5, offset: 0 }).total).toBe(0);
    expect(station.store.listAudit({ limit: 1 })[0]!.seq).toBe(before);
  });
});
