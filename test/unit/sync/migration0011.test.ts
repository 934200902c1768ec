// Migration 0011: certificates already pulled keep their rows; the new index reads the expired
// ones (expires_at before the station's clock) as a range, sorted and counted without the table.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { tempDir } from '../db/storeHarness.js';

let db: StationDatabase | undefined;
const { dir, cleanup } = tempDir('station-m11-');
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

function plan(sql: string): string {
  return (db!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ at: '2023-06-01T00:00:00.000Z' }) as { detail: string }[]).map((p) => p.detail).join('\n');
}

it('0011 keeps the certificates and indexes their expiry: the expired page and count read the index alone', () => {
  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 10 });
  db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
    VALUES ('p1', 'CCCD', '079090001234', 'Nguyễn Văn An', 'Nguyễn', 'Văn An', 'NGUYEN', 'VAN<AN', 'nguyen van an', '1990', 'M', 't', 't')`).run();
  const dose = db.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
    VALUES (?, 'p1', 'JANSSEN', 'XD1', ?, '2021-09-01', '79001', 'issued', ?, 'import', 't', 't')`);
  const cert = db.prepare('INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  dose.run('r1', 1, 'k1');
  dose.run('r2', 2, 'k2');
  cert.run('r1', 'URN:UVCI:01:VN:A#1', 'HC1:A', '2022-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z', 't');
  cert.run('r2', 'URN:UVCI:01:VN:B#2', 'HC1:B', '2023-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 't');
  expect(plan('SELECT count(*) FROM certificates WHERE expires_at <= @at')).not.toMatch(/certificates_expiry/);
  db.close();

  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 11 });
  expect(db.pragma('user_version', { simple: true })).toBe(11);
  expect(db.prepare('SELECT record_id, uvci, hc1 FROM certificates ORDER BY record_id').all()).toEqual([
    { record_id: 'r1', uvci: 'URN:UVCI:01:VN:A#1', hc1: 'HC1:A' },
    { record_id: 'r2', uvci: 'URN:UVCI:01:VN:B#2', hc1: 'HC1:B' },
  ]);
  expect(db.prepare('SELECT record_id FROM certificates WHERE expires_at <= ?').all('2023-06-01T00:00:00.000Z')).toEqual([{ record_id: 'r1' }]);
  expect(plan('SELECT count(*) FROM certificates WHERE expires_at <= @at')).toMatch(/SEARCH certificates USING COVERING INDEX certificates_expiry \(expires_at<\?\)/);
  const page = plan('SELECT record_id FROM certificates INDEXED BY certificates_expiry WHERE expires_at <= @at ORDER BY issued_at DESC, record_id LIMIT 50');
  expect(page).toMatch(/USING COVERING INDEX certificates_expiry/);
});
