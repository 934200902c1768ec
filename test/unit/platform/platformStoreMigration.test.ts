// The simulator's migration 3 drops records.record_json: a data dir written before it keeps its
// records, and each held record's `record` now comes from its signed CBOR, equal to what was stored.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';
import { MIGRATIONS, PlatformStore } from '../../platform/platformStore.js';

const signed: SignedRecord = {
  v: 1, id: 'r1',
  person: { idType: 'CCCD', idNumber: '079190001234', fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An', fnt: 'NGUYEN', gnt: 'VAN<AN', dob: '1990-05-01', sex: 'M', nationality: 'VN' },
  vaccine: 'PFIZER', mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: '1119349007', lot: 'FK1234', dose: 1, date: '2021-10-01', facility: '79001',
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('simulator store migration 3 (record_json dropped)', () => {
  it('keeps the records of an older data dir and reads each record from its CBOR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-mig-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'platform.sqlite'));
    for (const sql of MIGRATIONS.slice(0, 2)) old.exec(sql);
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO batches VALUES ('b1', '79001', x'00', x'00', 1, '2026-01-01T00:00:00.000Z', '{}')").run();
    old.prepare(`INSERT INTO records (id, batch_id, facility, idx, person_key, dose, date, vaccine, record_cbor, record_json, accepted_at)
      VALUES ('r1', 'b1', '79001', 0, 'CCCD:079190001234', 1, '2021-10-01', 'PFIZER', ?, ?, '2026-01-01T00:00:00.000Z')`).run(encodeCanonical(signed), JSON.stringify(signed));
    old.close();

    const store = PlatformStore.open(dir);
    try {
      const held = store.getRecord('r1');
      expect(held?.record).toEqual(signed);
      expect(held?.recordCbor).toEqual(encodeCanonical(signed));
      expect(store.listRecords('79001').map((r) => [r.id, r.record.person.fullName, r.certificates])).toEqual([['r1', 'Nguyễn Văn An', 0]]);
    } finally {
      store.close();
    }
    const after = new Database(join(dir, 'platform.sqlite'), { readonly: true });
    const columns = (after.prepare('PRAGMA table_info(records)').all() as { name: string }[]).map((c) => c.name);
    expect(after.pragma('user_version', { simple: true })).toBe(3);
    after.close();
    expect(columns).not.toContain('record_json');
    expect(columns).toContain('record_cbor');
  });
});
