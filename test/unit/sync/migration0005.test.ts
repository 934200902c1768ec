// Migration 0005: the outbox order becomes the insertion order (`seq`), not the PC clock's
// created_at. Batches already stored keep the order the station used until now; a batch without
// its order, a repeated order or a changed order is refused; the outbox queries use the indexes.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { tempDir } from '../db/storeHarness.js';

let db: StationDatabase | undefined;
const { dir, cleanup } = tempDir('station-m5-');
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

const insert = (d: StationDatabase, id: string, createdAt: string, state = 'signed', seq?: number) =>
  d.prepare(`INSERT INTO batches (id, created_at, facility_code, station_id, count, root, alg, manifest, state${seq === undefined ? '' : ', seq'})
    VALUES (?, ?, '79001', 's', 1, zeroblob(32), -7, x'00', ?${seq === undefined ? '' : ', ?'})`).run(...[id, createdAt, state, ...(seq === undefined ? [] : [seq])]);

const plan = (d: StationDatabase, sql: string) => (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join('\n');

it('0005 numbers the stored batches in their old order (created_at, id) and guards the order of new ones', () => {
  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 4 });
  insert(db, 'b-late', '2026-03-03T00:00:00.000Z');
  insert(db, 'b-early', '2026-03-01T00:00:00.000Z', 'submitted');
  insert(db, 'b-mid-2', '2026-03-02T00:00:00.000Z');
  insert(db, 'b-mid-1', '2026-03-02T00:00:00.000Z');
  db.close();

  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 5 });
  expect(db.pragma('user_version', { simple: true })).toBe(5);
  expect(db.prepare('SELECT id, seq FROM batches ORDER BY seq').all()).toEqual([
    { id: 'b-early', seq: 1 }, { id: 'b-mid-1', seq: 2 }, { id: 'b-mid-2', seq: 3 }, { id: 'b-late', seq: 4 },
  ]);

  expect(() => insert(db!, 'no-seq', '2026-03-04T00:00:00.000Z')).toThrow(/BATCH_SEQ_MISSING/);
  expect(() => insert(db!, 'same-seq', '2026-03-04T00:00:00.000Z', 'signed', 4)).toThrow(/UNIQUE/);
  insert(db, 'next', '2020-01-01T00:00:00.000Z', 'signed', 5);
  expect(() => db!.prepare("UPDATE batches SET seq = 0 WHERE id = 'next'").run()).toThrow(/BATCH_SEQ_FIXED/);
  db.prepare("UPDATE batches SET state = 'submitted', attempts = 1 WHERE id = 'next'").run();

  const oldest = plan(db, "SELECT * FROM batches WHERE state = 'signed' ORDER BY seq LIMIT 1");
  expect(oldest).toMatch(/USING INDEX batches_outbox_seq/);
  expect(oldest).not.toMatch(/TEMP B-TREE/);
  const page = plan(db, 'SELECT * FROM batches ORDER BY seq DESC LIMIT 50');
  expect(page).toMatch(/USING INDEX batches_seq/);
  expect(page).not.toMatch(/TEMP B-TREE/);
});
