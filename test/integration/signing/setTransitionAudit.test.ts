// A signed batch and the platform's answer to it are ONE hash-chained audit entry each, naming
// every record of the batch in leaf order with its outcome (DESIGN §4); each record's history
// still shows both transitions, with only its own part of the entry.
import { afterEach, describe, expect, it } from 'vitest';
import { batchStore } from '../../../electron/core/batches/batchStore.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { storeContext } from '../../../electron/core/store/ports.js';
import { recordStates } from '../../../electron/core/store/recordStates.js';
import { batchApplier } from '../../../electron/core/sync/applyBatchReply.js';
import { auditCount, openTestStore, record, type TestStore } from '../../unit/db/storeHarness.js';

const open: TestStore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

function signedBatch(n: number) {
  const t = openTestStore();
  open.push(t);
  const ids = Array.from({ length: n }, (_, i) => t.store.createRecord(record({ idNumber: `0790900${20_000 + i}`, fullName: `Trần Văn ${'ABCDEFGH'[i]}`, phone: `09${20_000_000 + i}` }), { source: 'form' }).record.id);
  const batches = batchStore(t.store, t.ports);
  const before = auditCount(t.db);
  batches.insertSigned({
    id: 'b1', createdAt: '2026-11-23T00:00:00.000Z', facility: '79001', station: 's', root: new Uint8Array(32).fill(1), alg: -7, sign1: new Uint8Array([1]),
    items: ids.map((recordId, index) => ({ recordId, index, recordCbor: new Uint8Array([index]) })),
  });
  return { t, ids, batches, signedEntries: auditCount(t.db) - before };
}

describe('set transitions, one audit entry each', () => {
  it('a signed batch writes one entry naming every record in leaf order; each history shows its part', () => {
    const { t, ids, signedEntries } = signedBatch(5);
    expect(signedEntries).toBe(1);
    expect(t.store.countByState()).toMatchObject({ ready: 0, signed: 5 });
    const [entry] = t.db.prepare(`SELECT entity, entity_id, details FROM audit_log WHERE action = 'batch.signed'`).all() as { entity: string; entity_id: string; details: string }[];
    expect(entry).toMatchObject({ entity: 'batch', entity_id: 'b1' });
    expect(JSON.parse(entry!.details)).toMatchObject({ count: 5, from: 'ready', to: 'signed', records: ids });
    const history = t.store.getRecord(ids[2]!).history;
    expect(history.map((h) => h.action)).toEqual(['record.create', 'batch.signed']);
    expect(history[1]!.details).toEqual({ count: 5, alg: -7, root: '01'.repeat(32), from: 'ready', to: 'signed', index: 2 });
    // The audit log screen's page: the entry with its record list summarised.
    expect(t.store.listAudit({ limit: 1 })[0]).toMatchObject({ action: 'batch.signed', details: { count: 5, recordCount: 5, from: 'ready', to: 'signed' } });
    expect(t.store.listAudit({ limit: 1 })[0]!.details).not.toHaveProperty('records');
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('records moved by rowid must be exactly the records named, each at its own leaf: a seq of another record, or records out of order, refuse the whole batch', () => {
    const t = openTestStore();
    open.push(t);
    const ids = Array.from({ length: 3 }, (_, i) => t.store.createRecord(record({ idNumber: `0790900${40_000 + i}`, fullName: `Phạm Văn ${'ABC'[i]}`, phone: `09${40_000_000 + i}` }), { source: 'form' }).record.id);
    const seqOf = (id: string) => t.db.prepare('SELECT seq FROM dose_records WHERE id = ?').pluck().get(id) as number;
    const batches = batchStore(t.store, t.ports);
    const store = (seqs: number[]) => batches.insertSigned({
      id: `b-${seqs.join('-')}`, createdAt: '2026-11-23T00:00:00.000Z', facility: '79001', station: 's', root: new Uint8Array(32), alg: -7, sign1: new Uint8Array([1]),
      items: ids.slice(0, 2).map((recordId, index) => ({ recordId, recordSeq: seqs[index]!, index, recordCbor: new Uint8Array([index]) })),
    });
    expect(() => store([seqOf(ids[0]!), seqOf(ids[2]!)])).toThrow(expect.objectContaining({ code: 'STATE_CONFLICT' }));
    expect(t.store.countByState()).toMatchObject({ ready: 3, signed: 0 });
    expect(t.db.prepare('SELECT count(*) FROM batch_leaves').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM dose_records WHERE batch_seq IS NOT NULL').pluck().get()).toBe(0);
    // The right records in the wrong order: each would get the other's leaf. Refused whole too.
    expect(() => store([seqOf(ids[1]!), seqOf(ids[0]!)])).toThrow(expect.objectContaining({ code: 'STATE_CONFLICT' }));
    expect(t.store.countByState()).toMatchObject({ ready: 3, signed: 0 });
    expect(t.db.prepare('SELECT count(*) FROM dose_records WHERE batch_seq IS NOT NULL').pluck().get()).toBe(0);
    store([seqOf(ids[0]!), seqOf(ids[1]!)]);
    expect(t.db.prepare('SELECT id, batch_idx FROM dose_records WHERE batch_seq IS NOT NULL ORDER BY batch_idx').raw().all()).toEqual([[ids[0], 0], [ids[1], 1]]);
    expect(ids.map((id) => t.store.getRecord(id).record.state)).toEqual(['signed', 'signed', 'ready']);
  });

  it('an answer writes one entry with each record’s outcome; records move, reasons are stored, histories show it', () => {
    const { t, ids, batches } = signedBatch(5);
    // The certificate of ids[4] was pulled before the answer was applied: issued right away.
    t.db.prepare(`INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at) VALUES (?, 'URN:UVCI:01:VN:X', 'HC1:X', 't', 't', 't')`).run(ids[4]);
    // ids[3] was corrected after signing: the answer is only audited for it.
    t.store.correctRecord(ids[3]!, { dose: { lot: 'FIX01' } }, 'Sai số lô', { confirmWarnings: true });
    const applier = batchApplier({ store: t.store, batches, ports: t.ports, logger: silentLogger });
    const before = auditCount(t.db);
    const counts = applier.applyReply('b1', {
      batch: 'b1',
      serverTime: '2026-11-23T01:00:00.000Z',
      results: [
        { recordId: ids[0]!, status: 'accepted' },
        { recordId: ids[1]!, status: 'rejected', code: 'IDENTITY_MISMATCH', message: 'sai / wrong' },
        { recordId: ids[2]!, status: 'duplicate', existingId: 'other-7' },
        { recordId: ids[3]!, status: 'accepted' },
        { recordId: ids[4]!, status: 'accepted' },
      ],
    });
    expect(counts).toEqual({ accepted: 2, rejected: 1, duplicates: 1, skipped: 1 });
    // batch.submitted and the answer's one entry, whatever the batch's size.
    expect(auditCount(t.db) - before).toBe(2);
    const state = (id: string) => t.store.getRecord(id).record.state;
    expect(ids.map(state)).toEqual(['accepted', 'rejected', 'rejected', 'superseded', 'issued']);
    expect(t.store.getRecord(ids[1]!).platform).toEqual({ code: 'IDENTITY_MISMATCH', message: 'sai / wrong' });
    expect(t.store.getRecord(ids[2]!).platform?.code).toBe('DUPLICATE');
    const reply = (id: string) => t.store.getRecord(id).history.find((h) => h.action === 'batch.reply')!.details;
    expect(reply(ids[0]!)).toMatchObject({ index: 0, result: 'accepted', from: 'signed', via: 'submitted' });
    expect(reply(ids[1]!)).toMatchObject({ index: 1, result: { status: 'rejected', code: 'IDENTITY_MISMATCH', message: 'sai / wrong' } });
    expect(reply(ids[2]!)).toMatchObject({ index: 2, result: { status: 'duplicate', code: 'DUPLICATE', existingId: 'other-7' } });
    expect(reply(ids[3]!)).toMatchObject({ index: 3, result: 'skipped' });
    expect(reply(ids[4]!)).toMatchObject({ index: 4, result: 'issued' });
    expect(reply(ids[0]!)).not.toHaveProperty('records');
    expect(reply(ids[0]!)).not.toHaveProperty('results');
    const counted = Object.fromEntries((t.db.prepare('SELECT state, count(*) AS n FROM dose_records GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    expect(t.store.countByState()).toMatchObject(counted);
    expect(t.store.verifyAudit().ok).toBe(true);
  });

  it('the answer\'s counts tell refusals from duplicates (the sync screen shows both)', () => {
    const { t, ids, batches } = signedBatch(4);
    const applier = batchApplier({ store: t.store, batches, ports: t.ports, logger: silentLogger });
    const counts = applier.applyReply('b1', { batch: 'b1', serverTime: '2026-11-23T01:00:00.000Z', results: [
      { recordId: ids[0]!, status: 'accepted' },
      { recordId: ids[1]!, status: 'rejected', code: 'IDENTITY_MISMATCH', message: 'sai / wrong' },
      { recordId: ids[2]!, status: 'rejected', code: 'LOT_UNKNOWN', message: 'lô / lot' },
      { recordId: ids[3]!, status: 'duplicate', existingId: 'other-7' },
    ] });
    expect(counts).toEqual({ accepted: 1, rejected: 2, duplicates: 1, skipped: 0 });
    const entry = t.db.prepare(`SELECT details FROM audit_log WHERE action = 'batch.reply'`).pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ accepted: 1, rejected: 2, duplicates: 1, skipped: 0 });
  });

  it('a certificate pulled but already revoked does not make the accepted record issued', () => {
    // As pullCertificates: only a certificate that stands issues a record.
    const { t, ids, batches } = signedBatch(2);
    const held = t.db.prepare(`INSERT INTO certificates (record_id, uvci, hc1, issued_at, expires_at, received_at, revoked_at) VALUES (?, ?, 'HC1:X', 't', 't', 't', ?)`);
    held.run(ids[0], 'URN:UVCI:01:VN:A', null);
    held.run(ids[1], 'URN:UVCI:01:VN:B', '2026-11-23T00:30:00.000Z');
    const applier = batchApplier({ store: t.store, batches, ports: t.ports, logger: silentLogger });
    applier.applyReply('b1', { batch: 'b1', serverTime: '2026-11-23T01:00:00.000Z', results: ids.map((recordId) => ({ recordId, status: 'accepted' as const })) });
    expect(ids.map((id) => t.store.getRecord(id).record.state)).toEqual(['issued', 'accepted']);
  });

  it('an answer moved by rowid moves exactly the records named: a seq of another signed record refuses the move', () => {
    const { t, ids } = signedBatch(2);
    const seqOf = (id: string) => t.db.prepare('SELECT seq FROM dose_records WHERE id = ?').pluck().get(id) as number;
    const moves = recordStates(storeContext(t.db, t.ports));
    // ids[0] named, ids[1]'s rowid given: both are signed, so only the id check can tell.
    expect(() => t.db.transaction(() => moves.moveSet({ ids: [ids[0]!], seqs: [seqOf(ids[1]!)], from: 'signed', via: 'submitted', to: 'accepted' }))())
      .toThrow(expect.objectContaining({ code: 'STATE_CONFLICT' }));
    expect(ids.map((id) => t.store.getRecord(id).record.state)).toEqual(['signed', 'signed']);
    expect(t.store.countByState()).toMatchObject({ signed: 2, accepted: 0 });
  });

  it('a batch the platform refuses whole: one entry names every record it rejected', () => {
    const { t, ids, batches } = signedBatch(3);
    const applier = batchApplier({ store: t.store, batches, ports: t.ports, logger: silentLogger });
    const before = auditCount(t.db);
    expect(applier.applyRefusal('b1', { code: 'CERT_UNTRUSTED', message_vi: 'không tin cậy', message_en: 'untrusted' })).toEqual({ rejected: 3 });
    expect(auditCount(t.db) - before).toBe(1);
    for (const [index, id] of ids.entries()) {
      const got = t.store.getRecord(id);
      expect(got.record.state).toBe('rejected');
      expect(got.platform).toEqual({ code: 'CERT_UNTRUSTED', message: 'không tin cậy / untrusted' });
      expect(got.history.at(-1)).toMatchObject({ action: 'batch.failed', details: { index, code: 'CERT_UNTRUSTED', result: 'rejected', to: 'rejected' } });
    }
    expect(t.store.verifyAudit().ok).toBe(true);
  });
});
