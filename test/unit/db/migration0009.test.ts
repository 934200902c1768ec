// Migration 0009: a signed batch's leaves become one blob per batch and each record keeps its
// batch and leaf index. Batches stored before (one batch_items row per record, with or without
// stored audit paths) move over in SQL: the same leaves in the same order, every record at its
// index, the same upload body the old code sent; the leaves and the record's place are locked.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_RECORDS_SQL, batchStore } from '../../../electron/core/batches/batchStore.js';
import { packLeaves, unpackLeaves } from '../../../electron/core/batches/storedLeaves.js';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.js';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { createStationStore } from '../../../electron/core/store/stationStore.js';
import { encodeUploadBody } from '../../../shared/batch/uploadBody.js';
import { MerkleTree } from '../../../shared/merkle/index.js';
import { tempDir, testPorts } from './storeHarness.js';

const sha256 = { sha256: (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest()) };

let dir: string;
let cleanup: () => void;
let db: StationDatabase | undefined;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-m9-'));
});
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

interface OldBatch {
  id: string;
  seq: number;
  state: string;
  /** Record ids in leaf order, and each leaf's bytes. */
  records: string[];
  leaves: Uint8Array[];
  /** Stored audit paths (a station before 0006) or empty blobs (0006–0008). */
  storedPaths: boolean;
}

function leafBytes(seed: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 0xff);
}

/** A version-8 database holding `batches` the way stations 0006–0008 (or older) stored them. */
function version8(path: string, batches: OldBatch[], unsigned: string[]): void {
  const d = openStationDatabase(path, { targetVersion: 8 });
  try {
    d.exec(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
      VALUES ('p', 'CCCD', '1', 'A', '', '', '', '', 'a', '1990', 'M', 't', 't')`);
    const record = d.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
      VALUES (?, 'p', 'COMIRNATY', 'L', 1, '2021-08-01', 'F', ?, ?, 'form', 't', 't')`);
    const batch = d.prepare(`INSERT INTO batches (id, created_at, facility_code, station_id, count, root, alg, manifest, state, seq)
      VALUES (?, 't', '79001', 's', ?, ?, -7, ?, ?, ?)`);
    const item = d.prepare('INSERT INTO batch_items (batch_id, idx, record_id, proof, record_cbor) VALUES (?, ?, ?, ?, ?)');
    for (const id of unsigned) record.run(id, 'ready', id);
    for (const b of batches) {
      const tree = MerkleTree.buildSync(b.leaves, sha256);
      batch.run(b.id, b.records.length, Buffer.from(tree.root), Buffer.from(`manifest of ${b.id}`), b.state, b.seq);
      b.records.forEach((id, i) => {
        record.run(id, b.state === 'signed' ? 'signed' : 'accepted', id);
        const path = b.storedPaths ? Buffer.concat(tree.inclusionProof(i)) : Buffer.alloc(0);
        item.run(b.id, i, id, path, Buffer.from(b.leaves[i]!));
      });
    }
  } finally {
    d.close();
  }
}

/** The body the stations before 0009 sent: every item with its RFC 9162 path. */
function oldBody(b: OldBatch): Uint8Array {
  const tree = MerkleTree.buildSync(b.leaves, sha256);
  return encodeUploadBody({ manifest: new TextEncoder().encode(`manifest of ${b.id}`), items: b.leaves.map((record, index) => ({ record, index, proof: tree.inclusionProof(index) })) });
}

function oldBatch(id: string, seq: number, n: number, storedPaths: boolean, state = 'signed'): OldBatch {
  const records = Array.from({ length: n }, (_, i) => `${id}-r${i}`);
  return { id, seq, state, records, leaves: records.map((_, i) => leafBytes(seq * 1000 + i, 20 + ((i * 13 + seq) % 90))), storedPaths };
}

describe('migration 0009', () => {
  it('moves every stored batch to one leaves blob, gives each record its batch and index, and exports the same body', () => {
    const path = join(dir, 'a.db');
    const batches = [oldBatch('b-old', 1, 7, true, 'submitted'), oldBatch('b-derived', 2, 13, false), oldBatch('b-one', 3, 1, false)];
    version8(path, batches, ['loose-1', 'loose-2']);

    db = openStationDatabase(path);
    // Opened at the latest version: 0010 leaves these batches as they are ('none': not deflated).
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT DISTINCT codec FROM batch_leaves').pluck().all()).toEqual(['none']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'batch_items'").pluck().get()).toBe(0);
    const store = batchStore(createStationStore(db, testPorts()), testPorts());
    for (const b of batches) {
      expect(store.leaves(b.id).map((l) => Buffer.from(l).toString('hex'))).toEqual(b.leaves.map((l) => Buffer.from(l).toString('hex')));
      expect(store.recordIds(b.id)).toEqual(b.records);
      expect(store.itemRecords(b.id).ids).toEqual(b.records);
      expect(Buffer.from(store.uploadBody(b.id)).equals(Buffer.from(oldBody(b)))).toBe(true);
      const places = db.prepare('SELECT batch_seq, batch_idx FROM dose_records WHERE id IN (SELECT value FROM json_each(?)) ORDER BY batch_idx').raw().all(JSON.stringify(b.records));
      expect(places).toEqual(b.records.map((_, i) => [b.seq, i]));
    }
    expect(db.prepare("SELECT batch_seq, batch_idx FROM dose_records WHERE id LIKE 'loose-%'").raw().all()).toEqual([[null, null], [null, null]]);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('locks the leaves and a signed record’s place; a ready record has none and cannot half-have one', () => {
    const path = join(dir, 'a.db');
    version8(path, [oldBatch('b', 1, 3, false)], ['loose']);
    db = openStationDatabase(path);
    expect(() => db!.prepare('UPDATE batch_leaves SET leaves = x\'00\'').run()).toThrow(/BATCH_IMMUTABLE/);
    expect(() => db!.prepare('DELETE FROM batch_leaves').run()).toThrow(/BATCH_IMMUTABLE/);
    expect(() => db!.prepare("UPDATE dose_records SET batch_idx = 5 WHERE id = 'b-r0'").run()).toThrow(/RECORD_LOCKED/);
    expect(() => db!.prepare("UPDATE dose_records SET batch_seq = NULL, batch_idx = NULL WHERE id = 'b-r1'").run()).toThrow(/RECORD_LOCKED/);
    expect(() => db!.prepare("UPDATE dose_records SET batch_seq = 1 WHERE id = 'loose'").run()).toThrow(/CHECK/);
    // Two records at one place of one batch: refused by the index.
    expect(() => db!.prepare("UPDATE dose_records SET batch_seq = 1, batch_idx = 0 WHERE id = 'loose'").run()).toThrow(/UNIQUE/);
    // The platform's answer still moves a signed record's state.
    db.prepare("UPDATE dose_records SET state = 'submitted' WHERE id = 'b-r0'").run();
    expect(db.prepare("SELECT state, batch_seq, batch_idx FROM dose_records WHERE id = 'b-r0'").raw().get()).toEqual(['submitted', 1, 0]);
  });

  it('packs leaves of any lengths exactly as the migration’s SQL does, and reads them back', () => {
    db = openStationDatabase(join(dir, 'p.db'), { targetVersion: 8 });
    const pack = db.prepare(`SELECT unhex(group_concat(hex(v), '' ORDER BY k)) AS leaves, unhex(group_concat(printf('%08X', e), '' ORDER BY k)) AS ends
      FROM (SELECT key AS k, unhex(value) AS v, sum(length(unhex(value))) OVER (ORDER BY key) AS e FROM json_each(?))`);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 40 }), (leaves) => {
        const items = leaves.map((recordCbor, index) => ({ recordId: `r${index}`, index, recordCbor }));
        const mine = packLeaves(items);
        const sql = pack.get(JSON.stringify(leaves.map((l) => Buffer.from(l).toString('hex')))) as { leaves: Buffer; ends: Buffer };
        expect(Buffer.from(mine.leaves).equals(sql.leaves)).toBe(true);
        expect(Buffer.from(mine.ends).equals(sql.ends)).toBe(true);
        expect(unpackLeaves(mine.leaves, mine.ends).map((l) => Buffer.from(l).toString('hex'))).toEqual(leaves.map((l) => Buffer.from(l).toString('hex')));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a batch’s records in leaf order from its index, and a record’s place by its id: no scan, no sort', () => {
    const path = join(dir, 'a.db');
    version8(path, [oldBatch('b', 1, 3, false)], ['loose']);
    db = openStationDatabase(path);
    const plan = (sql: string) => (db!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join('\n');
    const records = plan(BATCH_RECORDS_SQL);
    expect(records).toMatch(/SEARCH d USING (COVERING )?INDEX dose_records_batch \(batch_seq=\?\)/);
    expect(records).not.toMatch(/TEMP B-TREE|SCAN/);
    const place = plan('SELECT b.id, d.batch_idx FROM dose_records d JOIN batches b ON b.seq = d.batch_seq WHERE d.id = ?');
    expect(place).toMatch(/SEARCH d USING INDEX sqlite_autoindex_dose_records_1 \(id=\?\)/);
    expect(place).not.toMatch(/SCAN/);
  });

  it('refuses damaged stored leaves with a clear error instead of exporting wrong records', () => {
    const ends = new Uint8Array(8);
    new DataView(ends.buffer).setUint32(0, 5);
    new DataView(ends.buffer).setUint32(4, 3);
    expect(() => unpackLeaves(new Uint8Array(5), ends)).toThrow(expect.objectContaining({ code: 'BATCH_LEAVES_DAMAGED' }));
    new DataView(ends.buffer).setUint32(4, 9);
    expect(() => unpackLeaves(new Uint8Array(8), ends)).toThrow(expect.objectContaining({ code: 'BATCH_LEAVES_DAMAGED' }));
    expect(() => packLeaves([{ recordId: 'a', index: 1, recordCbor: new Uint8Array([1]) }])).toThrow(expect.objectContaining({ code: 'BATCH_ITEM_ORDER' }));
  });
});
