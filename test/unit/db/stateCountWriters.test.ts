// record_state_counts is kept per statement since migration 0007: every writer of a record's
// state adjusts it, and after each of them the table equals count(*) per state. Migration 0008:
// the lock on signed records names the columns it guards.
import { afterEach, describe, expect, it } from 'vitest';
import { batchStore } from '../../../electron/core/batches/batchStore.js';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { batchApplier } from '../../../electron/core/sync/applyBatchReply.js';
import { isStationError } from '../../../shared/errors.js';
import { openTestStore, record, tempDir, type TestStore } from './storeHarness.js';

const open: TestStore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

function byRows(db: StationDatabase): Record<string, number> {
  return Object.fromEntries((db.prepare('SELECT state, count(*) AS n FROM dose_records GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
}
function kept(db: StationDatabase): Record<string, number> {
  return Object.fromEntries((db.prepare('SELECT state, n FROM record_state_counts WHERE n > 0').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
}

describe('state counts after every writer of a state', () => {
  it('create, edit (ready ↔ draft), sign, answer, refuse, issue, correct, a refused move: the counts stay exact', () => {
    const t = openTestStore();
    open.push(t);
    const exact = (step: string) => expect(kept(t.db), step).toEqual(byRows(t.db));
    const ids = Array.from({ length: 9 }, (_, i) => t.store.createRecord(record({ idNumber: `0790900${30_000 + i}`, fullName: `Lê Văn ${'ABCDEFGHI'[i]}`, phone: `09${30_000_000 + i}` }), { source: 'form' }).record.id);
    exact('create');
    t.store.updateRecord(ids[8]!, { dose: { vaccinationDate: '2020-01-01' } });
    exact('edit ready → draft');
    t.store.updateRecord(ids[8]!, { dose: { vaccinationDate: '2021-08-03' } });
    t.store.updateRecord(ids[7]!, { dose: { vaccinationDate: '2020-01-01' } });
    exact('edit draft → ready, ready → draft');

    const batches = batchStore(t.store, t.ports);
    const sign = (id: string, recordIds: string[]) => batches.insertSigned({
      id, createdAt: '2026-11-23T00:00:00.000Z', facility: '79001', station: 's', root: new Uint8Array(32), alg: -7, sign1: new Uint8Array([1]),
      items: recordIds.map((recordId, index) => ({ recordId, index, recordCbor: new Uint8Array([index]) })),
    });
    sign('b1', ids.slice(0, 4));
    sign('b2', ids.slice(4, 6));
    exact('sign (set move)');
    // A move that finds a record in another state (ids[7] is a draft) changes nothing, the counts included.
    const refused = (() => {
      try {
        sign('b3', [ids[6]!, ids[7]!]);
      } catch (err) {
        return isStationError(err) ? err.code : String(err);
      }
      return 'no error';
    })();
    expect(refused).toBe('STATE_CONFLICT');
    exact('refused sign');

    const applier = batchApplier({ store: t.store, batches, ports: t.ports, logger: silentLogger });
    applier.applyReply('b1', { batch: 'b1', serverTime: '2026-11-23T01:00:00.000Z', results: [
      { recordId: ids[0]!, status: 'accepted' }, { recordId: ids[1]!, status: 'accepted' },
      { recordId: ids[2]!, status: 'rejected', code: 'X', message: 'x' }, { recordId: ids[3]!, status: 'duplicate', existingId: 'e' },
    ] });
    exact('answer');
    applier.applyRefusal('b2', { code: 'CERT', message_vi: 'v', message_en: 'e' });
    exact('whole batch refused');
    t.store.setRecordsState([ids[0]!], 'accepted', 'issued');
    exact('issue (per-record path)');
    t.store.correctRecord(ids[1]!, { dose: { lot: 'FIX01' } }, 'Sai số lô', { confirmWarnings: true });
    exact('correct (superseded + new record)');
    t.store.setRecordsState([ids[6]!], 'ready', 'signed', { batch: 'manual' });
    t.store.setRecordsState([ids[6]!], 'signed', 'submitted');
    t.store.setRecordsState([ids[6]!], 'submitted', 'accepted');
    exact('setRecordsState, one pass at a time');
    expect(kept(t.db)).toEqual({ issued: 1, superseded: 1, rejected: 4, accepted: 1, ready: 2, draft: 1 });
  });
});

describe('migration 0007', () => {
  it('drops the per-row UPDATE trigger (the insert and delete ones stay) and rebuilds the counts from the rows', () => {
    const { dir, cleanup } = tempDir();
    try {
      let db = openStationDatabase(`${dir}/a.db`, { targetVersion: 6 });
      db.exec(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
        VALUES ('p', 'CCCD', '1', 'A', '', '', '', '', 'a', '1990', 'M', 't', 't')`);
      const add = db.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
        VALUES (?, 'p', 'PFIZER', 'L', 1, '2021-08-01', 'F', ?, ?, 'form', 't', 't')`);
      for (const [id, state] of [['r1', 'ready'], ['r2', 'ready'], ['r3', 'signed'], ['r4', 'issued']] as const) add.run(id, state, id);
      // Counts off before the migration (as a database repaired by hand could be): rebuilt.
      db.exec(`UPDATE record_state_counts SET n = n + 5 WHERE state = 'ready'`);
      db.close();
      db = openStationDatabase(`${dir}/a.db`, { targetVersion: 7 });
      expect(kept(db)).toEqual({ ready: 2, signed: 1, issued: 1 });
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'record_state_counts_%' ORDER BY name").pluck().all();
      expect(triggers).toEqual(['record_state_counts_delete', 'record_state_counts_insert']);
      db.prepare(`INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
        VALUES ('r5', 'p', 'PFIZER', 'L', 1, '2021-08-01', 'F', 'draft', 'r5', 'form', 't', 't')`).run();
      db.prepare(`DELETE FROM dose_records WHERE id = 'r1'`).run();
      expect(kept(db)).toEqual({ ready: 1, signed: 1, issued: 1, draft: 1 });
      db.close();
    } finally {
      cleanup();
    }
  });
});

describe('migration 0008', () => {
  it('the lock on signed records still refuses every guarded column, and is not run by a state move', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = openStationDatabase(`${dir}/a.db`, { targetVersion: 8 });
      db.exec(`INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, created_at, updated_at)
        VALUES ('p', 'CCCD', '1', 'A', '', '', '', '', 'a', '1990', 'M', 't', 't');
        INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, natural_key, source, created_at, updated_at)
        VALUES ('r', 'p', 'PFIZER', 'L', 1, '2021-08-01', 'F', 'signed', 'k', 'form', 't', 't');`);
      const guarded: [string, string | number][] = [['vaccine', 'MODERNA'], ['lot', 'M'], ['dose_number', 2], ['vaccination_date', '2021-08-02'], ['facility_code', 'G'],
        ['natural_key', 'k2'], ['supersedes', 'x'], ['created_at', 'u'], ['findings', '[1]']];
      for (const [column, value] of guarded) {
        expect(() => db.prepare(`UPDATE dose_records SET ${column} = ? WHERE id = 'r'`).run(value), column).toThrow(/RECORD_LOCKED/);
      }
      // Naming a guarded column with its own value is no edit, as before.
      db.prepare("UPDATE dose_records SET lot = 'L' WHERE id = 'r'").run();
      db.prepare("UPDATE dose_records SET state = 'submitted', platform_code = 'X', updated_at = 'u' WHERE id = 'r'").run();
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'dose_records_locked'").pluck().get() as string;
      expect(sql).toMatch(/BEFORE UPDATE OF vaccine, lot, dose_number, vaccination_date, facility_code, natural_key, supersedes, created_at, findings ON dose_records/);
      db.close();
    } finally {
      cleanup();
    }
  });
});
