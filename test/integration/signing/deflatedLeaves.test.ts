// Migration 0010: a signed batch's leaves are stored deflated. What the token signed is what comes
// back, byte for byte; a blob that cannot be exactly what was stored is BATCH_LEAVES_DAMAGED (never
// a shorter, longer or silently different list of leaves); batches stored before 0010 stay as
// they were (migration0009.test.ts opens them at the latest version).
import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchStore } from '../../../electron/core/batches/batchStore.js';
import { LeavesInFlight, loadLeaves, packLeaves, storedLeaves, storedLeavesSync } from '../../../electron/core/batches/storedLeaves.js';
import { stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { readyRecordBytes } from '../../../electron/core/signing/readyRecords.js';
import type { BatchItem } from '../../../electron/core/signing/buildBatch.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { verifyExportedBatch } from './independentVerify.js';
import { softwareStations } from './softwareStation.js';

const stations = softwareStations();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const itemsOf = (leaves: readonly Uint8Array[]): BatchItem[] => leaves.map((recordCbor, index) => ({ recordId: `r${index}`, index, recordCbor }));
const damaged = expect.objectContaining({ code: 'BATCH_LEAVES_DAMAGED' });
/** How a stream of sync-flushed pieces ends (LeavesInFlight): a sync flush's empty stored block, then the empty final block. */
const IN_FLIGHT_TAIL = '0000ffff0300';
const endsInFlight = (blob: Uint8Array) => hex(blob.subarray(blob.length - 6)) === IN_FLIGHT_TAIL;

describe('deflated leaves (migration 0010)', () => {
  it('a signing stores its leaves deflated, several times smaller, and gives back exactly the signed bytes', async () => {
    const { station, dir } = stations.open(400, { seed: 10, prefix: 'station-deflated-' });
    const before = readyRecordBytes(station.store.db, { limit: 400 });
    const { batch, count } = await station.signing.sign({});
    expect(count).toBe(400);
    const raw = new Database(stationDatabasePath(dir), { readonly: true });
    stations.onCleanup(() => raw.close());
    const row = raw.prepare('SELECT length(leaves) AS stored, codec FROM batch_leaves').get() as { stored: number; codec: string };
    const plain = before.reduce((n, r) => n + r.cbor.length, 0);
    expect(row.codec).toBe('deflate-raw');
    expect(row.stored * 3).toBeLessThan(plain);
    // Deflated as the records were read (LeavesInFlight), not after the batch's tree was built.
    expect(endsInFlight(raw.prepare('SELECT leaves FROM batch_leaves').pluck().get() as Buffer)).toBe(true);
    expect(station.signing.batches.leaves(batch).map(hex)).toEqual(before.map((r) => hex(r.cbor)));
    expect(verifyExportedBatch(station.signing.batches.uploadBody(batch))).toMatchObject({ signatureValid: true, proofsValid: 400 });
  });

  it('round-trips any leaves, on the pool as here, and refuses every blob that is not exactly them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 40 }), async (leaves) => {
        const items = itemsOf(leaves);
        const sync = storedLeavesSync(items);
        // On the pool whole, and as two halves joined (split from 1 byte up: every cut point).
        for (const splitAt of [Number.MAX_SAFE_INTEGER, 1]) {
          const pooled = await storedLeaves(items, splitAt);
          expect(hex(pooled.ends)).toBe(hex(packLeaves(items).ends));
          expect(loadLeaves(pooled.blob, pooled.ends, pooled.codec, 'b').map(hex)).toEqual(leaves.map(hex));
        }
        expect(hex((await storedLeaves(items, Number.MAX_SAFE_INTEGER)).blob)).toBe(hex(sync.blob));
        expect(loadLeaves(sync.blob, sync.ends, sync.codec, 'b').map(hex)).toEqual(leaves.map(hex));
        // Cut short, one byte more after the stream, or offsets naming less than the stream holds.
        expect(() => loadLeaves(sync.blob.subarray(0, sync.blob.length - 1), sync.ends, sync.codec, 'b')).toThrow(damaged);
        expect(() => loadLeaves(Buffer.concat([sync.blob, Buffer.from([0])]), sync.ends, sync.codec, 'b')).toThrow(damaged);
        const shorter = Buffer.from(sync.ends);
        shorter.writeUInt32BE(shorter.readUInt32BE(shorter.length - 4) - 1, shorter.length - 4);
        expect(() => loadLeaves(sync.blob, shorter, sync.codec, 'b')).toThrow(damaged);
      }),
      { numRuns: 60 },
    );
  });

  it('deflates runs of records as they are read into one stream of the whole batch, or packs the items afresh when they are not those records', async () => {
    const run = fc.tuple(
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.constantFrom(1, 64, Number.MAX_SAFE_INTEGER),
    );
    await fc.assert(
      fc.asyncProperty(run, async ([leaves, rawCuts, splitAt]) => {
        // The leaves told in runs, as a split read tells the core's half and then the worker's.
        const cuts = [...new Set(rawCuts.map((c) => c % (leaves.length + 1)))].sort((a, b) => a - b);
        const inFlight = new LeavesInFlight(splitAt);
        let from = 0;
        for (const cut of [...cuts, leaves.length]) {
          inFlight.add(leaves.slice(from, Math.max(from, cut)));
          from = Math.max(from, cut);
        }
        const items = itemsOf(leaves);
        const stored = await inFlight.finish(items);
        expect(stored.of).toBe(items);
        expect(endsInFlight(stored.blob)).toBe(true);
        expect(hex(stored.ends)).toBe(hex(packLeaves(items).ends));
        expect(loadLeaves(stored.blob, stored.ends, stored.codec, 'b').map(hex)).toEqual(leaves.map(hex));
        expect(() => loadLeaves(stored.blob.subarray(0, stored.blob.length - 2), stored.ends, stored.codec, 'b')).toThrow(damaged);
        // Items of equal bytes but other arrays (a read that fell back and read them again), one
        // leaf fewer, or one more: not what was deflated, so packed and deflated afresh.
        for (const other of [leaves.map((l) => Uint8Array.from(l)), ...(leaves.length > 1 ? [leaves.slice(1)] : []), [...leaves, Uint8Array.of(7)]]) {
          const otherItems = itemsOf(other);
          const fresh = await inFlight.finish(otherItems);
          expect(fresh.of).toBe(otherItems);
          expect(endsInFlight(fresh.blob)).toBe(false);
          expect(loadLeaves(fresh.blob, fresh.ends, fresh.codec, 'b').map(hex)).toEqual(other.map(hex));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an unknown codec, a stream that inflates past the offsets, and a blob that is not deflate', () => {
    const items = itemsOf([Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5)]);
    const { blob, ends } = storedLeavesSync(items);
    expect(() => loadLeaves(blob, ends, 'gzip', 'b')).toThrow(damaged);
    // 1 MB of zeros deflates to about a kilobyte: inflating stops at the 5 bytes the offsets name.
    expect(() => loadLeaves(deflateRawSync(new Uint8Array(1 << 20)), ends, 'deflate-raw', 'b')).toThrow(damaged);
    expect(() => loadLeaves(Uint8Array.of(0xff, 0xff, 0xff), ends, 'deflate-raw', 'b')).toThrow(damaged);
    expect(() => loadLeaves(blob, new Uint8Array(0), 'deflate-raw', 'b')).toThrow(damaged);
  });

  it('refuses leaves made of other items than the batch it stores, and stores nothing', () => {
    const { station } = stations.open(2, { seed: 11, prefix: 'station-deflated-mismatch-' });
    const store = batchStore(station.store, systemStorePorts('user:signer'));
    const ready = readyRecordBytes(station.store.db, { limit: 2 });
    const items: BatchItem[] = ready.map((r, index) => ({ recordId: r.id, index, recordCbor: r.cbor }));
    const other = storedLeavesSync(items.map((i) => ({ ...i })));
    const batch = { id: 'b-mismatch', createdAt: '2026-11-23T00:00:00.000Z', facility: '79001', station: 's', root: new Uint8Array(32), alg: -7, sign1: Uint8Array.of(1), items };
    expect(() => store.insertSigned({ ...batch, leaves: other })).toThrow(expect.objectContaining({ code: 'BATCH_LEAVES_MISMATCH' }));
    expect(station.store.db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(0);
    expect(station.store.countByState()).toMatchObject({ ready: 2 });
    // The column refuses any codec the reader does not know.
    expect(() => station.store.db.prepare("INSERT INTO batch_leaves (batch_seq, leaves, ends, codec) VALUES (99, x'00', x'00000001', 'gzip')").run()).toThrow(/CHECK/);
  });
});
