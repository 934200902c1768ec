// A signed batch stores its leaves once, as one blob (migration 0009), and no audit path (0006):
// the upload body — what `batches export` writes and sync PUTs — derives every RFC 9162 path from
// the stored leaves, byte for byte the body with every path a tree gives. The independent
// verifier checks every derived path.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { nodeSha256 } from '../../../electron/core/signing/buildBatch.js';
import type { StationCore } from '../../../electron/core/station.js';
import { decodeUploadBody, encodeUploadBody } from '../../../shared/batch/uploadBody.js';
import { MerkleTree } from '../../../shared/merkle/index.js';
import { verifyExportedBatch } from './independentVerify.js';
import { softwareStations } from './softwareStation.js';

const stations = softwareStations();

function world(n: number): { station: StationCore; dir: string } {
  return stations.open(n, { seed: 7, prefix: 'station-derived-proofs-' });
}

describe('audit paths derived from the stored leaves', () => {
  it('stores the leaves once and no path, and exports the body with every path a tree over them gives', async () => {
    const { station } = world(13);
    const { batch } = await station.signing.sign({});
    const db = station.store.db;
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'batch_items'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM batch_leaves').pluck().get()).toBe(1);
    const leaves = station.signing.batches.leaves(batch);
    expect(leaves).toHaveLength(13);
    const derived = station.signing.batches.uploadBody(batch);
    expect(verifyExportedBatch(derived)).toMatchObject({ signatureValid: true, proofsValid: 13 });
    // The same body written with paths from a tree built here over the stored leaves.
    const tree = MerkleTree.buildSync(leaves, nodeSha256);
    const withPaths = encodeUploadBody({ manifest: decodeUploadBody(derived).manifest, items: leaves.map((record, index) => ({ record, index, proof: tree.inclusionProof(index) })) });
    expect(Buffer.from(derived).equals(Buffer.from(withPaths))).toBe(true);
  });

  it('exports the leaves as stored: a leaf changed behind the station’s back fails at the verifier', async () => {
    const { station, dir } = world(5);
    const { batch } = await station.signing.sign({});
    const raw = new Database(stationDatabasePath(dir));
    stations.onCleanup(() => raw.close());
    // Only a test may set the immutability trigger aside (a second connection).
    raw.exec('DROP TRIGGER batch_leaves_immutable');
    const { leaves, codec } = raw.prepare('SELECT leaves, codec FROM batch_leaves').get() as { leaves: Buffer; codec: string };
    expect(codec).toBe('deflate-raw');
    // The last record's last byte changed, stored deflated as the station stores it (migration 0010).
    const changed = inflateRawSync(leaves);
    changed.writeUInt8(changed.readUInt8(changed.length - 1) ^ 1, changed.length - 1);
    raw.prepare('UPDATE batch_leaves SET leaves = ?').run(deflateRawSync(changed));
    // The paths derive from the leaves as stored, so no path of this batch leads to the signed
    // root any more: the platform refuses the batch rather than accept a changed record.
    const check = verifyExportedBatch(station.signing.batches.uploadBody(batch));
    expect(check.signatureValid).toBe(true);
    expect(check.proofsValid).toBe(0);
  });

  it('a batch of 1,203 records keeps every leaf in order, each record at its index, and its one audit entry names every record in leaf order', async () => {
    const { station } = world(1203);
    const ready = station.store.db.prepare(`SELECT id FROM dose_records WHERE state = 'ready' ORDER BY seq`).pluck().all() as string[];
    expect(ready).toHaveLength(1203);
    const { batch, count } = await station.signing.sign({});
    expect(count).toBe(1203);
    const items = station.store.db.prepare('SELECT d.batch_idx, d.id FROM dose_records d JOIN batches b ON b.seq = d.batch_seq WHERE b.id = ? ORDER BY d.seq').raw().all(batch) as [number, string][];
    expect(items.map((i) => i[0])).toEqual(ready.map((_, i) => i));
    expect(items.map((i) => i[1])).toEqual(ready);
    expect(station.signing.batches.recordIds(batch)).toEqual(ready);
    // Each leaf is the record's own signed bytes: its id is in them.
    const leaves = station.signing.batches.leaves(batch);
    expect(leaves.every((leaf, i) => Buffer.from(leaf).includes(Buffer.from(ready[i]!)))).toBe(true);
    const signedEntries = station.store.db.prepare(`SELECT entity_id, details FROM audit_log WHERE action IN ('record.signed', 'batch.signed') ORDER BY seq`).all() as { entity_id: string; details: string }[];
    expect(signedEntries.map((e) => e.entity_id)).toEqual([batch]);
    expect(JSON.parse(signedEntries[0]!.details)).toMatchObject({ count: 1203, from: 'ready', to: 'signed', records: ready });
    expect(station.store.verifyAudit().ok).toBe(true);
    expect(station.store.countByState()).toMatchObject({ signed: 1203 });
    expect(verifyExportedBatch(station.signing.batches.uploadBody(batch))).toMatchObject({ signatureValid: true, proofsValid: 1203 });
  });

  it('a batch of one record has the empty path either way', async () => {
    const { station } = world(3);
    const [id] = station.store.listRecords({ state: 'ready', limit: 1 }).items.map((i) => i.record.id);
    const { batch } = await station.signing.sign({ recordIds: [id!] });
    expect(verifyExportedBatch(station.signing.batches.uploadBody(batch))).toMatchObject({ signatureValid: true, proofsValid: 1 });
  });
});
