// setRecordsStateThrough (applying a platform answer in one pass): the same rows and the same
// audit chain as the two setRecordsState calls it replaces, and the same all-or-nothing refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { storeContext } from '../../../electron/core/store/ports.js';
import { recordStates } from '../../../electron/core/store/recordStates.js';
import { isStationError } from '../../../shared/errors.js';
import { openTestStore, record, type TestStore } from '../db/storeHarness.js';

const open: TestStore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

const NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Em', 'Giang', 'Hà'];

/** A store with `n` signed records (same ids and chain in every store: the test clock and seed). */
function signedStore(n: number): { t: TestStore; ids: string[] } {
  const t = openTestStore();
  open.push(t);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const saved = t.store.createRecord(record({ idNumber: `0790900${10_000 + i}`, fullName: `Nguyễn Văn ${NAMES[i]!}`, phone: `09${10_000_000 + i}` }), { source: 'form' });
    expect(saved.record.state).toBe('ready');
    ids.push(saved.record.id);
  }
  t.store.setRecordsState(ids, 'ready', 'signed', { batch: 'b0' });
  return { t, ids };
}

function snapshot(t: TestStore): unknown {
  return {
    records: t.db.prepare('SELECT id, state, updated_at, platform_code, platform_message FROM dose_records ORDER BY id').all(),
    audit: t.db.prepare('SELECT * FROM audit_log ORDER BY seq').all(),
    head: t.db.prepare('SELECT * FROM audit_head').all(),
    counts: t.store.countByState(),
  };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isStationError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a StationError');
}

describe('setRecordsStateThrough', () => {
  it('signed → submitted → accepted: rows, audit entries, hashes and head as two setRecordsState calls', () => {
    const a = signedStore(7);
    const b = signedStore(7);
    expect(b.ids).toEqual(a.ids);
    a.t.store.setRecordsState(a.ids, 'signed', 'submitted', { batch: 'b1' });
    a.t.store.setRecordsState(a.ids, 'submitted', 'accepted', { batch: 'b1' });
    const r = recordStates(storeContext(b.t.db, b.t.ports)).setRecordsStateThrough(b.ids, 'signed', 'submitted', 'accepted', { batch: 'b1' }, { batch: 'b1' });
    expect(r.changed).toBe(7);
    expect(snapshot(b.t)).toEqual(snapshot(a.t));
    expect(b.t.store.getRecord(b.ids[3]!).history.map((e) => e.action)).toEqual(['record.create', 'record.signed', 'record.submitted', 'record.accepted']);
  });

  it('a shared rejection reason is stored on every record, as the second call stored it', () => {
    const a = signedStore(3);
    const b = signedStore(3);
    const reason = { batch: 'b1', code: 'FACILITY_CERT_EXPIRED', message: 'hết hạn / expired' };
    a.t.store.setRecordsState(a.ids, 'signed', 'submitted', { batch: 'b1' });
    a.t.store.setRecordsState(a.ids, 'submitted', 'rejected', reason);
    recordStates(storeContext(b.t.db, b.t.ports)).setRecordsStateThrough(b.ids, 'signed', 'submitted', 'rejected', { batch: 'b1' }, reason);
    expect(snapshot(b.t)).toEqual(snapshot(a.t));
    expect(b.t.db.prepare('SELECT state, platform_code AS code FROM dose_records WHERE id = ?').get(b.ids[0])).toEqual({ state: 'rejected', code: 'FACILITY_CERT_EXPIRED' });
  });

  it('per-record reasons take the two passes: same result', () => {
    const a = signedStore(3);
    const b = signedStore(3);
    const items = a.ids.map((id, i) => ({ id, details: { code: `C${i}`, message: `m${i}` } }));
    a.t.store.setRecordsState(a.ids, 'signed', 'submitted', { batch: 'b1' });
    a.t.store.setRecordsState(items, 'submitted', 'rejected', { batch: 'b1' });
    recordStates(storeContext(b.t.db, b.t.ports)).setRecordsStateThrough(items, 'signed', 'submitted', 'rejected', { batch: 'b1' }, { batch: 'b1' });
    expect(snapshot(b.t)).toEqual(snapshot(a.t));
  });

  it('one record not signed: STATE_CONFLICT (signed → submitted) naming it, nothing changed', () => {
    const { t, ids } = signedStore(4);
    t.store.setRecordsState([ids[2]!], 'signed', 'submitted');
    const before = snapshot(t);
    const moves = recordStates(storeContext(t.db, t.ports));
    let details: unknown;
    try {
      moves.setRecordsStateThrough(ids, 'signed', 'submitted', 'accepted', { batch: 'b1' }, { batch: 'b1' });
    } catch (e) {
      if (!isStationError(e)) throw e;
      expect(e.code).toBe('STATE_CONFLICT');
      details = e.details;
    }
    expect(details).toEqual({ from: 'signed', to: 'submitted', conflicts: [{ id: ids[2], state: 'submitted' }] });
    expect(snapshot(t)).toEqual(before);
  });

  it('refuses a path the lifecycle table does not have, or an edit on the way', () => {
    const { t, ids } = signedStore(1);
    const moves = recordStates(storeContext(t.db, t.ports));
    expect(code(() => moves.setRecordsStateThrough(ids, 'signed', 'accepted', 'issued'))).toBe('INVALID_TRANSITION');
    expect(code(() => moves.setRecordsStateThrough(ids, 'signed', 'submitted', 'issued'))).toBe('INVALID_TRANSITION');
    expect(t.store.getRecord(ids[0]!).record.state).toBe('signed');
  });
});
