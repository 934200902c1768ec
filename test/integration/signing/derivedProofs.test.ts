// A signed batch stores its leaves, not its audit paths (migration 0006): the upload body — what
// `batches export` writes and sync PUTs — derives every RFC 9162 path from the stored leaves, and
// is byte for byte the body a station that stored the paths sends. A batch stored with its paths
// (before 0006) is sent as stored. The independent verifier checks every derived path.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { stationDatabasePath } from '../../../electron/core/db/openStationDatabase.js';
import { nodeSha256 } from '../../../electron/core/signing/buildBatch.js';
import type { StationCore } from '../../../electron/core/station.js';
import { MerkleTree } from '../../../shared/merkle/index.js';
import { verifyExportedBatch } from './independentVerify.js';
import { softwareStations } from './softwareStation.js';

const stations = softwareStations();

function world(n: number): { station: StationCore; dir: string } {
  return stations.open(n, { seed: 7, prefix: 'station-derived-proofs-' });
}

type Row = { idx: number; proof: Buffer; record_cbor: Buffer };

describe('audit paths derived from the stored leaves', () => {
  it('stores no path, and exports the same bytes as the paths stored the way stations before 0006 did', async () => {
    const { station, dir } = world(13);
    const { batch } = await station.signing.sign({});
    const rows = station.store.db.prepare('SELECT idx, proof, record_cbor FROM batch_items WHERE batch_id = ? ORDER BY idx').all(batch) as Row[];
    expect(rows.map((r) => r.proof.length)).toEqual(rows.map(() => 0));
    const derived = station.signing.batches.uploadBody(batch);
    const check = verifyExportedBatch(derived);
    expect(check).toMatchObject({ signatureValid: true, proofsValid: 13 });

    // The same batch as the previous code stored it: every path written into its row (the
    // immutability trigger set aside on a second connection, as only a test may).
    const tree = MerkleTree.buildSync(rows.map((r) => new Uint8Array(r.record_cbor)), nodeSha256);
    const raw = new Database(stationDatabasePath(dir));
    stations.onCleanup(() => raw.close());
    raw.exec('DROP TRIGGER batch_items_immutable');
    const setProof = raw.prepare('UPDATE batch_items SET proof = ? WHERE batch_id = ? AND idx = ?');
    for (const r of rows) setProof.run(Buffer.concat(tree.inclusionProof(r.idx)), batch, r.idx);
    expect((raw.prepare('SELECT min(length(proof)) AS n FROM batch_items').get() as { n: number }).n).toBeGreaterThan(0);
    expect(station.signing.batches.uploadBody(batch)).toEqual(derived);
  });

  it('sends a stored path as it was stored, not a derived one', async () => {
    const { station, dir } = world(5);
    const { batch } = await station.signing.sign({});
    const raw = new Database(stationDatabasePath(dir));
    stations.onCleanup(() => raw.close());
    raw.exec('DROP TRIGGER batch_items_immutable');
    // A wrong path stored for item 2 (what a flawed old station could hold): exported as it is,
    // so the platform, not the export, judges it.
    raw.prepare('UPDATE batch_items SET proof = ? WHERE batch_id = ? AND idx = 2').run(Buffer.alloc(64, 7), batch);
    const check = verifyExportedBatch(station.signing.batches.uploadBody(batch));
    expect(check.proofsValid).toBe(4);
  });

  it('a batch larger than one insert statement keeps every item in order, and its one audit entry names every record in leaf order', async () => {
    // Items go 1,000 per statement: 1,203 records end with a partial last chunk.
    const { station } = world(1203);
    const ready = station.store.db.prepare(`SELECT id FROM dose_records WHERE state = 'ready' ORDER BY seq`).pluck().all() as string[];
    expect(ready).toHaveLength(1203);
    const { batch, count } = await station.signing.sign({});
    expect(count).toBe(1203);
    const items = station.store.db.prepare('SELECT idx, record_id FROM batch_items WHERE batch_id = ? ORDER BY idx').all(batch) as { idx: number; record_id: string }[];
    expect(items.map((i) => i.idx)).toEqual(ready.map((_, i) => i));
    expect(items.map((i) => i.record_id)).toEqual(ready);
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
