// appendAuditMany is the bulk path for one change touching many entities (a signed batch, a
// platform reply): it must write exactly the chain that appendAudit called once per entry writes.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendAudit, appendAuditMany, type AuditInput } from '../../../electron/core/audit/auditLog.js';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';

function freshDb(): Database.Database {
  return openStationDatabase(':memory:');
}

const inputArb: fc.Arbitrary<AuditInput> = fc.record({
  action: fc.constantFrom('record.signed', 'record.accepted', 'batch.reply', 'person.merge'),
  entity: fc.constantFrom('record', 'batch', 'person'),
  entityId: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  details: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { noNullPrototype: true }) as fc.Arbitrary<Record<string, never>>, { nil: undefined }),
});

function rows(db: Database.Database) {
  return db.prepare('SELECT seq, at, actor, action, entity, entity_id, details, hex(prev_hash) AS p, hex(hash) AS h FROM audit_log ORDER BY seq').all();
}

describe('appendAuditMany', () => {
  it('writes the same entries and hashes as appendAudit once per entry', () => {
    fc.assert(fc.property(fc.array(inputArb, { minLength: 0, maxLength: 12 }), fc.array(inputArb, { maxLength: 3 }), (bulk, before) => {
      const a = freshDb();
      const b = freshDb();
      try {
        const at = '2026-11-23T03:04:05.006Z';
        a.transaction(() => { for (const i of before) appendAudit(a, 'user:lan', at, i); for (const i of bulk) appendAudit(a, 'user:lan', at, i); })();
        b.transaction(() => { for (const i of before) appendAudit(b, 'user:lan', at, i); appendAuditMany(b, 'user:lan', at, bulk); })();
        expect(rows(b)).toEqual(rows(a));
        expect(b.prepare('SELECT seq, hex(hash) AS h FROM audit_head').get()).toEqual(a.prepare('SELECT seq, hex(hash) AS h FROM audit_head').get());
        expect(verifyAuditChain(b).ok).toBe(true);
        // The chain goes on correctly after a bulk append.
        b.transaction(() => appendAudit(b, 'sync', at, { action: 'batch.reply', entity: 'batch', entityId: 'x' }))();
        expect(verifyAuditChain(b).ok).toBe(true);
      } finally {
        a.close();
        b.close();
      }
    }), { numRuns: 60 });
  });

  it('stores a lone surrogate as appendAudit does, as its bulk insert binds it', () => {
    const a = freshDb();
    const b = freshDb();
    try {
      const at = '2026-11-23T03:04:05.006Z';
      const inputs: AuditInput[] = [
        { action: 'batch.reply', entity: 'batch', entityId: 'b1', details: { message: 'ok 😀' } },
        { action: 'batch.reply', entity: 'batch', entityId: 'b\ud800', details: { message: 'half a pair: \udc00' } },
        { action: 'batch.reply', entity: 'batch', entityId: 'b3', details: { n: 3 } },
      ];
      a.transaction(() => { for (const i of inputs) appendAudit(a, 'sync', at, i); })();
      b.transaction(() => appendAuditMany(b, 'sync', at, inputs))();
      // The same rows as appendAudit writes (which stores a lone surrogate in entity_id as U+FFFD).
      expect(rows(b)).toEqual(rows(a));
    } finally {
      a.close();
      b.close();
    }
  });

  it('writes the same chain across its statement chunks, entries sharing one details object included', () => {
    const a = freshDb();
    const b = freshDb();
    try {
      const at = '2026-11-23T03:04:05.006Z';
      // A signed batch's entries share one details object; a few carry their own; 1,203 entries
      // span full chunks of the bulk insert and a partial last one.
      const shared = { batch: 'b1', from: 'ready', to: 'signed' };
      const inputs: AuditInput[] = Array.from({ length: 1203 }, (_, i) =>
        i % 400 === 7 ? { action: 'record.signed', entity: 'record', entityId: `r${i}`, details: { batch: 'b1', own: i } }
          : i % 500 === 3 ? { action: 'record.signed', entity: 'record', entityId: `r${i}` }
            : { action: 'record.signed', entity: 'record', entityId: `r${i}`, details: shared });
      a.transaction(() => { for (const i of inputs) appendAudit(a, 'user:lan', at, i); })();
      b.transaction(() => appendAuditMany(b, 'user:lan', at, inputs))();
      expect(rows(b)).toEqual(rows(a));
      expect(b.prepare('SELECT seq, hex(hash) AS h FROM audit_head').get()).toEqual(a.prepare('SELECT seq, hex(hash) AS h FROM audit_head').get());
      expect(verifyAuditChain(b).ok).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses to write outside a transaction', () => {
    const db = freshDb();
    try {
      const input: AuditInput = { action: 'record.signed', entity: 'record', entityId: 'r' };
      expect(() => appendAuditMany(db, 'a', 'now', [input, input])).toThrow(expect.objectContaining({ code: 'AUDIT_OUTSIDE_TRANSACTION' }));
      expect(rows(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
