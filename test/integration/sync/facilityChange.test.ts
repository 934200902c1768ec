// Probe 17, F3: a facility code changed while a batch signed under the old one waited. The change
// is refused unless confirmed (the batch must be synced first with the current code and key);
// once confirmed (a code wrong from the start), sync fails the old batch unsent, saying it was
// signed for the old code, instead of uploading it to a "manifest mismatch"; "put back" signs its
// records again under the current code, and the platform takes every dose once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { RpcError } from '../../../shared/rpc/client.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

const NEW = { code: '79002', apiKey: 'api-key-79002-test', taxCode: FACILITY.taxCode };

async function refusal(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(RpcError);
  return e as RpcError;
}

describe('a facility code changed while a signed batch waits', () => {
  let w: SyncWorld;
  let old: string;
  const facilityOf = (id: string) => w.station.store.db.prepare('SELECT facility_code FROM dose_records WHERE id = ?').pluck().get(id) as string;
  const heldBy = async (facility: string) => {
    const res = await fetch(`${w.platform.url}/v1/_sim/records?facility=${facility}`, { headers: { authorization: `Bearer ${w.platform.adminToken}` } });
    return ((await res.json()) as { records: { recordId: string }[] }).records;
  };

  beforeAll(async () => {
    w = await openSyncWorld({ records: 6, seed: 31, platform: { facilities: [{ code: FACILITY.code, apiKey: FACILITY.apiKey, taxCode: FACILITY.taxCode }, NEW] } });
    old = await w.sign(3);
  });
  afterAll(() => w.close());

  it('is refused while the batch waits, naming how many batches and records, in both languages', async () => {
    const e = await refusal(w.client.call('settings.set', { key: 'facility.code', value: NEW.code }));
    expect(e.code).toBe('FACILITY_CODE_BATCHES_WAITING');
    expect(e.details).toMatchObject({ current: FACILITY.code, requested: NEW.code, batches: 1, records: 3 });
    expect(e.messageVi).toContain('1 lô (3 hồ sơ) đã ký với mã 79001');
    expect(e.messageEn).toContain('1 batch(es) (3 records) signed as 79001');
    expect(e.messageEn).toContain('Sync them first, with the current code and API key');
    expect(w.station.store.getSetting('facility.code')).toBe(FACILITY.code);
    // Other facility settings are not held back.
    await w.client.call('settings.set', { key: 'facility.name', value: 'Trạm Y tế (mới)' });
    // Clearing it, confirmed or not, would strand the unsigned records stamped with it (review of session 17).
    const cleared = await refusal(w.client.call('settings.set', { key: 'facility.code', value: null, confirmUnsynced: true }));
    expect(cleared.code).toBe('FACILITY_CODE_IN_USE');
    expect(cleared.details).toMatchObject({ current: FACILITY.code, records: 3 });
    expect(cleared.messageEn).toMatch(/3 unsigned record\(s\) carry it\. Set the new code in its place instead/);
    expect(w.station.store.getSetting('facility.code')).toBe(FACILITY.code);
  });

  it('`station settings set facility.code` refuses it too (exit 1), and names --confirm-unsynced', async () => {
    const dir = join(w.dir, 'station');
    const { result } = await runCli(['--json', '--data-dir', dir, 'settings', 'set', 'facility.code', NEW.code]);
    expect(result).toMatchObject({ exitCode: 1, json: { ok: false, errors: [{ code: 'FACILITY_CODE_BATCHES_WAITING' }] } });
    expect(JSON.stringify(result.json)).toContain('--confirm-unsynced');
    expect(w.station.store.getSetting('facility.code')).toBe(FACILITY.code);
    const misuse = await runCli(['--json', '--data-dir', dir, 'settings', 'set', 'facility.name', 'X', '--confirm-unsynced']);
    expect(misuse.result.exitCode).toBe(2);
  });

  it('confirmed, it takes the unsigned records along to the new code', async () => {
    const unsigned = w.station.store.db.prepare("SELECT id FROM dose_records WHERE state IN ('draft', 'ready')").pluck().all() as string[];
    expect(unsigned).toHaveLength(3);
    await w.client.call('settings.set', { key: 'facility.code', value: NEW.code, confirmUnsynced: true });
    await w.client.call('settings.set', { key: 'platform.key', value: NEW.apiKey });
    expect(unsigned.map(facilityOf)).toEqual([NEW.code, NEW.code, NEW.code]);
    expect(w.station.signing.batches.recordIds(old).map(facilityOf)).toEqual([FACILITY.code, FACILITY.code, FACILITY.code]);
    const entry = w.station.store.db.prepare("SELECT details FROM audit_log WHERE action = 'records.facility'").pluck().get() as string;
    expect(JSON.parse(entry)).toEqual({ from: FACILITY.code, to: NEW.code, records: expect.arrayContaining(unsigned) });
  });

  it('sync fails the old batch unsent, saying it was signed for 79001 while the station syncs as 79002', async () => {
    await w.sign();
    const r = await w.client.call('sync.run', {});
    // The records taken along are accepted under the new code; the old batch never left.
    expect(r).toMatchObject({ uploadedBatches: 1, failedBatches: 1, accepted: 3, rejected: 3 });
    const b = (await w.client.call('batches.list', {})).items.find((x) => x.id === old)!;
    expect(b).toMatchObject({ state: 'failed', lastError: { code: 'BATCH_FACILITY_CHANGED' }, stillRefused: 3 });
    expect(b.lastError!.message_en).toContain('was signed for facility 79001, but the station now syncs as 79002');
    expect(b.lastError!.message_vi).toContain('được ký cho cơ sở 79001, nhưng máy trạm nay đồng bộ với mã cơ sở 79002');
    expect(await heldBy(FACILITY.code)).toHaveLength(0);
    expect(await heldBy(NEW.code)).toHaveLength(3);
  });

  it('put back, its records are signed again under the current code and the platform takes them', async () => {
    const q = await w.client.call('batches.requeue', { id: old });
    expect(q).toMatchObject({ requeued: 3, ready: 3, facilityChanged: { from: [FACILITY.code], to: NEW.code, records: 3 } });
    await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r).toMatchObject({ uploadedBatches: 1, accepted: 3, rejected: 0 });
    expect(await heldBy(NEW.code)).toHaveLength(6);
    expect(w.station.store.verifyAudit().ok).toBe(true);
    // Nothing waits any more: the code changes without a confirmation.
    await w.client.call('settings.set', { key: 'facility.code', value: '79003' });
  });
});
