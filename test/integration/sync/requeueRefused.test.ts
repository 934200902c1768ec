// A batch the platform refuses as a whole for its certificate (here: expired) leaves its records
// rejected though nothing in them is wrong. `batches.requeue` (and `station batches requeue`) puts
// each one still rejected with that refusal back in the signing queue as a correction with the
// same content; signed again with a good certificate, the platform takes them all, and nothing is
// lost or held twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main.js';
import { isStationError } from '../../../shared/errors.js';
import { createFacilityCert } from '../platform/facilityFixture.js';
import { softwareSigner } from './softwareSigner.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

const DAY = 86400_000;

interface Content {
  person: string;
  vaccine: string;
  doseNumber: number;
  vaccinationDate: string;
  lot: string | null;
}

describe('a batch refused for its certificate, put back in the signing queue', () => {
  let w: SyncWorld;
  let refused: string;
  let other: string;
  let good: string;
  let corrected: string;
  const before = new Map<string, Content>();
  const contentOf = (id: string): Content => {
    const { record } = w.station.store.getRecord(id);
    return { person: record.personId, vaccine: record.vaccine, doseNumber: record.doseNumber, vaccinationDate: record.vaccinationDate, lot: record.lot };
  };

  beforeAll(async () => {
    w = await openSyncWorld({ records: 40, seed: 23 });
    const expired = softwareSigner(
      await createFacilityCert(w.pki.ca, FACILITY.taxCode, { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 60 * DAY) }),
    );
    refused = await w.sign(10, expired);
    other = await w.sign(10, expired);
    good = await w.sign(10);
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, accepted: 10, rejected: 20 });
    for (const id of w.station.signing.batches.recordIds(refused)) before.set(id, contentOf(id));
    // One record of the refused batch was already corrected by hand: it is not put back again.
    corrected = w.station.signing.batches.recordIds(refused)[3]!;
    w.station.store.correctRecord(corrected, { dose: { lot: 'FIXED01' } }, 'Sai số lô', { confirmWarnings: true });
  });
  afterAll(() => w.close());

  it('refuses a batch the platform did not refuse, naming its state in both languages', async () => {
    const e = await w.client.call('batches.requeue', { id: good }).catch((err: unknown) => err);
    expect(isStationError(e) && e.code).toBe('BATCH_NOT_REFUSED');
    expect((e as { messageVi: string }).messageVi).toContain('"submitted"');
    expect((e as { messageEn: string }).messageEn).toContain('"submitted"');
    const missing = await w.client.call('batches.requeue', { id: 'no-such-batch' }).catch((err: unknown) => err);
    expect(isStationError(missing) && missing.code).toBe('BATCH_NOT_FOUND');
  });

  it('makes a correction with the same content for each record still refused, ready to sign', async () => {
    const r = await w.client.call('batches.requeue', { id: refused });
    expect(r).toMatchObject({ batchId: refused, refusal: { code: 'CERT_EXPIRED' }, requeued: 9, ready: 9, skippedCount: 1 });
    expect(r.skipped).toEqual([expect.objectContaining({ id: corrected, code: 'RECORD_NOT_REFUSED_WITH_BATCH' })]);
    expect(r.skipped[0]!.message_vi).toContain('đã được thay bằng hồ sơ mới');
    expect(r.skipped[0]!.message_en).toContain('already replaced by a new record');
    // The list tells how many are still there to put back: one less than before, none after.
    const listed = () => w.client.call('batches.list', {}).then((l) => l.items.find((b) => b.id === refused)!);
    for (const [id, content] of before) {
      const old = w.station.store.getRecord(id);
      expect(old.record.state).toBe('superseded');
      if (id === corrected) continue;
      const next = w.station.store.db.prepare('SELECT id FROM dose_records WHERE supersedes = ?').pluck().get(id) as string;
      expect(contentOf(next)).toEqual(content);
      const now = w.station.store.getRecord(next);
      expect(now.record.state).toBe('ready');
      expect(old.history.at(-1)).toMatchObject({ action: 'record.superseded', details: { reason: expect.stringContaining(`lô ${refused}`) } });
    }
    expect((await listed()).stillRefused).toBe(0);
    expect((await w.client.call('batches.list', {})).items.find((b) => b.id === other)!.stillRefused).toBe(10);
    expect((await w.client.call('batches.list', {})).items.find((b) => b.id === good)!.stillRefused).toBeUndefined();
    // Again: nothing left to put back, nothing made twice.
    const again = await w.client.call('batches.requeue', { id: refused });
    expect(again).toMatchObject({ requeued: 0, skippedCount: 10 });
  });

  it('`station batches requeue` does the same for the other refused batch (text and JSON)', async () => {
    const dir = join(w.dir, 'station');
    const { result } = await runCli(['--json', '--data-dir', dir, 'batches', 'requeue', other]);
    expect(result.exitCode).toBe(0);
    expect(result.json).toMatchObject({ ok: true, batchId: other, refusal: { code: 'CERT_EXPIRED' }, requeued: 10, ready: 10, skippedCount: 0 });
    const text = await runCli(['--data-dir', dir, 'batches', 'requeue', other]);
    expect(text.result.text).toContain(`batch ${other} (CERT_EXPIRED): 0 records back in the queue`);
    const wrong = await runCli(['--json', '--data-dir', dir, 'batches', 'requeue', good]);
    expect(wrong.result).toMatchObject({ exitCode: 1, json: { ok: false, errors: [{ code: 'BATCH_NOT_REFUSED' }] } });
    expect((await runCli(['--json', '--data-dir', dir, 'batches', 'requeue'])).result.exitCode).toBe(2);
  });

  it('signed again with a good certificate, the platform takes every dose once', async () => {
    // 19 put back, the one corrected by hand, and the 10 never signed.
    const batch = await w.sign();
    expect(w.station.signing.batches.recordIds(batch)).toHaveLength(30);
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, accepted: 30, rejected: 0, duplicates: 0 });
    const held = await w.held();
    expect(held).toHaveLength(40);
    expect(new Set(held.map((h) => h.recordId)).size).toBe(40);
    // Every dose of the two refused batches is held once, under its new record.
    const live = w.station.store.db
      .prepare(`SELECT count(*) FROM dose_records WHERE state NOT IN ('superseded', 'rejected')`)
      .pluck()
      .get() as number;
    expect(live).toBe(40);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});
