// DESIGN §4: the audit log is append-only and hash-chained; `verifyAudit` finds an edited, deleted,
// inserted or reordered entry — with the append-only triggers dropped, or by a raw edit of the
// file — and names it.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalDetails, canonicalEntry, entryHash } from '../../../electron/core/audit/auditLog.js';
import { canonicalJson } from '../../../electron/core/audit/canonicalJson.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { createStationStore } from '../../../electron/core/store/stationStore.js';
import { openTestStore, record, testPorts, type TestStore } from './storeHarness.js';

describe('canonicalJson (RFC 8785 form of the values the log holds)', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 'é' } })).toBe('{"a":{"c":"é","d":[true,null,"x"]},"b":1}');
  });

  it('the bulk serialiser (canonicalDetails, with its JSON.stringify path for lists of scalars) writes what canonicalJson writes', () => {
    const scalar = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const lists = fc.letrec<{ list: unknown[] }>((tie) => ({ list: fc.array(fc.oneof({ depthSize: 'small' }, scalar, tie('list')), { maxLength: 6 }) })).list;
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), lists, fc.array(lists)), (v) => {
      expect(canonicalDetails(v)).toBe(canonicalJson(v));
    }), { numRuns: 500 });
    // Holes, undefined, objects inside: not the fast path, still the same text.
    // eslint-disable-next-line no-sparse-arrays
    for (const v of [[1, , 2], [[1, undefined], 'a'], [['x', { b: 1, a: 2 }]], [[[[[['deep']]]]]]]) expect(canonicalDetails(v)).toBe(canonicalJson(v));
    expect(() => canonicalDetails([[1, Number.NaN]])).toThrow(TypeError);
  });

  it('does not depend on key order, and reads back as what was written', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = canonicalJson(v);
      expect(canonicalJson(JSON.parse(text))).toBe(text);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const reversed = Object.fromEntries(Object.entries(v).reverse());
        expect(canonicalJson(reversed)).toBe(text);
      }
    }));
  });

  it('refuses what JSON cannot hold exactly', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ x: () => 1 })).toThrow(/not JSON/);
    expect(() => canonicalJson(new Date(0))).toThrow(/not JSON/);
  });
});

describe('the audit chain', () => {
  let t: TestStore;
  beforeEach(() => {
    t = openTestStore({ actor: 'user:lan' });
    const a = t.store.createRecord(record(), { source: 'form' }).record.id;
    t.store.setRecordsState([a], 'ready', 'signed', { batchId: 'batch-1' });
    t.store.setSetting('facility.name', 'Trạm Y tế Phường Bến Nghé');
    t.store.createRecord(record({ idNumber: '079185004321', fullName: 'Đỗ Thị Ánh', dob: '1985-02-03', sex: 'F' }), { source: 'form' });
    t.store.correctRecord(a, { dose: { lot: 'ABV9999' } }, 'lot mistyped');
    t.store.setSetting('station.note', 'marker-5f3a9c');
  });
  afterEach(() => t.close());

  const count = () => (t.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const dropGuards = () => t.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');

  it('verifies: genesis prev_hash is 32 zero bytes, each hash = SHA-256(prev_hash ‖ canonical entry)', () => {
    const v = t.store.verifyAudit();
    expect(v).toMatchObject({ ok: true, entries: count(), brokenAt: null, code: null });
    const rows = t.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as { seq: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; details: string; prev_hash: Buffer; hash: Buffer }[];
    expect(rows[0]!.prev_hash.equals(Buffer.alloc(32))).toBe(true);
    for (const r of rows) {
      const canonical = canonicalEntry({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, details: JSON.parse(r.details) });
      expect(canonical.startsWith('{"action":')).toBe(true);
      expect(Buffer.from(entryHash(new Uint8Array(r.prev_hash), canonical)).equals(r.hash)).toBe(true);
    }
    expect(v.head).toBe(rows.at(-1)!.hash.toString('hex'));
    expect(rows.every((r) => r.actor === 'user:lan')).toBe(true);
  });

  it('refuses UPDATE and DELETE on the log (append-only triggers)', () => {
    expect(() => t.db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/AUDIT_APPEND_ONLY/);
    expect(() => t.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/AUDIT_APPEND_ONLY/);
  });

  it('names an edited entry', () => {
    dropGuards();
    t.db.prepare(`UPDATE audit_log SET details = json_set(details, '$.batchId', 'batch-2') WHERE seq = 2`).run();
    expect(t.store.verifyAudit()).toMatchObject({ ok: false, brokenAt: 2, code: 'AUDIT_ENTRY_ALTERED' });
    expect(t.store.verifyAudit().reason).toContain('entry 2 was altered');
  });

  it('names an edited actor or time too', () => {
    dropGuards();
    t.db.prepare("UPDATE audit_log SET actor = 'user:someone-else' WHERE seq = 3").run();
    expect(t.store.verifyAudit()).toMatchObject({ brokenAt: 3, code: 'AUDIT_ENTRY_ALTERED' });
  });

  it('names a deleted entry in the middle', () => {
    dropGuards();
    t.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    const v = t.store.verifyAudit();
    expect(v).toMatchObject({ ok: false, brokenAt: 3, code: 'AUDIT_ENTRY_MISSING' });
    expect(v.reason_vi).toContain('thiếu mục nhật ký 3');
  });

  it('names the first of deleted last entries (the chain alone cannot; the recorded head can)', () => {
    dropGuards();
    const n = count();
    t.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(n - 1);
    expect(t.store.verifyAudit()).toMatchObject({ ok: false, brokenAt: n - 1, code: 'AUDIT_HEAD_MISMATCH' });
  });

  it('names reordered entries', () => {
    dropGuards();
    t.db.exec('UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -2;');
    expect(t.store.verifyAudit()).toMatchObject({ ok: false, brokenAt: 2, code: 'AUDIT_CHAIN_BROKEN' });
  });

  it('names an entry inserted in the middle, even one whose own hash was computed correctly', () => {
    dropGuards();
    const n = count();
    for (let s = n; s >= 3; s--) t.db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(s + 1, s);
    const prev = (t.db.prepare('SELECT hash FROM audit_log WHERE seq = 2').get() as { hash: Buffer }).hash;
    const forged = { seq: 3, at: '2023-01-15T03:00:00.000Z', actor: 'user:lan', action: 'record.signed', entity: 'record', entityId: 'forged', details: {} };
    const hash = entryHash(new Uint8Array(prev), canonicalEntry(forged));
    t.db.prepare('INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES (3, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(forged.at, forged.actor, forged.action, forged.entity, forged.entityId, '{}', prev, Buffer.from(hash));
    const v = t.store.verifyAudit();
    expect(v).toMatchObject({ ok: false, brokenAt: 4, code: 'AUDIT_CHAIN_BROKEN' });
    expect(v.reason).toContain('entry 4 does not follow entry 3');
  });

  it('names an entry appended behind the station’s back', () => {
    const n = count();
    const last = t.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(n) as { hash: Buffer };
    const forged = { seq: n + 1, at: '2023-01-15T03:00:00.000Z', actor: 'user:lan', action: 'record.issued', entity: 'record', entityId: 'x', details: {} };
    t.db.prepare('INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(n + 1, forged.at, forged.actor, forged.action, forged.entity, forged.entityId, '{}', last.hash, Buffer.from(entryHash(new Uint8Array(last.hash), canonicalEntry(forged))));
    expect(t.store.verifyAudit()).toMatchObject({ ok: false, brokenAt: n + 1, code: 'AUDIT_HEAD_MISMATCH' });
  });

  it('names an entry changed by editing the database file itself', () => {
    const seq = (t.db.prepare("SELECT seq FROM audit_log WHERE details LIKE '%marker-5f3a9c%'").get() as { seq: number }).seq;
    t.db.close();
    const bytes = readFileSync(t.path);
    const at = bytes.indexOf('marker-5f3a9c');
    expect(at).toBeGreaterThan(0);
    // The marker sits in the settings row and in the audit entry: overwrite every copy in place.
    for (let i = at; i >= 0; i = bytes.indexOf('marker-5f3a9c', i + 1)) bytes.write('marker-000000', i, 'latin1');
    writeFileSync(t.path, bytes);
    const store = createStationStore(openStationDatabase(t.path), testPorts());
    const v = store.verifyAudit();
    expect(v).toMatchObject({ ok: false, brokenAt: seq, code: 'AUDIT_ENTRY_ALTERED' });
    store.db.close();
  });
});
