// Migration 0004: certificates already pulled keep their data and get an empty revocation mark;
// the new index serves the certificates list (newest first) without a sort.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { tempDir } from '../db/storeHarness.js';

let db: StationDatabase | undefined;
const { dir, cleanup } = tempDir('station-m4-');
afterEach(() => {
  if (db?.open) db.close();
  cleanup();
});

it('0004 adds certificates.revoked_at (NULL for stored rows) and the issued_at index', () => {
  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 3 });
  db.prepare(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
    VALUES ('p1', 'CCCD', '079090001234', 'Nguyễn Văn An', 'Nguyễn', 'Văn An', 'NGUYEN', 'VAN<AN', 'nguyen van an', '1990', 'M', 't', 't')`).run();
  db.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
    VALUES ('r1', 'p1', 'JANSSEN', 'XD1', 1, '2021-09-01', '79001', 'issued', 'k', 'import', 't', 't')`).run();
  db.prepare(`INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES ('r1', 'URN:UVCI:01:VN:X#Y', 'HC1:X', '2022-01-01', '2023-01-01', 't')`).run();
  db.close();

  db = openStationDatabase(join(dir, 'a.db'), { targetVersion: 4 });
  expect(db.pragma('user_version', { simple: true })).toBe(4);
  expect(db.prepare('SELECT record_id, uvci, revoked_at FROM certificates').all()).toEqual([{ record_id: 'r1', uvci: 'URN:UVCI:01:VN:X#Y', revoked_at: null }]);
  const plan = db.prepare('EXPLAIN QUERY PLAN SELECT record_id FROM certificates ORDER BY issued_at DESC, record_id LIMIT 50').all() as { detail: string }[];
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX certificates_issued/);
  expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
});
